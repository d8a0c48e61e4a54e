// The billing-period table and the label parser. Labels are matched liberally (case, hyphens,
// "every"/"per", digits or number words) but never by guesswork: an ambiguous label such as
// "Bi-Annual" (twice a year or every two years?) is left unresolved so the caller warns.
#include "domain/periods.hpp"

#include <cctype>
#include <charconv>
#include <string>
#include <vector>

#include "util/ascii.hpp"

namespace domain {
namespace {

Period weekly() { return {"weekly", 52, 12}; }
Period monthly() { return {"monthly", 1, 1}; }
Period quarterly() { return {"quarterly", 1, 3}; }
Period half_yearly() { return {"half-yearly", 1, 6}; }
Period yearly() { return {"yearly", 1, 12}; }
Period two_yearly() { return {"two-yearly", 1, 24}; }
Period three_yearly() { return {"three-yearly", 1, 36}; }
Period four_yearly() { return {"four-yearly", 1, 48}; }

// Lower-case words, with '-', '_', '/', '.' and runs of spaces turned into single spaces, and a
// digit run split from letters ("6monthly" -> "6 monthly").
std::vector<std::string> words_of(std::string_view label) {
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) words.push_back(std::move(current));
    current.clear();
  };
  for (char raw : label) {
    auto c = static_cast<unsigned char>(raw);
    if (std::isalnum(c)) {
      bool digit = std::isdigit(c) != 0;
      if (!current.empty() && (std::isdigit(static_cast<unsigned char>(current.back())) != 0) != digit) flush();
      current.push_back(static_cast<char>(std::tolower(c)));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

std::optional<int> number_word(const std::string& word) {
  static const std::pair<const char*, int> kWords[] = {
      {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"six", 6}, {"twelve", 12},
      {"twentyfour", 24}, {"thirtysix", 36}, {"fortyeight", 48}};
  for (const auto& [w, n] : kWords) {
    if (word == w) return n;
  }
  int value = 0;
  auto [ptr, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (ec == std::errc() && ptr == word.data() + word.size() && value > 0) return value;
  return std::nullopt;
}

enum class Unit { kWeek, kMonth, kQuarter, kYear };

std::optional<Unit> unit_word(const std::string& word) {
  static const std::pair<const char*, Unit> kUnits[] = {
      {"week", Unit::kWeek},       {"weeks", Unit::kWeek},       {"weekly", Unit::kWeek},
      {"month", Unit::kMonth},     {"months", Unit::kMonth},     {"monthly", Unit::kMonth},
      {"quarter", Unit::kQuarter}, {"quarters", Unit::kQuarter}, {"quarterly", Unit::kQuarter},
      {"year", Unit::kYear},       {"years", Unit::kYear},       {"yearly", Unit::kYear},
      {"annual", Unit::kYear},     {"annually", Unit::kYear},    {"annum", Unit::kYear},
  };
  for (const auto& [w, u] : kUnits) {
    if (word == w) return u;
  }
  return std::nullopt;
}

// n units -> a canonical period, when it is one.
std::optional<Period> from_count(int n, Unit unit) {
  int months = 0;
  switch (unit) {
    case Unit::kWeek: return n == 1 ? std::optional(weekly()) : std::nullopt;
    case Unit::kMonth: months = n; break;
    case Unit::kQuarter: months = 3 * n; break;
    case Unit::kYear: months = 12 * n; break;
  }
  switch (months) {
    case 1: return monthly();
    case 3: return quarterly();
    case 6: return half_yearly();
    case 12: return yearly();
    case 24: return two_yearly();
    case 36: return three_yearly();
    case 48: return four_yearly();
    default: return std::nullopt;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

PeriodTable PeriodTable::defaults() {
  PeriodTable table;
  table.by_code_ = {{1, weekly()},       {2, monthly()},    {3, yearly()},    {4, quarterly()},
                    {7, three_yearly()}, {8, two_yearly()}, {9, four_yearly()}};
  return table;
}

std::optional<Period> PeriodTable::parse_label(std::string_view label) {
  std::vector<std::string> words = words_of(label);
  // Filler that does not change the meaning: "every 3 months", "per annum", "billed monthly".
  std::erase_if(words, [](const std::string& w) {
    return w == "every" || w == "per" || w == "each" || w == "billed" || w == "a" || w == "in" ||
           w == "advance" || w == "arrears";
  });
  if (words.empty()) return std::nullopt;

  if (words.size() == 1) {
    const std::string& w = words[0];
    if (w == "fortnightly" || w == "biannual" || w == "biannually" || w == "bimonthly") return std::nullopt;
    if (w == "biennial" || w == "biennially") return two_yearly();
    if (w == "triennial" || w == "triennially") return three_yearly();
    if (w == "quadrennial" || w == "quadrennially") return four_yearly();
    if (w == "halfyearly" || w == "semiannual" || w == "semiannually" || w == "sixmonthly") return half_yearly();
    if (auto unit = unit_word(w)) return from_count(1, *unit);
    return std::nullopt;
  }
  if (words.size() == 2) {
    if (words[0] == "half" && unit_word(words[1]) == Unit::kYear) return half_yearly();
    if (words[0] == "semi" && (words[1] == "annual" || words[1] == "annually")) return half_yearly();
    if (auto n = number_word(words[0])) {
      if (auto unit = unit_word(words[1])) return from_count(*n, *unit);
    }
  }
  return std::nullopt;
}

namespace {

// "a=b, c=d," -> {"a=b", "c=d"}: trimmed, empty entries skipped (a doubled or trailing comma is
// a typo not worth refusing a start-up for).
std::vector<std::string_view> entries_of(std::string_view spec) {
  std::vector<std::string_view> entries;
  std::string_view rest = spec;
  while (!trim(rest).empty()) {
    auto comma = rest.find(',');
    std::string_view entry = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    if (!entry.empty()) entries.push_back(entry);
  }
  return entries;
}

util::Unexpected bad_entry(const char* setting, std::string_view entry, const std::string& why, const char* hint) {
  util::Error error{util::ErrorKind::kConfig,
                    std::string(setting) + " entry '" + std::string(entry) + "' is invalid: " + why, 0, {}, {}, {}};
  error.hint = hint;
  return util::Unexpected(std::move(error));
}

std::string label_key(std::string_view label) {
  return util::lower_ascii(trim(label));
}

}  // namespace

util::Result<PeriodTable> PeriodTable::with_overrides(std::string_view spec) const {
  constexpr const char* kHint =
      "Use code=name pairs separated by commas, e.g. 1=weekly,2=monthly,3=yearly,5=half-yearly.";
  PeriodTable table = *this;
  for (std::string_view entry : entries_of(spec)) {
    auto bad = [&](const std::string& why) { return bad_entry("HALO_PERIOD_CODES", entry, why, kHint); };
    auto eq = entry.find('=');
    if (eq == std::string_view::npos) return bad("expected code=name");
    std::string_view code_text = trim(entry.substr(0, eq));
    std::string_view name = trim(entry.substr(eq + 1));
    std::int64_t code = 0;
    auto [ptr, ec] = std::from_chars(code_text.data(), code_text.data() + code_text.size(), code);
    if (code_text.empty() || ec != std::errc() || ptr != code_text.data() + code_text.size() || code < 0) {
      return bad("the code must be a non-negative integer");
    }
    auto period = parse_label(name);
    if (!period) return bad("unknown period name '" + std::string(name) + "'");
    table.by_code_[code] = *period;
  }
  return table;
}

util::Result<PeriodTable> PeriodTable::with_label_overrides(std::string_view spec) const {
  constexpr const char* kHint =
      "Use label=period pairs separated by commas, e.g. Bi-Annually=half-yearly,Every Two Years=two-yearly "
      "(periods: weekly, monthly, quarterly, half-yearly, yearly, two-yearly, three-yearly, four-yearly).";
  PeriodTable table = *this;
  for (std::string_view entry : entries_of(spec)) {
    auto bad = [&](const std::string& why) { return bad_entry("HALO_PERIOD_LABELS", entry, why, kHint); };
    // The last '=' splits, so the period name never contains one and a label may ("Term=12m").
    auto eq = entry.rfind('=');
    if (eq == std::string_view::npos) return bad("expected label=period");
    std::string key = label_key(entry.substr(0, eq));
    std::string_view name = trim(entry.substr(eq + 1));
    if (key.empty()) return bad("the label is empty");
    auto period = parse_label(name);
    if (!period) return bad("unknown period name '" + std::string(name) + "'");
    table.by_label_[key] = *period;
  }
  return table;
}

std::optional<Period> PeriodTable::resolve(std::optional<std::string_view> label,
                                           std::optional<std::int64_t> code) const {
  if (label && !trim(*label).empty()) {
    // The operator's mapping first: it is how a label the parser misreads or refuses is fixed.
    if (!by_label_.empty()) {
      if (auto it = by_label_.find(label_key(*label)); it != by_label_.end()) return it->second;
    }
    if (auto period = parse_label(*label)) return period;
  }
  // A label we cannot read (another language, a custom name) falls back to the code, whose
  // meaning the operator controls through HALO_PERIOD_CODES.
  if (code) {
    auto it = by_code_.find(*code);
    if (it != by_code_.end()) return it->second;
  }
  return std::nullopt;
}

Money PeriodTable::monthly_value(Cents amount_per_period, const Period& period) {
  return Money::cents(amount_per_period).scaled(period.factor_num, period.factor_den);
}

}  // namespace domain

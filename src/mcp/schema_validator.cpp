// The JSON Schema subset validator (see schema_validator.hpp for the keywords covered).
#include "mcp/schema_validator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <mutex>
#include <regex>

namespace mcp {
namespace {

using util::Json;

std::string join_path(const std::string& base, const std::string& key) {
  return base.empty() ? key : base + "." + key;
}

std::string format_number(const Json& n) {
  if (n.is_number_float()) {
    const double d = n.get<double>();
    if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  }
  return n.dump();
}

bool is_integer_value(const Json& v) {
  if (v.is_number_integer() || v.is_number_unsigned()) return true;
  if (v.is_number_float()) {
    const double d = v.get<double>();
    return std::isfinite(d) && std::floor(d) == d;
  }
  return false;
}

// Tools read integer arguments as int64. JSON Schema calls 18446744073709551615 and 1e300
// integers, but converting them would wrap or be undefined, and a wrapped id reads another
// record; so "integer" here also means "fits int64". -2^63 as a double is exact and fits; 2^63 is
// the first double that does not.
bool fits_int64(const Json& v) {
  if (v.is_number_integer() && !v.is_number_unsigned()) return true;  // stored as int64
  if (v.is_number_unsigned()) return v.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX);
  if (v.is_number_float()) {
    const double d = v.get<double>();
    return d >= -9223372036854775808.0 && d < 9223372036854775808.0;
  }
  return true;
}

bool matches_type(const std::string& type, const Json& v) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  if (type == "number") return v.is_number();
  if (type == "integer") return is_integer_value(v);
  return true;  // an unknown type name constrains nothing
}

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

// Patterns come from our own schemas, so the set is small; compiling each once keeps validation
// cheap on the hot path of every tool call.
const std::regex* cached_regex(const std::string& pattern) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<std::regex>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(pattern);
  if (it == cache.end()) {
    std::unique_ptr<std::regex> re;
    try {
      re = std::make_unique<std::regex>(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
      re = nullptr;  // an invalid pattern in our own schema constrains nothing
    }
    it = cache.emplace(pattern, std::move(re)).first;
  }
  return it->second.get();
}

std::string type_list(const Json& type) {
  if (type.is_string()) return type.get<std::string>();
  std::string out;
  for (const auto& t : type) {
    if (!out.empty()) out += " or ";
    out += t.is_string() ? t.get<std::string>() : t.dump();
  }
  return out;
}

std::string a_or_an(const std::string& word) {
  if (!word.empty() && std::string_view("aeiou").find(word[0]) != std::string_view::npos) {
    return "an " + word;
  }
  return "a " + word;
}

/// A failed keyword at one location. `shows_value` when the message already quotes the value.
struct Problem {
  std::string message;
  bool shows_value = false;
};

/// The value for a "(got ...)" note: scalars only (a whole array or object would drown the
/// message), strings cut at 40 characters.
std::string shown_value(const Json& v) {
  if (v.is_array() || v.is_object()) return {};
  if (v.is_number()) return format_number(v);
  if (!v.is_string()) return v.dump();
  constexpr std::size_t kMaxShown = 40;
  const auto& s = v.get_ref<const std::string&>();
  if (code_points(s) <= kMaxShown) return v.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::size_t end = 0;
  for (std::size_t seen = 0; end < s.size(); ++end) {
    if ((static_cast<unsigned char>(s[end]) & 0xC0) != 0x80 && seen++ == kMaxShown) break;
  }
  return Json(s.substr(0, end) + "...").dump(-1, ' ', false, Json::error_handler_t::replace);
}

/// Gathers violations up to a limit; the walk stops early once it is reached.
class Collector {
 public:
  explicit Collector(std::size_t limit) : limit_(limit) {}
  [[nodiscard]] bool full() const { return found_.size() >= limit_; }
  void add(std::string path, std::string message, std::string got = {}) {
    if (!full()) found_.push_back(SchemaViolation{std::move(path), std::move(message), std::move(got)});
  }
  [[nodiscard]] std::vector<SchemaViolation> take() { return std::move(found_); }

 private:
  std::size_t limit_;
  std::vector<SchemaViolation> found_;
};

void validate(const Json& schema, const Json& v, const std::string& path, Collector& out);

std::optional<Problem> check_type(const Json& schema, const Json& v) {
  auto it = schema.find("type");
  if (it == schema.end()) return std::nullopt;
  bool ok = false;
  if (it->is_string()) {
    ok = matches_type(it->get<std::string>(), v);
  } else if (it->is_array()) {
    for (const auto& t : *it) ok = ok || (t.is_string() && matches_type(t.get<std::string>(), v));
  } else {
    ok = true;
  }
  if (!ok) return Problem{"must be " + a_or_an(type_list(*it))};
  // A number that only "integer" admits must fit int64 (a "number" alternative takes any).
  if (v.is_number() && !fits_int64(v)) {
    bool number_allowed = false;
    if (it->is_string()) number_allowed = it->get<std::string>() == "number";
    if (it->is_array()) {
      for (const auto& t : *it) number_allowed = number_allowed || (t.is_string() && t.get<std::string>() == "number");
    }
    if (!number_allowed && matches_type("integer", v)) {
      return Problem{"must be an integer from -9223372036854775808 to 9223372036854775807 (got " + format_number(v) + ")",
                     true};
    }
  }
  return std::nullopt;
}

std::optional<Problem> check_enum(const Json& schema, const Json& v) {
  if (auto it = schema.find("enum"); it != schema.end() && it->is_array()) {
    for (const auto& allowed : *it) {
      if (allowed == v) return std::nullopt;
    }
    std::string list;
    for (const auto& allowed : *it) list += (list.empty() ? "" : ", ") + allowed.dump();
    return Problem{"must be one of " + list};
  }
  if (auto it = schema.find("const"); it != schema.end() && *it != v) return Problem{"must be " + it->dump()};
  return std::nullopt;
}

std::optional<Problem> check_number(const Json& schema, const Json& v) {
  if (!v.is_number()) return std::nullopt;
  const double d = v.get<double>();
  if (auto it = schema.find("minimum"); it != schema.end() && it->is_number() && d < it->get<double>()) {
    return Problem{"must be >= " + format_number(*it)};
  }
  if (auto it = schema.find("maximum"); it != schema.end() && it->is_number() && d > it->get<double>()) {
    return Problem{"must be <= " + format_number(*it)};
  }
  if (auto it = schema.find("exclusiveMinimum"); it != schema.end() && it->is_number() && d <= it->get<double>()) {
    return Problem{"must be > " + format_number(*it)};
  }
  if (auto it = schema.find("exclusiveMaximum"); it != schema.end() && it->is_number() && d >= it->get<double>()) {
    return Problem{"must be < " + format_number(*it)};
  }
  return std::nullopt;
}

std::optional<Problem> check_string(const Json& schema, const Json& v) {
  if (!v.is_string()) return std::nullopt;
  const auto& s = v.get_ref<const std::string&>();
  const std::size_t length = code_points(s);
  if (auto it = schema.find("minLength");
      it != schema.end() && is_integer_value(*it) && length < it->get<std::size_t>()) {
    const auto n = it->get<std::size_t>();
    return Problem{n == 1 ? std::string("must not be empty") : "must be at least " + std::to_string(n) + " characters"};
  }
  if (auto it = schema.find("maxLength");
      it != schema.end() && is_integer_value(*it) && length > it->get<std::size_t>()) {
    return Problem{"must be at most " + std::to_string(it->get<std::size_t>()) + " characters"};
  }
  if (auto it = schema.find("pattern"); it != schema.end() && it->is_string()) {
    const std::regex* re = cached_regex(it->get<std::string>());
    if (re != nullptr && !std::regex_search(s, *re)) return Problem{"must match the pattern " + it->get<std::string>()};
  }
  if (auto it = schema.find("format"); it != schema.end() && *it == "date" && !is_calendar_date(s)) {
    return Problem{"must be a date written YYYY-MM-DD"};
  }
  return std::nullopt;
}

std::optional<Problem> check_array_size(const Json& schema, const Json& v) {
  if (!v.is_array()) return std::nullopt;
  if (auto it = schema.find("minItems");
      it != schema.end() && is_integer_value(*it) && v.size() < it->get<std::size_t>()) {
    return Problem{"must have at least " + std::to_string(it->get<std::size_t>()) + " items"};
  }
  if (auto it = schema.find("maxItems");
      it != schema.end() && is_integer_value(*it) && v.size() > it->get<std::size_t>()) {
    return Problem{"must have at most " + std::to_string(it->get<std::size_t>()) + " items"};
  }
  return std::nullopt;
}

void check_items(const Json& schema, const Json& v, const std::string& path, Collector& out) {
  auto it = schema.find("items");
  if (!v.is_array() || it == schema.end() || !it->is_object()) return;
  for (std::size_t i = 0; i < v.size() && !out.full(); ++i) {
    validate(*it, v[i], path + "[" + std::to_string(i) + "]", out);
  }
}

bool lists_name(const Json& names, const std::string& name) {
  if (!names.is_array()) return false;
  return std::any_of(names.begin(), names.end(), [&](const Json& n) { return n.is_string() && n == name; });
}

void check_object(const Json& schema, const Json& v, const std::string& path, Collector& out) {
  if (!v.is_object()) return;
  static const Json kNone = Json::object();
  const auto props_it = schema.find("properties");
  const Json& props = props_it != schema.end() && props_it->is_object() ? *props_it : kNone;
  const auto required_it = schema.find("required");
  const Json& required = required_it != schema.end() && required_it->is_array() ? *required_it : kNone;
  // Declared properties first, in the schema's order, so the text reads like the tool's docs.
  for (const auto& [name, property] : props.items()) {
    if (out.full()) return;
    if (auto given = v.find(name); given != v.end()) {
      validate(property, *given, join_path(path, name), out);
    } else if (lists_name(required, name)) {
      out.add(join_path(path, name), "is required");
    }
  }
  for (const auto& name : required) {
    if (name.is_string() && !props.contains(name.get<std::string>()) && !v.contains(name.get<std::string>())) {
      out.add(join_path(path, name.get<std::string>()), "is required");
    }
  }
  const auto extra = schema.find("additionalProperties");
  if (extra == schema.end()) return;
  for (const auto& [key, value] : v.items()) {
    if (out.full()) return;
    if (props.contains(key)) continue;
    if (extra->is_boolean() && !extra->get<bool>()) out.add(join_path(path, key), "is not a known argument");
    if (extra->is_object()) validate(*extra, value, join_path(path, key), out);
  }
}

void validate(const Json& schema, const Json& v, const std::string& path, Collector& out) {
  if (schema.is_boolean()) {
    if (!schema.get<bool>()) out.add(path, "is not allowed", shown_value(v));
    return;
  }
  if (!schema.is_object()) return;
  for (auto check : {check_type, check_enum, check_number, check_string, check_array_size}) {
    if (auto problem = check(schema, v)) {
      out.add(path, std::move(problem->message), problem->shows_value ? std::string() : shown_value(v));
      return;
    }
  }
  check_items(schema, v, path, out);
  check_object(schema, v, path, out);
}

}  // namespace

std::vector<SchemaViolation> schema_violations(const Json& schema, const Json& value, std::size_t limit) {
  Collector out(std::max<std::size_t>(limit, 1));
  validate(schema, value, "", out);
  return out.take();
}

std::optional<SchemaViolation> validate_against_schema(const Json& schema, const Json& value) {
  auto found = schema_violations(schema, value, 1);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::string describe_argument_violation(const SchemaViolation& violation) {
  if (violation.path.empty()) return "Invalid arguments: " + violation.message;
  return "Invalid argument '" + violation.path + "': " + violation.message;
}

std::string describe_argument_violations(const std::vector<SchemaViolation>& violations) {
  if (violations.empty()) return {};
  if (violations.size() == 1) return describe_argument_violation(violations.front());
  std::string text = "Invalid arguments: ";
  for (std::size_t i = 0; i < violations.size() && i < kMaxListedViolations; ++i) {
    const SchemaViolation& v = violations[i];
    if (i > 0) text += "; ";
    text += v.path.empty() ? std::string("the arguments") : "'" + v.path + "'";
    text += " " + v.message;
    if (!v.got.empty()) text += " (got " + v.got + ")";
  }
  if (violations.size() > kMaxListedViolations) text += "; and more";
  return text;
}

bool is_calendar_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  auto num = [&](std::size_t from, std::size_t len) {
    int n = 0;
    for (std::size_t i = from; i < from + len; ++i) n = n * 10 + (s[i] - '0');
    return n;
  };
  const int year = num(0, 4), month = num(5, 2), day = num(8, 2);
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int max_day = (month == 2 && leap) ? 29 : kDays[month - 1];
  return day <= max_day;
}

}  // namespace mcp

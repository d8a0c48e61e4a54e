// Month, week and quarter arithmetic on civil dates.
#include "prompts/calendar.hpp"

#include <array>
#include <charconv>

namespace prompts {
namespace {

using namespace std::chrono;

std::optional<int> digits(std::string_view text) {
  int value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;  // from_chars would take a sign
  }
  return value;
}

}  // namespace

std::optional<year_month> parse_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  const auto y = digits(text.substr(0, 4));
  const auto m = digits(text.substr(5, 2));
  if (!y || !m || *m < 1 || *m > 12 || *y < 1900) return std::nullopt;
  return year{*y} / month{static_cast<unsigned>(*m)};
}

std::optional<Period> parse_quarter(std::string_view text) {
  if (text.size() != 7 || text[4] != '-' || (text[5] != 'Q' && text[5] != 'q')) return std::nullopt;
  const auto y = digits(text.substr(0, 4));
  const auto q = digits(text.substr(6, 1));
  if (!y || !q || *q < 1 || *q > 4 || *y < 1900) return std::nullopt;
  return quarter_of(year{*y} / month{static_cast<unsigned>(*q * 3 - 2)} / 1);
}

Period month_period(year_month month) { return {month / 1, month / last}; }

Period quarter_of(Date day) {
  const unsigned first_month = (static_cast<unsigned>(day.month()) - 1) / 3 * 3 + 1;
  const year_month start = day.year() / month{first_month};
  return {start / 1, (start + months{2}) / last};
}

Period last_full_week(Date today) {
  const sys_days t{today};
  const unsigned iso_weekday = weekday{t}.iso_encoding();  // Monday 1 .. Sunday 7
  const sys_days this_monday = t - days{iso_weekday - 1};
  return {Date{this_monday - days{7}}, Date{this_monday - days{1}}};
}

std::string format_month(year_month month) {
  const auto y = static_cast<int>(month.year());
  const auto m = static_cast<unsigned>(month.month());
  return std::to_string(y) + (m < 10 ? "-0" : "-") + std::to_string(m);
}

std::string month_name(year_month month) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  return std::string(kNames[static_cast<unsigned>(month.month()) - 1]) + " " +
         std::to_string(static_cast<int>(month.year()));
}

std::string quarter_name(Date day) {
  return std::to_string(static_cast<int>(day.year())) + "-Q" +
         std::to_string((static_cast<unsigned>(day.month()) - 1) / 3 + 1);
}

int days_between(Date from, Date to) { return static_cast<int>((sys_days{to} - sys_days{from}).count()); }

}  // namespace prompts

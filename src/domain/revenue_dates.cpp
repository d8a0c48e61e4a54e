// Date parsing and arithmetic for the revenue rules (see revenue_dates.hpp).
#include "domain/revenue_dates.hpp"

#include <cctype>
#include <cstdio>

namespace domain {
namespace {

bool digits(std::string_view s) {
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::optional<Date> parse_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
  Date date{std::chrono::year(to_int(y)), std::chrono::month(static_cast<unsigned>(to_int(m))),
            std::chrono::day(static_cast<unsigned>(to_int(d)))};
  if (!date.ok()) return std::nullopt;
  return date;
}

}  // namespace

std::optional<Date> parse_iso_date(std::string_view text) { return parse_day(text); }

std::optional<Date> parse_halo_date(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  if (text.size() < 10) return std::nullopt;
  if (text.size() > 10 && text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  auto date = parse_day(text.substr(0, 10));
  if (!date || date->year() < std::chrono::year(1901)) return std::nullopt;
  return date;
}

std::string format_date(Date date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

Date add_months_clamped(Date date, int months) {
  Date moved = date + std::chrono::months(months);
  if (!moved.ok()) moved = std::chrono::year_month_day_last(moved.year(), std::chrono::month_day_last(moved.month()));
  return moved;
}

Date default_window_start(Date end) {
  return Date(std::chrono::sys_days(add_months_clamped(end, -12)) + std::chrono::days(1));
}

Date today_utc() {
  return Date(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
}

}  // namespace domain

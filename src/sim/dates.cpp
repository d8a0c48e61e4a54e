// Calendar arithmetic (Howard Hinnant's civil-day algorithms) and Halo date formatting.
#include "sim/dates.hpp"

#include <chrono>
#include <cstdio>

namespace sim::dates {

long days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

void civil_from_days(long z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(static_cast<long>(yoe) + era * 400) + (m <= 2);
}

long today_utc() {
  const auto now = std::chrono::system_clock::now();
  return static_cast<long>(
      std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24);
}

std::optional<long> parse_day(std::string_view text) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  y = std::stoi(std::string(text.substr(0, 4)));
  m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
  d = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  return days_from_civil(y, m, d);
}

std::string halo_timestamp(long day, int seconds_of_day, int fraction7) {
  int y;
  unsigned m, d;
  civil_from_days(day, y, m, d);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%07dZ", y, m, d, seconds_of_day / 3600,
                (seconds_of_day / 60) % 60, seconds_of_day % 60, fraction7 % 10000000);
  return buf;
}

std::string halo_date(long day) {
  return iso_day(day) + "T00:00:00";
}

std::string iso_day(long day) {
  int y;
  unsigned m, d;
  civil_from_days(day, y, m, d);
  char buf[32];  // fits any int year and unsigned month/day, as -Wformat-truncation checks
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

long add_months(long day, int months) {
  int y;
  unsigned m, d;
  civil_from_days(day, y, m, d);
  int total = y * 12 + static_cast<int>(m) - 1 + months;
  int ny = total / 12;
  unsigned nm = static_cast<unsigned>(total % 12) + 1;
  static const unsigned kLen[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  unsigned len = kLen[nm - 1];
  if (nm == 2 && ((ny % 4 == 0 && ny % 100 != 0) || ny % 400 == 0)) len = 29;
  return days_from_civil(ny, nm, d > len ? len : d);
}

}  // namespace sim::dates

// Calendar arithmetic and Halo's date spellings for the simulator. Plain day numbers keep the
// generator deterministic and fast; no time zones are involved (everything is UTC, like Halo's `Z`).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace sim::dates {

/// Days since 1970-01-01 for a proleptic Gregorian date.
[[nodiscard]] long days_from_civil(int y, unsigned m, unsigned d);
void civil_from_days(long z, int& y, unsigned& m, unsigned& d);

/// Today (UTC) as a day number.
[[nodiscard]] long today_utc();
/// Parses "YYYY-MM-DD" (anything after the first 10 characters is ignored).
[[nodiscard]] std::optional<long> parse_day(std::string_view text);

/// "2024-06-29T10:16:08.8378294Z": Halo's usual spelling, 7 fractional digits and Z.
[[nodiscard]] std::string halo_timestamp(long day, int seconds_of_day, int fraction7);
/// "2024-06-29T00:00:00": the zone-less spelling Halo uses for plain dates.
[[nodiscard]] std::string halo_date(long day);
/// "YYYY-MM-DD".
[[nodiscard]] std::string iso_day(long day);
/// Halo's "no date" value.
inline constexpr const char* kNoDate = "1900-01-01T00:00:00";

/// Adds calendar months, clamping the day to the target month's length.
[[nodiscard]] long add_months(long day, int months);

}  // namespace sim::dates

// Calendar dates for the revenue rules: strict YYYY-MM-DD for tool arguments, lenient Halo
// datetimes (with Halo's "no date" sentinel, anything before 1901), and the default window.
// Dates are calendar days as Halo wrote them; no time-zone conversion is attempted, because an
// invoice dated 2024-03-31 belongs to March in the owner's books whatever the server's zone.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace domain {

using Date = std::chrono::year_month_day;

/// "2024-03-31" -> the date; nullopt unless exactly YYYY-MM-DD and a real calendar day.
std::optional<Date> parse_iso_date(std::string_view text);

/// A Halo date or datetime ("2024-03-31", "2024-03-31T10:16:08.8378294Z", "2026-06-01T09:00:00")
/// -> its calendar day; nullopt when empty, unparseable or before 1901 (Halo's "no date").
std::optional<Date> parse_halo_date(std::string_view text);

/// YYYY-MM-DD.
std::string format_date(Date date);

/// `date` plus `months` calendar months, clamped to the end of a shorter month (Mar 31 - 1 -> Feb 28/29).
Date add_months_clamped(Date date, int months);

/// The default window start for a window ending at `end`: 12 months back plus one day
/// (2024-12-31 -> 2024-01-01, 2024-02-29 -> 2023-03-01).
Date default_window_start(Date end);

/// Today's date in UTC.
Date today_utc();

}  // namespace domain

// The MSP's time zone (HALO_TIMEZONE, an IANA name; UTC by default). Halo stores datetimes in UTC;
// which calendar day a ticket was opened or an hour was logged on is decided in the MSP's zone, so
// an MSP in New York sees an 8 pm ticket on the day it was raised, not the next one. Dates that
// are calendar days in Halo already (an invoice date) are never converted. The zone data is the
// system's (Debian's tzdata), read through Howard Hinnant's date library.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/revenue_dates.hpp"
#include "util/result.hpp"

namespace date {
class time_zone;
}  // namespace date

namespace domain {

using Instant = std::chrono::sys_seconds;

class TimeZone {
 public:
  /// UTC.
  TimeZone() = default;
  /// The zone named `name` ("Europe/London", "America/New_York", "UTC"); kConfig naming
  /// HALO_TIMEZONE when the system's zone data does not know it.
  [[nodiscard]] static util::Result<TimeZone> named(std::string_view name);

  [[nodiscard]] const std::string& name() const { return name_; }
  /// The calendar day `instant` falls on in this zone.
  [[nodiscard]] Date local_date(Instant instant) const;
  /// The instant the day `day` starts in this zone (its first second, after a DST gap).
  [[nodiscard]] Instant start_of(Date day) const;
  /// Today in this zone.
  [[nodiscard]] Date today() const;

 private:
  const date::time_zone* zone_ = nullptr;  ///< nullptr: UTC
  std::string name_ = "UTC";
};

/// A Halo datetime ("2023-06-29T10:16:08.8378294Z", "2026-06-01T09:00:00", "2026-06-01") as an
/// instant; a datetime without a zone is UTC (Halo's own); nullopt when unparsable or before 1901
/// (Halo's "no date").
[[nodiscard]] std::optional<Instant> parse_halo_instant(std::string_view text);

/// "YYYY-MM-DDTHH:MM:SS" of an instant, UTC (what Halo's date filters take).
[[nodiscard]] std::string format_utc(Instant instant);

}  // namespace domain

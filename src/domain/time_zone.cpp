// Time-zone arithmetic over the system's zone data (see time_zone.hpp).
#include "domain/time_zone.hpp"

#include <date/tz.h>

#include <charconv>
#include <cstdio>

namespace domain {
namespace {

using namespace std::chrono;

int digits(std::string_view text, std::size_t at, std::size_t count, bool& ok) {
  int value = 0;
  if (at + count > text.size()) {
    ok = false;
    return 0;
  }
  auto [ptr, ec] = std::from_chars(text.data() + at, text.data() + at + count, value);
  if (ec != std::errc() || ptr != text.data() + at + count) ok = false;
  return value;
}

}  // namespace

util::Result<TimeZone> TimeZone::named(std::string_view name) {
  TimeZone zone;
  if (name.empty() || name == "UTC" || name == "Etc/UTC") return zone;
  try {
    zone.zone_ = date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    return util::fail(util::ErrorKind::kConfig,
                      "HALO_TIMEZONE: '" + std::string(name) +
                          "' is not a time zone the system knows (an IANA name such as Europe/London or "
                          "America/New_York; the zone data comes from the tzdata package)");
  }
  zone.name_ = std::string(name);
  return zone;
}

Date TimeZone::local_date(Instant instant) const {
  if (zone_ == nullptr) return Date{floor<days>(instant)};
  const auto local = zone_->to_local(instant);
  return Date{sys_days{floor<days>(local.time_since_epoch())}};
}

Instant TimeZone::start_of(Date day) const {
  const sys_days midnight{day};
  if (zone_ == nullptr) return Instant{midnight};
  const date::local_seconds local{midnight.time_since_epoch()};
  // A day that starts in a DST gap begins at the first instant that exists.
  const auto info = zone_->get_info(local);
  if (info.result == date::local_info::nonexistent) return info.first.end;
  return zone_->to_sys(local, date::choose::earliest);
}

Date TimeZone::today() const { return local_date(floor<seconds>(system_clock::now())); }

std::optional<Instant> parse_halo_instant(std::string_view text) {
  bool ok = true;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int y = digits(text, 0, 4, ok), mo = digits(text, 5, 2, ok), d = digits(text, 8, 2, ok);
  if (!ok) return std::nullopt;
  const year_month_day day{year{y}, month{static_cast<unsigned>(mo)}, std::chrono::day{static_cast<unsigned>(d)}};
  if (!day.ok() || y < 1901) return std::nullopt;
  int h = 0, mi = 0, s = 0;
  std::size_t at = 10;
  if (text.size() > 10 && (text[10] == 'T' || text[10] == ' ')) {
    h = digits(text, 11, 2, ok);
    mi = digits(text, 14, 2, ok);
    s = text.size() >= 19 ? digits(text, 17, 2, ok) : 0;
    if (!ok || h > 23 || mi > 59 || s > 60) return std::nullopt;
    at = text.size() >= 19 ? 19 : 16;
  }
  Instant instant = sys_days{day} + hours{h} + minutes{mi} + seconds{s};
  // Fraction, then an optional zone: Z (UTC) or +HH:MM / -HH:MM.
  while (at < text.size() && (text[at] == '.' || (text[at] >= '0' && text[at] <= '9'))) ++at;
  if (at < text.size() && (text[at] == '+' || text[at] == '-') && text.size() >= at + 6) {
    const int sign = text[at] == '-' ? -1 : 1;
    const int oh = digits(text, at + 1, 2, ok), om = digits(text, at + 4, 2, ok);
    if (!ok) return std::nullopt;
    instant -= sign * (hours{oh} + minutes{om});
  }
  return instant;
}

std::string format_utc(Instant instant) {
  const auto day = floor<days>(instant);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> time{instant - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return buffer;
}

}  // namespace domain

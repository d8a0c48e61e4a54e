// A start_date/end_date pair from a tool's arguments: calendar days, inclusive, in the MSP's time
// zone (HALO_TIMEZONE). A Halo datetime (UTC) is in the window when the day it falls on there is;
// a Halo calendar date (an invoice date) is compared as it is. The bounds go to Halo's date
// filters as UTC instants, and every record is checked again here, so a Halo that ignores a
// filter gives the same answer at a higher request cost.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "domain/revenue_dates.hpp"
#include "domain/time_zone.hpp"
#include "mcp/tool.hpp"
#include "util/json.hpp"

namespace tools {

class Args;

struct DateWindow {
  std::optional<domain::Date> start;  ///< inclusive
  std::optional<domain::Date> end;    ///< inclusive
  domain::TimeZone zone;

  [[nodiscard]] bool empty() const { return !start && !end; }
  /// A calendar day in the window; no day is outside any bounded window.
  [[nodiscard]] bool contains(std::optional<domain::Date> day) const;
  /// A Halo datetime (UTC) whose local day is in the window.
  [[nodiscard]] bool contains_instant(std::optional<std::string_view> halo_datetime) const;
  /// The local day of a Halo datetime; nullopt for none.
  [[nodiscard]] std::optional<domain::Date> local_day(std::optional<std::string_view> halo_datetime) const;
  /// The first instant of the window, and the last (UTC, YYYY-MM-DDTHH:MM:SS), for Halo's filters.
  [[nodiscard]] std::string start_utc() const;
  [[nodiscard]] std::string end_utc() const;
};

/// Reads the two arguments (the schema has checked their format); start after end is an isError
/// outcome naming the arguments.
[[nodiscard]] std::optional<mcp::ToolOutcome> read_date_window(const Args& args, const domain::TimeZone& zone,
                                                               DateWindow& window,
                                                               std::string_view start_name = "start_date",
                                                               std::string_view end_name = "end_date");

}  // namespace tools

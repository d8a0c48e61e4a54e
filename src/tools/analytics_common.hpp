// What every analytic tool shares (the rules are in docs/analytics.md):
//  - the window: start_date/end_date, local days of HALO_TIMEZONE, checked before anything is
//    fetched (bad order or over the limit is an isError naming the argument);
//  - `sources` {requests, records_read, elapsed_ms} and `warnings` [{kind, id?, detail}], with
//    their output schemas.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "domain/revenue_dates.hpp"
#include "domain/ticket_stats.hpp"
#include "mcp/tool.hpp"
#include "tools/tool_def.hpp"
#include "util/json.hpp"

namespace tools {

class Args;

/// How a tool's window defaults and how long it may be.
struct WindowRule {
  /// end_date when absent (given today in the MSP's zone).
  std::function<domain::Date(domain::Date today)> default_end;
  /// start_date when absent (given the end).
  std::function<domain::Date(domain::Date end)> default_start;
  int max_days = 366;
};

/// end = today, start = end - 29 days (30 days in all), at most 366 days.
[[nodiscard]] WindowRule last_30_days();
/// The previous calendar month, at most 366 days.
[[nodiscard]] WindowRule previous_month();

/// The window from the arguments, or the isError that names the argument at fault. `now` decides
/// today (in `zone`).
[[nodiscard]] std::variant<domain::LocalWindow, mcp::ToolOutcome> read_local_window(const Args& args,
                                                                                    const domain::TimeZone& zone,
                                                                                    domain::Instant now,
                                                                                    const WindowRule& rule);

/// Counts what a tool read, for `sources`.
struct ReadCounter {
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  int requests = 0;
  int cache_hits = 0;
  std::int64_t records_read = 0;
  [[nodiscard]] util::Json json() const;
};

/// One entry of `warnings`.
[[nodiscard]] util::Json warning_json(std::string_view kind, std::string detail,
                                      std::optional<std::int64_t> id = std::nullopt);

/// The output schemas of `sources` and `warnings`, and of a {key_id, key_name} group key.
[[nodiscard]] util::Json sources_schema();
[[nodiscard]] util::Json warnings_schema(std::string_view kinds);
[[nodiscard]] util::Json nullable(std::string_view type, std::string_view description = {});

}  // namespace tools

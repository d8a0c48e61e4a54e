// The service-desk statistics of a window (ticket_stats): how many tickets came in and went out,
// the backlog when the window closed, response and resolution times, and SLA compliance, in total,
// per group and as a series. Pure: the tickets are read elsewhere (projects already left out);
// every record is judged here again, so a Halo that ignored a filter changes nothing.
//
// The rules, for a window of local days [start, end] (the instants [from, until)):
//   opened       dateoccurred in the window;  closed: dateclosed in the window;
//   open_at_end  dateoccurred < until and (no dateclosed or dateclosed >= until);
//   response     responsedate - dateoccurred over the opened tickets that have one (hours);
//   resolution   dateclosed - dateoccurred over the closed tickets;
//   SLA          (excludefromsla tickets take no part)
//     response met / breached: opened tickets with a respondbydate; met when responsedate <=
//       respondbydate; breached when later, or when there is no response and respondbydate < until;
//     fix met / breached: closed tickets with a fixbydate (met when closed <= fixbydate), plus
//       tickets open at the end whose fixbydate < until (breached);
//     compliance = met / (met + breached), null when nothing was judged.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/revenue_dates.hpp"
#include "domain/service_ticket.hpp"
#include "domain/time_zone.hpp"
#include "util/json.hpp"

namespace domain {

/// Calendar days [start, end] of the MSP's zone, and the instants they cover.
struct LocalWindow {
  Date start;
  Date end;
  Instant from;   ///< the first instant of start
  Instant until;  ///< the first instant after end
  TimeZone zone;

  [[nodiscard]] bool contains(std::optional<Instant> t) const { return t && *t >= from && *t < until; }
};

[[nodiscard]] LocalWindow make_local_window(Date start, Date end, const TimeZone& zone);

enum class GroupBy { kNone, kClient, kAgent, kTeam, kStatus, kPriority, kTicketType };
enum class Interval { kNone, kDay, kWeek, kMonth };

/// The values the arguments take, in the order the schema lists them.
inline constexpr std::string_view kGroupByNames[] = {"none", "client", "agent", "team", "status", "priority",
                                                     "tickettype"};
inline constexpr std::string_view kIntervalNames[] = {"none", "day", "week", "month"};

struct Durations {
  std::int64_t count = 0;
  std::optional<double> mean_hours;
  std::optional<double> median_hours;
};

struct SlaCounts {
  std::int64_t response_met = 0, response_breached = 0, fix_met = 0, fix_breached = 0;
};

struct StatsRow {
  GroupKey key;  ///< unused in totals
  std::int64_t opened = 0, closed = 0, open_at_end = 0;
  Durations response, resolution;
  SlaCounts sla;
};

struct SeriesPoint {
  Date period_start;
  std::int64_t opened = 0, closed = 0;
};

struct TicketStats {
  StatsRow totals;
  std::vector<StatsRow> groups;     ///< empty for GroupBy::kNone
  std::vector<SeriesPoint> series;  ///< empty for Interval::kNone
};

/// `tickets` must hold each ticket once.
[[nodiscard]] TicketStats compute_ticket_stats(std::span<const ServiceTicket> tickets, const LocalWindow& window,
                                               GroupBy group_by, Interval interval);

/// The first day of the period holding `day`: itself, the Monday of its ISO week, the 1st.
[[nodiscard]] Date period_start(Date day, Interval interval);

/// {count, mean_hours, median_hours} and the other figures as the tool's output shows them
/// (hours to 2 decimals, percentages 0-100 to 1 decimal, null when unknown).
[[nodiscard]] util::Json stats_row_json(const StatsRow& row);
/// A percentage to 1 decimal; null when `whole` is 0.
[[nodiscard]] util::Json percent_json(double part, double whole);
[[nodiscard]] util::Json hours_json(std::optional<double> hours);

}  // namespace domain

// Who logged what (agent_utilisation). Pure: the time entries, agents and open-ticket counts are
// read elsewhere. The rules:
//   hours              = sum of timetaken of the agent's entries in the window (projects included);
//   billable_hours     = sum of actionchargehours of entries whose actisbillable is not false;
//   non_billable_hours = sum over entries of max(0, timetaken - the entry's billable hours);
//   available_hours    = weekdays (Monday-Friday) in the window x HALO_WORKDAY_HOURS;
//   shares             = billable / hours, hours / available, billable / available (0-100, 1 decimal,
//                        null when the denominator is 0);
//   tickets_worked     = distinct tickets the agent logged time on (projects and tasks are not tickets);
//   open_tickets       = open tickets assigned to the agent now.
// Listed: every agent who logged time, and every enabled agent of the agent or team asked for
// (every enabled agent when neither is), so an agent who logged nothing shows as 0, not absent.
// Ordered by hours descending, then agent id; totals add the agents up.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/revenue_dates.hpp"
#include "domain/time_entry.hpp"
#include "util/json.hpp"

namespace domain {

struct AgentRef {
  std::int64_t id = 0;
  std::string name;
  std::string team;
  bool enabled = true;
};

struct UtilisationInput {
  std::vector<TimeEntryRec> entries;  ///< in the window
  std::set<std::int64_t> project_ids;
  std::map<std::int64_t, std::int64_t> open_tickets_by_agent;
  std::vector<AgentRef> agents;
  std::optional<std::int64_t> agent_id;
  std::optional<std::string> team;  ///< compared case-insensitively
  Date start, end;
  double workday_hours = 7.5;
};

struct UtilisationRow {
  std::int64_t agent_id = 0;
  std::string agent_name;
  std::string team;
  double hours = 0, billable_hours = 0, non_billable_hours = 0, available_hours = 0;
  std::int64_t tickets_worked = 0, open_tickets = 0;
};

struct Utilisation {
  int working_days = 0;
  std::vector<UtilisationRow> agents;
  UtilisationRow totals;
  double unattributed_hours = 0;  ///< time on entries with no agent (who_agentid 0)
};

[[nodiscard]] Utilisation compute_utilisation(const UtilisationInput& in);

/// Monday-Friday days in [start, end].
[[nodiscard]] int weekdays_between(Date start, Date end);

/// A row as the tool shows it (hours to 2 decimals, shares 0-100 to 1 decimal).
[[nodiscard]] util::Json utilisation_row_json(const UtilisationRow& row, bool with_agent);

}  // namespace domain

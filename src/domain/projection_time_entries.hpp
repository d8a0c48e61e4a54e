// The item list_time_entries returns for one time entry (a ticket action with time on it).
#pragma once
#include "domain/record.hpp"
#include "domain/time_entry.hpp"
#include "util/json.hpp"

namespace domain {

/// {source, id, ticket_id, datetime, agent_id, agent, client_id, client_name, hours,
/// billable_hours, note}; `client_id`/`client_name` are the ticket's when known (null otherwise).
util::Json project_time_entry(const Record& action, const TimeEntryRec& entry, const util::Json& client_id,
                              const util::Json& client_name);

}  // namespace domain

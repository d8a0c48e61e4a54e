// Items of list_time_entries from the two shapes Halo records time in: a ticket action with time
// on it, and a timesheet event. Both become one item shape (source, hours, billable_hours, ...).
#pragma once
#include <simdjson.h>

#include "util/json.hpp"

namespace domain {

/// list_time_entries item from an Action with time on it (per-ticket mode).
util::Json project_time_entry_from_action(simdjson::dom::element action);
/// list_time_entries item from a TimesheetEvent (per-agent / per-client mode). `agent_name` is
/// resolved by the caller (TimesheetEvent carries only agent_id); null when unknown.
util::Json project_time_entry_from_event(simdjson::dom::element event, const util::Json& agent_name);

}  // namespace domain

// Compact projections of ticket-shaped Halo records (tickets, projects, actions, time entries):
// the fields a person reads, typed uniformly, HTML turned into short plain text.
#pragma once
#include <simdjson.h>

#include "util/json.hpp"

namespace domain {

/// list_tickets item: id, summary, client, site, status, agent, team, priority, dateoccurred.
util::Json project_ticket(simdjson::dom::element ticket);
/// get_ticket item: the list fields + details (plain text, 2000 chars), site, user, timetaken,
/// dateclosed, deadline, type, on hold.
util::Json project_ticket_detail(simdjson::dom::element ticket);

/// list_ticket_actions item: id, ticket_id, datetime, who, outcome, note (plain, 300 chars),
/// timetaken (hours), hidden_from_user.
util::Json project_action(simdjson::dom::element action);

/// list_time_entries item from an Action with time on it (per-ticket mode).
util::Json project_time_entry_from_action(simdjson::dom::element action);
/// list_time_entries item from a TimesheetEvent (per-agent / per-client mode). `agent_name` is
/// resolved by the caller (TimesheetEvent carries only agent_id); null when unknown.
util::Json project_time_entry_from_event(simdjson::dom::element event, const util::Json& agent_name);

/// list_projects item: id, summary, client, status, agent, startdate, targetdate, deadline,
/// estimate and timetaken (hours).
util::Json project_project(simdjson::dom::element project);
/// get_project item: list fields + details (plain text, 2000 chars), budget type, dateclosed.
util::Json project_project_detail(simdjson::dom::element project);

}  // namespace domain

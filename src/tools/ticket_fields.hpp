// The item fields of tickets and their actions, shared by the ticket tools and the service-desk
// analytics that list tickets.
#pragma once
#include "tools/tool_def.hpp"

namespace tools {

/// Hours from the call's now to the fix-by time of an open ticket, 2 decimals, negative once
/// breached; null for a closed ticket or one without a fix-by time (tickets_tools.cpp).
[[nodiscard]] util::Json fix_hours_left(const domain::Record& ticket, const ProjectionEnv& env);

inline constexpr Field kActionFields[] = {
    {.name = "id", .kind = FieldKind::kInt, .help = "Action id."},
    {.name = "ticket_id", .kind = FieldKind::kInt, .help = "Ticket number."},
    {.name = "datetime", .kind = FieldKind::kDatetime, .help = "When it happened."},
    {.name = "who", .kind = FieldKind::kText, .help = "Who did it (agent or user name)."},
    {.name = "who_agentid", .kind = FieldKind::kInt, .help = "Agent id when an agent did it."},
    {.name = "outcome", .kind = FieldKind::kText, .help = "Action type, e.g. 'Note', 'Email', 'Resolved'."},
    {.name = "note", .kind = FieldKind::kNote, .help = "The note as plain text, cut at 300 characters."},
    {.name = "timetaken", .kind = FieldKind::kNumber, .help = "Hours logged on this action."},
    {.name = "hiddenfromuser", .kind = FieldKind::kBool, .help = "Private (hidden from the end user)."},
};

inline constexpr Field kTicketFields[] = {
    {.name = "id", .kind = FieldKind::kInt, .help = "Ticket number."},
    {.name = "summary", .kind = FieldKind::kText, .help = "Subject line."},
    {.name = "client_id", .kind = FieldKind::kInt, .help = "Client id."},
    {.name = "client_name", .kind = FieldKind::kText, .help = "Client name."},
    {.name = "site_id", .kind = FieldKind::kInt, .help = "Site id."},
    {.name = "status_id", .kind = FieldKind::kInt, .help = "Status id."},
    {.name = "status_name", .kind = FieldKind::kText, .help = "Status label."},
    {.name = "agent_id", .kind = FieldKind::kInt, .help = "Assigned agent id (null or 0: unassigned)."},
    {.name = "agent_name", .kind = FieldKind::kText, .help = "Assigned agent name."},
    {.name = "team", .kind = FieldKind::kText, .help = "Team the ticket is assigned to."},
    {.name = "priority_id", .kind = FieldKind::kInt, .help = "Priority id."},
    {.name = "dateoccurred", .kind = FieldKind::kDatetime, .help = "When the ticket was opened."},
    {.name = "respondbydate", .kind = FieldKind::kDatetime, .help = "SLA response due (null: none)."},
    {.name = "responsedate", .kind = FieldKind::kDatetime, .help = "First response (null: none yet)."},
    {.name = "fixbydate", .kind = FieldKind::kDatetime, .help = "SLA fix due, hold time included (null: none)."},
    {.name = "fix_hours_left", .kind = FieldKind::kNumber,
     .help = "Open tickets: hours from now to fixbydate, negative once breached; else null.",
     .compute = fix_hours_left},
    {.name = "details", .kind = FieldKind::kBody, .help = "Body as plain text, cut at 2000 characters.",
     .detail_only = true},
    {.name = "site_name", .kind = FieldKind::kText, .help = "Site name.", .detail_only = true},
    {.name = "user_id", .kind = FieldKind::kInt, .help = "End user id.", .detail_only = true},
    {.name = "user_name", .kind = FieldKind::kText, .help = "End user who raised it.", .detail_only = true},
    {.name = "tickettype_id", .kind = FieldKind::kInt, .help = "Ticket type id.", .detail_only = true},
    {.name = "timetaken", .kind = FieldKind::kNumber, .help = "Hours logged.", .detail_only = true},
    {.name = "chargehours", .kind = FieldKind::kNumber, .help = "Chargeable hours.", .detail_only = true},
    {.name = "nonchargehours", .kind = FieldKind::kNumber, .help = "Non-chargeable hours.", .detail_only = true},
    {.name = "onhold", .kind = FieldKind::kBool, .help = "On hold.", .detail_only = true},
    {.name = "deadlinedate", .kind = FieldKind::kDatetime, .help = "Deadline.", .detail_only = true},
    {.name = "dateclosed", .kind = FieldKind::kDatetime, .help = "When it was closed; null while open.",
     .detail_only = true},
    {.name = "actions", .kind = FieldKind::kObjects,
     .help = "With include_actions: its non-system actions (at most 50; list_ticket_actions pages them all).",
     .detail_only = true, .added_by_handler = true, .items = kActionFields},
    {.name = "actions_count", .kind = FieldKind::kInt, .help = "With include_actions: how many exist.",
     .detail_only = true, .added_by_handler = true},
};

}  // namespace tools

// Tickets and their actions: list_tickets, get_ticket, list_ticket_actions.
#include <string>

#include "domain/halo_fields.hpp"
#include "domain/projection_tickets.hpp"
#include "tools/area_tools.hpp"
#include "tools/date_window.hpp"
#include "tools/list_support.hpp"

namespace tools {
namespace {

/// Most actions embedded in get_ticket; list_ticket_actions pages through all of them.
constexpr int kEmbeddedActions = 50;

const Resource kTickets{"Tickets", "tickets", "ticket", "tickets", "Tickets"};
const Resource kActions{"Actions", "actions", "action", "ticket actions", "Tickets (actions)"};

Json ticket_item_properties() {
  return Json{
      {"id", out::integer("Ticket number.")},
      {"summary", out::text("Subject line.")},
      {"client_id", out::integer("Client (customer) id.")},
      {"client_name", out::text("Client name.")},
      {"site_id", out::integer("Site id.")},
      {"status_id", out::integer("Status id.")},
      {"status_name", out::text("Status label, e.g. 'New', 'In Progress', 'Closed'.")},
      {"agent_id", out::integer("Assigned agent id (null or 0 when unassigned).")},
      {"agent_name", out::text("Assigned agent name.")},
      {"team", out::text("Team the ticket is assigned to.")},
      {"priority_id", out::integer("Priority id.")},
      {"dateoccurred", out::text("When the ticket was opened, ISO 8601.")},
  };
}

Json action_item_properties() {
  return Json{
      {"id", out::integer("Action id.")},
      {"ticket_id", out::integer("Ticket number.")},
      {"datetime", out::text("When the action happened, ISO 8601.")},
      {"who", out::text("Who did it (agent or user name).")},
      {"who_agentid", out::integer("Agent id when an agent did it.")},
      {"outcome", out::text("Action type, e.g. 'Note', 'Email', 'Resolved'.")},
      {"note", out::text("The note as plain text, cut at 300 characters ('… [truncated]').")},
      {"timetaken", out::number("Time logged on this action, in hours.")},
      {"hiddenfromuser", out::boolean("Private (hidden from the end user).")},
  };
}

Json ticket_detail_properties() {
  Json p = ticket_item_properties();
  p["details"] = out::text("Ticket body as plain text, cut at 2000 characters ('… [truncated]').");
  p["site_name"] = out::text("Site name.");
  p["user_id"] = out::integer("End user id.");
  p["user_name"] = out::text("End user who raised the ticket.");
  p["tickettype_id"] = out::integer("Ticket type id.");
  p["timetaken"] = out::number("Hours logged on the ticket.");
  p["chargehours"] = out::number("Chargeable hours.");
  p["nonchargehours"] = out::number("Non-chargeable hours.");
  p["onhold"] = out::boolean("On hold.");
  p["deadlinedate"] = out::text("SLA deadline, ISO 8601.");
  p["dateclosed"] = out::text("When the ticket was closed, ISO 8601; null while open.");
  p["actions"] = out::array_of(action_item_properties(),
                               "With include_actions: the ticket's non-system actions (at most 50; "
                               "use list_ticket_actions for more).");
  p["actions_count"] = out::integer("With include_actions: how many non-system actions exist.");
  return p;
}

mcp::Tool list_tickets_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "list_tickets";
  tool.title = "List tickets";
  tool.description =
      "Lists Halo tickets (service desk requests), newest first (by date opened), as compact "
      "items: id, summary, client, status, assigned agent, team, priority and the date opened. "
      "Filters combine: client_id, site_id, agent_id (assigned agent), status_id, open_only "
      "(only tickets not closed), search (text in the summary and other searchable fields), "
      "start_date/end_date (YYYY-MM-DD, inclusive, on the date the ticket was opened). Use "
      "get_ticket for one ticket's body and details, list_ticket_actions for its history." +
      list_usage_note();
  tool.input_schema = list_input_schema(Json{
      {"client_id", in::id("Only tickets of this client.")},
      {"site_id", in::id("Only tickets of this site.")},
      {"agent_id", in::id("Only tickets assigned to this agent.")},
      {"status_id", in::id("Only tickets in this status.")},
      {"open_only", in::boolean("Only open (not closed) tickets.", false)},
      {"search", in::text("Free-text search, as Halo's ticket search box.")},
      {"start_date", in::date("Opened on or after this date (YYYY-MM-DD).")},
      {"end_date", in::date("Opened on or before this date (YYYY-MM-DD).")},
  });
  tool.output_schema = list_output_schema(ticket_item_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) {
    DateWindow window;
    if (auto bad = read_date_window(args, window)) return *bad;
    // status_name / agent_name are only filled in when details are asked for.
    halo::Params params{{"includedetails", "true"}, {"order", "dateoccurred"}, {"orderdesc", "true"}};
    for (const char* key : {"client_id", "site_id", "agent_id", "status_id"}) {
      if (auto id = int_arg(args, key)) params.emplace_back(key, std::to_string(*id));
    }
    if (bool_arg(args, "open_only", false)) params.emplace_back("open_only", "true");
    if (auto search = string_arg(args, "search")) params.emplace_back("search", *search);
    if (!window.empty()) {
      // Halo's spelling: "dateoccured".
      params.emplace_back("datesearch", "dateoccured");
      if (window.start) params.emplace_back("startdate", window.start_timestamp());
      if (window.end) params.emplace_back("enddate", window.end_timestamp());
    }
    return run_paged_list(deps.client, kTickets, params, args, context,
                          [](simdjson::dom::element t) { return domain::project_ticket(t); });
  };
  return tool;
}

mcp::Tool get_ticket_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "get_ticket";
  tool.title = "Get a ticket";
  tool.description =
      "Returns one Halo ticket by its number: the list_tickets fields plus the body (details, "
      "plain text cut at 2000 characters), site, end user, hours logged (timetaken, chargehours), "
      "deadline and date closed. include_actions: true also returns its non-system actions "
      "(notes, e-mails, time entries; at most 50, oldest first as Halo gives them); use "
      "list_ticket_actions to page through a long history. full: true returns Halo's raw "
      "record. An unknown number is an error 'ticket N not found'.";
  tool.input_schema = get_input_schema(
      "ticket_id", "The ticket number.",
      Json{{"include_actions", in::boolean("Also return the ticket's actions.", false)}});
  tool.output_schema = get_output_schema(ticket_detail_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) -> mcp::ToolOutcome {
    const std::int64_t id = int_arg(args, "ticket_id").value_or(0);
    auto doc = fetch_record(deps.client, kTickets, id, {{"includedetails", "true"}}, context);
    if (!doc) return std::move(doc.error());
    Shape shape;
    shape.full = bool_arg(args, "full", false);
    Json item = shape_item(doc->root(), shape, [](simdjson::dom::element t) {
      return domain::project_ticket_detail(t);
    });
    if (bool_arg(args, "include_actions", false)) {
      auto actions = deps.client.list_unpaged(
          kActions.path, {{"ticket_id", std::to_string(id)}, {"excludesys", "true"}},
          kActions.key, call_options(context));
      if (!actions) {
        return error_outcome(actions.error(), "the actions of ticket " + std::to_string(id),
                             kActions.area);
      }
      Json list = Json::array();
      std::int64_t count = 0;
      for (simdjson::dom::element action : actions->items) {
        if (count < kEmbeddedActions) {
          list.push_back(shape.full ? domain::fields::to_json(action)
                                    : domain::project_action(action));
        }
        ++count;
      }
      item["actions"] = std::move(list);
      item["actions_count"] = count;
    }
    return mcp::ToolOutcome::ok(Json{{"item", std::move(item)}});
  };
  return tool;
}

mcp::Tool list_ticket_actions_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "list_ticket_actions";
  tool.title = "List a ticket's actions";
  tool.description =
      "Lists the actions (history) of one ticket in Halo's order (oldest first): notes, e-mails, "
      "status changes, with who did it, the outcome (action type), the note as plain text (cut "
      "at 300 characters) and timetaken in hours. System actions (automatic status/SLA entries) "
      "are left out unless include_system is true. To total the time worked, prefer "
      "list_time_entries (it keeps only actions with time and adds up hours and billable hours)." +
      list_usage_note();
  tool.input_schema = list_input_schema(
      Json{{"ticket_id", in::id("The ticket number.")},
           {"include_system", in::boolean("Include Halo's automatic system actions.", false)}},
      {"ticket_id"});
  tool.output_schema = list_output_schema(action_item_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) {
    const std::int64_t id = int_arg(args, "ticket_id").value_or(0);
    halo::Params params{{"ticket_id", std::to_string(id)}};
    if (!bool_arg(args, "include_system", false)) params.emplace_back("excludesys", "true");
    return run_unpaged_list(deps.client, kActions, params, args, context, nullptr,
                            [](simdjson::dom::element a) { return domain::project_action(a); });
  };
  return tool;
}

}  // namespace

void register_ticket_tools(mcp::ToolRegistry& registry, ToolDeps& deps) {
  registry.add(list_tickets_tool(deps));
  registry.add(get_ticket_tool(deps));
  registry.add(list_ticket_actions_tool(deps));
}

}  // namespace tools

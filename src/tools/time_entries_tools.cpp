// list_time_entries: time worked, in hours, either on one ticket (Halo actions with time on
// them) or by agent/client over a date range (Halo's timesheet events).
#include <cmath>
#include <map>
#include <string>

#include "domain/halo_fields.hpp"
#include "domain/projection_tickets.hpp"
#include "tools/area_tools.hpp"
#include "tools/date_window.hpp"
#include "tools/list_support.hpp"

namespace tools {
namespace {

namespace f = domain::fields;

const Resource kActions{"Actions", "actions", "action", "time entries", "Tickets (actions)"};
const Resource kTimesheet{"TimesheetEvent", "timesheetevents", "timesheet event", "time entries",
                          "Timesheets"};
const Resource kAgents{"Agent", "agents", "agent", "agents", "Agents"};

double round_hours(double hours) { return std::round(hours * 100.0) / 100.0; }

Json time_entry_properties() {
  return Json{
      {"source", out::text("'action' (a ticket action) or 'timesheet' (a timesheet event).")},
      {"id", out::integer("Action id or timesheet event id.")},
      {"ticket_id", out::integer("Ticket number (null or 0 for non-ticket time).")},
      {"datetime", out::text("When the work was done, ISO 8601.")},
      {"agent_id", out::integer("Agent id.")},
      {"agent", out::text("Agent name.")},
      {"client_id", out::integer("Client id (timesheet entries).")},
      {"hours", out::number("Time worked, in hours.")},
      {"billable_hours", out::number("Chargeable part of the time, in hours.")},
      {"note", out::text("Note as plain text, cut at 300 characters.")},
  };
}

/// Sums and the page of entries, folded over every entry that passes the filters.
struct Fold {
  Paging paging;
  Shape shape;
  Json items = Json::array();
  std::int64_t count = 0;
  double hours = 0;
  double billable = 0;
  std::vector<simdjson::dom::element> page_records;  ///< kept for agent-name resolution

  void add(simdjson::dom::element record, const Json& projected) {
    if (auto it = projected.find("hours"); it != projected.end() && it->is_number()) {
      hours += it->get<double>();
    }
    if (auto it = projected.find("billable_hours"); it != projected.end() && it->is_number()) {
      billable += it->get<double>();
    }
    if (count >= paging.offset() && count < paging.offset() + paging.page_size) {
      page_records.push_back(record);
      items.push_back(projected);
    }
    ++count;
  }

  Json result(const char* source) {
    Json out = list_result(std::move(items), paging, count);
    out["total_hours"] = round_hours(hours);
    out["total_billable_hours"] = round_hours(billable);
    out["source"] = source;
    return out;
  }
};

/// Applies `full` / `fields` to the page's items (projection was needed anyway for the totals).
void reshape_page(Fold& fold) {
  if (!fold.shape.full && fold.shape.fields.empty()) return;
  for (std::size_t i = 0; i < fold.items.size(); ++i) {
    simdjson::dom::element record = fold.page_records[i];
    if (fold.shape.full) {
      fold.items[i] = f::to_json(record);
      continue;
    }
    for (const auto& name : fold.shape.fields) {
      auto value = f::get(record, name);
      fold.items[i][name] = value ? f::to_json(*value) : Json(nullptr);
    }
  }
}

mcp::ToolOutcome per_ticket(ToolDeps& deps, const Json& args, mcp::ToolContext& context,
                            std::int64_t ticket_id, const DateWindow& window) {
  Fold fold{paging_of(args), shape_of(args)};
  auto agent = int_arg(args, "agent_id");
  auto actions = deps.client.list_unpaged(kActions.path, {{"ticket_id", std::to_string(ticket_id)}},
                                          kActions.key, call_options(context));
  if (!actions) {
    return error_outcome(actions.error(), "the time entries of ticket " + std::to_string(ticket_id),
                         kActions.area);
  }
  for (simdjson::dom::element action : actions->items) {
    if (f::as_double(action, "timetaken").value_or(0.0) <= 0.0) continue;
    if (agent && f::as_int(action, "who_agentid").value_or(0) != *agent) continue;
    if (!window.empty() && !window.contains(f::as_datetime(action, "datetime"))) continue;
    fold.add(action, domain::project_time_entry_from_action(action));
  }
  reshape_page(fold);
  return mcp::ToolOutcome::ok(fold.result("actions"));
}

mcp::ToolOutcome per_timesheet(ToolDeps& deps, const Json& args, mcp::ToolContext& context,
                               const DateWindow& window) {
  Fold fold{paging_of(args), shape_of(args)};
  auto agent = int_arg(args, "agent_id");
  auto client = int_arg(args, "client_id");
  halo::Params params;
  if (agent) params.emplace_back("agent_id", std::to_string(*agent));
  if (client) params.emplace_back("client_id", std::to_string(*client));
  params.emplace_back("start_date", window.start_timestamp());
  params.emplace_back("end_date", window.end_timestamp());
  auto events = deps.client.list_unpaged(kTimesheet.path, params, kTimesheet.key,
                                         call_options(context));
  if (!events) return error_outcome(events.error(), "timesheet entries", kTimesheet.area);

  // Halo may return the whole timesheet around the window (or ignore client_id): every filter is
  // applied again here so the result only holds what was asked for.
  std::vector<simdjson::dom::element> kept;
  for (simdjson::dom::element event : events->items) {
    if (f::as_double(event, "timetaken").value_or(0.0) <= 0.0) continue;
    if (agent && f::as_int(event, "agent_id").value_or(0) != *agent) continue;
    if (client && f::as_int(event, "client_id").value_or(0) != *client) continue;
    if (!window.contains(f::as_datetime(event, "start_date"))) continue;
    kept.push_back(event);
  }

  // TimesheetEvent carries only agent_id: names come from one (cached) Agent request. A failure
  // there costs the names, not the answer.
  std::map<std::int64_t, std::string> names;
  if (!kept.empty() && !fold.shape.full) {
    auto agents = deps.client.list_unpaged(kAgents.path, {{"includedisabled", "true"}}, kAgents.key,
                                           call_options(context));
    if (agents) {
      for (simdjson::dom::element a : agents->items) {
        auto id = f::as_int(a, "id");
        auto name = f::as_string(a, "name");
        if (id && name) names[*id] = *name;
      }
    }
  }
  for (simdjson::dom::element event : kept) {
    Json name = nullptr;
    if (auto id = f::as_int(event, "agent_id"); id && names.count(*id)) name = names[*id];
    fold.add(event, domain::project_time_entry_from_event(event, name));
  }
  reshape_page(fold);
  return mcp::ToolOutcome::ok(fold.result("timesheet"));
}

mcp::Tool list_time_entries_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "list_time_entries";
  tool.title = "List time entries";
  tool.description =
      "Lists time worked, in hours, with total_hours and total_billable_hours over ALL matching "
      "entries (not just this page). Two modes: (1) ticket_id: the time logged on one ticket "
      "(its actions with time on them; optionally narrowed by agent_id and start_date/end_date; "
      "client_id cannot be combined with ticket_id, a ticket belongs to one client); "
      "(2) agent_id and/or client_id with start_date AND end_date (YYYY-MM-DD, inclusive, both "
      "required): the agents' timesheet entries in that period. Each entry: ticket_id, datetime, "
      "agent, hours, billable_hours, note. Use this rather than list_ticket_actions when the "
      "question is about hours worked or billable time; use list_ticket_actions to read a "
      "ticket's conversation." +
      list_usage_note();
  tool.input_schema = list_input_schema(Json{
      {"ticket_id", in::id("Time logged on this ticket.")},
      {"agent_id", in::id("Time of this agent (needs start_date and end_date unless ticket_id is given).")},
      {"client_id", in::id("Time spent for this client (needs start_date and end_date; not with ticket_id).")},
      {"start_date", in::date("First day, inclusive (YYYY-MM-DD).")},
      {"end_date", in::date("Last day, inclusive (YYYY-MM-DD).")},
  });
  tool.output_schema = list_output_schema(
      time_entry_properties(),
      Json{{"total_hours", {{"type", "number"}, {"description", "Hours over all matching entries."}}},
           {"total_billable_hours",
            {{"type", "number"}, {"description", "Billable hours over all matching entries."}}},
           {"source",
            {{"type", "string"},
             {"enum", {"actions", "timesheet"}},
             {"description", "Where the entries came from."}}}});
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) -> mcp::ToolOutcome {
    DateWindow window;
    if (auto bad = read_date_window(args, window)) return *bad;
    if (auto ticket = int_arg(args, "ticket_id")) {
      // Refused rather than ignored: a ticket's actions carry no client, so a client_id here
      // could only be dropped silently (or cost a ticket read to check what the caller knows).
      if (int_arg(args, "client_id")) {
        return mcp::ToolOutcome::error(
            "Invalid arguments: client_id cannot be combined with ticket_id (a ticket belongs to one "
            "client); give ticket_id alone, or client_id with start_date and end_date.");
      }
      return per_ticket(deps, args, context, *ticket, window);
    }
    if (!int_arg(args, "agent_id") && !int_arg(args, "client_id")) {
      return mcp::ToolOutcome::error(
          "Invalid arguments: give ticket_id, or agent_id and/or client_id with start_date and "
          "end_date.");
    }
    if (!window.start || !window.end) {
      return mcp::ToolOutcome::error(std::string("Invalid arguments: ") +
                                     (!window.start ? "start_date" : "end_date") +
                                     " is required with agent_id or client_id (YYYY-MM-DD).");
    }
    return per_timesheet(deps, args, context, window);
  };
  return tool;
}

}  // namespace

void register_time_entry_tools(mcp::ToolRegistry& registry, ToolDeps& deps) {
  registry.add(list_time_entries_tool(deps));
}

}  // namespace tools

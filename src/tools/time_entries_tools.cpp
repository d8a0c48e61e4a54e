// list_time_entries: time worked, in hours, either on one ticket (Halo actions with time on them)
// or by agent/client over a date range (Halo's timesheet events).
#include <simdjson.h>

#include <cmath>
#include <map>

#include "domain/halo_fields.hpp"
#include "domain/projection_time_entries.hpp"
#include "halo/client.hpp"
#include "tools/date_window.hpp"
#include "tools/list_flows.hpp"
#include "tools/sources.hpp"
#include "tools/tool_deps.hpp"

namespace tools {
namespace {

namespace f = domain::fields;
using util::Json;

double round_hours(double hours) { return std::round(hours * 100.0) / 100.0; }

// Projected by domain/projection_time_entries.hpp (an action and a timesheet event differ in shape).
constexpr Field kEntryFields[] = {
    {.name = "source", .kind = FieldKind::kText, .help = "'action' (a ticket action) or 'timesheet'."},
    {.name = "id", .kind = FieldKind::kInt, .help = "Action or timesheet event id."},
    {.name = "ticket_id", .kind = FieldKind::kInt, .help = "Ticket number (null or 0: not ticket time)."},
    {.name = "datetime", .kind = FieldKind::kDatetime, .help = "When the work was done."},
    {.name = "agent_id", .kind = FieldKind::kInt, .help = "Agent id."},
    {.name = "agent", .kind = FieldKind::kText, .help = "Agent name."},
    {.name = "client_id", .kind = FieldKind::kInt, .help = "Client id (timesheet entries)."},
    {.name = "hours", .kind = FieldKind::kNumber, .help = "Time worked."},
    {.name = "billable_hours", .kind = FieldKind::kNumber, .help = "Chargeable part of the time."},
    {.name = "note", .kind = FieldKind::kNote, .help = "Note as plain text, cut at 300 characters."},
};
constexpr Field kTotals[] = {
    {.name = "total_hours", .kind = FieldKind::kNumber, .help = "Hours over all matching entries."},
    {.name = "total_billable_hours", .kind = FieldKind::kNumber, .help = "Billable hours over all matching entries."},
    {.name = "source", .kind = FieldKind::kText, .help = "Where the entries came from: actions or timesheet."},
};

constexpr const Source* kReads[] = {&kActionsSource, &kTimesheetSource, &kAgentsSource};

constexpr Arg kArgs[] = {
    {.name = "ticket_id", .kind = ArgKind::kId, .help = "Time logged on this ticket."},
    {.name = "agent_id", .kind = ArgKind::kId, .help = "Time of this agent."},
    {.name = "client_id", .kind = ArgKind::kId, .help = "Time for this client (not with ticket_id)."},
    {.name = "start_date", .kind = ArgKind::kDate, .help = "First day, inclusive."},
    {.name = "end_date", .kind = ArgKind::kDate, .help = "Last day, inclusive."},
};

/// Sums and the page of entries, folded over every entry that passes the filters.
struct Fold {
  Paging paging;
  Shape shape;
  Json items = Json::array();
  std::int64_t count = 0;
  double hours = 0;
  double billable = 0;
  std::vector<simdjson::dom::element> page_records;  ///< kept for `full` / `fields`

  void add(simdjson::dom::element record, const Json& projected) {
    if (auto it = projected.find("hours"); it != projected.end() && it->is_number()) hours += it->get<double>();
    if (auto it = projected.find("billable_hours"); it != projected.end() && it->is_number()) {
      billable += it->get<double>();
    }
    if (count >= paging.offset() && count < paging.offset() + paging.page_size) {
      page_records.push_back(record);
      items.push_back(projected);
    }
    ++count;
  }

  /// Applies `full` / `fields` to the page's items (projection was needed anyway for the totals).
  void reshape() {
    if (!shape.full && shape.fields.empty()) return;
    for (std::size_t i = 0; i < items.size(); ++i) {
      simdjson::dom::element record = page_records[i];
      if (shape.full) {
        items[i] = f::to_json(record);
        continue;
      }
      for (const auto& name : shape.fields) {
        auto value = f::get(record, name);
        items[i][name] = value ? f::to_json(*value) : Json(nullptr);
      }
    }
  }

  Json result(const char* source) {
    reshape();
    Json out = list_result(std::move(items), paging, count);
    out["total_hours"] = round_hours(hours);
    out["total_billable_hours"] = round_hours(billable);
    out["source"] = source;
    return out;
  }
};

mcp::ToolOutcome per_ticket(ToolCall& call, std::int64_t ticket_id, const DateWindow& window) {
  Fold fold{call.args.paging(), call.args.shape()};
  auto agent = call.args.integer("agent_id");
  auto actions = call.deps.client.list_unpaged(kActionsSource.path, {{"ticket_id", std::to_string(ticket_id)}},
                                               kActionsSource.key, call_options(call.context));
  if (!actions) {
    return error_outcome(actions.error(), "the time entries of ticket " + std::to_string(ticket_id),
                         kActionsSource.area);
  }
  for (simdjson::dom::element action : actions->items) {
    if (f::as_double(action, "timetaken").value_or(0.0) <= 0.0) continue;
    if (agent && f::as_int(action, "who_agentid").value_or(0) != *agent) continue;
    if (!window.empty() && !window.contains(f::as_datetime(action, "datetime"))) continue;
    fold.add(action, domain::project_time_entry_from_action(action));
  }
  return mcp::ToolOutcome::ok(fold.result("actions"));
}

mcp::ToolOutcome per_timesheet(ToolCall& call, const DateWindow& window) {
  Fold fold{call.args.paging(), call.args.shape()};
  auto agent = call.args.integer("agent_id");
  auto client = call.args.integer("client_id");
  halo::Params params;
  if (agent) params.emplace_back("agent_id", std::to_string(*agent));
  if (client) params.emplace_back("client_id", std::to_string(*client));
  params.emplace_back("start_date", window.start_timestamp());
  params.emplace_back("end_date", window.end_timestamp());
  auto events = call.deps.client.list_unpaged(kTimesheetSource.path, params, kTimesheetSource.key,
                                              call_options(call.context));
  if (!events) return error_outcome(events.error(), "timesheet entries", kTimesheetSource.area);

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
    auto agents = call.deps.client.list_unpaged(kAgentsSource.path, {{"includedisabled", "true"}},
                                                kAgentsSource.key, call_options(call.context));
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
  return mcp::ToolOutcome::ok(fold.result("timesheet"));
}

mcp::ToolOutcome list_time_entries(ToolCall& call) {
  DateWindow window;
  if (auto bad = read_date_window(call.args.values(), window)) return *bad;
  if (auto ticket = call.args.integer("ticket_id")) {
    // Refused rather than ignored: a ticket's actions carry no client, so a client_id here could
    // only be dropped silently (or cost a ticket read to check what the caller knows).
    if (call.args.integer("client_id")) {
      return mcp::ToolOutcome::error(
          "Invalid arguments: client_id cannot be combined with ticket_id (a ticket belongs to one client); give "
          "ticket_id alone, or client_id with start_date and end_date.");
    }
    return per_ticket(call, *ticket, window);
  }
  if (!call.args.integer("agent_id") && !call.args.integer("client_id")) {
    return mcp::ToolOutcome::error(
        "Invalid arguments: give ticket_id, or agent_id and/or client_id with start_date and end_date.");
  }
  if (!window.start || !window.end) {
    return mcp::ToolOutcome::error(std::string("Invalid arguments: ") + (!window.start ? "start_date" : "end_date") +
                                   " is required with agent_id or client_id (YYYY-MM-DD).");
  }
  return per_timesheet(call, window);
}

}  // namespace

extern const ToolDef kListTimeEntries;

constexpr ToolDef kListTimeEntries{
    .name = "list_time_entries",
    .title = "List time entries",
    .description = "Hours worked, with total_hours and total_billable_hours over ALL matching entries. Either "
                   "ticket_id (time on one ticket, optionally by agent_id and dates), or agent_id and/or "
                   "client_id with start_date AND end_date. Prefer this to list_ticket_actions for hours.",
    .toolset = Toolset::kTickets,
    .form = Form::kList,
    .reads = kReads,
    .args = kArgs,
    .fields = kEntryFields,
    .totals = kTotals,
    .handler = list_time_entries,
};

}  // namespace tools

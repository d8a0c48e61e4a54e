// list_time_entries: time worked, in hours: on one ticket (its actions with time on them), or over
// a date window by agent and/or client (every action with time in the window, attributed to its
// client through its ticket: time_entry_source.hpp).
#include <simdjson.h>

#include <cmath>

#include "domain/halo_fields.hpp"
#include "domain/projection_time_entries.hpp"
#include "halo/client.hpp"
#include "tools/date_window.hpp"
#include "tools/list_flows.hpp"
#include "tools/sources.hpp"
#include "tools/time_entry_source.hpp"
#include "tools/tool_deps.hpp"

namespace tools {
namespace {

namespace f = domain::fields;
using util::Json;

double round_hours(double hours) { return std::round(hours * 100.0) / 100.0; }

std::string fmt_hours(double hours) {
  std::string text = util::Json(hours).dump();
  if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) text.resize(text.size() - 2);
  return text;
}

// Projected by domain/projection_time_entries.hpp.
constexpr Field kEntryFields[] = {
    {.name = "source", .kind = FieldKind::kText, .help = "'action': a ticket action with time on it."},
    {.name = "id", .kind = FieldKind::kInt, .help = "Action id."},
    {.name = "ticket_id", .kind = FieldKind::kInt, .help = "Ticket (or project) number."},
    {.name = "datetime", .kind = FieldKind::kDatetime, .help = "When the work was done."},
    {.name = "agent_id", .kind = FieldKind::kInt, .help = "Agent id."},
    {.name = "agent", .kind = FieldKind::kText, .help = "Agent name."},
    {.name = "client_id", .kind = FieldKind::kInt, .help = "Client of the ticket (window mode)."},
    {.name = "client_name", .kind = FieldKind::kText, .help = "Client name (window mode)."},
    {.name = "hours", .kind = FieldKind::kNumber, .help = "Time worked."},
    {.name = "billable_hours", .kind = FieldKind::kNumber,
     .help = "Chargeable part (0 when Halo marks it not billable; null when Halo says neither)."},
    {.name = "note", .kind = FieldKind::kNote, .help = "Note as plain text, cut at 300 characters."},
};
constexpr Field kTotals[] = {
    {.name = "total_hours", .kind = FieldKind::kNumber, .help = "Hours over all matching entries."},
    {.name = "total_billable_hours", .kind = FieldKind::kNumber, .help = "Billable hours over all matching entries."},
    {.name = "source", .kind = FieldKind::kText, .help = "Where the entries came from: actions."},
    {.name = "warnings", .kind = FieldKind::kStrings,
     .help = "Why the totals may be short (time on tickets whose client Halo did not say)."},
};

constexpr const Source* kReads[] = {&kActionsSource, &kTicketsSource, &kProjectsSource};

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

  void add(simdjson::dom::element record, const domain::TimeEntryRec& entry, const Json& client_id,
           const Json& client_name) {
    hours += entry.hours;
    billable += entry.billable_hours.value_or(0.0);
    if (count >= paging.offset() && count < paging.offset() + paging.page_size) {
      if (shape.full) {
        items.push_back(f::to_json(record));
      } else {
        Json item = domain::project_time_entry(record, entry, client_id, client_name);
        for (const auto& name : shape.fields) {
          auto value = f::get(record, name);
          item[name] = value ? f::to_json(*value) : Json(nullptr);
        }
        items.push_back(std::move(item));
      }
    }
    ++count;
  }

  Json result(Json warnings = Json::array()) {
    Json out = list_result(std::move(items), paging, count);
    out["total_hours"] = round_hours(hours);
    out["total_billable_hours"] = round_hours(billable);
    out["source"] = "actions";
    out["warnings"] = std::move(warnings);
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
    auto entry = domain::parse_time_entry(action);
    if (!entry) continue;
    if (agent && entry->agent_id != *agent) continue;
    if (!window.contains_instant(entry->datetime)) continue;
    fold.add(action, *entry, nullptr, nullptr);
  }
  return mcp::ToolOutcome::ok(fold.result());
}

mcp::ToolOutcome per_window(ToolCall& call, const DateWindow& window) {
  const auto client = call.args.integer("client_id");
  TimeEntryQuery query{window, call.args.integer("agent_id"), /*with_owners=*/true};
  auto read = fetch_time_entries(call.deps.client, query, call_options(call.context));
  if (!read) return error_outcome(read.error(), "time entries", kActionsSource.area);
  Fold fold{call.args.paging(), call.args.shape()};
  // Time on a ticket whose client Halo did not say may be the asked client's: said, not dropped
  // silently.
  std::int64_t unattributed = 0;
  double unattributed_hours = 0;
  for (std::size_t i = 0; i < read->entries.size(); ++i) {
    const auto& entry = read->entries[i];
    auto owner = read->owners.find(entry.ticket_id);
    const std::int64_t owner_id = owner == read->owners.end() ? 0 : owner->second.client_id;
    if (client && owner_id == 0) {
      ++unattributed;
      unattributed_hours += entry.hours;
    }
    if (client && owner_id != *client) continue;
    Json client_id = owner_id > 0 ? Json(owner_id) : Json(nullptr);
    Json client_name = owner == read->owners.end() || owner->second.client_name.empty()
                           ? Json(nullptr)
                           : Json(owner->second.client_name);
    fold.add(read->records[i], entry, client_id, client_name);
  }
  Json warnings = Json::array();
  if (unattributed > 0) {
    warnings.push_back(std::to_string(unattributed) + " time entr" + (unattributed == 1 ? "y" : "ies") + " (" +
                       fmt_hours(round_hours(unattributed_hours)) +
                       " h) are on tickets whose client Halo did not return; they are not counted for client_id " +
                       std::to_string(*client) + ".");
  }
  return mcp::ToolOutcome::ok(fold.result(std::move(warnings)));
}

mcp::ToolOutcome list_time_entries(ToolCall& call) {
  DateWindow window;
  if (auto bad = read_date_window(call.args, call.deps.zone, window)) return *bad;
  if (auto ticket = call.args.integer("ticket_id")) {
    // Refused rather than ignored: a ticket belongs to one client, so a client_id here could only
    // be dropped silently (or cost a ticket read to check what the caller knows).
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
  return per_window(call, window);
}

}  // namespace

extern const ToolDef kListTimeEntries;

constexpr ToolDef kListTimeEntries{
    .name = "list_time_entries",
    .title = "List time entries",
    .description = "Hours worked (ticket actions with time on them), with total_hours and total_billable_hours over "
                   "ALL matching entries. Either ticket_id (time on one ticket, optionally by agent_id and dates), "
                   "or agent_id and/or client_id with start_date AND end_date (a client's time is found through "
                   "its tickets and projects). Prefer this to list_ticket_actions for hours.",
    .toolset = Toolset::kTickets,
    .form = Form::kList,
    .reads = kReads,
    .args = kArgs,
    .fields = kEntryFields,
    .totals = kTotals,
    .handler = list_time_entries,
};

}  // namespace tools

// Tickets and their actions: list_tickets, get_ticket, list_ticket_actions.
#include <simdjson.h>

#include "domain/halo_fields.hpp"
#include "tools/dated_list.hpp"
#include "tools/list_flows.hpp"
#include "tools/projection.hpp"
#include "tools/record_fetch.hpp"
#include "tools/sources.hpp"
#include "tools/ticket_fields.hpp"
#include "tools/tool_deps.hpp"

namespace tools {
namespace {

using util::Json;

/// Most actions embedded in get_ticket; list_ticket_actions pages through all of them.
constexpr int kEmbeddedActions = 50;

constexpr const Source* kReadsTickets[] = {&kTicketsSource};
constexpr const Source* kReadsTicketAndActions[] = {&kTicketsSource, &kActionsSource};
constexpr const Source* kReadsActions[] = {&kActionsSource};

constexpr Arg kListTicketsArgs[] = {
    {.name = "client_id", .kind = ArgKind::kId, .help = "Only tickets of this client."},
    {.name = "site_id", .kind = ArgKind::kId, .help = "Only tickets of this site."},
    {.name = "agent_id", .kind = ArgKind::kId, .help = "Only tickets assigned to this agent."},
    {.name = "status_id", .kind = ArgKind::kId, .help = "Only tickets in this status."},
    {.name = "open_only", .kind = ArgKind::kBoolean, .help = "Only open (not closed) tickets.", .fallback = "false"},
    {.name = "search", .kind = ArgKind::kText, .help = "Free text, as Halo's ticket search box."},
    {.name = "start_date", .kind = ArgKind::kDate, .help = "Opened on or after this day."},
    {.name = "end_date", .kind = ArgKind::kDate, .help = "Opened on or before this day."},
};
constexpr Arg kGetTicketArgs[] = {
    {.name = "ticket_id", .kind = ArgKind::kId, .help = "The ticket number.", .required = true},
    {.name = "include_actions", .kind = ArgKind::kBoolean, .help = "Also its actions (at most 50).",
     .fallback = "false"},
};
constexpr Arg kListActionsArgs[] = {
    {.name = "ticket_id", .kind = ArgKind::kId, .help = "The ticket number.", .required = true},
    {.name = "include_system", .kind = ArgKind::kBoolean, .help = "Include Halo's automatic system actions.",
     .fallback = "false"},
};

mcp::ToolOutcome list_tickets(ToolCall& call) {
  DateWindow window;
  if (auto bad = read_date_window(call.args, call.deps.zone, window)) return *bad;
  // status_name / agent_name are only filled in when details are asked for; order2 keeps pages
  // stable when tickets share a date.
  halo::Params params{{"includedetails", "true"}, {"order", "dateoccurred"}, {"orderdesc", "true"},
                      {"order2", "id"}, {"orderdesc2", "true"}};
  for (const char* key : {"client_id", "site_id", "agent_id", "status_id"}) {
    if (auto id = call.args.integer(key)) params.emplace_back(key, std::to_string(*id));
  }
  if (call.args.flag("open_only")) params.emplace_back("open_only", "true");
  if (auto search = call.args.text("search")) params.emplace_back("search", *search);
  if (window.empty()) return run_paged_list(call, kTicketsSource, params);
  params.emplace_back("datesearch", "dateoccured");  // Halo's spelling
  if (window.start) params.emplace_back("startdate", window.start_utc());
  if (window.end) params.emplace_back("enddate", window.end_utc());
  auto day_of = [&window](const domain::Record& ticket) {
    auto opened = domain::fields::as_string(ticket, "dateoccurred");
    return window.local_day(opened ? std::optional<std::string_view>(*opened) : std::nullopt);
  };
  return run_dated_list(call, kTicketsSource, params, day_of, window);
}

mcp::ToolOutcome get_ticket(ToolCall& call) {
  const std::int64_t id = call.args.integer("ticket_id").value_or(0);
  auto doc = fetch_record(call, kTicketsSource, id, {{"includedetails", "true"}});
  if (!doc) return std::move(doc.error());
  const Shape shape{call.args.flag("full"), {}};
  const ProjectionEnv env = projection_env(call);
  Json item = shape_item(doc->root(), shape, call.tool.fields, true, env);
  if (call.args.flag("include_actions")) {
    auto actions = call.deps.client.list_unpaged(kActionsSource.path,
                                                 {{"ticket_id", std::to_string(id)}, {"excludesys", "true"}},
                                                 kActionsSource.key, call_options(call.context));
    if (!actions) {
      return error_outcome(actions.error(), "the actions of ticket " + std::to_string(id), kActionsSource.area);
    }
    Json list = Json::array();
    std::int64_t count = 0;
    for (simdjson::dom::element action : actions->items) {
      if (count < kEmbeddedActions) list.push_back(shape_item(action, shape, kActionFields, true, env));
      ++count;
    }
    item["actions"] = std::move(list);
    item["actions_count"] = count;
  }
  return mcp::ToolOutcome::ok(Json{{"item", std::move(item)}});
}

mcp::ToolOutcome list_ticket_actions(ToolCall& call) {
  halo::Params params{{"ticket_id", std::to_string(call.args.integer("ticket_id").value_or(0))}};
  if (!call.args.flag("include_system")) params.emplace_back("excludesys", "true");
  return run_unpaged_list(call, kActionsSource, params);
}

}  // namespace

extern const ToolDef kListTickets, kGetTicket, kListTicketActions;

constexpr ToolDef kListTickets{
    .name = "list_tickets",
    .title = "List tickets",
    .description = "Service desk tickets, newest first: summary, client, status, agent, team, priority, date "
                   "opened. Filters combine; start_date/end_date are on the date opened. get_ticket gives the "
                   "body, list_ticket_actions the history.",
    .toolset = Toolset::kTickets,
    .form = Form::kList,
    .reads = kReadsTickets,
    .args = kListTicketsArgs,
    .fields = kTicketFields,
    .handler = list_tickets,
};

constexpr ToolDef kGetTicket{
    .name = "get_ticket",
    .title = "Get a ticket",
    .description = "One ticket by number: the list_tickets fields plus its body (plain text), site, end user, "
                   "hours logged, deadline and date closed; include_actions adds its non-system actions "
                   "(at most 50, oldest first).",
    .toolset = Toolset::kTickets,
    .form = Form::kGet,
    .reads = kReadsTicketAndActions,
    .args = kGetTicketArgs,
    .fields = kTicketFields,
    .handler = get_ticket,
};

constexpr ToolDef kListTicketActions{
    .name = "list_ticket_actions",
    .title = "List a ticket's actions",
    .description = "One ticket's history, oldest first: notes, e-mails, status changes, with who, the outcome, "
                   "the note as plain text and hours logged. For hours worked prefer list_time_entries.",
    .toolset = Toolset::kTickets,
    .form = Form::kList,
    .reads = kReadsActions,
    .args = kListActionsArgs,
    .fields = kActionFields,
    .handler = list_ticket_actions,
};

}  // namespace tools

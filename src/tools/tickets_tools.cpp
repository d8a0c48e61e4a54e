// Tickets and their actions: list_tickets (with its SLA filter), get_ticket, list_ticket_actions.
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <tuple>
#include <vector>

#include "domain/halo_fields.hpp"
#include "domain/time_zone.hpp"
#include "tools/dated_list.hpp"
#include "tools/list_flows.hpp"
#include "tools/project_ids.hpp"
#include "tools/projection.hpp"
#include "tools/record_fetch.hpp"
#include "tools/sources.hpp"
#include "tools/ticket_fields.hpp"
#include "tools/tool_deps.hpp"

namespace tools {
namespace {

namespace f = domain::fields;
using util::Json;

}  // namespace

Json fix_hours_left(const domain::Record& ticket, const ProjectionEnv& env) {
  if (env.now == std::chrono::sys_seconds{} || !f::is_open(ticket)) return nullptr;
  auto fix = f::as_instant(ticket, "fixbydate");
  if (!fix) return nullptr;
  const double hours = std::chrono::duration<double>(*fix - env.now).count() / 3600.0;
  const double rounded = std::round(hours * 100.0) / 100.0;
  return rounded == 0.0 ? 0.0 : rounded;  // never -0
}

namespace {

/// Most actions embedded in get_ticket; list_ticket_actions pages through all of them.
constexpr int kEmbeddedActions = 50;

// list_tickets reads the project ids too when asked for sla (projects are not SLA tickets).
constexpr const Source* kReadsTickets[] = {&kTicketsSource, &kProjectsSource};
constexpr std::string_view kSlaChoices[] = {"breached", "at_risk"};
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
    {.name = "sla", .kind = ArgKind::kChoice,
     .help = "Open tickets past their fix-by time (breached) or due within at_risk_hours; soonest first.",
     .choices = kSlaChoices},
    {.name = "at_risk_hours", .kind = ArgKind::kInteger, .help = "Only with sla=at_risk: hours ahead.", .min = 1,
     .max = 168, .fallback = "24"},
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

/// One ticket the SLA filter kept: its place in the order, and its item.
struct SlaEntry {
  domain::Instant fix;
  std::int64_t id;
  Json item;
};
bool sooner(const SlaEntry& a, const SlaEntry& b) { return std::tie(a.fix, a.id) < std::tie(b.fix, b.id); }

/// sla=breached | at_risk: every open ticket page (Halo filters on open_only and the other
/// arguments; open, the window and the SLA are checked again here), projects and their tasks and
/// tickets excluded from SLA left out, ordered by fixbydate then id, paged here. Only the tickets
/// up to the end of the page asked for are kept in memory (a max-heap on the order).
mcp::ToolOutcome run_sla_list(ToolCall& call, halo::Params params, const DateWindow& window, bool breached) {
  const domain::Instant now = call.deps.now();
  const domain::Instant until = now + std::chrono::hours(call.args.integer("at_risk_hours").value_or(24));
  halo::Params narrow;
  if (auto client = call.args.integer("client_id")) narrow.emplace_back("client_id", std::to_string(*client));
  auto projects = fetch_project_ids(call.deps.client, narrow, call_options(call.context));
  if (!projects) return error_outcome(projects.error(), kProjectsSource.plural, kProjectsSource.area);
  if (!call.args.flag("open_only")) params.emplace_back("open_only", "true");

  const Paging paging = call.args.paging();
  const Shape shape = call.args.shape();
  const ProjectionEnv env = projection_env(call);
  const auto wanted = static_cast<std::size_t>(paging.offset() + paging.page_size);
  std::vector<SlaEntry> heap;  // the `wanted` soonest so far; front() is the latest of them
  std::int64_t kept = 0;
  auto visit = [&](const halo::ListPage& page) {
    for (simdjson::dom::element ticket : page.items) {
      auto id = f::as_int(ticket, "id");
      if (!id || projects->ids.count(*id) > 0 || !f::is_open(ticket)) continue;
      if (f::as_bool(ticket, "excludefromsla").value_or(false)) continue;
      auto fix = f::as_instant(ticket, "fixbydate");
      if (!fix || (breached ? *fix >= now : (*fix < now || *fix > until))) continue;
      if (!window.empty()) {
        auto opened = f::as_string(ticket, "dateoccurred");
        if (!window.contains(window.local_day(opened ? std::optional<std::string_view>(*opened) : std::nullopt))) {
          continue;
        }
      }
      ++kept;
      SlaEntry entry{*fix, *id, nullptr};
      if (heap.size() >= wanted && !sooner(entry, heap.front())) continue;
      entry.item = shape_item(ticket, shape, call.tool.fields, false, env);
      heap.push_back(std::move(entry));
      std::push_heap(heap.begin(), heap.end(), sooner);
      if (heap.size() > wanted) {
        std::pop_heap(heap.begin(), heap.end(), sooner);
        heap.pop_back();
      }
    }
    return halo::Visit::kContinue;
  };
  auto stats = call.deps.client.for_each_page(kTicketsSource.path, params, kTicketsSource.key,
                                              call_options(call.context), visit, page_progress(call.context));
  if (!stats) return error_outcome(stats.error(), kTicketsSource.plural, kTicketsSource.area);
  std::sort_heap(heap.begin(), heap.end(), sooner);
  Json items = Json::array();
  for (std::size_t i = static_cast<std::size_t>(paging.offset()); i < heap.size(); ++i) {
    items.push_back(std::move(heap[i].item));
  }
  return mcp::ToolOutcome::ok(list_result(std::move(items), paging, kept));
}

mcp::ToolOutcome list_tickets(ToolCall& call) {
  DateWindow window;
  if (auto bad = read_date_window(call.args, call.deps.zone, window)) return *bad;
  const auto sla = call.args.text("sla");
  if (call.args.given("at_risk_hours") && sla != "at_risk") {
    return mcp::ToolOutcome::error("Invalid argument 'at_risk_hours': it applies only with sla=\"at_risk\"" +
                                   std::string(sla ? " (sla is \"" + *sla + "\")" : ""));
  }
  // status_name / agent_name are only filled in when details are asked for; order2 keeps pages
  // stable when tickets share a date.
  halo::Params params{{"includedetails", "true"}, {"order", "dateoccurred"}, {"orderdesc", "true"},
                      {"order2", "id"}, {"orderdesc2", "true"}};
  for (const char* key : {"client_id", "site_id", "agent_id", "status_id"}) {
    if (auto id = call.args.integer(key)) params.emplace_back(key, std::to_string(*id));
  }
  if (call.args.flag("open_only")) params.emplace_back("open_only", "true");
  if (auto search = call.args.text("search")) params.emplace_back("search", *search);
  if (!window.empty()) {
    params.emplace_back("datesearch", "dateoccured");  // Halo's spelling
    if (window.start) params.emplace_back("startdate", window.start_utc());
    if (window.end) params.emplace_back("enddate", window.end_utc());
  }
  if (sla) return run_sla_list(call, std::move(params), window, *sla == "breached");
  if (window.empty()) return run_paged_list(call, kTicketsSource, params);
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
    .description = "Service desk tickets, newest first (with sla: soonest fix-by first): summary, client, status, "
                   "agent, team, priority, date opened, SLA due times. Filters combine; start_date/end_date are on "
                   "the date opened. get_ticket gives the body, list_ticket_actions the history.",
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

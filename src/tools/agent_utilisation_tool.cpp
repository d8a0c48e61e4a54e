// agent_utilisation: who logged how many hours in a window, how much of it billable, against the
// hours they had (rules: domain/utilisation.hpp). Four reads at once: the window's time entries
// (one request: ticket actions with time, Halo filtering by date, each re-checked here), the
// agents (names, teams, who is enabled), the project ids (projects are not tickets) and the open
// tickets (who holds what now).
#include <simdjson.h>

#include <mutex>
#include <variant>

#include "domain/halo_fields.hpp"
#include "domain/text_table.hpp"
#include "domain/utilisation.hpp"
#include "tools/result_charts.hpp"
#include "tools/analytics_common.hpp"
#include "tools/concurrent_reads.hpp"
#include "tools/list_flows.hpp"
#include "tools/project_ids.hpp"
#include "tools/sources.hpp"
#include "tools/team_lookup.hpp"
#include "tools/time_entry_source.hpp"
#include "tools/tool_args.hpp"
#include "tools/tool_deps.hpp"
#include "util/ascii.hpp"

namespace tools {
namespace {

using util::Json;

constexpr const Source* kReads[] = {&kActionsSource, &kAgentsSource, &kTicketsSource, &kProjectsSource};

constexpr Arg kArgs[] = {
    {.name = "start_date", .kind = ArgKind::kDate, .help = "First day (MSP time zone). Default: last month's first."},
    {.name = "end_date", .kind = ArgKind::kDate, .help = "Last day, inclusive. Default: last month's last."},
    {.name = "agent_id", .kind = ArgKind::kId, .help = "Only this agent."},
    {.name = "team", .kind = ArgKind::kText, .help = "Only this team's agents (team name)."},
};

std::string text_of(const Json& result) {
  auto num = domain::json_cell;
  auto pct = domain::json_percent;
  domain::TextTable table({"agent", "hours", "billable", "non-billable", "billable %", "utilisation", "tickets",
                           "open now"},
                          {false, true, true, true, true, true, true, true});
  auto add = [&](const std::string& name, const Json& row) {
    table.add({name, num(row["hours"]), num(row["billable_hours"]), num(row["non_billable_hours"]),
               pct(row["billable_share_pct"]), pct(row["utilisation_pct"]), row["tickets_worked"].dump(),
               row["open_tickets"].dump()});
  };
  for (const auto& a : result["agents"]) add(a["agent_name"].get<std::string>(), a);
  add("TOTAL", result["totals"]);
  std::string out = "Time logged " + result["start_date"].get<std::string>() + " to " +
                    result["end_date"].get<std::string>() + " (" + std::to_string(result["working_days"].get<int>()) +
                    " working days of " + num(result["workday_hours"]) + " h)\n\n" + table.render();
  for (const auto& w : result["warnings"]) out += "\nwarning: " + w["detail"].get<std::string>();
  return out;
}

mcp::ToolOutcome agent_utilisation(ToolCall& call) {
  ReadCounter counter;
  auto read_window = read_local_window(call.args, call.deps.zone, call.deps.now(), previous_month());
  if (auto* bad = std::get_if<mcp::ToolOutcome>(&read_window)) return std::move(*bad);
  const domain::LocalWindow window = std::get<domain::LocalWindow>(read_window);

  domain::UtilisationInput in;
  in.start = window.start;
  in.end = window.end;
  in.workday_hours = call.deps.workday_hours;
  in.agent_id = call.args.integer("agent_id");
  in.team = call.args.text("team");

  std::mutex mutex;
  auto count = [&](bool from_cache, std::int64_t records) {
    std::lock_guard lock(mutex);
    (from_cache ? counter.cache_hits : counter.requests) += 1;
    counter.records_read += records;
  };
  ConcurrentReads reads(call.context);
  reads.add([&](const halo::CallOptions& options, const ConcurrentReads::Progress& progress) -> util::Result<void> {
    TimeEntryQuery query{DateWindow{window.start, window.end, window.zone}, in.agent_id, /*with_owners=*/false};
    auto read = fetch_time_entries(call.deps.client, query, options);
    progress(1, 1);
    if (!read) return util::Unexpected(read.error());
    std::lock_guard lock(mutex);
    counter.requests += read->requests;
    counter.cache_hits += read->cache_hits;
    counter.records_read += read->actions_read;
    in.entries = std::move(read->entries);
    return {};
  });
  reads.add([&](const halo::CallOptions& options, const ConcurrentReads::Progress& progress) -> util::Result<void> {
    auto page = call.deps.client.list_unpaged(kAgentsSource.path, {{"includedisabled", "true"}}, kAgentsSource.key,
                                              options);
    progress(1, 1);
    if (!page) return util::Unexpected(page.error());
    std::vector<domain::AgentRef> agents;
    for (simdjson::dom::element record : page->items) {
      domain::AgentRef a;
      a.id = domain::fields::as_int(record, "id").value_or(0);
      if (a.id <= 0) continue;
      a.name = domain::fields::as_string(record, "name").value_or("agent " + std::to_string(a.id));
      a.team = domain::fields::as_string(record, "team").value_or("");
      a.enabled = !domain::fields::as_bool(record, "isdisabled").value_or(false);
      agents.push_back(std::move(a));
    }
    count(page->from_cache, static_cast<std::int64_t>(agents.size()));
    in.agents = std::move(agents);
    return {};
  });
  reads.add([&](const halo::CallOptions& options, const ConcurrentReads::Progress& progress) -> util::Result<void> {
    auto read = fetch_project_ids(call.deps.client, {}, options);
    progress(1, 1);
    if (!read) return util::Unexpected(read.error());
    count(read->from_cache, static_cast<std::int64_t>(read->ids.size()));
    in.project_ids = std::move(read->ids);
    return {};
  });
  // Open tickets per agent, counted with their ids so projects can be taken out afterwards.
  std::map<std::int64_t, std::vector<std::int64_t>> open_by_agent;
  reads.add([&](const halo::CallOptions& options, const ConcurrentReads::Progress& progress) -> util::Result<void> {
    halo::Params params{{"open_only", "true"}, {"order", "dateoccurred"}, {"order2", "id"}};
    if (in.agent_id) params.emplace_back("agent_id", std::to_string(*in.agent_id));
    std::int64_t records = 0;
    auto stats = call.deps.client.for_each_page(
        kTicketsSource.path, params, kTicketsSource.key, options,
        [&](const halo::ListPage& page) {
          for (simdjson::dom::element record : page.items) {
            ++records;
            auto id = domain::fields::as_int(record, "id");
            auto agent = domain::fields::as_int(record, "agent_id").value_or(0);
            // Re-checked here: Halo's open_only filter is trusted for the cost, not for the figure.
            if (id && agent > 0 && domain::fields::is_open(record)) open_by_agent[agent].push_back(*id);
          }
          return halo::Visit::kContinue;
        },
        progress);
    if (!stats) return util::Unexpected(stats.error());
    std::lock_guard lock(mutex);
    counter.requests += stats->requests;
    counter.cache_hits += stats->cache_hits;
    counter.records_read += records;
    return {};
  });
  if (auto done = reads.run(); !done) {
    if (done.error().kind == util::ErrorKind::kCancelled) return mcp::ToolOutcome::error("agent_utilisation was cancelled.");
    return error_outcome(done.error(), "time entries, agents and tickets", "Tickets, Agents");
  }
  for (const auto& [agent, ids] : open_by_agent) {
    for (auto id : ids) in.open_tickets_by_agent[agent] += in.project_ids.count(id) == 0;
  }
  if (in.team) {
    bool known = false;
    for (const auto& a : in.agents) known = known || util::lower_ascii(a.team) == util::lower_ascii(*in.team);
    if (!known) {
      return mcp::ToolOutcome::error("Invalid argument 'team': no agent of Halo is in a team named '" + *in.team +
                                     "'.");
    }
  }

  const domain::Utilisation result = domain::compute_utilisation(in);
  Json agents = Json::array();
  for (const auto& row : result.agents) agents.push_back(domain::utilisation_row_json(row, true));
  Json warnings = Json::array();
  if (result.unattributed_hours > 0) {
    warnings.push_back(warning_json("unattributed_time",
                                    domain::hours_json(result.unattributed_hours).dump() +
                                        " hours were logged by no agent (who_agentid 0) and are in no row."));
  }
  Json out{{"start_date", domain::format_date(window.start)},
           {"end_date", domain::format_date(window.end)},
           {"time_zone", window.zone.name()},
           {"working_days", result.working_days},
           {"workday_hours", call.deps.workday_hours},
           {"agents", std::move(agents)},
           {"totals", domain::utilisation_row_json(result.totals, false)},
           {"sources", counter.json()},
           {"warnings", std::move(warnings)}};
  auto outcome = mcp::ToolOutcome::ok(out);
  outcome.human_text = text_of(out);
  return outcome;
}

Json utilisation_schema() {
  const Json hours{{"type", "number"}, {"description", "Decimal hours, 2 decimals."}};
  const Json pct = nullable("number", "0-100, 1 decimal; null when the denominator is 0.");
  const Json count{{"type", "integer"}};
  Json totals{{"type", "object"},
              {"properties",
               {{"hours", hours},
                {"billable_hours", hours},
                {"non_billable_hours", hours},
                {"billable_share_pct", pct},
                {"available_hours", hours},
                {"utilisation_pct", pct},
                {"billable_utilisation_pct", pct},
                {"tickets_worked", count},
                {"open_tickets", count}}},
              {"required", {"hours", "billable_hours", "non_billable_hours", "billable_share_pct", "available_hours",
                            "utilisation_pct", "billable_utilisation_pct", "tickets_worked", "open_tickets"}}};
  Json agent = totals;
  agent["properties"]["agent_id"] = count;
  agent["properties"]["agent_name"] = Json{{"type", "string"}};
  agent["properties"]["team"] = Json{{"type", "string"}};
  agent["required"].push_back("agent_id");
  agent["required"].push_back("agent_name");
  const Json date{{"type", "string"}, {"format", "date"}};
  return Json{{"type", "object"},
              {"properties",
               {{"start_date", date},
                {"end_date", date},
                {"time_zone", {{"type", "string"}}},
                {"working_days", {{"type", "integer"}, {"description", "Monday-Friday days in the window."}}},
                {"workday_hours", {{"type", "number"}}},
                {"agents", {{"type", "array"}, {"items", agent}}},
                {"totals", totals},
                {"sources", sources_schema()},
                {"warnings", warnings_schema("unattributed_time")}}},
              {"required", {"start_date", "end_date", "agents", "totals", "sources", "warnings"}}};
}

}  // namespace

extern const ToolDef kAgentUtilisation;

constexpr ToolDef kAgentUtilisation{
    .name = "agent_utilisation",
    .title = "Agent utilisation (hours logged)",
    .description =
        "Per agent: hours logged in a window (default last month), billable vs non-billable, utilisation against "
        "weekdays x HALO_WORKDAY_HOURS, tickets worked and open tickets now. Agents who logged nothing show 0. "
        "Project time counts as time.",
    .toolset = Toolset::kAnalytics,
    .form = Form::kCustom,
    .reads = kReads,
    .args = kArgs,
    .output_schema = utilisation_schema,
    .handler = agent_utilisation,
    .chart = utilisation_charts,
    .analytics_view = true,
};

}  // namespace tools

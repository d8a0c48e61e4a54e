// ticket_stats: service-desk statistics of a window (rules: domain/ticket_stats.hpp). The tickets
// come from four reads at once, each asking Halo to filter and each re-checked here:
//   opened   tickets opened in the window (Halo's date filter on dateoccured), newest first;
//   closed   tickets closed in the window, oldest opened first, stopping where the window's own
//            tickets start (the first read has those);
//   open     tickets open now, the same way: the backlog from before the window;
//   later    tickets closed after the window, the same way (only when the window is over);
// plus the project ids (projects are not tickets) and, for a team, the team's id. Requests: the
// pages of the window's tickets plus a handful, never the whole history.
#include <simdjson.h>

#include <map>
#include <mutex>
#include <variant>

#include "domain/halo_fields.hpp"
#include "domain/service_ticket.hpp"
#include "domain/text_table.hpp"
#include "domain/ticket_stats.hpp"
#include "tools/result_charts.hpp"
#include "tools/analytics_common.hpp"
#include "tools/concurrent_reads.hpp"
#include "tools/list_flows.hpp"
#include "tools/project_ids.hpp"
#include "tools/sources.hpp"
#include "tools/team_lookup.hpp"
#include "tools/ticket_walk.hpp"
#include "tools/tool_args.hpp"
#include "tools/tool_deps.hpp"
#include "util/ascii.hpp"

namespace tools {
namespace {

using util::Json;
using domain::GroupBy;
using domain::Interval;

constexpr const Source* kReads[] = {&kTicketsSource, &kProjectsSource};

constexpr Arg kArgs[] = {
    {.name = "start_date", .kind = ArgKind::kDate, .help = "First day (MSP time zone). Default: end_date - 29 days."},
    {.name = "end_date", .kind = ArgKind::kDate, .help = "Last day, inclusive. Default: today."},
    {.name = "group_by", .kind = ArgKind::kChoice, .help = "One row per client, agent, team, ...",
     .fallback = "\"none\"", .choices = domain::kGroupByNames},
    {.name = "interval", .kind = ArgKind::kChoice, .help = "Adds a series of opened/closed per day, ISO week or month.",
     .fallback = "\"none\"", .choices = domain::kIntervalNames},
    {.name = "client_id", .kind = ArgKind::kId, .help = "Only this client's tickets."},
    {.name = "agent_id", .kind = ArgKind::kId, .help = "Only tickets assigned to this agent."},
    {.name = "team", .kind = ArgKind::kText, .help = "Only this team's tickets (team name)."},
};

template <class E, std::size_t N>
E choice(const Args& args, std::string_view name, const std::string_view (&names)[N]) {
  const std::string value = args.text(name).value_or("none");
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == value) return static_cast<E>(i);
  }
  return static_cast<E>(0);  // the schema allows only the names
}

std::string key_label(GroupBy by) {
  return std::string(domain::kGroupByNames[static_cast<int>(by)]);
}

/// The tickets of every read, each once, re-checked against the filters Halo was asked for.
class TicketSet {
 public:
  struct Filter {
    std::optional<std::int64_t> client_id, agent_id;
    std::optional<std::string> team_lower;
  };
  explicit TicketSet(Filter filter) : filter_(std::move(filter)) {}

  void add(const domain::Record& record) {
    auto ticket = domain::parse_service_ticket(record);
    std::lock_guard lock(mutex_);
    ++records_read_;
    if (!ticket || !keep(*ticket)) return;
    tickets_.emplace(ticket->id, std::move(*ticket));
  }
  std::vector<domain::ServiceTicket> take(const std::set<std::int64_t>& projects,
                                          const std::map<std::string, std::int64_t>& team_ids) {
    std::vector<domain::ServiceTicket> out;
    for (auto& [id, t] : tickets_) {
      if (projects.count(id)) continue;
      if (auto it = team_ids.find(util::lower_ascii(t.team.name)); it != team_ids.end()) t.team.id = it->second;
      out.push_back(std::move(t));
    }
    return out;
  }
  std::int64_t records_read() const { return records_read_; }

 private:
  bool keep(const domain::ServiceTicket& t) const {
    if (filter_.client_id && t.client.id != filter_.client_id) return false;
    if (filter_.agent_id && t.agent.id != filter_.agent_id) return false;
    if (filter_.team_lower && util::lower_ascii(t.team.name) != *filter_.team_lower) return false;
    return true;
  }
  Filter filter_;
  std::mutex mutex_;
  std::map<std::int64_t, domain::ServiceTicket> tickets_;
  std::int64_t records_read_ = 0;
};

Json row_json(const domain::StatsRow& row) {
  Json out = Json{{"key_id", row.key.id ? Json(*row.key.id) : Json(nullptr)}, {"key_name", row.key.name}};
  out.update(domain::stats_row_json(row));
  return out;
}

std::string stats_text(const Json& result) {
  auto cell = domain::json_cell;
  auto pct = domain::json_percent;
  std::string out = "Tickets " + result["start_date"].get<std::string>() + " to " +
                    result["end_date"].get<std::string>() + " (" + result["time_zone"].get<std::string>() + ")\n\n";
  domain::TextTable table({"group", "opened", "closed", "open at end", "mean response h", "mean resolution h",
                           "response SLA", "fix SLA"},
                          {false, true, true, true, true, true, true, true});
  auto add = [&](const std::string& label, const Json& row) {
    table.add({label, cell(row["opened"]), cell(row["closed"]), cell(row["open_at_end"]),
               cell(row["response"]["mean_hours"]), cell(row["resolution"]["mean_hours"]),
               pct(row["sla"]["response_compliance_pct"]), pct(row["sla"]["fix_compliance_pct"])});
  };
  if (result.contains("groups")) {
    for (const auto& g : result["groups"]) add(g["key_name"].get<std::string>(), g);
  }
  add("TOTAL", result["totals"]);
  out += table.render();
  if (result.contains("series")) {
    domain::TextTable series({"period from", "opened", "closed"}, {false, true, true});
    for (const auto& p : result["series"]) {
      series.add({p["period_start"].get<std::string>(), cell(p["opened"]), cell(p["closed"])});
    }
    out += "\n" + series.render();
  }
  for (const auto& w : result["warnings"]) out += "\nwarning: " + w["detail"].get<std::string>();
  return out;
}

mcp::ToolOutcome ticket_stats(ToolCall& call) {
  ReadCounter counter;
  auto read_window = read_local_window(call.args, call.deps.zone, call.deps.now(), last_30_days());
  if (auto* bad = std::get_if<mcp::ToolOutcome>(&read_window)) return std::move(*bad);
  const domain::LocalWindow window = std::get<domain::LocalWindow>(read_window);
  const auto group_by = choice<GroupBy>(call.args, "group_by", domain::kGroupByNames);
  const auto interval = choice<Interval>(call.args, "interval", domain::kIntervalNames);
  if (call.args.flag("chart") && group_by == GroupBy::kNone && interval == Interval::kNone) {
    return mcp::ToolOutcome::error(
        "chart: a chart of ticket_stats needs interval (day, week or month: opened and closed per period) or "
        "group_by (per client, agent, ...); totals alone are a few numbers, not a picture.");
  }

  TicketSet::Filter filter{call.args.integer("client_id"), call.args.integer("agent_id"), std::nullopt};
  halo::Params filters;
  if (filter.client_id) filters.emplace_back("client_id", std::to_string(*filter.client_id));
  if (filter.agent_id) filters.emplace_back("agent_id", std::to_string(*filter.agent_id));
  Json warnings = Json::array();

  // A team is filtered by name here and by id at Halo; group_by team shows each team's id.
  Teams teams;
  const auto team = call.args.text("team");
  if (team || group_by == GroupBy::kTeam) {
    auto read = fetch_teams(call.deps.client, call_options(call.context));
    if (read) {
      teams = std::move(*read);
      (teams.from_cache ? counter.cache_hits : counter.requests) += 1;
    } else if (read.error().kind == util::ErrorKind::kCancelled) {
      return mcp::ToolOutcome::error("ticket_stats was cancelled.");
    } else {
      warnings.push_back(warning_json("teams_unavailable", "Halo's team list could not be read (" +
                                                               util::describe(read.error()) +
                                                               "): teams are matched by name only."));
    }
    if (team) {
      filter.team_lower = util::lower_ascii(*team);
      auto it = teams.id_by_lower_name.find(*filter.team_lower);
      if (it != teams.id_by_lower_name.end()) {
        filters.emplace_back("team", std::to_string(it->second));
      } else if (!teams.id_by_lower_name.empty()) {
        std::string known;
        for (const auto& [lower, name] : teams.name_by_lower_name) known += (known.empty() ? "" : ", ") + name;
        return mcp::ToolOutcome::error("Invalid argument 'team': Halo has no team named '" + *team +
                                       "'. Teams: " + known + ".");
      }
    }
  }

  const bool details = group_by == GroupBy::kAgent || group_by == GroupBy::kStatus ||
                       group_by == GroupBy::kPriority || group_by == GroupBy::kTicketType;
  const domain::Instant now = call.deps.now();
  const std::string from = domain::format_utc(window.from);
  const std::string to = domain::format_utc(window.until - std::chrono::seconds{1});
  auto with = [&](halo::Params extra) {
    extra.insert(extra.begin(), filters.begin(), filters.end());
    return extra;
  };
  std::vector<TicketWalk> walks = {
      {"Tickets", with({{"datesearch", "dateoccured"}, {"startdate", from}, {"enddate", to}}), true, window.from, details},
      {"Tickets", with({{"datesearch", "datecleared"}, {"startdate", from}, {"enddate", to}}), false, window.from, details},
      {"Tickets", with({{"open_only", "true"}}), false, window.from, details},
  };
  if (window.until <= now) {
    // Up to the end of today rather than this second, so a repeat within the cache's lifetime
    // asks the same question (and costs Halo nothing).
    const domain::Date today = window.zone.local_date(now);
    const domain::Instant end_of_today =
        window.zone.start_of(domain::Date{std::chrono::sys_days{today} + std::chrono::days{1}}) - std::chrono::seconds{1};
    walks.push_back({"Tickets",
                     with({{"datesearch", "datecleared"}, {"startdate", domain::format_utc(window.until)},
                           {"enddate", domain::format_utc(end_of_today)}}),
                     false, window.from, details});
  }

  TicketSet tickets(filter);
  std::mutex stats_mutex;
  std::string inconsistency;
  ProjectIds projects;
  ConcurrentReads reads(call.context);
  for (const TicketWalk& walk : walks) {
    reads.add([&, walk](const halo::CallOptions& options, const ConcurrentReads::Progress& progress) -> util::Result<void> {
      auto stats = walk_tickets(call.deps.client, walk, options, [&](const domain::Record& r) { tickets.add(r); },
                                progress);
      if (!stats) return util::Unexpected(stats.error());
      std::lock_guard lock(stats_mutex);
      counter.requests += stats->requests;
      counter.cache_hits += stats->cache_hits;
      if (!stats->inconsistency.empty()) inconsistency = stats->inconsistency;
      return {};
    });
  }
  reads.add([&](const halo::CallOptions& options, const ConcurrentReads::Progress& progress) -> util::Result<void> {
    halo::Params narrow;
    if (filter.client_id) narrow.emplace_back("client_id", std::to_string(*filter.client_id));
    auto read = fetch_project_ids(call.deps.client, narrow, options);
    progress(1, 1);
    if (!read) return util::Unexpected(read.error());
    std::lock_guard lock(stats_mutex);
    (read->from_cache ? counter.cache_hits : counter.requests) += 1;
    projects = std::move(*read);
    return {};
  });
  if (auto done = reads.run(); !done) {
    if (done.error().kind == util::ErrorKind::kCancelled) return mcp::ToolOutcome::error("ticket_stats was cancelled.");
    return error_outcome(done.error(), "tickets", kTicketsSource.area);
  }
  if (!inconsistency.empty()) {
    // Pages that disagree with record_count mean tickets were skipped or repeated: counts built
    // from them would look complete and be wrong.
    return mcp::ToolOutcome::error("Halo's pages of tickets were inconsistent (" + inconsistency +
                                   "); tickets may have changed while they were read. Ask again.");
  }

  const auto list = tickets.take(projects.ids, teams.id_by_lower_name);
  const domain::TicketStats stats = domain::compute_ticket_stats(list, window, group_by, interval);
  counter.records_read = tickets.records_read() + static_cast<std::int64_t>(projects.ids.size());
  Json out{{"start_date", domain::format_date(window.start)},
           {"end_date", domain::format_date(window.end)},
           {"time_zone", window.zone.name()},
           {"group_by", key_label(group_by)},
           {"interval", std::string(domain::kIntervalNames[static_cast<int>(interval)])},
           {"totals", domain::stats_row_json(stats.totals)}};
  if (group_by != GroupBy::kNone) {
    Json groups = Json::array();
    for (const auto& row : stats.groups) groups.push_back(row_json(row));
    out["groups"] = std::move(groups);
  }
  if (interval != Interval::kNone) {
    Json series = Json::array();
    for (const auto& p : stats.series) {
      series.push_back(Json{{"period_start", domain::format_date(p.period_start)}, {"opened", p.opened},
                            {"closed", p.closed}});
    }
    out["series"] = std::move(series);
  }
  out["sources"] = counter.json();
  out["warnings"] = std::move(warnings);
  auto outcome = mcp::ToolOutcome::ok(out);
  outcome.human_text = stats_text(out);
  return outcome;
}

Json ticket_stats_schema() {
  const Json count{{"type", "integer"}};
  const Json durations{{"type", "object"},
                       {"properties",
                        {{"count", count},
                         {"mean_hours", nullable("number", "Wall-clock hours, 2 decimals; null when count is 0.")},
                         {"median_hours", nullable("number")}}},
                       {"required", {"count", "mean_hours", "median_hours"}}};
  const Json pct = nullable("number", "met / (met + breached) x 100, 1 decimal; null when none was judged.");
  const Json sla{{"type", "object"},
                 {"properties",
                  {{"response_met", count},
                   {"response_breached", count},
                   {"response_compliance_pct", pct},
                   {"fix_met", count},
                   {"fix_breached", count},
                   {"fix_compliance_pct", pct}}},
                 {"required", {"response_met", "response_breached", "response_compliance_pct", "fix_met",
                               "fix_breached", "fix_compliance_pct"}}};
  Json row{{"type", "object"},
           {"properties",
            {{"opened", count},
             {"closed", count},
             {"open_at_end", {{"type", "integer"}, {"description", "The backlog when the window closed."}}},
             {"response", durations},
             {"resolution", durations},
             {"sla", sla}}},
           {"required", {"opened", "closed", "open_at_end", "response", "resolution", "sla"}}};
  Json group = row;
  group["properties"]["key_id"] = nullable("integer", "null: the (none) group.");
  group["properties"]["key_name"] = Json{{"type", "string"}};
  group["required"].push_back("key_id");
  group["required"].push_back("key_name");
  const Json date{{"type", "string"}, {"format", "date"}};
  Json point{{"type", "object"},
             {"properties", {{"period_start", date}, {"opened", count}, {"closed", count}}},
             {"required", {"period_start", "opened", "closed"}}};
  return Json{{"type", "object"},
              {"properties",
               {{"start_date", date},
                {"end_date", date},
                {"time_zone", {{"type", "string"}}},
                {"group_by", {{"type", "string"}}},
                {"interval", {{"type", "string"}}},
                {"totals", row},
                {"groups", {{"type", "array"}, {"items", group}}},
                {"series", {{"type", "array"}, {"items", point}}},
                {"sources", sources_schema()},
                {"warnings", warnings_schema("teams_unavailable")}}},
              {"required", {"start_date", "end_date", "time_zone", "totals", "sources", "warnings"}}};
}

}  // namespace

extern const ToolDef kTicketStats;

constexpr ToolDef kTicketStats{
    .name = "ticket_stats",
    .title = "Service-desk statistics",
    .description =
        "Tickets opened, closed and open at the end of a window, mean/median response and resolution hours, and "
        "SLA compliance (response and fix, met vs breached), in total and per group_by; interval adds an "
        "opened/closed series. Projects are left out. Days are in the MSP's time zone. Exact: use it instead of "
        "paging list_tickets.",
    .toolset = Toolset::kAnalytics,
    .form = Form::kCustom,
    .reads = kReads,
    .args = kArgs,
    .output_schema = ticket_stats_schema,
    .handler = ticket_stats,
    .chart = ticket_stats_charts,
    .analytics_view = true,
};

}  // namespace tools

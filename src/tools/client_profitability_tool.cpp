// client_profitability: per client, invoiced revenue in a window against the cost of the labour
// logged for it (rules: domain/profitability.hpp). Three reads at once: the invoices (and client
// currencies) through revenue_breakdown's own fetch, without its contracts, templates and project
// ids (tools/revenue_fetch.hpp RevenueReads); the window's time entries with their tickets'
// clients (tools/time_entry_source.hpp); the agents' cost prices (one unpaged /api/Agent).
#include <simdjson.h>

#include <mutex>
#include <variant>

#include "domain/halo_fields.hpp"
#include "domain/profitability.hpp"
#include "domain/revenue.hpp"
#include "domain/text_table.hpp"
#include "domain/ticket_stats.hpp"
#include "tools/analytics_common.hpp"
#include "tools/concurrent_reads.hpp"
#include "tools/list_flows.hpp"
#include "tools/revenue_fetch.hpp"
#include "tools/sources.hpp"
#include "tools/time_entry_source.hpp"
#include "tools/tool_args.hpp"
#include "tools/tool_deps.hpp"

namespace tools {
namespace {

using util::Json;

constexpr const char* kTool = "client_profitability";

constexpr const Source* kReads[] = {&kInvoicesSource, &kClientsSource, &kActionsSource,
                                    &kTicketsSource,  &kProjectsSource, &kAgentsSource};

constexpr Arg kArgs[] = {
    {.name = "start_date", .kind = ArgKind::kDate,
     .help = "First day (MSP time zone). Default: end_date minus 12 months plus a day."},
    {.name = "end_date", .kind = ArgKind::kDate, .help = "Last day, inclusive. Default: today. At most 731 days."},
    {.name = "client_id", .kind = ArgKind::kId, .help = "Only this client."},
    {.name = "top", .kind = ArgKind::kInteger, .help = "Only the first N rows; totals still cover everyone.",
     .min = 1},
};

/// The 12 months to today (revenue_breakdown's default), at most two years.
WindowRule twelve_months() {
  return WindowRule{[](domain::Date today) { return today; },
                    [](domain::Date end) { return domain::default_window_start(end); }, 731};
}

Json money(const std::optional<domain::Cents>& c) { return c ? Json(domain::to_double(*c)) : Json(nullptr); }
Json hours(std::int64_t seconds) { return domain::hours_json(static_cast<double>(seconds) / 3600.0); }
Json pct(const std::optional<double>& p) { return p ? Json(*p) : Json(nullptr); }

template <class Figures>
Json figures_json(const Figures& f) {
  return Json{{"currency", f.currency},
              {"revenue", money(f.revenue)},
              {"labour_hours", hours(f.labour_seconds)},
              {"billable_hours", hours(f.billable_seconds)},
              {"labour_cost", money(f.labour_cost)},
              {"margin", money(f.margin)},
              {"margin_pct", pct(f.margin_pct)},
              {"effective_hourly_rate", money(f.effective_hourly_rate)}};
}

Json result_json(const domain::Profitability& p, const domain::LocalWindow& window, const ToolDeps& deps) {
  Json clients = Json::array();
  for (const auto& r : p.clients) {
    Json row{{"client_id", r.client_id}, {"client_name", r.client_name}};
    row.update(figures_json(r));
    clients.push_back(std::move(row));
  }
  Json totals = Json::array();
  for (const auto& t : p.totals) {
    Json total = figures_json(t);
    total["clients"] = t.clients;
    totals.push_back(std::move(total));
  }
  Json warnings = Json::array();
  for (const auto& w : p.warnings) warnings.push_back(warning_json(w.kind, w.detail, w.id));
  return Json{{"start_date", domain::format_date(window.start)},
              {"end_date", domain::format_date(window.end)},
              {"time_zone", window.zone.name()},
              {"cost_currency", domain::normalize_currency(deps.default_currency.empty() ? "GBP" : deps.default_currency)},
              {"default_cost_rate", money(deps.default_cost_rate)},
              {"clients", std::move(clients)},
              {"clients_before_top", p.clients_before_top},
              {"totals", std::move(totals)},
              {"warnings", std::move(warnings)}};
}

std::string text_of(const Json& result) {
  auto num = domain::json_cell;
  domain::TextTable table({"client", "cur", "revenue", "hours", "billable", "labour cost", "margin", "margin %",
                           "per hour"},
                          {false, false, true, true, true, true, true, true, true});
  auto add = [&](const std::string& name, const Json& row) {
    table.add({name, row["currency"].get<std::string>(), num(row["revenue"]), num(row["labour_hours"]),
               num(row["billable_hours"]), num(row["labour_cost"]), num(row["margin"]),
               domain::json_percent(row["margin_pct"]), num(row["effective_hourly_rate"])});
  };
  for (const auto& c : result["clients"]) add(c["client_name"].get<std::string>(), c);
  for (const auto& t : result["totals"]) add("TOTAL", t);
  std::string out = "Client profitability " + result["start_date"].get<std::string>() + " to " +
                    result["end_date"].get<std::string>() + " (labour costed in " +
                    result["cost_currency"].get<std::string>() + "; least profitable first)\n\n" + table.render();
  for (const auto& w : result["warnings"]) out += "\nwarning: " + w["detail"].get<std::string>();
  return out;
}

mcp::ToolOutcome client_profitability(ToolCall& call) {
  ReadCounter counter;
  auto read_window = read_local_window(call.args, call.deps.zone, call.deps.now(), twelve_months());
  if (auto* bad = std::get_if<mcp::ToolOutcome>(&read_window)) return std::move(*bad);
  const domain::LocalWindow window = std::get<domain::LocalWindow>(read_window);

  domain::ProfitabilityInput in;
  in.client_id = call.args.integer("client_id");
  if (auto top = call.args.integer("top")) in.top = static_cast<int>(std::min<std::int64_t>(*top, 1'000'000));
  in.default_cost_rate = call.deps.default_cost_rate;
  in.cost_currency = call.deps.default_currency.empty() ? "GBP" : call.deps.default_currency;

  domain::RevenueParams revenue_params;
  revenue_params.as_of = window.end;
  revenue_params.start_date = window.start;
  revenue_params.end_date = window.end;
  revenue_params.client_id = in.client_id;  // every row: the cut is by margin, below

  std::mutex mutex;
  std::string revenue_error;  ///< the revenue fetch's own isError text
  domain::RevenueInputs revenue_inputs;
  ConcurrentReads reads(call.context);
  reads.add([&](const halo::CallOptions& options, const ConcurrentReads::Progress& progress) -> util::Result<void> {
    // The revenue fetch reports to a context of its own, which feeds this read's progress and
    // carries the shared cancellation (a failure elsewhere stops it too).
    mcp::ToolContext sub;
    sub.cancel = options.cancel;
    sub.deadline = options.deadline;
    sub.log = call.context.log;
    sub.progress = [&progress](double done, std::optional<double> total, std::string_view) {
      progress(static_cast<int>(done), static_cast<int>(total.value_or(done)));
    };
    RevenueReads which;
    which.contracts_and_templates = false;
    which.projects = false;
    which.tool = kTool;
    auto fetched = fetch_revenue_sources(call.deps, revenue_params, sub, which);
    if (auto* error = std::get_if<std::string>(&fetched)) {
      if (options.cancel.cancelled()) return util::fail(util::ErrorKind::kCancelled, *error);
      std::lock_guard lock(mutex);
      revenue_error = *error;
      return util::fail(util::ErrorKind::kUpstream, *error);
    }
    RevenueFetched& data = std::get<RevenueFetched>(fetched);
    std::lock_guard lock(mutex);
    counter.requests += data.requests;
    counter.cache_hits += data.cache_hits;
    for (auto n : data.records) counter.records_read += n;
    revenue_inputs = std::move(data.inputs);
    return {};
  });
  reads.add([&](const halo::CallOptions& options, const ConcurrentReads::Progress& progress) -> util::Result<void> {
    TimeEntryQuery query{DateWindow{window.start, window.end, window.zone}, std::nullopt, /*with_owners=*/true};
    auto read = fetch_time_entries(call.deps.client, query, options);
    progress(1, 1);
    if (!read) return util::Unexpected(read.error());
    std::lock_guard lock(mutex);
    counter.requests += read->requests;
    counter.cache_hits += read->cache_hits;
    counter.records_read += read->actions_read + static_cast<std::int64_t>(read->owners.size());
    for (const auto& [ticket, owner] : read->owners) in.ticket_clients[ticket] = {owner.client_id, owner.client_name};
    in.entries = std::move(read->entries);
    return {};
  });
  reads.add([&](const halo::CallOptions& options, const ConcurrentReads::Progress& progress) -> util::Result<void> {
    auto page = call.deps.client.list_unpaged(kAgentsSource.path, {{"includedisabled", "true"}}, kAgentsSource.key,
                                              options);
    progress(1, 1);
    if (!page) return util::Unexpected(page.error());
    std::map<std::int64_t, domain::AgentCost> agents;
    for (simdjson::dom::element record : page->items) {
      const auto id = domain::fields::as_int(record, "id").value_or(0);
      if (id <= 0) continue;
      domain::AgentCost a;
      a.name = domain::fields::as_string(record, "name").value_or("");
      // 0 or absent: no cost price (HALO_DEFAULT_COST_RATE, else unknown), never "free".
      if (auto cost = domain::fields::as_double(record, "costprice"); cost && *cost > 0) {
        a.cost_price = domain::to_cents(*cost);
      }
      agents.emplace(id, std::move(a));
    }
    std::lock_guard lock(mutex);
    (page->from_cache ? counter.cache_hits : counter.requests) += 1;
    counter.records_read += static_cast<std::int64_t>(agents.size());
    in.agents = std::move(agents);
    return {};
  });
  if (auto done = reads.run(); !done) {
    if (done.error().kind == util::ErrorKind::kCancelled) return mcp::ToolOutcome::error("client_profitability was cancelled.");
    if (!revenue_error.empty()) return mcp::ToolOutcome::error(revenue_error);
    return error_outcome(done.error(), "time entries, tickets and agents", "Tickets, Agents");
  }

  try {
    in.revenue = domain::compute_revenue(revenue_inputs, revenue_params, call.deps.periods);
  } catch (const std::exception& e) {
    return mcp::ToolOutcome::error(std::string("client_profitability failed to compute the revenue: ") + e.what());
  }
  in.invoices_failure = revenue_inputs.invoices_failure;
  in.clients_failure = revenue_inputs.clients_failure;
  const domain::Profitability result = domain::compute_profitability(in);
  Json out = result_json(result, window, call.deps);
  out["sources"] = counter.json();
  auto outcome = mcp::ToolOutcome::ok(out);
  outcome.human_text = text_of(out);
  return outcome;
}

Json profitability_schema() {
  const Json money = nullable("number", "Money, 2 decimals; null when unknown (see warnings).");
  const Json hours{{"type", "number"}, {"description", "Decimal hours, 2 decimals."}};
  Json figures{{"type", "object"},
               {"properties",
                {{"currency", {{"type", "string"}, {"description", "The revenue's currency."}}},
                 {"revenue", money},
                 {"labour_hours", hours},
                 {"billable_hours", hours},
                 {"labour_cost", nullable("number", "In cost_currency; null when an agent's cost is unknown.")},
                 {"margin", money},
                 {"margin_pct", nullable("number", "0-100, 1 decimal; null when revenue is 0 or unknown.")},
                 {"effective_hourly_rate", nullable("number", "revenue / labour_hours; null without hours.")}}},
               {"required", {"currency", "revenue", "labour_hours", "billable_hours", "labour_cost", "margin",
                             "margin_pct", "effective_hourly_rate"}}};
  Json client = figures;
  client["properties"]["client_id"] = Json{{"type", "integer"}};
  client["properties"]["client_name"] = Json{{"type", "string"}};
  client["required"].push_back("client_id");
  client["required"].push_back("client_name");
  Json total = figures;
  total["properties"]["clients"] = Json{{"type", "integer"}};
  total["required"].push_back("clients");
  const Json date{{"type", "string"}, {"format", "date"}};
  return Json{{"type", "object"},
              {"properties",
               {{"start_date", date},
                {"end_date", date},
                {"time_zone", {{"type", "string"}}},
                {"cost_currency", {{"type", "string"}, {"description", "HALO_DEFAULT_CURRENCY: labour costs."}}},
                {"default_cost_rate", nullable("number", "HALO_DEFAULT_COST_RATE; null when not set.")},
                {"clients", {{"type", "array"}, {"items", client}}},
                {"clients_before_top", {{"type", "integer"}}},
                {"totals", {{"type", "array"}, {"items", total}}},
                {"sources", sources_schema()},
                {"warnings", warnings_schema("source_unavailable, missing_amount, currency_mismatch, no_cost_price, "
                                             "default_cost_rate, unattributed_time")}}},
              {"required", {"start_date", "end_date", "cost_currency", "clients", "totals", "sources", "warnings"}}};
}

}  // namespace

extern const ToolDef kClientProfitability;

constexpr ToolDef kClientProfitability{
    .name = "client_profitability",
    .title = "Client profitability (revenue vs labour cost)",
    .description =
        "Per client: revenue invoiced in a window (default the 12 months to today; net of tax, credit notes "
        "negative, voided ignored) against the labour logged on its tickets and projects: labour_hours, "
        "billable_hours, labour_cost = hours x the agent's Halo cost price (HALO_DEFAULT_COST_RATE when it has "
        "none), margin, margin_pct, effective_hourly_rate. Least profitable first. Costs are in "
        "HALO_DEFAULT_CURRENCY: a client billed in another currency gets null margins (currency_mismatch), "
        "never a converted figure. An agent with no cost at all makes labour_cost null: read warnings.",
    .toolset = Toolset::kAnalytics,
    .form = Form::kCustom,
    .reads = kReads,
    .args = kArgs,
    .output_schema = profitability_schema,
    .handler = client_profitability,
    .analytics_view = true,
};

}  // namespace tools

// mrr_trend: the recurring run-rate at every month end, what came and went, and each month's
// invoices (rules: domain/recurring_trend.hpp over domain/recurring_items.hpp, the revenue rules).
// The sources are read once by fetch_revenue_sources (contracts, templates, and the invoices of
// the whole window) and the rules run at every month end; project ids are not read (rules 8-9 tell
// recurring from non-recurring without them).
#include <chrono>
#include <variant>

#include "domain/recurring_trend.hpp"
#include "domain/revenue_output.hpp"
#include "domain/text_table.hpp"
#include "tools/result_charts.hpp"
#include "tools/analytics_common.hpp"
#include "tools/recurring_common.hpp"
#include "tools/revenue_fetch.hpp"
#include "tools/sources.hpp"
#include "tools/tool_args.hpp"
#include "tools/tool_deps.hpp"

namespace tools {
namespace {

using util::Json;

constexpr const Source* kReads[] = {&kContractsSource, &kRecurringInvoicesSource, &kInvoicesSource, &kClientsSource};

constexpr Arg kArgs[] = {
    {.name = "months", .kind = ArgKind::kInteger, .help = "Months shown, ending with end_month.", .min = 1,
     .max = 36, .fallback = "12"},
    {.name = "end_month", .kind = ArgKind::kMonth, .help = "Last month (YYYY-MM). Default: the current month."},
    {.name = "client_id", .kind = ArgKind::kId, .help = "Only this client."},
};

// "2026-03" -> March 2026; nullopt unless exactly YYYY-MM with a month 01-12.
std::optional<std::chrono::year_month> parse_month(const std::string& text) {
  auto day = domain::parse_iso_date(text + "-01");
  if (text.size() != 7 || !day) return std::nullopt;
  return day->year() / day->month();
}

Json result_json(const domain::TrendResult& result) {
  Json rows = Json::array();
  for (const auto& r : result.rows) {
    rows.push_back(Json{{"month", r.month},
                        {"measured_on", domain::format_date(r.measured_on)},
                        {"currency", r.currency},
                        {"mrr", domain::money_json(r.mrr)},
                        {"new_mrr", domain::money_json(r.new_mrr)},
                        {"churned_mrr", domain::money_json(r.churned_mrr)},
                        {"net_change", domain::money_json(r.net_change)},
                        {"items", r.items},
                        {"recurring_invoiced", domain::money_json(r.recurring_invoiced)},
                        {"non_recurring_invoiced", domain::money_json(r.non_recurring_invoiced)}});
  }
  return Json{{"start_month", result.start_month},
              {"end_month", result.end_month},
              {"value_basis", "current_amounts"},
              {"months", std::move(rows)},
              {"warnings", revenue_warnings_json(result.warnings)}};
}

std::string text_of(const Json& out) {
  auto cell = domain::json_cell;
  domain::TextTable table({"month", "currency", "MRR", "new", "churned", "net", "items", "recurring inv.", "other inv."},
                          {false, false, true, true, true, true, true, true, true});
  for (const auto& r : out["months"]) {
    table.add({r["month"].get<std::string>(), r["currency"].get<std::string>(), cell(r["mrr"]), cell(r["new_mrr"]),
               cell(r["churned_mrr"]), cell(r["net_change"]), cell(r["items"]), cell(r["recurring_invoiced"]),
               cell(r["non_recurring_invoiced"])});
  }
  std::string text = "MRR by month " + out["start_month"].get<std::string>() + " to " +
                     out["end_month"].get<std::string>() + " (today's amounts at every month end)\n\n" + table.render();
  for (const auto& w : out["warnings"]) text += "\nwarning: " + w["detail"].get<std::string>();
  return text;
}

mcp::ToolOutcome mrr_trend(ToolCall& call) {
  ReadCounter counter;
  const domain::Date today = call.deps.zone.local_date(call.deps.now());
  domain::TrendParams params;
  params.today = today;
  params.months = static_cast<int>(call.args.integer("months").value_or(12));
  if (params.months < 1 || params.months > 36) {
    return mcp::ToolOutcome::error("Invalid argument 'months': must be 1 to 36, got " + std::to_string(params.months) + ".");
  }
  params.end_month = today.year() / today.month();
  if (auto text = call.args.text("end_month")) {
    auto month = parse_month(*text);
    if (!month) return mcp::ToolOutcome::error("Invalid argument 'end_month': '" + *text + "' is not a YYYY-MM month.");
    // A month after this one has no month end yet: refused rather than shown as figures of today.
    if (*month > params.end_month) {
      return mcp::ToolOutcome::error("Invalid argument 'end_month': " + *text +
                                     " is after the current month; MRR cannot be measured in the future.");
    }
    params.end_month = *month;
  }
  params.client_id = call.args.integer("client_id");

  // One read of every source over the whole window; the rules then run at every month end.
  domain::RevenueParams fetch;
  fetch.as_of = today;
  fetch.start_date = domain::trend_first_day(params);
  fetch.end_date = domain::trend_last_day(params);
  fetch.client_id = params.client_id;
  fetch.include_all_items = true;  // an item counted at an earlier month end needs its currency too
  RevenueReads reads;
  reads.projects = false;
  reads.tool = "mrr_trend";
  auto fetched = fetch_revenue_sources(call.deps, fetch, call.context, reads);
  if (auto* error = std::get_if<std::string>(&fetched)) return mcp::ToolOutcome::error(*error);
  const RevenueFetched& data = std::get<RevenueFetched>(fetched);
  count_fetched(data, counter);

  Json out = result_json(domain::compute_mrr_trend(data.inputs, params, call.deps.periods));
  out["sources"] = counter.json();
  auto outcome = mcp::ToolOutcome::ok(out);
  outcome.human_text = text_of(out);
  return outcome;
}

Json trend_schema() {
  const Json money = nullable("number", "Currency units, 2 decimals; null when its source was unreadable.");
  const Json text{{"type", "string"}};
  Json row{{"type", "object"},
           {"properties",
            {{"month", text},
             {"measured_on", {{"type", "string"}, {"format", "date"}, {"description", "Month end, or today."}}},
             {"currency", text},
             {"mrr", money},
             {"new_mrr", money},
             {"churned_mrr", money},
             {"net_change", money},
             {"items", {{"type", "integer"}, {"description", "Items counted in mrr."}}},
             {"recurring_invoiced", money},
             {"non_recurring_invoiced", money}}},
           {"required", {"month", "measured_on", "currency", "mrr", "new_mrr", "churned_mrr", "net_change", "items",
                         "recurring_invoiced", "non_recurring_invoiced"}}};
  return Json{{"type", "object"},
              {"properties",
               {{"start_month", text},
                {"end_month", text},
                {"value_basis", {{"type", "string"}, {"enum", {"current_amounts"}}}},
                {"months", {{"type", "array"}, {"items", row}}},
                {"sources", sources_schema()},
                {"warnings", warnings_schema("unknown_period | missing_amount | source_unavailable")}}},
              {"required", {"start_month", "end_month", "value_basis", "months", "sources", "warnings"}}};
}

}  // namespace

extern const ToolDef kMrrTrend;

constexpr ToolDef kMrrTrend{
    .name = "mrr_trend",
    .title = "MRR trend by month",
    .description =
        "Per month (months, default 12, ending end_month, default this month) and currency: mrr = run-rate "
        "of revenue_breakdown at the month's last day (today for this month), valued with TODAY's amounts "
        "(value_basis current_amounts: Halo keeps no price history); new_mrr / churned_mrr = items that "
        "started / stopped counting since the previous month end; net_change = new - churned = change in mrr; "
        "recurring_invoiced / non_recurring_invoiced = invoices dated in the month (actuals, real prices). "
        "Future months are refused.",
    .toolset = Toolset::kAnalytics,
    .form = Form::kCustom,
    .reads = kReads,
    .args = kArgs,
    .output_schema = trend_schema,
    .handler = mrr_trend,
    .chart = mrr_trend_charts,
    .analytics_view = true,
};

}  // namespace tools

// revenue_breakdown: recurring run-rate (MRR/ARR) at a date and invoiced revenue in a window, per
// client and currency. The sources are read by revenue_fetch.hpp, the rules are domain/revenue.hpp
// (pure functions), the output is bounded by revenue_bounds.hpp.
#include <algorithm>
#include <chrono>
#include <iterator>
#include <set>
#include <variant>

#include "domain/revenue.hpp"
#include "domain/revenue_dates.hpp"
#include "domain/revenue_output.hpp"
#include "tools/result_charts.hpp"
#include "tools/revenue_bounds.hpp"
#include "tools/revenue_fetch.hpp"
#include "tools/revenue_schema.hpp"
#include "tools/sources.hpp"
#include "tools/tenant_periods.hpp"
#include "tools/tool_args.hpp"
#include "tools/tool_deps.hpp"

namespace tools {
namespace {

using util::Json;
using Clock = std::chrono::steady_clock;

constexpr const Source* kReads[] = {&kContractsSource, &kRecurringInvoicesSource, &kInvoicesSource,
                                    &kProjectsSource, &kClientsSource};

constexpr Arg kArgs[] = {
    {.name = "as_of", .kind = ArgKind::kDate, .help = "Day MRR/ARR is measured. Default: today."},
    {.name = "start_date", .kind = ArgKind::kDate,
     .help = "First day of the invoiced window. Default: end_date minus 12 months plus a day."},
    {.name = "end_date", .kind = ArgKind::kDate, .help = "Last day of the invoiced window. Default: as_of."},
    {.name = "client_id", .kind = ArgKind::kId, .help = "Only this client."},
    {.name = "top", .kind = ArgKind::kInteger, .help = "Only the first N rows; totals still cover everyone.",
     .min = 1},
    {.name = "include_all_items", .kind = ArgKind::kBoolean,
     .help = "Also list inactive and unknown-period items, each with a reason.", .fallback = "false"},
};

std::optional<domain::Date> date_arg(const Args& args, std::string_view name) {
  auto text = args.text(name);
  return text ? domain::parse_iso_date(*text) : std::nullopt;  // the schema checked the format
}

/// Where this Halo's own label for a period code disagrees with the code table, the label was
/// used; the answer says so, once per code the records read carry, after the source failures
/// (which explain every null) and before the per-record warnings.
void add_period_warnings(const ToolDeps& deps, const domain::RevenueInputs& in,
                         std::vector<domain::RevenueWarning>& warnings) {
  auto at = std::find_if(warnings.begin(), warnings.end(),
                         [](const domain::RevenueWarning& w) { return w.kind != "source_unavailable"; });
  std::vector<domain::RevenueWarning> relabelled;
  std::set<std::int64_t> contract_codes, template_codes;
  for (const auto& c : in.contracts) {
    if (c.billing_period) contract_codes.insert(*c.billing_period);
  }
  for (const auto& t : in.recurring) {
    if (t.period) template_codes.insert(*t.period);
  }
  for (auto [kind, codes] : {std::pair{PeriodKind::kContract, &contract_codes},
                             std::pair{PeriodKind::kRecurringInvoice, &template_codes}}) {
    for (const auto& d : period_disagreements(*deps.tenant_periods, kind, deps.periods)) {
      if (codes->count(d.code) == 0) continue;
      domain::RevenueWarning warning;
      warning.kind = "period_code_relabelled";
      warning.detail = describe(d, kind) + ".";
      warning.source = kind == PeriodKind::kContract ? "contracts" : "recurring_invoices";
      relabelled.push_back(std::move(warning));
    }
  }
  warnings.insert(at, std::make_move_iterator(relabelled.begin()), std::make_move_iterator(relabelled.end()));
}

mcp::ToolOutcome revenue_breakdown(ToolCall& call) {
  const auto started = Clock::now();
  domain::RevenueParams params;
  params.as_of = date_arg(call.args, "as_of").value_or(call.deps.zone.local_date(call.deps.now()));
  auto end = date_arg(call.args, "end_date");
  params.end_date = end.value_or(params.as_of);
  params.start_date = date_arg(call.args, "start_date").value_or(domain::default_window_start(params.end_date));
  if (params.start_date > params.end_date) {
    return mcp::ToolOutcome::error("Invalid argument 'start_date': " + domain::format_date(params.start_date) +
                                   " is after end_date " + domain::format_date(params.end_date) +
                                   (end ? "" : " (end_date defaults to as_of)"));
  }
  params.client_id = call.args.integer("client_id");
  if (auto top = call.args.integer("top")) params.top = static_cast<int>(std::min<std::int64_t>(*top, 1'000'000));
  params.include_all_items = call.args.flag("include_all_items");

  auto fetched = fetch_revenue_sources(call.deps, params, call.context);
  if (auto* error = std::get_if<std::string>(&fetched)) return mcp::ToolOutcome::error(*error);
  RevenueFetched& data = std::get<RevenueFetched>(fetched);

  domain::RevenueResult result;
  try {
    result = domain::compute_revenue(data.inputs, params, call.deps.periods);
  } catch (const std::exception& e) {
    return mcp::ToolOutcome::error(std::string("revenue_breakdown failed to compute the figures: ") + e.what());
  }
  add_period_warnings(call.deps, data.inputs, result.warnings);
  Json structured = domain::revenue_to_json(result);
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
  structured["sources"] = Json{{"requests", data.requests},
                               {"cache_hits", data.cache_hits},
                               {"contracts", data.records[kContracts]},
                               {"recurring_invoices", data.records[kRecurring]},
                               {"invoices", data.records[kInvoices]},
                               {"projects", data.records[kProjects]},
                               {"clients", data.records[kClients]},
                               {"elapsed_ms", elapsed}};
  // After the figures are final: the cut only hides rows, items and warnings, never a total.
  bound_revenue_result(structured);
  auto outcome = mcp::ToolOutcome::ok(std::move(structured));
  outcome.human_text = domain::revenue_to_text(result);
  return outcome;
}

}  // namespace

extern const ToolDef kRevenueBreakdown;

constexpr ToolDef kRevenueBreakdown{
    .name = "revenue_breakdown",
    .title = "Recurring revenue breakdown (MRR, ARR, invoiced)",
    .description =
        "Recurring vs non-recurring revenue per client (\"how much of our revenue is recurring?\").\n"
        "1. Run-rate at as_of: mrr = monthly value of every contract and recurring-invoice template active "
        "that day (weekly x52/12, quarterly /3, yearly /12 ...); arr = 12 x mrr. A contract billed through a "
        "template counts once, through the template.\n"
        "2. Invoiced, net of tax, dated start_date..end_date (default the 12 months to as_of): "
        "recurring_invoiced, project_total, ad_hoc_total, non_recurring_total = project + ad hoc, "
        "recurring_share. Credit notes count negative; voided invoices are ignored.\n"
        "One row per client AND currency (currencies are never added), largest first; totals per currency "
        "cover every client even with top. recurring_items shows what makes up each mrr.\n"
        "Read warnings before quoting figures: unknown_period items are NOT in mrr (map them with "
        "HALO_PERIOD_CODES / HALO_PERIOD_LABELS); source_unavailable means dependent figures are null (null "
        "is never zero); result_truncated means rows were cut (narrow with client_id or top).",
    .toolset = Toolset::kAnalytics,
    .form = Form::kCustom,
    .reads = kReads,
    .args = kArgs,
    .output_schema = revenue_output_schema,
    .handler = revenue_breakdown,
    .chart = revenue_charts,
    .analytics_view = true,
};

}  // namespace tools

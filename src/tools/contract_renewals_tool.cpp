// contract_renewals: the recurring items that end within the coming days and the MRR they carry
// (rules: domain/recurring_renewals.hpp over the revenue rules of domain/recurring_items.hpp).
// Reads contracts and recurring-invoice templates through fetch_revenue_sources, no invoices and
// no project ids: what ends soon depends on neither.
#include <variant>

#include "domain/recurring_renewals.hpp"
#include "domain/revenue_output.hpp"
#include "domain/text_table.hpp"
#include "tools/analytics_common.hpp"
#include "tools/recurring_common.hpp"
#include "tools/revenue_fetch.hpp"
#include "tools/sources.hpp"
#include "tools/tool_args.hpp"
#include "tools/tool_deps.hpp"

namespace tools {
namespace {

using util::Json;

constexpr const Source* kReads[] = {&kContractsSource, &kRecurringInvoicesSource, &kClientsSource};

constexpr Arg kArgs[] = {
    {.name = "as_of", .kind = ArgKind::kDate, .help = "Day the window starts. Default: today."},
    {.name = "days", .kind = ArgKind::kInteger, .help = "Window length in days.", .min = 1, .max = 730,
     .fallback = "90"},
    {.name = "client_id", .kind = ArgKind::kId, .help = "Only this client."},
};

Json item_json(const domain::RenewalItem& r) {
  Json j{{"kind", domain::to_string(r.kind)},
         {"id", r.id},
         {"ref", r.ref},
         {"client_id", r.client_id},
         {"client_name", r.client_name},
         {"currency", r.currency},
         {"end_date", domain::format_date(r.end_date)},
         {"days_left", r.days_left},
         {"billing_period", r.billing_period ? Json(*r.billing_period) : Json(nullptr)},
         {"monthly_value", domain::money_json(r.monthly_value)}};
  if (r.billed_via != 0) j["billed_via"] = r.billed_via;
  return j;
}

Json result_json(const domain::RenewalsResult& result) {
  Json items = Json::array(), totals = Json::array(), months = Json::array();
  for (const auto& r : result.items) items.push_back(item_json(r));
  for (const auto& t : result.totals) {
    totals.push_back(Json{{"currency", t.currency}, {"mrr_at_risk", domain::money_json(t.mrr_at_risk)},
                          {"items", t.items}, {"items_without_value", t.items_without_value}});
  }
  for (const auto& m : result.by_month) {
    months.push_back(Json{{"month", m.month}, {"currency", m.currency}, {"items", m.items},
                          {"items_without_value", m.items_without_value}, {"mrr", domain::money_json(m.mrr)}});
  }
  return Json{{"as_of", domain::format_date(result.as_of)},
              {"until", domain::format_date(result.until)},
              {"days", result.days},
              {"items", std::move(items)},
              {"mrr_at_risk", std::move(totals)},
              {"by_month", std::move(months)},
              {"warnings", revenue_warnings_json(result.warnings)}};
}

std::string text_of(const Json& out) {
  auto cell = domain::json_cell;
  domain::TextTable items({"ends", "days", "kind", "id", "ref", "client", "period", "monthly", "currency"},
                          {false, true, false, true, false, false, false, true, false});
  for (const auto& i : out["items"]) {
    items.add({i["end_date"].get<std::string>(), cell(i["days_left"]), i["kind"].get<std::string>(), cell(i["id"]),
               i["ref"].get<std::string>(), i["client_name"].get<std::string>(), cell(i["billing_period"]),
               cell(i["monthly_value"]), i["currency"].get<std::string>()});
  }
  domain::TextTable totals({"currency", "items", "MRR at risk", "without value"}, {false, true, true, true});
  for (const auto& t : out["mrr_at_risk"]) {
    totals.add({t["currency"].get<std::string>(), cell(t["items"]), cell(t["mrr_at_risk"]), cell(t["items_without_value"])});
  }
  std::string text = "Recurring items ending " + out["as_of"].get<std::string>() + " to " +
                     out["until"].get<std::string>() + "\n\n" + items.render() + "\n" + totals.render();
  for (const auto& w : out["warnings"]) text += "\nwarning: " + w["detail"].get<std::string>();
  return text;
}

mcp::ToolOutcome contract_renewals(ToolCall& call) {
  ReadCounter counter;
  domain::RenewalParams params;
  if (auto text = call.args.text("as_of")) {
    auto day = domain::parse_iso_date(*text);
    if (!day) return mcp::ToolOutcome::error("Invalid argument 'as_of': '" + *text + "' is not a YYYY-MM-DD date.");
    params.as_of = *day;
  } else {
    params.as_of = call.deps.zone.local_date(call.deps.now());
  }
  params.days = static_cast<int>(call.args.integer("days").value_or(90));
  if (params.days < 1 || params.days > 730) {
    return mcp::ToolOutcome::error("Invalid argument 'days': must be 1 to 730, got " + std::to_string(params.days) + ".");
  }
  params.client_id = call.args.integer("client_id");

  // Only contracts and templates (and what they need: period labels, client currencies).
  domain::RevenueParams fetch;
  fetch.as_of = fetch.start_date = fetch.end_date = params.as_of;
  fetch.client_id = params.client_id;
  RevenueReads reads;
  reads.invoices = false;
  reads.projects = false;
  reads.tool = "contract_renewals";
  auto fetched = fetch_revenue_sources(call.deps, fetch, call.context, reads);
  if (auto* error = std::get_if<std::string>(&fetched)) return mcp::ToolOutcome::error(*error);
  const RevenueFetched& data = std::get<RevenueFetched>(fetched);
  count_fetched(data, counter);

  Json out = result_json(domain::compute_renewals(data.inputs, params, call.deps.periods));
  out["sources"] = counter.json();
  auto outcome = mcp::ToolOutcome::ok(out);
  outcome.human_text = text_of(out);
  return outcome;
}

Json renewals_schema() {
  const Json money = nullable("number", "Currency units, 2 decimals; null when unknown (see warnings).");
  const Json integer{{"type", "integer"}};
  const Json text{{"type", "string"}};
  const Json date{{"type", "string"}, {"format", "date"}};
  Json item{{"type", "object"},
            {"properties",
             {{"kind", {{"type", "string"}, {"enum", {"contract", "recurring_invoice"}}}},
              {"id", integer},
              {"ref", text},
              {"client_id", integer},
              {"client_name", text},
              {"currency", text},
              {"end_date", date},
              {"days_left", integer},
              {"billing_period", nullable("string")},
              {"monthly_value", money},
              {"billed_via", {{"type", "integer"}, {"description", "The template that bills this contract."}}}}},
            {"required", {"kind", "id", "ref", "client_id", "client_name", "currency", "end_date", "days_left",
                          "billing_period", "monthly_value"}}};
  Json total{{"type", "object"},
             {"properties",
              {{"currency", text}, {"mrr_at_risk", money}, {"items", integer}, {"items_without_value", integer}}},
             {"required", {"currency", "mrr_at_risk", "items", "items_without_value"}}};
  Json month{{"type", "object"},
             {"properties",
              {{"month", text}, {"currency", text}, {"items", integer}, {"items_without_value", integer}, {"mrr", money}}},
             {"required", {"month", "currency", "items", "items_without_value", "mrr"}}};
  return Json{{"type", "object"},
              {"properties",
               {{"as_of", date},
                {"until", date},
                {"days", integer},
                {"items", {{"type", "array"}, {"items", item}}},
                {"mrr_at_risk", {{"type", "array"}, {"items", total}}},
                {"by_month", {{"type", "array"}, {"items", month}}},
                {"sources", sources_schema()},
                {"warnings", warnings_schema("unknown_period | missing_amount | source_unavailable")}}},
              {"required", {"as_of", "until", "days", "items", "mrr_at_risk", "by_month", "sources", "warnings"}}};
}

}  // namespace

extern const ToolDef kContractRenewals;

constexpr ToolDef kContractRenewals{
    .name = "contract_renewals",
    .title = "Contract renewals (MRR at risk)",
    .description =
        "Recurring items (contracts, recurring-invoice templates) counted in MRR at as_of whose end date falls "
        "in as_of..as_of+days (default 90): end_date, days_left, monthly_value; mrr_at_risk per currency and "
        "by_month of the end dates. A contract billed through a template is one item (billed_via, the "
        "template's value, the earlier end date). Items with no end date never appear. monthly_value null = "
        "unknown period (see warnings).",
    .toolset = Toolset::kAnalytics,
    .form = Form::kCustom,
    .reads = kReads,
    .args = kArgs,
    .output_schema = renewals_schema,
    .handler = contract_renewals,
    .analytics_view = true,
};

}  // namespace tools

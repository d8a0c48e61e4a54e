// Recurring invoice templates: list_recurring_invoices, get_recurring_invoice. Monthly values use
// the shared PeriodTable, the same arithmetic as revenue_breakdown.
#include <simdjson.h>

#include "domain/halo_fields.hpp"
#include "tools/billing_currency.hpp"
#include "tools/billing_fields.hpp"
#include "tools/list_flows.hpp"
#include "tools/sources.hpp"
#include "tools/tenant_periods.hpp"
#include "tools/tool_deps.hpp"

namespace tools {
namespace {

constexpr const Source* kReads[] = {&kRecurringInvoicesSource, &kClientsSource};

constexpr Arg kListArgs[] = {
    {.name = "client_id", .kind = ArgKind::kId, .help = "Only templates of this client."},
    {.name = "include_disabled", .kind = ArgKind::kBoolean, .help = "Also disabled templates.", .fallback = "false"},
};
constexpr Arg kGetArgs[] = {
    {.name = "recurring_invoice_id", .kind = ArgKind::kId, .help = "The recurring invoice id.", .required = true},
};

bool enabled(const domain::Record& recurring) {
  return !domain::fields::as_bool(recurring, "disabled").value_or(false);
}

mcp::ToolOutcome list_recurring_invoices(ToolCall& call) {
  // rinvoice_type=both: Halo's default may leave out the templates that bill contracts. Halo has
  // no parameter for disabled templates (it lists them): they are left out here unless asked for.
  halo::Params params{{"rinvoice_type", "both"}};
  if (auto id = call.args.integer("client_id")) params.emplace_back("client_id", std::to_string(*id));
  mcp::ToolOutcome outcome = call.args.flag("include_disabled")
                                 ? run_paged_list(call, kRecurringInvoicesSource, params)
                                 : run_filtered_list(call, kRecurringInvoicesSource, params, enabled);
  if (!outcome.is_error && !call.args.flag("full")) {
    apply_tenant_periods(call.deps.client, PeriodKind::kRecurringInvoice, outcome.structured["items"],
                         call.deps.periods, call_options(call.context), *call.deps.tenant_periods);
  }
  return with_currencies(call, std::move(outcome));
}

mcp::ToolOutcome get_recurring_invoice(ToolCall& call) {
  return with_currencies(
      call, run_get(call, kRecurringInvoicesSource, "recurring_invoice_id", {{"includedetails", "true"}}));
}

}  // namespace

extern const ToolDef kListRecurringInvoices, kGetRecurringInvoice;

constexpr ToolDef kListRecurringInvoices{
    .name = "list_recurring_invoices",
    .title = "List recurring invoices",
    .description = "Recurring invoice templates (what Halo bills every period): client, period, revenue per "
                   "period (net), monthly_value, next creation date, disabled, the contract it bills. Disabled "
                   "templates are left out unless include_disabled.",
    .toolset = Toolset::kBilling,
    .form = Form::kList,
    .reads = kReads,
    .args = kListArgs,
    .fields = billing::kRecurringFields,
    .handler = list_recurring_invoices,
};

constexpr ToolDef kGetRecurringInvoice{
    .name = "get_recurring_invoice",
    .title = "Get a recurring invoice",
    .description = "One recurring invoice template by id: the list_recurring_invoices fields plus Halo's period "
                   "label, tax and its lines.",
    .toolset = Toolset::kBilling,
    .form = Form::kGet,
    .reads = kReads,
    .args = kGetArgs,
    .fields = billing::kRecurringFields,
    .handler = get_recurring_invoice,
};

}  // namespace tools

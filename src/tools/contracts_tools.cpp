// Client contracts: list_contracts, get_contract. Billing periods are resolved the way
// revenue_breakdown resolves them (the record's label, else the tenant's label for its code, else
// the code table: tenant_periods.hpp), so monthly_value here is the figure revenue_breakdown counts.
#include <simdjson.h>

#include "domain/halo_fields.hpp"
#include "tools/billing_fields.hpp"
#include "tools/tenant_periods.hpp"
#include "tools/list_flows.hpp"
#include "tools/sources.hpp"
#include "tools/tool_deps.hpp"

namespace tools {
namespace {

constexpr const Source* kReads[] = {&kContractsSource};

constexpr Arg kListArgs[] = {
    {.name = "client_id", .kind = ArgKind::kId, .help = "Only contracts of this client."},
    {.name = "active_only", .kind = ArgKind::kBoolean, .help = "Only contracts active and not expired.",
     .fallback = "true"},
};
constexpr Arg kGetArgs[] = {
    {.name = "contract_id", .kind = ArgKind::kId, .help = "The contract id.", .required = true},
};

bool active_and_current(const domain::Record& contract) {
  return domain::fields::as_bool(contract, "active").value_or(true) &&
         !domain::fields::as_bool(contract, "expired").value_or(false);
}

mcp::ToolOutcome list_contracts(ToolCall& call) {
  halo::Params params;
  if (auto id = call.args.integer("client_id")) params.emplace_back("client_id", std::to_string(*id));
  const bool active_only = call.args.flag("active_only");
  if (!active_only) params.emplace_back("includeinactive", "true");
  // Halo's includeinactive does not cover expiry: a contract past its end date can still carry
  // active: true, so the expired ones are dropped here (and counted out of record_count).
  mcp::ToolOutcome outcome = active_only ? run_filtered_list(call, kContractsSource, params, active_and_current)
                                         : run_paged_list(call, kContractsSource, params);
  if (!outcome.is_error && !call.args.flag("full")) {
    apply_tenant_periods(call.deps.client, PeriodKind::kContract, outcome.structured["items"], call.deps.periods,
                         call_options(call.context), *call.deps.tenant_periods);
  }
  return outcome;
}

mcp::ToolOutcome get_contract(ToolCall& call) {
  return run_get(call, kContractsSource, "contract_id", {{"includedetails", "true"}, {"includeperiods", "true"}});
}

}  // namespace

extern const ToolDef kListContracts, kGetContract;

constexpr ToolDef kListContracts{
    .name = "list_contracts",
    .title = "List contracts",
    .description = "Client contracts (recurring service agreements): ref, client, dates, billing_period, "
                   "period_amount, monthly_value (the figure revenue_breakdown counts; null when the period is "
                   "unknown) and status. active_only (default true) leaves out inactive and expired ones.",
    .toolset = Toolset::kBilling,
    .form = Form::kList,
    .reads = kReads,
    .args = kListArgs,
    .fields = billing::kContractFields,
    .handler = list_contracts,
};

constexpr ToolDef kGetContract{
    .name = "get_contract",
    .title = "Get a contract",
    .description = "One contract by id: the list_contracts fields plus site, cost per period, note, and its "
                   "periods and billing schedule when Halo has them.",
    .toolset = Toolset::kBilling,
    .form = Form::kGet,
    .reads = kReads,
    .args = kGetArgs,
    .fields = billing::kContractFields,
    .handler = get_contract,
};

}  // namespace tools

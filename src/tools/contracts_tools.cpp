// Client contracts: list_contracts, get_contract. Billing periods are resolved the way
// revenue_breakdown resolves them (contract_periods.hpp: label, else code, else the detail
// record's label), so monthly_value here is the figure revenue_breakdown counts.
#include <string>

#include "domain/halo_fields.hpp"
#include "domain/projection_billing.hpp"
#include "tools/area_tools.hpp"
#include "tools/contract_periods.hpp"
#include "tools/list_support.hpp"

namespace tools {
namespace {

const Resource kContracts{"ClientContract", "contracts", "contract", "contracts", "Contracts"};

Json contract_item_properties() {
  return Json{
      {"id", out::integer("Contract id.")},
      {"ref", out::text("Contract reference.")},
      {"client_id", out::integer("Client id.")},
      {"client_name", out::text("Client name.")},
      {"start_date", out::text("Start date, YYYY-MM-DD.")},
      {"end_date", out::text("End date, YYYY-MM-DD; null when open-ended.")},
      {"billing_period",
       out::any("Billing period name (weekly, monthly, quarterly, half-yearly, yearly, two-yearly, "
                "three-yearly, four-yearly); null when Halo's code is not known.")},
      {"billing_period_code", out::integer("Halo's billing period code.")},
      {"period_amount", out::number("Amount charged per billing period.")},
      {"monthly_value",
       out::number("period_amount converted to a month (yearly / 12, quarterly / 3, weekly x "
                   "52/12), to the cent, by the rules revenue_breakdown uses; null when the "
                   "billing period is unknown.")},
      {"status", out::any("Contract status label (Halo's contract_status, else active / expired / "
                          "inactive).")},
      {"active", out::boolean("Halo's active flag.")},
      {"expired", out::boolean("Halo's expired flag.")},
      {"contracttype_name", out::text("Contract type.")},
      {"next_invoice_date", out::text("Next invoice date, YYYY-MM-DD.")},
  };
}

Json contract_detail_properties() {
  Json p = contract_item_properties();
  p["billing_period_label"] = out::text("Halo's billing period label.");
  p["site_id"] = out::integer("Site id.");
  p["site_name"] = out::text("Site name.");
  p["costperperiod"] = out::number("Cost per period.");
  p["prepayrecurringcharge"] = out::number("Prepay recurring charge.");
  p["note"] = out::text("Note as plain text (2000 characters at most).");
  p["periods"] = out::any("Contract periods when Halo has them: id, name, start_date, end_date, "
                          "current, hours_in_period, hours_used, hours_remaining.");
  p["schedule"] = out::any("Billing schedule when Halo has one: date, amount, note.");
  return p;
}

mcp::Tool list_contracts_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "list_contracts";
  tool.title = "List contracts";
  tool.description =
      "Lists client contracts (recurring service agreements) as compact items: ref, client, "
      "start/end dates, billing_period (name), period_amount (per billing period), monthly_value "
      "(the amount as a month, the figure revenue_breakdown uses; null when the period is "
      "unknown) and status. client_id keeps one client's contracts; active_only (default true) "
      "leaves out contracts that are inactive or expired (Halo filters only the inactive ones, so "
      "the server reads every page of the client's or tenant's contracts and counts the rest "
      "itself; record_count counts what is kept). active_only: false returns every contract, "
      "each with its active and expired flags. For recurring revenue totals use "
      "revenue_breakdown, which also avoids counting a contract and its recurring invoice twice." +
      list_usage_note();
  tool.input_schema = list_input_schema(Json{
      {"client_id", in::id("Only contracts of this client.")},
      {"active_only", in::boolean("Only contracts that are active and not expired (default true).", true)},
  });
  tool.output_schema = list_output_schema(contract_item_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) {
    halo::Params params;
    if (auto id = int_arg(args, "client_id")) params.emplace_back("client_id", std::to_string(*id));
    const bool active_only = bool_arg(args, "active_only", true);
    if (!active_only) params.emplace_back("includeinactive", "true");
    const domain::PeriodTable& periods = deps.periods;
    auto project = [&periods](simdjson::dom::element c) { return domain::project_contract(c, periods); };
    // Halo's includeinactive does not cover expiry: a contract past its end date can still carry
    // active: true, so the expired ones are dropped here (and counted out of record_count).
    mcp::ToolOutcome outcome =
        active_only ? run_filtered_list(
                          deps.client, kContracts, params, args, context,
                          [](simdjson::dom::element c) {
                            return domain::fields::as_bool(c, "active").value_or(true) &&
                                   !domain::fields::as_bool(c, "expired").value_or(false);
                          },
                          project)
                    : run_paged_list(deps.client, kContracts, params, args, context, project);
    if (!outcome.is_error && !shape_of(args).full) {
      complete_contract_periods(deps.client, outcome.structured["items"], periods, call_options(context));
    }
    return outcome;
  };
  return tool;
}

mcp::Tool get_contract_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "get_contract";
  tool.title = "Get a contract";
  tool.description =
      "Returns one client contract by id: the list_contracts fields plus site, cost per period, "
      "note, and its periods and billing schedule when Halo has them. full: true returns Halo's "
      "raw record. An unknown id is an error 'contract N not found'.";
  tool.input_schema = get_input_schema("contract_id", "The contract id.");
  tool.output_schema = get_output_schema(contract_detail_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) {
    const domain::PeriodTable& periods = deps.periods;
    return run_get(deps.client, kContracts, int_arg(args, "contract_id").value_or(0),
                   {{"includedetails", "true"}, {"includeperiods", "true"}}, args, context,
                   [&periods](simdjson::dom::element c) {
                     return domain::project_contract_detail(c, periods);
                   });
  };
  return tool;
}

}  // namespace

void register_contract_tools(mcp::ToolRegistry& registry, ToolDeps& deps) {
  registry.add(list_contracts_tool(deps));
  registry.add(get_contract_tool(deps));
}

}  // namespace tools

// Recurring invoice templates: list_recurring_invoices, get_recurring_invoice. Monthly values use
// the shared PeriodTable, the same arithmetic as revenue_breakdown.
#include <string>

#include "domain/halo_fields.hpp"
#include "domain/projection_billing.hpp"
#include "tools/area_tools.hpp"
#include "tools/billing_currency.hpp"
#include "tools/billing_schema.hpp"
#include "tools/list_support.hpp"

namespace tools {
namespace {

const Resource kRecurring{"RecurringInvoice", "invoices", "recurring invoice",
                          "recurring invoices", "Invoices (recurring invoices)"};

Json recurring_item_properties() {
  return Json{
      {"id", out::integer("Recurring invoice id.")},
      {"client_id", out::integer("Client id.")},
      {"client_name", out::text("Client name.")},
      {"period", out::any("Billing period name (weekly, monthly, quarterly, half-yearly, yearly, "
                          "...); null when Halo's code is not known.")},
      {"period_code", out::integer("Halo's period code.")},
      {"revenue", out::number("Net amount per period (excluding tax).")},
      {"total", out::number("Gross amount per period.")},
      {"monthly_value", out::number("revenue converted to a month, to the cent; null when the "
                                    "period is unknown.")},
      {"currency", out::text("Currency code: the template's, else its client's currency, else the "
                             "configured default (the rule revenue_breakdown applies); null when "
                             "the template names none and its client could not be read.")},
      {"nextcreationdate", out::text("Next invoice date, YYYY-MM-DD.")},
      {"lastcreated", out::text("Last invoice raised, YYYY-MM-DD.")},
      {"startdate", out::text("Start date, YYYY-MM-DD.")},
      {"enddate", out::text("End date, YYYY-MM-DD; null when open-ended.")},
      {"disabled", out::boolean("The template is disabled (raises no invoices).")},
      {"contract_id", out::integer("Contract this template bills (0/null: none).")},
  };
}

Json recurring_detail_properties() {
  Json p = recurring_item_properties();
  p["periodname"] = out::text("Halo's period label.");
  p["tax_total"] = out::number("Tax per period.");
  p["lines"] = out::array_of(invoice_line_properties(), "Template lines.");
  return p;
}

mcp::Tool list_recurring_invoices_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "list_recurring_invoices";
  tool.title = "List recurring invoices";
  tool.description =
      "Lists recurring invoice templates (what Halo bills automatically every period) as "
      "compact items: client, period (name), revenue per period (net), monthly_value (null when "
      "the period is unknown), next creation date, disabled, and the contract it bills. "
      "client_id keeps one client's templates; include_disabled: true also returns disabled "
      "templates (left out by default: Halo has no filter for them, so record_count counts the "
      "enabled templates after reading them all). For recurring revenue totals use "
      "revenue_breakdown." +
      list_usage_note();
  tool.input_schema = list_input_schema(Json{
      {"client_id", in::id("Only templates of this client.")},
      {"include_disabled", in::boolean("Also return disabled templates.", false)},
  });
  tool.output_schema = list_output_schema(recurring_item_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) {
    halo::Params params;
    if (auto id = int_arg(args, "client_id")) params.emplace_back("client_id", std::to_string(*id));
    const domain::PeriodTable& periods = deps.periods;
    auto project = [&periods](simdjson::dom::element r) {
      return domain::project_recurring_invoice(r, periods, kCurrencyFromClient);
    };
    if (bool_arg(args, "include_disabled", false)) {
      return with_currencies(deps, args, context,
                             run_paged_list(deps.client, kRecurring, params, args, context, project));
    }
    return with_currencies(deps, args, context,
                           run_filtered_list(
                               deps.client, kRecurring, params, args, context,
                               [](simdjson::dom::element r) {
                                 return !domain::fields::as_bool(r, "disabled").value_or(false);
                               },
                               project));
  };
  return tool;
}

mcp::Tool get_recurring_invoice_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "get_recurring_invoice";
  tool.title = "Get a recurring invoice";
  tool.description =
      "Returns one recurring invoice template by id: the list_recurring_invoices fields plus "
      "Halo's period label, tax and the template lines. full: true returns Halo's raw record. "
      "An unknown id is an error 'recurring invoice N not found'.";
  tool.input_schema = get_input_schema("recurring_invoice_id", "The recurring invoice id.");
  tool.output_schema = get_output_schema(recurring_detail_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) {
    const domain::PeriodTable& periods = deps.periods;
    return with_currencies(deps, args, context,
                           run_get(deps.client, kRecurring, int_arg(args, "recurring_invoice_id").value_or(0),
                                   {{"includedetails", "true"}}, args, context,
                                   [&periods](simdjson::dom::element r) {
                                     return domain::project_recurring_invoice_detail(r, periods,
                                                                                     kCurrencyFromClient);
                                   }));
  };
  return tool;
}

}  // namespace

void register_recurring_invoice_tools(mcp::ToolRegistry& registry, ToolDeps& deps) {
  registry.add(list_recurring_invoices_tool(deps));
  registry.add(get_recurring_invoice_tool(deps));
}

}  // namespace tools

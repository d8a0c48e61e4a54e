// Invoices: list_invoices (with an invoice-date window Halo cannot filter on) and get_invoice.
#include <algorithm>
#include <chrono>
#include <optional>
#include <string>

#include "domain/halo_fields.hpp"
#include "domain/projection_billing.hpp"
#include "domain/revenue_dates.hpp"
#include "tools/area_tools.hpp"
#include "tools/billing_currency.hpp"
#include "tools/billing_schema.hpp"
#include "tools/date_window.hpp"
#include "tools/list_support.hpp"

namespace tools {
namespace {

namespace f = domain::fields;

const Resource kInvoices{"Invoice", "invoices", "invoice", "invoices", "Invoices"};

/// Days since 1970-01-01 of a date that starts with YYYY-MM-DD; nullopt when it does not.
std::optional<long> day_number(std::string_view date) {
  auto day = domain::parse_iso_date(date.substr(0, 10));
  if (!day) return std::nullopt;
  return static_cast<long>(std::chrono::sys_days(*day).time_since_epoch().count());
}

Json line_properties() {
  return Json{
      {"id", out::integer("Line id.")},
      {"description", out::text("What was sold.")},
      {"qty", out::number("Quantity.")},
      {"unit_price", out::number("Unit price.")},
      {"net_amount", out::number("Net amount of the line.")},
      {"tax_amount", out::number("Tax of the line.")},
      {"contract_id", out::integer("Contract the line bills.")},
      {"recurring_invoice_id", out::integer("Recurring invoice the line came from.")},
      {"ticket_id", out::integer("Ticket the line bills.")},
      {"startdate", out::text("Start of the period billed, YYYY-MM-DD.")},
      {"enddate", out::text("End of the period billed, YYYY-MM-DD.")},
  };
}

Json invoice_item_properties() {
  return Json{
      {"id", out::integer("Invoice id.")},
      {"invoicenumber", out::text("Invoice number as printed.")},
      {"client_id", out::integer("Client id.")},
      {"client_name", out::text("Client name.")},
      {"invoice_date", out::text("Invoice date, YYYY-MM-DD.")},
      {"duedate", out::text("Due date, YYYY-MM-DD.")},
      {"revenue", out::number("Net amount (excluding tax).")},
      {"tax_total", out::number("Tax.")},
      {"total", out::number("Gross amount (including tax).")},
      {"amountdue", out::number("Amount still unpaid.")},
      {"currency", out::text("Currency code: the invoice's, else its client's currency, else the "
                             "configured default (the rule revenue_breakdown applies); null when "
                             "the invoice names none and its client could not be read.")},
      {"posted", out::boolean("Posted to accounts.")},
      {"voided", out::boolean("Voided.")},
      {"recurring_invoice_id", out::integer("Recurring invoice it was raised from (0/null: none).")},
      {"contract_id", out::integer("Contract it bills (0/null: none).")},
      {"ticket_id", out::integer("Ticket it bills (0/null: none).")},
  };
}

Json invoice_detail_properties() {
  Json p = invoice_item_properties();
  p["datepaid"] = out::text("Date paid, YYYY-MM-DD.");
  p["creditlinkedtoinvoiceid"] = out::integer("For a credit note: the invoice it credits.");
  p["lines"] = out::array_of(line_properties(), "Invoice lines.");
  return p;
}

/// Walks Halo's invoices newest first, counts those in the window and keeps the asked page;
/// stops once a whole page has gone past the window's start (when the order held).
mcp::ToolOutcome list_in_window(ToolDeps& deps, const Json& args, mcp::ToolContext& context,
                                const halo::Params& params, const DateWindow& window) {
  const Paging paging = paging_of(args);
  const Shape shape = shape_of(args);
  Json items = Json::array();
  std::int64_t matched = 0;
  bool ordered = true;  // Halo honoured order=invoice_date desc so far
  bool past_start = false;
  std::optional<std::string> previous;

  auto visit = [&](const halo::ListPage& page) {
    std::optional<std::string> last_on_page;
    for (simdjson::dom::element invoice : page.items) {
      auto date = f::as_date(invoice, "invoice_date");
      if (date && previous && *date > *previous) ordered = false;
      if (date) previous = date;
      last_on_page = date;
      if (!window.contains(date)) continue;
      if (matched >= paging.offset() && matched < paging.offset() + paging.page_size) {
        items.push_back(shape_item(invoice, shape, [](simdjson::dom::element i) {
          return domain::project_invoice(i, kCurrencyFromClient);
        }));
      }
      ++matched;
    }
    // Newest first: once a page ends before the window's start (or with no date, which sorts
    // last), no later page can hold an invoice in the window.
    if (ordered && window.start && page.items.size() > 0 &&
        (!last_on_page || window.before(*last_on_page))) {
      past_start = true;
      return halo::Visit::kStop;
    }
    return halo::Visit::kContinue;
  };

  // How many more pages are worth requesting at once: enough to reach the window's start at the
  // pace of the latest page, so concurrency helps without fetching pages that are never read.
  auto pages_wanted = [&](const halo::ListPage& latest, int /*pages_done*/) -> int {
    if (past_start) return 0;
    if (!window.start || !ordered) return 1 << 20;
    if (latest.items.size() == 0) return 0;
    std::optional<std::string> first, last;
    for (simdjson::dom::element invoice : latest.items) {
      auto date = f::as_date(invoice, "invoice_date");
      if (!date) continue;
      if (!first) first = date;
      last = date;
    }
    if (!first || !last) return 1;
    const auto first_day = day_number(*first);
    const auto last_day = day_number(*last);
    const auto start_day = day_number(*window.start);
    if (!first_day || !last_day || !start_day) return 1;
    const long span = std::max(1L, *first_day - *last_day);
    const long to_go = *last_day - *start_day;
    if (to_go <= 0) return 1;
    return static_cast<int>(std::clamp<long>((to_go + span - 1) / span, 1, 8));
  };

  auto stats = deps.client.for_each_page(kInvoices.path, params, kInvoices.key,
                                         call_options(context), visit, page_progress(context),
                                         pages_wanted);
  if (!stats) return error_outcome(stats.error(), kInvoices.plural, kInvoices.area);
  return with_currencies(deps, args, context, mcp::ToolOutcome::ok(list_result(std::move(items), paging, matched)));
}

mcp::Tool list_invoices_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "list_invoices";
  tool.title = "List invoices";
  tool.description =
      "Lists invoices, newest invoice_date first, as compact items: invoicenumber, client, "
      "invoice_date, revenue (net of tax), total (gross), currency, and the recurring invoice, "
      "contract or ticket each one bills. client_id keeps one client's invoices; "
      "include_credits: true adds credit notes. start_date/end_date (YYYY-MM-DD, inclusive) "
      "keep invoices dated in that window: Halo cannot filter on the date, so the server reads "
      "Halo's invoices newest first until it passes start_date, and record_count / has_more "
      "count only the invoices inside the window (a wide or open-ended window on a large "
      "tenant takes longer). For revenue totals use revenue_breakdown." +
      list_usage_note();
  tool.input_schema = list_input_schema(Json{
      {"client_id", in::id("Only invoices of this client.")},
      {"start_date", in::date("Invoice date on or after this day (YYYY-MM-DD).")},
      {"end_date", in::date("Invoice date on or before this day (YYYY-MM-DD).")},
      {"include_credits", in::boolean("Also return credit notes.", false)},
  });
  tool.output_schema = list_output_schema(invoice_item_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) -> mcp::ToolOutcome {
    DateWindow window;
    if (auto bad = read_date_window(args, window)) return *bad;
    halo::Params params;
    if (auto id = int_arg(args, "client_id")) params.emplace_back("client_id", std::to_string(*id));
    if (bool_arg(args, "include_credits", false)) params.emplace_back("includecredits", "true");
    params.emplace_back("order", "invoice_date");
    params.emplace_back("orderdesc", "true");
    if (!window.empty()) return list_in_window(deps, args, context, params, window);
    return with_currencies(deps, args, context,
                           run_paged_list(deps.client, kInvoices, params, args, context,
                                          [](simdjson::dom::element i) {
                                            return domain::project_invoice(i, kCurrencyFromClient);
                                          }));
  };
  return tool;
}

mcp::Tool get_invoice_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "get_invoice";
  tool.title = "Get an invoice";
  tool.description =
      "Returns one invoice by id: the list_invoices fields plus date paid, the invoice a credit "
      "note credits, and its lines (description, quantity, unit price, net and tax amounts, and "
      "the contract / recurring invoice / ticket each line bills). full: true returns Halo's raw "
      "record. An unknown id is an error 'invoice N not found'.";
  tool.input_schema = get_input_schema("invoice_id", "The invoice id (not the printed number).");
  tool.output_schema = get_output_schema(invoice_detail_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) {
    return with_currencies(deps, args, context,
                           run_get(deps.client, kInvoices, int_arg(args, "invoice_id").value_or(0),
                                   {{"includedetails", "true"}}, args, context,
                                   [](simdjson::dom::element i) {
                                     return domain::project_invoice_detail(i, kCurrencyFromClient);
                                   }));
  };
  return tool;
}

}  // namespace

/// Shared with recurring_invoices_tools.cpp: the line schema is the same.
Json invoice_line_properties() { return line_properties(); }

void register_invoice_tools(mcp::ToolRegistry& registry, ToolDeps& deps) {
  registry.add(list_invoices_tool(deps));
  registry.add(get_invoice_tool(deps));
}

}  // namespace tools

// Invoices: list_invoices (with an invoice-date window walked newest first) and get_invoice.
#include <simdjson.h>


#include "domain/halo_fields.hpp"
#include "domain/revenue_dates.hpp"
#include "halo/client.hpp"
#include "tools/billing_currency.hpp"
#include "tools/billing_fields.hpp"
#include "tools/dated_list.hpp"
#include "tools/invoice_query.hpp"
#include "tools/list_flows.hpp"
#include "tools/projection.hpp"
#include "tools/receivables_fields.hpp"
#include "tools/sources.hpp"
#include "tools/tool_deps.hpp"

namespace tools {
namespace {

namespace f = domain::fields;
using util::Json;

constexpr const Source* kReads[] = {&kInvoicesSource, &kClientsSource};

constexpr Arg kListArgs[] = {
    {.name = "client_id", .kind = ArgKind::kId, .help = "Only invoices of this client."},
    {.name = "start_date", .kind = ArgKind::kDate, .help = "Invoice date on or after this day."},
    {.name = "end_date", .kind = ArgKind::kDate, .help = "Invoice date on or before this day."},
    {.name = "include_credits", .kind = ArgKind::kBoolean, .help = "Also credit notes.", .fallback = "false"},
    {.name = "unpaid_only", .kind = ArgKind::kBoolean,
     .help = "Only invoices not voided with amountdue > 0 (with include_credits: and unapplied credit notes).",
     .fallback = "false"},
    {.name = "overdue_only", .kind = ArgKind::kBoolean,
     .help = "Only invoices not voided with amountdue > 0 due before today.", .fallback = "false"},
};
constexpr Arg kGetArgs[] = {
    {.name = "invoice_id", .kind = ArgKind::kId, .help = "The invoice id (not the printed number).",
     .required = true},
};

/// unpaid_only / overdue_only, judged here by receivables_aging's rule (Halo's paymentstatuses
/// filter takes undocumented codes): every page of the list is read, Halo still filtering by client
/// and invoice date, and the window is checked again on each invoice. Empty when neither is asked.
Keep receivables_filter(const ToolCall& call, const DateWindow& window, const DayOf& day_of) {
  const bool unpaid = call.args.flag("unpaid_only"), overdue = call.args.flag("overdue_only");
  if (!unpaid && !overdue) return {};
  const domain::Date today = call.deps.zone.local_date(call.deps.now());
  return [=](const domain::Record& invoice) {
    if (!window.empty()) {
      auto day = day_of(invoice);
      if (!day || (window.start && *day < *window.start) || (window.end && *day > *window.end)) return false;
    }
    if (overdue) return billing::is_overdue(invoice, today);
    return billing::is_unpaid(invoice);
  };
}

mcp::ToolOutcome list_invoices(ToolCall& call) {
  DateWindow window;
  if (auto bad = read_date_window(call.args, call.deps.zone, window)) return *bad;
  halo::Params params = invoice_query(window.start, window.end, call.args.flag("include_credits"));
  if (auto id = call.args.integer("client_id")) params.emplace_back("client_id", std::to_string(*id));
  // An invoice date is a calendar day in Halo: compared as it is, never moved between zones.
  auto day_of = [](const domain::Record& invoice) {
    auto text = f::as_string(invoice, "invoice_date");
    return text ? domain::parse_halo_date(*text) : std::nullopt;
  };
  if (Keep keep = receivables_filter(call, window, day_of)) {
    return with_currencies(call, run_filtered_list(call, kInvoicesSource, params, keep));
  }
  if (window.empty()) return with_currencies(call, run_paged_list(call, kInvoicesSource, params));
  return with_currencies(call, run_dated_list(call, kInvoicesSource, params, day_of, window));
}

mcp::ToolOutcome get_invoice(ToolCall& call) {
  return with_currencies(call, run_get(call, kInvoicesSource, "invoice_id", {{"includedetails", "true"}}));
}

}  // namespace

extern const ToolDef kListInvoices, kGetInvoice;

constexpr ToolDef kListInvoices{
    .name = "list_invoices",
    .title = "List invoices",
    .description = "Invoices, newest first: number, client, date, revenue (net), total (gross), currency, and the "
                   "recurring invoice, contract or ticket each bills. start_date/end_date keep invoices dated in "
                   "that window. unpaid_only / overdue_only keep invoices with amountdue > 0 (overdue: due "
                   "before today); items carry amountdue, duedate, days_overdue. For revenue totals use "
                   "revenue_breakdown; for who owes what, receivables_aging.",
    .toolset = Toolset::kBilling,
    .form = Form::kList,
    .reads = kReads,
    .args = kListArgs,
    .fields = billing::kInvoiceFields,
    .handler = list_invoices,
};

constexpr ToolDef kGetInvoice{
    .name = "get_invoice",
    .title = "Get an invoice",
    .description = "One invoice by id: the list_invoices fields plus date paid, the invoice a credit note "
                   "credits, and its lines.",
    .toolset = Toolset::kBilling,
    .form = Form::kGet,
    .reads = kReads,
    .args = kGetArgs,
    .fields = billing::kInvoiceFields,
    .handler = get_invoice,
};

}  // namespace tools

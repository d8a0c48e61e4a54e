// Invoices: list_invoices (with an invoice-date window walked newest first) and get_invoice.
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include "domain/halo_fields.hpp"
#include "domain/revenue_dates.hpp"
#include "halo/client.hpp"
#include "tools/billing_currency.hpp"
#include "tools/billing_fields.hpp"
#include "tools/date_window.hpp"
#include "tools/list_flows.hpp"
#include "tools/projection.hpp"
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
};
constexpr Arg kGetArgs[] = {
    {.name = "invoice_id", .kind = ArgKind::kId, .help = "The invoice id (not the printed number).",
     .required = true},
};

/// Days since 1970-01-01 of a date that starts with YYYY-MM-DD; nullopt when it does not.
std::optional<long> day_number(std::string_view date) {
  auto day = domain::parse_iso_date(date.substr(0, 10));
  if (!day) return std::nullopt;
  return static_cast<long>(std::chrono::sys_days(*day).time_since_epoch().count());
}

/// Walks Halo's invoices newest first, counts those in the window and keeps the asked page;
/// stops once a whole page has gone past the window's start (when the order held).
mcp::ToolOutcome list_in_window(ToolCall& call, const halo::Params& params, const DateWindow& window) {
  const Paging paging = call.args.paging();
  const Shape shape = call.args.shape();
  const ProjectionEnv env = projection_env(call);
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
        items.push_back(shape_item(invoice, shape, call.tool.fields, false, env));
      }
      ++matched;
    }
    // Newest first: once a page ends before the window's start (or with no date, which sorts
    // last), no later page can hold an invoice in the window.
    if (ordered && window.start && page.items.size() > 0 && (!last_on_page || window.before(*last_on_page))) {
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

  auto stats = call.deps.client.for_each_page(kInvoicesSource.path, params, kInvoicesSource.key,
                                              call_options(call.context), visit, page_progress(call.context),
                                              pages_wanted);
  if (!stats) return error_outcome(stats.error(), kInvoicesSource.plural, kInvoicesSource.area);
  return with_currencies(call, mcp::ToolOutcome::ok(list_result(std::move(items), paging, matched)));
}

mcp::ToolOutcome list_invoices(ToolCall& call) {
  DateWindow window;
  if (auto bad = read_date_window(call.args.values(), window)) return *bad;
  halo::Params params;
  if (auto id = call.args.integer("client_id")) params.emplace_back("client_id", std::to_string(*id));
  if (call.args.flag("include_credits")) params.emplace_back("includecredits", "true");
  params.emplace_back("order", "invoice_date");
  params.emplace_back("orderdesc", "true");
  if (!window.empty()) return list_in_window(call, params, window);
  return with_currencies(call, run_paged_list(call, kInvoicesSource, params));
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
                   "that window. For revenue totals use revenue_breakdown.",
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

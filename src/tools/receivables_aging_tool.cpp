// receivables_aging: who owes what, and for how long (rules: domain/receivables.hpp).
//
// Reads: every invoice and credit note dated up to as_of (Halo's invoicedateend), pages fetched
// at once, each folded into a compact record and re-checked here. Halo cannot be asked for unpaid
// invoices only: its `paymentstatuses` filter takes codes Halo does not document, and a filter
// the project cannot test against Halo's meaning would silently drop debts. So the cost is the
// invoice pages up to as_of (client_id narrows them), plus, only for invoices that name no
// currency, their clients' currencyisocode: one GET per client up to three, else one client list.
#include <simdjson.h>

#include <set>
#include <variant>

#include "domain/receivables.hpp"
#include "domain/revenue_output.hpp"
#include "domain/revenue_parse.hpp"
#include "domain/text_table.hpp"
#include "halo/client.hpp"
#include "tools/result_charts.hpp"
#include "tools/analytics_common.hpp"
#include "tools/invoice_query.hpp"
#include "tools/list_flows.hpp"
#include "tools/sources.hpp"
#include "tools/tool_args.hpp"
#include "tools/tool_deps.hpp"

namespace tools {
namespace {

using util::Json;

constexpr const Source* kReads[] = {&kInvoicesSource, &kClientsSource};

constexpr Arg kArgs[] = {
    {.name = "as_of", .kind = ArgKind::kDate, .help = "Day the debts are aged at. Default: today."},
    {.name = "client_id", .kind = ArgKind::kId, .help = "Only this client."},
};

/// Beyond this many clients to look up, one paged client list is cheaper than a GET each.
constexpr std::size_t kOneByOne = 3;

/// Reads the currencyisocode of `needed` clients into `in`; a client Halo does not know keeps the
/// default currency (as in revenue_breakdown). Progress continues from `pages_before`.
util::Result<void> read_client_currencies(ToolCall& call, const std::set<std::int64_t>& needed,
                                          domain::AgingInput& in, ReadCounter& counter, int pages_before) {
  const halo::CallOptions options = call_options(call.context);
  const int expected = pages_before + (needed.size() <= kOneByOne ? static_cast<int>(needed.size()) : 1);
  if (needed.size() <= kOneByOne) {
    int done = pages_before;
    for (std::int64_t id : needed) {
      halo::FetchStats cost;
      auto doc = call.deps.client.get_cacheable("Client/" + std::to_string(id), {}, options, cost);
      counter.requests += cost.requests;
      counter.cache_hits += cost.cache_hits;
      call.context.progress(++done, expected, "pages read from Halo");
      if (!doc) {
        if (doc.error().kind == util::ErrorKind::kNotFound) continue;
        return util::Unexpected(doc.error());
      }
      ++counter.records_read;
      if (auto currency = domain::parse_client_currency(doc->root())) in.client_currency.insert(*currency);
    }
    return {};
  }
  auto stats = call.deps.client.for_each_page(
      kClientsSource.path, {{"includeinactive", "true"}}, kClientsSource.key, options,
      [&](const halo::ListPage& page) {
        for (simdjson::dom::element record : page.items) {
          auto currency = domain::parse_client_currency(record);
          if (currency && needed.count(currency->first) != 0) in.client_currency.insert(*currency);
        }
        return halo::Visit::kContinue;
      },
      [&](int done, int pages) { call.context.progress(pages_before + done, pages_before + pages, "pages read from Halo"); });
  if (!stats) return util::Unexpected(stats.error());
  counter.requests += stats->requests;
  counter.cache_hits += stats->cache_hits;
  counter.records_read += stats->records;
  return {};
}

Json client_row_json(const domain::AgingRow& row) {
  Json j{{"client_id", row.client_id > 0 ? Json(row.client_id) : Json(nullptr)},
         {"client_name", row.client_id > 0 ? row.client_name : "(none)"},
         {"currency", row.currency}};
  j.update(domain::aging_figures_json(row.figures));
  return j;
}

Json warnings_of(const domain::Aging& aging) {
  Json warnings = Json::array();
  for (auto id : aging.no_amount_due) {
    warnings.push_back(warning_json("no_amount_due", "Halo sent no amountdue for this invoice: it is in no figure.", id));
  }
  for (auto id : aging.no_date) {
    warnings.push_back(
        warning_json("no_date", "Open invoice with neither a due date nor an invoice date: it cannot be aged and is in no figure.", id));
  }
  if (aging.voided_with_amount_due > 0) {
    warnings.push_back(warning_json("voided_ignored", std::to_string(aging.voided_with_amount_due) +
                                                          " voided invoices still show an amount due in Halo; a voided invoice owes nothing, so they are left out."));
  }
  return warnings;
}

std::string text_of(const Json& result) {
  auto num = domain::json_cell;
  domain::TextTable table({"client", "cur", "current", "1-30", "31-60", "61-90", "over 90", "outstanding", "invoices",
                           "oldest due"},
                          {false, false, true, true, true, true, true, true, true, false});
  auto add = [&](const std::string& name, const Json& row) {
    table.add({name, row["currency"].get<std::string>(), num(row["current"]), num(row["1_30"]), num(row["31_60"]),
               num(row["61_90"]), num(row["over_90"]), num(row["outstanding"]), row["invoices"].dump(),
               row["oldest_due_date"].is_null() ? "" : row["oldest_due_date"].get<std::string>()});
  };
  for (const auto& c : result["clients"]) add(c["client_name"].get<std::string>(), c);
  for (const auto& t : result["totals"]) add("TOTAL", t);
  std::string out = "Receivables aged at " + result["as_of"].get<std::string>() + " (days past due)\n\n" + table.render();
  for (const auto& w : result["warnings"]) out += "\nwarning: " + w["detail"].get<std::string>();
  return out;
}

mcp::ToolOutcome receivables_aging(ToolCall& call) {
  ReadCounter counter;
  domain::AgingInput in;
  auto as_of_text = call.args.text("as_of");
  in.as_of = as_of_text ? *domain::parse_iso_date(*as_of_text)  // the schema checked the format
                        : call.deps.zone.local_date(call.deps.now());
  in.client_id = call.args.integer("client_id");
  in.default_currency = call.deps.default_currency.empty() ? "GBP" : call.deps.default_currency;

  // Every document up to as_of, credit notes with them; newest first so pages stay stable.
  halo::Params params = invoice_query(std::nullopt, in.as_of, /*credits=*/true);
  if (in.client_id) params.emplace_back("client_id", std::to_string(*in.client_id));
  int invoice_pages = 0;
  auto stats = call.deps.client.for_each_page(
      kInvoicesSource.path, params, kInvoicesSource.key, call_options(call.context),
      [&](const halo::ListPage& page) {
        for (simdjson::dom::element record : page.items) {
          auto r = domain::parse_receivable(record);
          // Paid invoices never reach a figure: only what may be owed is kept.
          if (r && (!r->amount_due || *r->amount_due != 0)) in.invoices.push_back(std::move(*r));
        }
        return halo::Visit::kContinue;
      },
      [&](int done, int expected) {
        invoice_pages = done;
        call.context.progress(done, expected, "pages read from Halo");
      });
  if (!stats) {
    if (stats.error().kind == util::ErrorKind::kCancelled) return mcp::ToolOutcome::error("receivables_aging was cancelled.");
    return error_outcome(stats.error(), "invoices", kInvoicesSource.area);
  }
  if (!stats->inconsistency.empty()) {
    return mcp::ToolOutcome::error("Halo's pages of invoices were inconsistent (" + stats->inconsistency +
                                   "); an aging built from them could miss or repeat debts. Ask again.");
  }
  counter.requests += stats->requests;
  counter.cache_hits += stats->cache_hits;
  counter.records_read += stats->records;

  const std::set<std::int64_t> needed = domain::clients_needing_currency(in);
  if (!needed.empty()) {
    if (auto read = read_client_currencies(call, needed, in, counter, invoice_pages); !read) {
      if (read.error().kind == util::ErrorKind::kCancelled) return mcp::ToolOutcome::error("receivables_aging was cancelled.");
      return error_outcome(read.error(), "client currencies", kClientsSource.area);
    }
  }

  const domain::Aging aging = domain::compute_aging(in);
  Json clients = Json::array();
  for (const auto& row : aging.rows) clients.push_back(client_row_json(row));
  Json totals = Json::array();
  for (const auto& [currency, figures] : aging.totals) {
    Json t{{"currency", currency}};
    t.update(domain::aging_figures_json(figures));
    totals.push_back(std::move(t));
  }
  Json out{{"as_of", domain::format_date(in.as_of)},
           {"amount_basis", "current_amounts"},
           {"clients", std::move(clients)},
           {"totals", std::move(totals)},
           {"sources", counter.json()},
           {"warnings", warnings_of(aging)}};
  auto outcome = mcp::ToolOutcome::ok(out);
  outcome.human_text = text_of(out);
  return outcome;
}

Json aging_schema() {
  const Json money{{"type", "number"}, {"description", "Currency units, exact to the cent."}};
  Json figures{{"type", "object"},
               {"properties",
                {{"currency", {{"type", "string"}}},
                 {"current", money},
                 {"1_30", money},
                 {"31_60", money},
                 {"61_90", money},
                 {"over_90", money},
                 {"outstanding", {{"type", "number"}, {"description", "Sum of the buckets; negative when credit exceeds debt."}}},
                 {"invoices", {{"type", "integer"}, {"description", "Open invoices."}}},
                 {"credit_notes", {{"type", "integer"}, {"description", "Unapplied credit notes (counted negative)."}}},
                 {"oldest_due_date", nullable("string", "Oldest due date of the open invoices.")}}},
               {"required", {"currency", "current", "1_30", "31_60", "61_90", "over_90", "outstanding", "invoices",
                             "credit_notes", "oldest_due_date"}}};
  Json client = figures;
  client["properties"]["client_id"] = nullable("integer");
  client["properties"]["client_name"] = Json{{"type", "string"}};
  client["required"].push_back("client_id");
  client["required"].push_back("client_name");
  return Json{{"type", "object"},
              {"properties",
               {{"as_of", {{"type", "string"}, {"format", "date"}}},
                {"amount_basis",
                 {{"type", "string"}, {"description", "current_amounts: Halo keeps today's amount due only."}}},
                {"clients", {{"type", "array"}, {"items", client}}},
                {"totals", {{"type", "array"}, {"items", figures}}},
                {"sources", sources_schema()},
                {"warnings", warnings_schema("no_amount_due, no_date, voided_ignored")}}},
              {"required", {"as_of", "amount_basis", "clients", "totals", "sources", "warnings"}}};
}

}  // namespace

extern const ToolDef kReceivablesAging;

constexpr ToolDef kReceivablesAging{
    .name = "receivables_aging",
    .title = "Receivables aging (who owes what)",
    .description =
        "Unpaid invoices per client and currency, aged at as_of (default today) by days past due (no due date: "
        "the invoice date): current, 1_30, 31_60, 61_90, over_90, outstanding, invoices, oldest_due_date; "
        "largest first, totals per currency. Open = not voided and amountdue > 0. Unapplied credit notes count "
        "negative (net balance). Amounts due are Halo's current ones, also for a past as_of.",
    .toolset = Toolset::kAnalytics,
    .form = Form::kCustom,
    .reads = kReads,
    .args = kArgs,
    .output_schema = aging_schema,
    .handler = receivables_aging,
    .chart = receivables_charts,
    .analytics_view = true,
};

}  // namespace tools

// revenue_breakdown: arguments, the concurrent fetch of Halo's sources (folded page by page into
// compact records), then the pure rules in domain/revenue.hpp. See revenue_tool.hpp.
#include "tools/revenue_tool.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <climits>
#include <functional>
#include <future>
#include <latch>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "domain/revenue.hpp"
#include "domain/revenue_invoice_scan.hpp"
#include "domain/revenue_output.hpp"
#include "domain/revenue_parse.hpp"
#include "tools/contract_periods.hpp"
#include "tools/fetch_gate.hpp"
#include "tools/list_support.hpp"
#include "tools/revenue_bounds.hpp"
#include "util/result.hpp"

namespace tools {
namespace {

using util::Json;
using Clock = std::chrono::steady_clock;

// ---- arguments -------------------------------------------------------------------------------

constexpr const char* kArgumentNames[] = {"as_of", "start_date", "end_date", "client_id", "top", "include_all_items"};

std::string invalid(std::string_view name, std::string_view why) {
  return "Invalid argument '" + std::string(name) + "': " + std::string(why);
}

// Returns the error text for the model, or empty when the arguments are good.
std::string read_date(const Json& args, const char* name, std::optional<domain::Date>& out) {
  auto it = args.find(name);
  if (it == args.end() || it->is_null()) return {};
  if (!it->is_string()) return invalid(name, "must be a date written YYYY-MM-DD");
  out = domain::parse_iso_date(it->get<std::string>());
  if (!out) return invalid(name, "must be a real date written YYYY-MM-DD, got '" + it->get<std::string>() + "'");
  return {};
}

std::string read_positive(const Json& args, const char* name, std::optional<std::int64_t>& out) {
  auto it = args.find(name);
  if (it == args.end() || it->is_null()) return {};
  std::optional<std::int64_t> value;
  if (it->is_number_integer()) {
    value = it->get<std::int64_t>();
  } else if (it->is_number_float()) {
    double d = it->get<double>();
    if (d == static_cast<double>(static_cast<std::int64_t>(d))) value = static_cast<std::int64_t>(d);
  }
  if (!value) return invalid(name, "must be an integer");
  if (*value < 1) return invalid(name, "must be >= 1");
  out = value;
  return {};
}

std::string read_arguments(const Json& args, domain::Date today, domain::RevenueParams& params) {
  if (!args.is_null() && !args.is_object()) return "Invalid arguments: must be an object";
  const Json& a = args.is_object() ? args : Json::object();
  for (const auto& [key, value] : a.items()) {
    bool known = false;
    for (const char* name : kArgumentNames) known |= key == name;
    if (!known) return invalid(key, "is not allowed (expected as_of, start_date, end_date, client_id, top, include_all_items)");
  }
  std::optional<domain::Date> as_of, start, end;
  std::optional<std::int64_t> client_id, top;
  for (auto error : {read_date(a, "as_of", as_of), read_date(a, "start_date", start), read_date(a, "end_date", end),
                     read_positive(a, "client_id", client_id), read_positive(a, "top", top)}) {
    if (!error.empty()) return error;
  }
  if (auto it = a.find("include_all_items"); it != a.end() && !it->is_null()) {
    if (!it->is_boolean()) return invalid("include_all_items", "must be true or false");
    params.include_all_items = it->get<bool>();
  }
  params.as_of = as_of.value_or(today);
  params.end_date = end.value_or(params.as_of);
  params.start_date = start.value_or(domain::default_window_start(params.end_date));
  if (params.start_date > params.end_date) {
    return invalid("start_date", domain::format_date(params.start_date) + " is after end_date " +
                                     domain::format_date(params.end_date) + (end ? "" : " (end_date defaults to as_of)"));
  }
  params.client_id = client_id;
  if (top) params.top = static_cast<int>(std::min<std::int64_t>(*top, 1'000'000));
  return {};
}

// ---- schemas ---------------------------------------------------------------------------------

Json input_schema() {
  auto date = [](const char* description) {
    return Json{{"type", "string"}, {"format", "date"}, {"description", description}};
  };
  return Json{
      {"type", "object"},
      {"properties",
       {{"as_of", date("Day at which MRR/ARR is measured (YYYY-MM-DD). Default: today (UTC).")},
        {"start_date", date("First day of the invoiced-revenue window, inclusive (YYYY-MM-DD). Default: end_date "
                            "minus 12 months plus one day.")},
        {"end_date", date("Last day of the invoiced-revenue window, inclusive (YYYY-MM-DD). Default: as_of.")},
        {"client_id", {{"type", "integer"}, {"minimum", 1}, {"description", "Only this Halo client."}}},
        {"top", {{"type", "integer"}, {"minimum", 1},
                 {"description", "Keep only the first N rows (by mrr + non_recurring_total); totals still cover "
                                 "every client."}}},
        {"include_all_items", {{"type", "boolean"}, {"default", false},
                               {"description", "Also list inactive and unknown-period contracts/templates under "
                                               "recurring_items, each with a reason."}}}}},
      {"additionalProperties", false}};
}

Json output_schema() {
  const Json money = {{"type", {"number", "null"}}, {"description", "Currency units, 2 decimals; null when the source "
                                                                    "it depends on could not be read."}};
  const Json share = {{"type", {"number", "null"}},
                      {"description", "recurring_invoiced / (recurring_invoiced + non_recurring_total), 4 decimals; "
                                      "null when that denominator is 0 or unknown."}};
  const Json date = {{"type", "string"}, {"format", "date"}};
  Json item = {
      {"type", "object"},
      {"properties",
       {{"kind", {{"type", "string"}, {"enum", {"contract", "recurring_invoice"}}}},
        {"id", {{"type", "integer"}}},
        {"ref", {{"type", "string"}}},
        {"period", {{"type", {"string", "null"}}, {"description", "weekly, monthly, quarterly, half-yearly, yearly, "
                                                                  "two-yearly, three-yearly, four-yearly; null when unknown."}}},
        {"amount", {{"type", {"number", "null"}}, {"description", "Amount per billing period, net of tax."}}},
        {"monthly_value", {{"type", "number"}, {"description", "What this item adds to mrr (0 unless counted)."}}},
        {"status", {{"type", "string"},
                    {"enum", {"counted", "billed_via_recurring_invoice", "unknown_period", "inactive"}}}},
        {"reason", {{"type", "string"}, {"description", "Why the item is not counted."}}},
        {"billed_via_recurring_invoice_id", {{"type", "integer"}}},
        {"contract_id", {{"type", "integer"}, {"description", "Template: the contract it bills."}}}}},
      {"required", {"kind", "id", "ref", "period", "amount", "monthly_value", "status"}}};
  Json row = {{"type", "object"},
              {"properties",
               {{"client_id", {{"type", "integer"}}},
                {"client_name", {{"type", "string"}}},
                {"currency", {{"type", "string"}}},
                {"mrr", money},
                {"arr", money},
                {"recurring_invoiced", money},
                {"non_recurring_total", money},
                {"project_total", money},
                {"ad_hoc_total", money},
                {"recurring_share", share},
                {"recurring_items", {{"type", "array"}, {"items", item}}},
                {"recurring_items_omitted", revenue_row_items_omitted_schema()}}},
              {"required", {"client_id", "client_name", "currency", "mrr", "arr", "recurring_invoiced",
                            "non_recurring_total", "project_total", "ad_hoc_total", "recurring_share",
                            "recurring_items"}}};
  Json total = {{"type", "object"},
                {"properties",
                 {{"currency", {{"type", "string"}}},
                  {"mrr", money},
                  {"arr", money},
                  {"recurring_invoiced", money},
                  {"non_recurring_total", money},
                  {"project_total", money},
                  {"ad_hoc_total", money},
                  {"recurring_share", share},
                  {"clients", {{"type", "integer"}, {"description", "Rows in this currency."}}}}},
                {"required", {"currency", "mrr", "arr", "recurring_invoiced", "non_recurring_total", "clients"}}};
  Json warning = {{"type", "object"},
                  {"properties",
                   {{"kind", {{"type", "string"},
                              {"description", "unknown_period | source_unavailable | missing_amount | result_truncated"}}},
                    {"id", {{"type", {"integer", "null"}}}},
                    {"client_id", {{"type", {"integer", "null"}}}},
                    {"detail", {{"type", "string"}}},
                    {"source", {{"type", "string"}}},
                    {"status", {{"type", "integer"}, {"description", "HTTP status of an unavailable source."}}}}},
                  {"required", {"kind", "id", "client_id", "detail"}}};
  Json sources = {{"type", "object"},
                  {"properties",
                   {{"requests", {{"type", "integer"}, {"description", "HTTP requests sent to Halo."}}},
                    {"cache_hits", {{"type", "integer"}}},
                    {"contracts", {{"type", "integer"}, {"description", "Records read."}}},
                    {"recurring_invoices", {{"type", "integer"}}},
                    {"invoices", {{"type", "integer"}}},
                    {"projects", {{"type", "integer"}}},
                    {"clients", {{"type", "integer"}}},
                    {"elapsed_ms", {{"type", "integer"}}}}},
                  {"required", {"requests", "contracts", "recurring_invoices", "invoices", "elapsed_ms"}}};
  return Json{{"type", "object"},
              {"properties",
               {{"as_of", date},
                {"start_date", date},
                {"end_date", date},
                {"clients", {{"type", "array"}, {"items", row}}},
                {"clients_total", {{"type", "integer"}, {"description", "Rows before the top-N cut."}}},
                {"truncated", revenue_truncated_schema()},
                {"totals", {{"type", "array"}, {"items", total}}},
                {"warnings", {{"type", "array"}, {"items", warning}}},
                {"sources", sources}}},
              {"required", {"as_of", "start_date", "end_date", "clients", "totals", "warnings", "sources"}}};
}

const char* kDescription =
    "Recurring vs non-recurring revenue per client, for questions like \"how much of our revenue is "
    "recurring?\" or \"who are our biggest recurring clients?\".\n"
    "Two measures:\n"
    "1. Run-rate at as_of (default today): mrr = the monthly value of every contract and recurring invoice "
    "template active on that day (amount per billing period turned into a month: weekly x52/12, quarterly "
    "/3, half-yearly /6, yearly /12, two-yearly /24 ...); arr = 12 x mrr. A contract billed through a "
    "linked recurring invoice template counts once, through the template (listed as "
    "billed_via_recurring_invoice). Disabled, expired, inactive, ended or not-yet-started items do not count.\n"
    "2. Invoiced revenue, net of tax, for invoices dated start_date..end_date inclusive (default: the 12 "
    "months ending at as_of): recurring_invoiced (raised by a template or by contract billing), "
    "project_total (for project tickets), ad_hoc_total (everything else), non_recurring_total = project + "
    "ad hoc, recurring_share = recurring_invoiced / (recurring_invoiced + non_recurring_total). Credit notes "
    "count negative; voided invoices are ignored.\n"
    "One row per client AND currency (different currencies are never added), ordered by mrr + "
    "non_recurring_total descending; top keeps the first N rows while totals (one per currency) still "
    "cover every client. Amounts are currency units with 2 decimals; each row is rounded to the cent and "
    "totals are the sums of the rows. recurring_items shows what makes up each mrr (include_all_items: "
    "true adds inactive and unknown-period items with a reason).\n"
    "Read warnings before quoting numbers: unknown_period = a contract or template whose billing period "
    "could not be resolved and is NOT in mrr (the administrator can map the code with HALO_PERIOD_CODES or the label with HALO_PERIOD_LABELS); "
    "source_unavailable = Halo refused a source, and the figures that depend on it are null (null never "
    "means zero); missing_amount = an item or invoice without an amount, counted as 0; result_truncated = "
    "the result was too large (about 256 KB) and rows, recurring_items or warnings were left out (see "
    "`truncated`; totals stay complete): narrow with client_id or top.\n"
    "Reads every contract and template and the invoices back to start_date, so it can take some seconds "
    "on a large tenant; client_id narrows it to one client.";

// ---- fetching --------------------------------------------------------------------------------

enum Source { kContracts, kRecurring, kInvoices, kProjects, kClients, kSourceCount };
constexpr const char* kSourceNames[] = {"contracts", "recurring invoices", "invoices", "projects", "clients"};

// Page counts per source, written by fetching threads, read by the handler's thread (which alone
// may call ToolContext::progress).
class ProgressBoard {
 public:
  void update(Source s, int done, int expected) {
    std::lock_guard lock(mutex_);
    done_[s] = done;
    expected_[s] = std::max(expected, done);
    changed_ = true;
  }
  void finish(Source s) {
    std::lock_guard lock(mutex_);
    expected_[s] = done_[s];
    changed_ = true;
  }
  // Emits when something changed since the last call.
  void report(mcp::ToolContext& context) {
    int done = 0, expected = 0;
    {
      std::lock_guard lock(mutex_);
      if (!changed_) return;
      changed_ = false;
      for (int i = 0; i < kSourceCount; ++i) {
        done += done_[i];
        expected += expected_[i];
      }
    }
    context.progress(done, std::max(done, expected), "pages read from Halo");
  }

 private:
  std::mutex mutex_;
  std::array<int, kSourceCount> done_{};
  std::array<int, kSourceCount> expected_{1, 1, 1, 1, 0};
  bool changed_ = false;
};

bool is_unavailable(const util::Error& e) {
  return e.kind == util::ErrorKind::kPermission || e.kind == util::ErrorKind::kNotFound;
}

domain::SourceFailure failure_of(const util::Error& e) {
  return {e.http_status, util::to_string(e.kind), util::describe(e)};
}

std::string fatal_text(Source s, const util::Error& e) {
  switch (e.kind) {
    case util::ErrorKind::kCancelled: return "revenue_breakdown was cancelled.";
    case util::ErrorKind::kTimeout:
      return std::string("revenue_breakdown ran out of time reading ") + kSourceNames[s] + " from Halo: " +
             util::describe(e) + " Try client_id or a shorter window (start_date).";
    default:
      return std::string("revenue_breakdown could not read ") + kSourceNames[s] + " from Halo: " + util::describe(e);
  }
}

struct Fetched {
  domain::RevenueInputs inputs;
  std::array<std::int64_t, kSourceCount> records{};
  int requests = 0;
  int cache_hits = 0;
};

halo::Params with_client(halo::Params params, const domain::RevenueParams& p) {
  if (p.client_id) params.emplace_back("client_id", std::to_string(*p.client_id));
  return params;
}

class RevenueFetch {
 public:
  RevenueFetch(ToolDeps& deps, const domain::RevenueParams& params, mcp::ToolContext& context)
      : deps_(deps), params_(params), context_(context), link_(context.cancel, [this] { local_.cancel(); }) {
    options_.cancel = local_.token();
    options_.deadline = context.deadline;
    options_.on_retry = retry_logger(context);
  }

  // The fetched records, or the isError text.
  std::variant<Fetched, std::string> run() {
    std::array<util::Result<halo::FetchStats>, 4> results = {halo::FetchStats{}, halo::FetchStats{},
                                                             halo::FetchStats{}, halo::FetchStats{}};
    // Contract labels and client currencies depend only on contracts and templates (and, rarely,
    // on an invoice without a currency: the second pass below). They start the moment those two
    // lists are read, while invoice pages are still arriving, so they share the concurrency cap
    // instead of adding round trips after it.
    std::latch base_read(2);
    struct CountDown {
      std::latch& latch;
      ~CountDown() { latch.count_down(); }
    };
    std::string dependent_error;
    {
      std::array<std::future<void>, 5> running;
      running[kContracts] = std::async(std::launch::async, [&] {
        CountDown done{base_read};
        results[kContracts] = guarded(kContracts, [&] { return fetch_contracts(); });
      });
      running[kRecurring] = std::async(std::launch::async, [&] {
        CountDown done{base_read};
        results[kRecurring] = guarded(kRecurring, [&] { return fetch_recurring(); });
      });
      running[kClients] = std::async(std::launch::async, [&] {
        base_read.wait();
        if (local_.token().cancelled()) return;  // a source failed: run() reports it
        dependent_error = fetch_contract_labels();
        if (dependent_error.empty()) dependent_error = fetch_currencies(/*contracts_and_templates_only=*/true);
        if (!dependent_error.empty()) local_.cancel();
      });
      running[kInvoices] = std::async(std::launch::async, [&] { results[kInvoices] = guarded(kInvoices, [&] { return fetch_invoices(); }); });
      running[kProjects] = std::async(std::launch::async, [&] { results[kProjects] = guarded(kProjects, [&] { return fetch_projects(); }); });
      for (auto& f : running) {
        while (f.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) board_.report(context_);
      }
      board_.report(context_);
    }

    // A fatal error wins over the cancellations it caused in the other sources.
    std::optional<std::string> fatal, cancelled;
    for (int s = 0; s < 4; ++s) {
      const auto& r = results[s];
      if (r) {
        out_.requests += r->requests;
        out_.cache_hits += r->cache_hits;
        out_.records[s] = r->records;
        // Pages that disagree with record_count mean records were skipped or repeated: the
        // figures from this source would look complete and be wrong, so they become null.
        if (!r->inconsistency.empty()) {
          util::Error error{util::ErrorKind::kUpstream,
                            std::string("Halo's pages of ") + kSourceNames[s] + " were inconsistent (" +
                                r->inconsistency + "); its figures are left out rather than shown incomplete",
                            0, {}, {}, "Ask again: records may have changed while they were being read."};
          record_failure(static_cast<Source>(s), error);
        }
        continue;
      }
      if (is_unavailable(r.error())) {
        record_failure(static_cast<Source>(s), r.error());
      } else if (r.error().kind == util::ErrorKind::kCancelled) {
        if (!cancelled) cancelled = fatal_text(static_cast<Source>(s), r.error());
      } else if (!fatal) {
        fatal = fatal_text(static_cast<Source>(s), r.error());
      }
    }
    if (fatal) return *fatal;
    if (cancelled || context_.cancel.cancelled()) return std::string("revenue_breakdown was cancelled.");
    auto& in = out_.inputs;
    if (in.contracts_failure && in.recurring_failure && in.invoices_failure) {
      return "revenue_breakdown could not read contracts, recurring invoices or invoices from Halo: " +
             in.invoices_failure->message +
             " The Halo API application needs read access to contracts and invoices (Billing), and the token "
             "scope must include it (HALO_SCOPE, default all).";
    }
    if (!dependent_error.empty()) return dependent_error;
    if (auto error = fetch_currencies(/*contracts_and_templates_only=*/false); !error.empty()) return error;
    board_.finish(kClients);
    board_.report(context_);
    out_.requests += lookups_.requests;
    out_.cache_hits += lookups_.cache_hits;
    return std::move(out_);
  }

 private:
  template <class Fn>
  util::Result<halo::FetchStats> guarded(Source s, Fn fn) {
    util::Result<halo::FetchStats> result = fn();
    if (!result && !is_unavailable(result.error())) local_.cancel();  // no point reading the rest
    board_.finish(s);
    return result;
  }

  std::function<void(int, int)> progress_of(Source s) {
    return [this, s](int done, int expected) { board_.update(s, done, expected); };
  }

  void record_failure(Source s, const util::Error& e) {
    auto& in = out_.inputs;
    switch (s) {
      case kContracts: in.contracts_failure = failure_of(e); break;
      case kRecurring: in.recurring_failure = failure_of(e); break;
      case kInvoices: in.invoices_failure = failure_of(e); break;
      case kProjects: in.projects_failure = failure_of(e); break;
      case kClients: in.clients_failure = failure_of(e); break;
      default: break;
    }
  }

  util::Result<halo::FetchStats> fetch_contracts() {
    return fetch_all(kContracts, "ClientContract", {{"includeinactive", "true"}}, "contracts",
                     domain::parse_contract, out_.inputs.contracts);
  }

  util::Result<halo::FetchStats> fetch_recurring() {
    return fetch_all(kRecurring, "RecurringInvoice", {{"includedisabled", "true"}}, "invoices",
                     domain::parse_recurring_invoice, out_.inputs.recurring);
  }

  /// Every page of one source, each record folded by `parse` into `list` (the page is then let go).
  template <class Parse, class Record>
  util::Result<halo::FetchStats> fetch_all(Source source, const char* path, halo::Params params, const char* key,
                                           Parse parse, std::vector<Record>& list) {
    return deps_.client.for_each_page(
        path, with_client(std::move(params), params_), key, options_,
        [&](const halo::ListPage& page) {
          for (simdjson::dom::element record : page.items) {
            if (auto parsed = parse(record)) list.push_back(std::move(*parsed));
          }
          return halo::Visit::kContinue;
        },
        progress_of(source), after_first_page_wait_for_invoice_tail());
  }

  // A side source reads its first page at once (so small tenants pay no extra round trip), then
  // waits until the invoice scan stops using every concurrency slot: its remaining pages then fill
  // the slots the scan leaves idle near the window start instead of delaying the scan.
  std::function<int(const halo::ListPage&, int)> after_first_page_wait_for_invoice_tail() {
    return [this](const halo::ListPage&, int pages_done) {
      if (pages_done == 1) invoice_tail_.wait(local_.token());
      return INT_MAX;
    };
  }

  util::Result<halo::FetchStats> fetch_invoices() {
    auto& list = out_.inputs.invoices;
    domain::InvoiceScan scan(params_.start_date);
    std::mutex scan_mutex;  // visit and pages_wanted run on this thread; progress may not
    // The invoice scan is the critical path (most pages, and a pipeline that narrows near the
    // window start): its pages go first, the other sources fill the slots it leaves idle.
    halo::CallOptions critical = options_;
    critical.priority = true;
    FetchGate::OpenOnExit open_gate{invoice_tail_};
    const int slots = deps_.client.config().max_concurrency;
    return deps_.client.for_each_page(
        "Invoice",
        with_client({{"includecredits", "true"}, {"order", "invoice_date"}, {"orderdesc", "true"}}, params_),
        "invoices", critical,
        [&](const halo::ListPage& page) {
          std::lock_guard lock(scan_mutex);
          for (simdjson::dom::element record : page.items) {
            auto invoice = domain::parse_invoice(record);
            if (!invoice) continue;
            scan.add(invoice->invoice_date);
            // Only invoices in the window are kept: the rest never reach a figure.
            if (invoice->invoice_date && *invoice->invoice_date >= params_.start_date &&
                *invoice->invoice_date <= params_.end_date) {
              list.push_back(std::move(*invoice));
            }
          }
          scan.end_page();
          return scan.past_start() ? halo::Visit::kStop : halo::Visit::kContinue;
        },
        [&](int done, int expected) {
          std::lock_guard lock(scan_mutex);
          // Halo's record_count counts every invoice ever; the scan knows how far back it must go.
          if (!scan.order_broken()) expected = std::min(expected, done + scan.pages_wanted());
          board_.update(kInvoices, done, expected);
        },
        [&](const halo::ListPage&, int) {
          std::lock_guard lock(scan_mutex);
          const int certain = scan.pages_certain();  // never a page that may lie past the window start
          if (certain < slots) invoice_tail_.open();
          return certain;
        });
  }

  util::Result<halo::FetchStats> fetch_projects() {
    auto& ids = out_.inputs.project_ticket_ids;
    // ticketidonly asks Halo for ids only (a project record can exceed 100 KB); ignored elsewhere.
    return deps_.client.for_each_page(
        "Projects", with_client({{"ticketidonly", "true"}}, params_), "tickets", options_,
        [&](const halo::ListPage& page) {
          for (simdjson::dom::element record : page.items) {
            if (auto id = domain::parse_project_id(record)) ids.insert(*id);
          }
          return halo::Visit::kContinue;
        },
        progress_of(kProjects), after_first_page_wait_for_invoice_tail());
  }

  // Halo lists contracts without billing_period_string; for the few active contracts whose code
  // the table cannot resolve, the detail GET has the label (labels win, rule 1). The lookup is
  // the one list_contracts uses (contract_periods.hpp): at most kMaxContractLabelLookups, a few at
  // a time, through the response cache; any left over stay unknown_period and say so. Runs on a
  // fetching thread (never calls ToolContext::progress).
  std::string fetch_contract_labels() {
    std::vector<std::int64_t> ids = domain::contracts_needing_label(out_.inputs, params_, deps_.periods);
    if (ids.empty()) return {};
    ContractLabels found = tools::fetch_contract_labels(deps_.client, std::move(ids), options_,
                                                        kMaxContractLabelLookups, [this] { local_.cancel(); });
    lookups_.requests += found.cost.requests;
    lookups_.cache_hits += found.cost.cache_hits;
    // A refused or missing detail leaves the period unknown (warned); anything else fails the call.
    if (found.error) return fatal_text(kContracts, *found.error);
    for (auto& c : out_.inputs.contracts) {
      if (auto it = found.labels.find(c.id); it != found.labels.end()) c.billing_period_label = it->second;
    }
    return {};
  }

  // Rule 11 needs a client's currencyisocode only for records that name no currency. The first
  // pass (a fetching thread, contracts and templates read) covers what they need; the second (the
  // handler's thread, after invoices) only what invoices add that nothing has asked for yet.
  std::string fetch_currencies(bool contracts_and_templates_only) {
    auto& in = out_.inputs;
    in.default_currency = deps_.default_currency.empty() ? "GBP" : deps_.default_currency;
    if (client_list_read_ || in.clients_failure) return {};
    std::set<std::int64_t> needed;
    if (contracts_and_templates_only) {
      domain::RevenueInputs known;  // invoices are still being written by their own thread
      known.contracts = in.contracts;
      known.recurring = in.recurring;
      known.client_currency = in.client_currency;
      needed = domain::clients_needing_currency(known, params_);
    } else {
      needed = domain::clients_needing_currency(in, params_);
    }
    for (std::int64_t id : asked_) needed.erase(id);
    if (needed.empty()) return {};
    constexpr std::size_t kOneByOne = 3;  // beyond this, one paged list is cheaper than many gets
    // Client reads of both passes add up on the board, so progress never steps back between them
    // and ends at the number of requests made.
    const int before = client_reads_;
    if (needed.size() <= kOneByOne) {
      const int expected = before + static_cast<int>(needed.size());
      board_.update(kClients, client_reads_, expected);
      for (std::int64_t id : needed) {
        asked_.insert(id);
        auto doc = deps_.client.get_cacheable("Client/" + std::to_string(id), {}, options_, lookups_);
        board_.update(kClients, ++client_reads_, expected);
        if (!doc) {
          if (doc.error().kind == util::ErrorKind::kNotFound) continue;  // no such client: default currency
          if (doc.error().kind == util::ErrorKind::kPermission) {
            record_failure(kClients, doc.error());
            break;
          }
          return fatal_text(kClients, doc.error());
        }
        ++out_.records[kClients];
        if (auto currency = domain::parse_client_currency(doc->root())) in.client_currency.insert(*currency);
      }
      return {};
    }
    client_list_read_ = true;
    auto stats = deps_.client.for_each_page(
        "Client", {{"includeinactive", "true"}}, "clients", options_,
        [&](const halo::ListPage& page) {
          for (simdjson::dom::element record : page.items) {
            if (auto currency = domain::parse_client_currency(record)) {
              if (needed.count(currency->first) != 0) in.client_currency.insert(*currency);
            }
          }
          return halo::Visit::kContinue;
        },
        [&](int done, int expected) {
          client_reads_ = before + done;
          board_.update(kClients, client_reads_, before + expected);
        });
    if (!stats) {
      if (!is_unavailable(stats.error())) return fatal_text(kClients, stats.error());
      record_failure(kClients, stats.error());
      return {};
    }
    lookups_.requests += stats->requests;
    lookups_.cache_hits += stats->cache_hits;
    out_.records[kClients] += stats->records;
    return {};
  }

  ToolDeps& deps_;
  const domain::RevenueParams& params_;
  mcp::ToolContext& context_;
  util::CancellationSource local_;
  util::CancelRegistration link_;
  halo::CallOptions options_;
  FetchGate invoice_tail_;  ///< opens when the invoice scan no longer fills every slot
  ProgressBoard board_;
  Fetched out_;
  halo::FetchStats lookups_;           ///< contract details and client currencies
  std::set<std::int64_t> asked_;       ///< clients already read one by one
  bool client_list_read_ = false;      ///< the whole client list has been read
  int client_reads_ = 0;               ///< client requests so far, both passes (progress)
};

mcp::ToolOutcome handle(ToolDeps& deps, const Json& args, mcp::ToolContext& context) {
  const auto started = Clock::now();
  domain::RevenueParams params;
  if (auto error = read_arguments(args, domain::today_utc(), params); !error.empty()) {
    return mcp::ToolOutcome::error(error);
  }

  RevenueFetch fetch(deps, params, context);
  auto fetched = fetch.run();
  if (auto* error = std::get_if<std::string>(&fetched)) return mcp::ToolOutcome::error(*error);
  Fetched& data = std::get<Fetched>(fetched);

  domain::RevenueResult result;
  try {
    result = domain::compute_revenue(data.inputs, params, deps.periods);
  } catch (const std::exception& e) {
    return mcp::ToolOutcome::error(std::string("revenue_breakdown failed to compute the figures: ") + e.what());
  }
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

mcp::Tool revenue_breakdown_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "revenue_breakdown";
  tool.title = "Recurring revenue breakdown (MRR, ARR, invoiced)";
  tool.description = kDescription;
  tool.input_schema = input_schema();
  tool.output_schema = output_schema();
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) { return handle(deps, args, context); };
  return tool;
}

void register_revenue_tools(mcp::ToolRegistry& registry, ToolDeps& deps) { registry.add(revenue_breakdown_tool(deps)); }

}  // namespace tools

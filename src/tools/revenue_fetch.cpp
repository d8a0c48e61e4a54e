// The concurrent read of revenue_breakdown's sources (see revenue_fetch.hpp).
#include "tools/revenue_fetch.hpp"

#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <functional>
#include <future>
#include <latch>
#include <mutex>
#include <set>
#include <vector>

#include "domain/revenue.hpp"
#include "domain/revenue_invoice_scan.hpp"
#include "domain/revenue_parse.hpp"
#include "halo/client.hpp"
#include "tools/tenant_periods.hpp"
#include "tools/fetch_gate.hpp"
#include "tools/invoice_query.hpp"
#include "tools/project_ids.hpp"
#include "tools/list_flows.hpp"
#include "util/result.hpp"

namespace tools {
namespace {

constexpr const char* kSourceNames[] = {"contracts", "recurring invoices", "invoices", "projects", "clients"};
using Source = RevenueSource;

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

std::string fatal_text(const char* tool, Source s, const util::Error& e) {
  switch (e.kind) {
    case util::ErrorKind::kCancelled: return std::string(tool) + " was cancelled.";
    case util::ErrorKind::kTimeout:
      return std::string(tool) + " ran out of time reading " + kSourceNames[s] + " from Halo: " +
             util::describe(e) + " Try client_id or a shorter window (start_date).";
    default:
      return std::string(tool) + " could not read " + kSourceNames[s] + " from Halo: " + util::describe(e);
  }
}

halo::Params with_client(halo::Params params, const domain::RevenueParams& p) {
  if (p.client_id) params.emplace_back("client_id", std::to_string(*p.client_id));
  return params;
}

class RevenueFetch {
 public:
  RevenueFetch(ToolDeps& deps, const domain::RevenueParams& params, mcp::ToolContext& context,
               const RevenueReads& reads)
      : deps_(deps), params_(params), context_(context), reads_(reads),
        link_(context.cancel, [this] { local_.cancel(); }) {
    options_ = call_options(context);
    options_.cancel = local_.token();  // cancelled with the call, and by a failed read (see link_)
  }

  // The fetched records, or the isError text.
  std::variant<RevenueFetched, std::string> run() {
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
      // A source the caller does not need is not read: an empty list, no failure (RevenueReads).
      auto not_read = [] { return util::Result<halo::FetchStats>(halo::FetchStats{}); };
      running[kContracts] = std::async(std::launch::async, [&] {
        CountDown done{base_read};
        results[kContracts] = guarded(kContracts, [&] {
          return reads_.contracts_and_templates ? fetch_contracts() : not_read();
        });
      });
      running[kRecurring] = std::async(std::launch::async, [&] {
        CountDown done{base_read};
        results[kRecurring] = guarded(kRecurring, [&] {
          return reads_.contracts_and_templates ? fetch_recurring() : not_read();
        });
      });
      running[kClients] = std::async(std::launch::async, [&] {
        base_read.wait();
        if (local_.token().cancelled()) return;  // a source failed: run() reports it
        dependent_error = learn_period_labels();
        if (dependent_error.empty()) dependent_error = fetch_currencies(/*contracts_and_templates_only=*/true);
        if (!dependent_error.empty()) local_.cancel();
      });
      running[kInvoices] = std::async(std::launch::async, [&] {
        results[kInvoices] = guarded(kInvoices, [&] {
          if (reads_.invoices) return fetch_invoices();
          invoice_tail_.open();  // no scan to wait for: the side sources read every page at once
          return not_read();
        });
      });
      running[kProjects] = std::async(std::launch::async, [&] {
        results[kProjects] = guarded(kProjects, [&] { return reads_.projects ? fetch_projects() : not_read(); });
      });
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
        if (!cancelled) cancelled = fatal_text(reads_.tool, static_cast<Source>(s), r.error());
      } else if (!fatal) {
        fatal = fatal_text(reads_.tool, static_cast<Source>(s), r.error());
      }
    }
    if (fatal) return *fatal;
    if (cancelled || context_.cancel.cancelled()) return std::string(reads_.tool) + " was cancelled.";
    auto& in = out_.inputs;
    if (in.contracts_failure && in.recurring_failure && (in.invoices_failure || !reads_.invoices)) {
      return std::string(reads_.tool) + " could not read contracts, recurring invoices or invoices from Halo: " +
             (in.invoices_failure ? in.invoices_failure : in.recurring_failure)->message +
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
    // rinvoice_type=both: Halo's default may leave out the templates that bill contracts.
    // (Disabled templates are always listed: Halo has no parameter for them; the rules skip them.)
    return fetch_all(kRecurring, "RecurringInvoice", {{"rinvoice_type", "both"}}, "invoices",
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
        with_client(invoice_query(params_.start_date, params_.end_date, /*credits=*/true), params_),
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
    // A task's invoice is project work as well, and each id counts once (project_ids.hpp).
    auto& ids = out_.inputs.project_ticket_ids;
    auto page = fetch_project_ids(deps_.client, with_client({}, params_), options_);
    board_.update(kProjects, 1, 1);
    if (!page) return util::Unexpected(page.error());
    ids.insert(page->ids.begin(), page->ids.end());
    halo::FetchStats stats;
    stats.requests = page->from_cache ? 0 : 1;
    stats.cache_hits = page->from_cache ? 1 : 0;
    stats.pages = 1;
    stats.records = static_cast<std::int64_t>(ids.size());
    stats.record_count = stats.records;
    return stats;
  }

  // Halo lists contracts and templates with a period code but no label; the tenant's label for
  // each code is learned from one detail record (tenant_periods.hpp), kept for the process, and
  // given to every record of that code that has none (labels beat codes). A refused or missing
  // detail leaves the code to the table (an unknown code is warned); anything else fails the call.
  // Runs on a fetching thread (never calls ToolContext::progress).
  std::string learn_period_labels() {
    const domain::PeriodCodeSamples samples = domain::period_code_samples(out_.inputs, params_);
    TenantPeriods& learned = *deps_.tenant_periods;
    for (auto [kind, codes] : {std::pair{PeriodKind::kContract, &samples.contracts},
                               std::pair{PeriodKind::kRecurringInvoice, &samples.recurring}}) {
      PeriodLearning found =
          learn_period_codes(deps_.client, kind, *codes, options_, learned, [this] { local_.cancel(); });
      lookups_.requests += found.cost.requests;
      lookups_.cache_hits += found.cost.cache_hits;
      if (found.error) {
        return fatal_text(reads_.tool, kind == PeriodKind::kContract ? kContracts : kRecurring, *found.error);
      }
    }
    for (auto& c : out_.inputs.contracts) {
      if (!c.billing_period_label.empty() || !c.billing_period) continue;
      if (auto label = learned.label(PeriodKind::kContract, *c.billing_period)) c.billing_period_label = *label;
    }
    for (auto& t : out_.inputs.recurring) {
      if (!t.period_label.empty() || !t.period) continue;
      if (auto label = learned.label(PeriodKind::kRecurringInvoice, *t.period)) t.period_label = *label;
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
          return fatal_text(reads_.tool, kClients, doc.error());
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
      if (!is_unavailable(stats.error())) return fatal_text(reads_.tool, kClients, stats.error());
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
  const RevenueReads reads_;
  util::CancellationSource local_;
  util::CancelRegistration link_;
  halo::CallOptions options_;
  FetchGate invoice_tail_;  ///< opens when the invoice scan no longer fills every slot
  ProgressBoard board_;
  RevenueFetched out_;
  halo::FetchStats lookups_;           ///< contract details and client currencies
  std::set<std::int64_t> asked_;       ///< clients already read one by one
  bool client_list_read_ = false;      ///< the whole client list has been read
  int client_reads_ = 0;               ///< client requests so far, both passes (progress)
};

}  // namespace

std::variant<RevenueFetched, std::string> fetch_revenue_sources(ToolDeps& deps, const domain::RevenueParams& params,
                                                                mcp::ToolContext& context, const RevenueReads& reads) {
  RevenueFetch fetch(deps, params, context, reads);
  return fetch.run();
}

}  // namespace tools

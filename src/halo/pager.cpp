// Concurrent, ordered, stoppable paging over a Halo list.
#include "halo/pager.hpp"

#include <algorithm>
#include <climits>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace halo {
namespace {

/// The state shared by the caller's thread and the page workers.
struct Shared {
  std::mutex mutex;
  std::condition_variable changed;
  int next_to_request = 2;
  int next_to_visit = 2;
  int limit = 1;  ///< pages requested but not yet visited, at most
  bool stop = false;
  std::map<int, util::Result<PageFetch>> ready;
  RequestTrace trace;
};

/// Stops and joins the workers however the caller's loop ends (a throwing visitor included).
class WorkerPool {
 public:
  WorkerPool(Shared& shared, util::CancellationSource& in_flight)
      : shared_(shared), in_flight_(in_flight) {}
  ~WorkerPool() { stop_and_join(); }
  void start(int count, const std::function<void()>& body) {
    for (int i = 0; i < count; ++i) threads_.emplace_back(body);
  }
  void stop_and_join() {
    {
      std::lock_guard lock(shared_.mutex);
      shared_.stop = true;
      shared_.changed.notify_all();
    }
    in_flight_.cancel();  // pages nobody will visit are not worth finishing
    for (auto& thread : threads_) thread.join();
    threads_.clear();
  }

 private:
  Shared& shared_;
  util::CancellationSource& in_flight_;
  std::vector<std::thread> threads_;
};

}  // namespace

util::Result<FetchStats> fetch_all_pages(
    const PageFetcher& fetch, const PagerSettings& settings, const CallOptions& options,
    const std::function<Visit(const ListPage&)>& visit,
    const std::function<void(int pages_done, int pages_expected)>& on_progress,
    const std::function<int(const ListPage& latest, int pages_done)>& pages_wanted) {
  FetchStats stats;
  RequestTrace first_trace;
  auto first = fetch(1, options, first_trace);
  stats.requests += first_trace.requests;
  stats.cache_hits += first_trace.cache_hits;
  if (!first) return util::Unexpected(first.error());

  const bool count_known = first->record_count_reported;
  const std::int64_t record_count = first->page.record_count;
  const int first_length = static_cast<int>(first->page.items.size());
  stats.record_count = record_count;

  // Pages are sized like page 1 (Halo caps page_size; a tenant may cap lower), and never more
  // than record_count implies, so a server that keeps sending full pages cannot loop us.
  int total_pages = settings.unknown_total_page_cap;
  if (count_known) {
    const std::int64_t per_page = std::clamp(first_length, 1, settings.page_size);
    const std::int64_t pages = (record_count + per_page - 1) / per_page;
    total_pages = static_cast<int>(std::clamp<std::int64_t>(pages, 1, INT_MAX / 2));
  }

  std::int64_t seen = 0;
  int pages_done = 0;
  auto data_ended = [&](const ListPage& page, int page_no) {
    const int length = static_cast<int>(page.items.size());
    if (length == 0) return true;
    if (count_known && seen >= record_count) return true;
    if (length < first_length) return true;  // the data ended before record_count said
    if (!count_known && length < settings.page_size) return true;
    return page_no >= total_pages;
  };
  // Halo pages hold exactly the size asked for, except the last (record_count says which that
  // is). Anything else means records were skipped or repeated: say so rather than fold them.
  const std::int64_t requested = settings.page_size;
  auto check_page = [&](std::int64_t length, int page_no) {
    if (!stats.inconsistency.empty()) return;
    if (length > requested) {
      stats.inconsistency = "page " + std::to_string(page_no) + " held " + std::to_string(length) +
                            " records, more than the " + std::to_string(requested) + " asked for";
      return;
    }
    if (!count_known) return;
    const std::int64_t expected = std::min(requested, record_count - (page_no - 1) * requested);
    if (expected > 0 && length != expected) {
      stats.inconsistency = "page " + std::to_string(page_no) + " held " + std::to_string(length) +
                            " records where record_count " + std::to_string(record_count) + " implies " +
                            std::to_string(expected);
    }
  };
  bool stopped_early = false;  // by the visitor or pages_wanted: the total is not expected
  auto checked_total = [&]() -> FetchStats& {
    if (stats.inconsistency.empty() && !stopped_early && count_known && seen != record_count) {
      stats.inconsistency = "read " + std::to_string(seen) + " records where record_count promised " +
                            std::to_string(record_count);
    }
    return stats;
  };
  auto visit_page = [&](const ListPage& page, int page_no, bool& ended) {
    const auto length = static_cast<std::int64_t>(page.items.size());
    check_page(length, page_no);
    seen += length;
    stats.records += length;
    ++stats.pages;
    ++pages_done;
    const Visit answer = visit(page);
    if (answer == Visit::kStop) stopped_early = true;
    ended = data_ended(page, page_no);
    if (on_progress) on_progress(pages_done, count_known ? total_pages : pages_done + (ended ? 0 : 1));
    return answer;
  };

  bool ended = false;
  if (visit_page(first->page, 1, ended) == Visit::kStop || ended) return checked_total();
  const int wanted_after_first = pages_wanted ? pages_wanted(first->page, pages_done) : INT_MAX;
  first = util::Unexpected(util::Error{});  // release page 1 before fetching the rest
  if (wanted_after_first <= 0) {
    stopped_early = true;
    return stats;
  }

  const int concurrency = count_known ? std::max(1, settings.max_concurrency) : 1;
  Shared shared;
  shared.limit = std::min(concurrency, wanted_after_first);
  util::CancellationSource in_flight;
  util::CancelRegistration link(options.cancel, [in_flight] { in_flight.cancel(); });
  CallOptions page_options = options;
  page_options.cancel = in_flight.token();

  WorkerPool pool(shared, in_flight);
  pool.start(std::min(concurrency, total_pages - 1), [&] {
    for (;;) {
      int page_no = 0;
      {
        std::unique_lock lock(shared.mutex);
        shared.changed.wait(lock, [&] {
          return shared.stop || (shared.next_to_request <= total_pages &&
                                 shared.next_to_request - shared.next_to_visit < shared.limit);
        });
        if (shared.stop) return;
        page_no = shared.next_to_request++;
      }
      RequestTrace trace;
      auto result = fetch(page_no, page_options, trace);
      std::lock_guard lock(shared.mutex);
      shared.trace.requests += trace.requests;
      shared.trace.cache_hits += trace.cache_hits;
      shared.ready.emplace(page_no, std::move(result));
      shared.changed.notify_all();
    }
  });

  util::Result<FetchStats> outcome = stats;
  std::unique_lock lock(shared.mutex);
  while (shared.next_to_visit <= total_pages && shared.limit > 0) {
    const int page_no = shared.next_to_visit;
    shared.changed.wait(lock, [&] { return shared.ready.count(page_no) > 0; });
    auto node = shared.ready.extract(page_no);
    if (!node.mapped()) {
      outcome = util::Unexpected(node.mapped().error());
      break;
    }
    lock.unlock();
    const ListPage& page = node.mapped()->page;
    const bool stop = visit_page(page, page_no, ended) == Visit::kStop || ended;
    const int wanted = !stop && pages_wanted ? pages_wanted(page, pages_done) : INT_MAX;
    node = {};  // let the page go before waiting for the next
    lock.lock();
    ++shared.next_to_visit;
    if (stop) break;
    shared.limit = std::min(concurrency, wanted);
    shared.changed.notify_all();
  }
  lock.unlock();
  pool.stop_and_join();
  if (shared.limit <= 0) stopped_early = true;  // pages_wanted asked for no more

  if (!outcome) return outcome;
  stats.requests += shared.trace.requests;
  stats.cache_hits += shared.trace.cache_hits;
  return checked_total();
}

}  // namespace halo

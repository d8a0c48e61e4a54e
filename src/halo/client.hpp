// The Halo PSA REST client. Knows nothing of MCP.
//
// Threading: one libcurl multi handle runs on the client's own thread; callers on any thread
// block on their own requests only. Requests go through, in order: the response cache (list
// pages, keyed on the exact URL), the rolling-window rate limiter, the concurrency cap, the token
// provider (single-flight refresh; 401 -> refresh once -> retry once), then libcurl (HTTP/2 when
// offered, keep-alive, certificate verification). 429 honours Retry-After, else waits at least
// HALO_RATE_LIMIT_BACKOFF_MS (jittered), and pauses the whole client meanwhile; 5xx and network
// errors retry with jittered exponential backoff, all bounded by the call's deadline and cancellation.
//
// Example:
//   halo::Client client(config);
//   halo::CallOptions opts{ctx.cancel, ctx.deadline};
//   auto page = client.list_page("Tickets", {{"client_id", "12"}}, "tickets", 1, 25, opts);
//   if (!page) return error(util::describe(page.error()));
//   for (auto ticket : page->items) { ... }
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "halo/config.hpp"
#include "halo/document.hpp"
#include "halo/fleet.hpp"
#include "halo/call_options.hpp"
#include "halo/params.hpp"
#include "util/cancel.hpp"
#include "util/result.hpp"

namespace halo {

/// One page of a list endpoint. `items` views into `doc`.
struct ListPage {
  Document doc;
  simdjson::dom::array items;   ///< per the envelope rule: bare array / expected key / first array
  std::int64_t record_count = 0;  ///< Halo's total of matching records (items.size() when absent)
  int page_no = 1;
  int page_size = 0;
  bool from_cache = false;
};

/// What a whole-list fetch did, for `sources` in tool output.
struct FetchStats {
  int requests = 0;     ///< HTTP requests sent upstream (retries included)
  int cache_hits = 0;
  int pages = 0;
  std::int64_t records = 0;
  std::int64_t record_count = 0;  ///< Halo's total as reported by page 1
  /// Non-empty when the pages disagreed with what Halo promised (a page longer than asked for,
  /// a page shorter than record_count implies, or a total that differs from record_count): the
  /// records visited may be incomplete or duplicated, so figures built from them must not be
  /// shown as complete. Says what was seen.
  std::string inconsistency;
};

/// What for_each_page's visitor answers after each page.
enum class Visit { kContinue, kStop };

struct ClientStats {
  std::uint64_t requests = 0;
  std::uint64_t cache_hits = 0;
  std::uint64_t retries = 0;
  std::uint64_t token_fetches = 0;
};

class Client {
 public:
  explicit Client(Config config, FleetLink fleet = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  /// GET {instance}/api/{path}?params; the body must be JSON. 404 -> kNotFound.
  [[nodiscard]] util::Result<Document> get(std::string_view path, const Params& params,
                                           const CallOptions& options);

  /// get() through the response cache (as list pages are): for details a tool reads again and
  /// again within the TTL (revenue_breakdown's contract labels). Adds to stats.requests or
  /// stats.cache_hits. (Added for the benchmark work stream: a repeated question costs nothing.)
  [[nodiscard]] util::Result<Document> get_cacheable(std::string_view path, const Params& params,
                                                     const CallOptions& options, FetchStats& stats);

  /// One page of a paged list (adds pageinate=true&page_size&page_no; size capped at 100).
  /// `key` is the envelope key expected for this endpoint ("tickets", "invoices", ...).
  [[nodiscard]] util::Result<ListPage> list_page(std::string_view path, const Params& params,
                                                 std::string_view key, int page_no, int page_size,
                                                 const CallOptions& options);

  /// An endpoint Halo does not page (Agent, TimesheetEvent, Actions, Status): one request, the
  /// whole array.
  [[nodiscard]] util::Result<ListPage> list_unpaged(std::string_view path, const Params& params,
                                                    std::string_view key,
                                                    const CallOptions& options);

  /// Every page of a list, 100 per page. Page 1 is fetched first; once record_count is known the
  /// remaining pages are fetched concurrently (at most max_concurrency in flight). `visit` is
  /// called on the caller's thread, once per page, in page order, so it can fold records into
  /// compact structs and let the page go; returning kStop ends the fetch (pages in flight are
  /// cancelled and not counted as visited). `on_progress(pages_done, pages_expected)` follows
  /// each page.
  ///
  /// `pages_wanted(latest, pages_done)`, when given, is asked after each page how many further
  /// pages the caller still expects to need; the client never has more than that many in flight.
  /// A caller that stops early (invoices ordered by date, a window start) uses it to avoid
  /// requesting pages it will not read: requests made == the minimum the data needs.
  [[nodiscard]] util::Result<FetchStats> for_each_page(
      std::string_view path, const Params& params, std::string_view key,
      const CallOptions& options, const std::function<Visit(const ListPage&)>& visit,
      const std::function<void(int pages_done, int pages_expected)>& on_progress = {},
      const std::function<int(const ListPage& latest, int pages_done)>& pages_wanted = {});

  const Config& config() const;
  ClientStats stats() const;
  /// The fleet this client shares its budget and cache with; null when none.
  Fleet* fleet() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace halo

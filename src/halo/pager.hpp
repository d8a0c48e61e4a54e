// Fetches every page of a Halo list: page 1 first (it reports record_count), then the rest
// concurrently on a small pool of workers, handed to the visitor in page order on the caller's
// thread. Stops on the visitor's kStop, an empty or short page, record_count reached, or the
// page cap derived from record_count (a server that keeps sending full pages cannot loop us).
#pragma once
#include <functional>

#include "halo/api_requester.hpp"
#include "halo/client.hpp"

namespace halo {

struct PageFetch {
  ListPage page;
  bool record_count_reported = false;
};

/// Fetches one page (100 per page); adds what it cost to `trace`, failed attempts included.
using PageFetcher = std::function<util::Result<PageFetch>(int page_no, const CallOptions& options,
                                                          RequestTrace& trace)>;

struct PagerSettings {
  int max_concurrency = 4;
  int page_size = 100;
  /// Pages fetched one by one when Halo reports no record_count, at most this many.
  int unknown_total_page_cap = 1000;
};

[[nodiscard]] util::Result<FetchStats> fetch_all_pages(
    const PageFetcher& fetch, const PagerSettings& settings, const CallOptions& options,
    const std::function<Visit(const ListPage&)>& visit,
    const std::function<void(int pages_done, int pages_expected)>& on_progress,
    const std::function<int(const ListPage& latest, int pages_done)>& pages_wanted);

}  // namespace halo

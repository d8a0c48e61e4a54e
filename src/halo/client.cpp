// halo::Client: wires the engine, token provider, rate budget, slots, cache and pager together and
// shapes list responses into ListPage values.
#include "halo/client.hpp"

#include <algorithm>

#include "halo/api_requester.hpp"
#include "halo/concurrency_slots.hpp"
#include "halo/envelope.hpp"
#include "halo/http_engine.hpp"
#include "halo/pager.hpp"
#include "halo/rate_limit_cooldown.hpp"
#include "halo/rate_budget.hpp"
#include "halo/response_cache.hpp"
#include "halo/token_provider.hpp"

namespace halo {
namespace {

constexpr int kMaxPageSize = 100;  // Halo silently caps page_size here
// A 60k-invoice tenant's revenue_breakdown reads ~360 pages; all of them must fit for a repeated
// question to cost nothing. Bytes stay the real bound.
constexpr std::size_t kCacheEntries = 4096;
constexpr std::size_t kCacheBytes = 64u << 20;

util::Result<PageFetch> to_page(FetchedBody fetched, std::string_view key, int page_no,
                                int page_size) {
  auto envelope = find_list(fetched.doc.root(), key);
  if (!envelope) {
    return util::Unexpected(util::Error{
        util::ErrorKind::kUpstream,
        "Halo's response from " + fetched.endpoint + " holds no list of records", 200,
        fetched.endpoint, {}, "Is HALO_INSTANCE_URL pointing at the Halo API?"});
  }
  PageFetch out;
  out.page.doc = std::move(fetched.doc);
  out.page.items = envelope->items;
  out.record_count_reported = envelope->record_count.has_value();
  out.page.record_count =
      envelope->record_count.value_or(static_cast<std::int64_t>(envelope->items.size()));
  out.page.page_no = page_no;
  out.page.page_size = page_size > 0 ? page_size : static_cast<int>(envelope->items.size());
  out.page.from_cache = fetched.from_cache;
  return out;
}

/// A Config built by hand (tests, --demo) may leave out what load_config would fill in.
Config with_defaults(Config config) {
  while (!config.instance_url.empty() && config.instance_url.back() == '/') config.instance_url.pop_back();
  while (!config.auth_url.empty() && config.auth_url.back() == '/') config.auth_url.pop_back();
  if (config.auth_url.empty()) config.auth_url = config.instance_url + "/auth";
  if (config.scope.empty()) config.scope = "all";
  return config;
}

}  // namespace

struct Client::Impl {
  Impl(Config c, FleetLink link)
      : config(with_defaults(std::move(c))),
        engine(std::max(1, config.max_concurrency), config.ca_file),
        tokens(config, engine, counters.token_fetches),
        budget(config.rate_limit_requests, config.rate_limit_window, cooldown, link, 2 * config.request_timeout),
        slots(std::max(1, config.max_concurrency)),
        cache(config.cache_ttl, kCacheEntries, kCacheBytes, link.fleet),
        requester(ApiParts{config, engine, tokens, budget, cooldown, slots, cache, counters}),
        fleet(std::move(link.fleet)) {}

  /// The caller's deadline, tightened by HALO_CALL_DEADLINE_MS from now.
  CallOptions bounded(const CallOptions& options) const {
    CallOptions out = options;
    const auto now = std::chrono::steady_clock::now();
    if (config.call_deadline.count() > 0 && options.deadline - now > config.call_deadline) {
      out.deadline = now + config.call_deadline;
    }
    return out;
  }

  util::Result<PageFetch> page(std::string_view path, const Params& params, std::string_view key,
                               int page_no, int page_size, const CallOptions& options,
                               RequestTrace& trace) {
    page_no = std::max(1, page_no);
    page_size = std::clamp(page_size, 1, kMaxPageSize);
    Params query = params;
    query.emplace_back("pageinate", "true");  // Halo's spelling
    query.emplace_back("page_size", std::to_string(page_size));
    query.emplace_back("page_no", std::to_string(page_no));
    auto fetched = requester.get(path, query, options, /*cacheable=*/true, trace);
    if (!fetched) return util::Unexpected(fetched.error());
    return to_page(std::move(*fetched), key, page_no, page_size);
  }

  Config config;
  Counters counters;
  HttpEngine engine;
  TokenProvider tokens;
  RateLimitCooldown cooldown;  // before budget, which refers to it
  RateBudget budget;
  ConcurrencySlots slots;
  ResponseCache cache;
  ApiRequester requester;
  std::shared_ptr<Fleet> fleet;
};

Client::Client(Config config, FleetLink fleet) : impl_(std::make_unique<Impl>(std::move(config), std::move(fleet))) {}
Client::~Client() = default;

const Config& Client::config() const { return impl_->config; }
Fleet* Client::fleet() const { return impl_->fleet.get(); }

ClientStats Client::stats() const {
  const auto& c = impl_->counters;
  return ClientStats{c.requests.load(), c.cache_hits.load(), c.retries.load(),
                     c.token_fetches.load()};
}

util::Result<Document> Client::get(std::string_view path, const Params& params,
                                   const CallOptions& options) {
  RequestTrace trace;
  auto fetched = impl_->requester.get(path, params, impl_->bounded(options), false, trace);
  if (!fetched) return util::Unexpected(fetched.error());
  return std::move(fetched->doc);
}

util::Result<Document> Client::get_cacheable(std::string_view path, const Params& params,
                                             const CallOptions& options, FetchStats& stats) {
  RequestTrace trace;
  auto fetched = impl_->requester.get(path, params, impl_->bounded(options), true, trace);
  stats.requests += trace.requests;
  stats.cache_hits += trace.cache_hits;
  if (!fetched) return util::Unexpected(fetched.error());
  return std::move(fetched->doc);
}

util::Result<ListPage> Client::list_page(std::string_view path, const Params& params,
                                         std::string_view key, int page_no, int page_size,
                                         const CallOptions& options) {
  RequestTrace trace;
  auto page = impl_->page(path, params, key, page_no, page_size, impl_->bounded(options), trace);
  if (!page) return util::Unexpected(page.error());
  return std::move(page->page);
}

util::Result<ListPage> Client::list_unpaged(std::string_view path, const Params& params,
                                            std::string_view key, const CallOptions& options) {
  RequestTrace trace;
  auto fetched = impl_->requester.get(path, params, impl_->bounded(options), true, trace);
  if (!fetched) return util::Unexpected(fetched.error());
  auto page = to_page(std::move(*fetched), key, 1, 0);
  if (!page) return util::Unexpected(page.error());
  return std::move(page->page);
}

util::Result<FetchStats> Client::for_each_page(
    std::string_view path, const Params& params, std::string_view key, const CallOptions& options,
    const std::function<Visit(const ListPage&)>& visit,
    const std::function<void(int pages_done, int pages_expected)>& on_progress,
    const std::function<int(const ListPage& latest, int pages_done)>& pages_wanted) {
  const CallOptions bounded = impl_->bounded(options);
  const std::string path_copy(path);
  const std::string key_copy(key);
  PageFetcher fetch = [&](int page_no, const CallOptions& page_options, RequestTrace& trace) {
    return impl_->page(path_copy, params, key_copy, page_no, kMaxPageSize, page_options, trace);
  };
  PagerSettings settings;
  settings.max_concurrency = std::max(1, impl_->config.max_concurrency);
  settings.page_size = kMaxPageSize;
  return fetch_all_pages(fetch, settings, bounded, visit, on_progress, pages_wanted);
}

}  // namespace halo

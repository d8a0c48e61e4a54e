// One Halo API GET, start to finish: response cache, rate limiter, concurrency cap, token,
// transfer, then the status rules (401 -> refresh once -> retry once; 403/persisting 401 ->
// permission; 404 -> not found; 429/5xx/network -> bounded, jittered, deadline-aware retries,
// a 429 pausing the whole client (RateLimitCooldown); a 2xx must be JSON). Every error names the endpoint and never carries a secret.
#pragma once
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "halo/client.hpp"
#include "halo/concurrency_slots.hpp"
#include "halo/document.hpp"
#include "halo/http_engine.hpp"
#include "halo/rate_limit_cooldown.hpp"
#include "halo/rate_budget.hpp"
#include "halo/response_cache.hpp"
#include "halo/token_provider.hpp"

namespace halo {

struct Counters {
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> cache_hits{0};
  std::atomic<std::uint64_t> retries{0};
  std::atomic<std::uint64_t> token_fetches{0};
};

/// What one logical GET cost, for FetchStats.
struct RequestTrace {
  int requests = 0;
  int cache_hits = 0;
};

struct FetchedBody {
  Document doc;
  bool from_cache = false;
  std::string endpoint;  ///< "/api/Tickets"
};

struct ApiParts {
  const Config& config;
  HttpEngine& engine;
  TokenProvider& tokens;
  RateBudget& budget;
  RateLimitCooldown& cooldown;
  ConcurrencySlots& slots;
  ResponseCache& cache;
  Counters& counters;
};

class ApiRequester {
 public:
  explicit ApiRequester(ApiParts parts) : parts_(parts) {}

  /// GET {instance}/api/{path}?{params}. `cacheable` lets list pages use the response cache.
  [[nodiscard]] util::Result<FetchedBody> get(std::string_view path, const Params& params,
                                              const CallOptions& options, bool cacheable,
                                              RequestTrace& trace);

 private:
  ApiParts parts_;
};

/// Percent-encodes a path, keeping '/' separators.
std::string encode_path(std::string_view path);

}  // namespace halo

// What the replicas of one deployment share so that together they act as one client of Halo:
// the rolling request window (Halo's limit is the tenant's, not each replica's), the pause after
// a 429, and list pages already fetched. An interface, so the client knows no storage engine: the
// application plugs in Redis (src/fleet/redis_fleet.hpp).
//
// Every operation is bounded by a short timeout. When the shared store cannot answer in time the
// answer is kUnavailable (or nothing, for the cache) and the client carries on alone: a budget
// of its own (RateBudget) and its own cache. No figure depends on the fleet, only request counts.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "util/result.hpp"

namespace halo {

class Fleet {
 public:
  virtual ~Fleet() = default;

  enum class Answer {
    kGranted,      ///< a place in the window is held for the request
    kFull,         ///< the window is full
    kCoolingDown,  ///< a replica saw a 429: nobody sends until the pause ends
    kUnavailable,  ///< the shared store did not answer in time (or is down)
  };
  struct Reservation {
    Answer answer = Answer::kUnavailable;
    /// kFull: the earliest a place frees (nullopt when a request in flight holds one: it may come
    /// back any moment). kCoolingDown: how long the pause still runs.
    std::optional<std::chrono::milliseconds> wait;
  };

  /// One place for request `id` in a window of `limit` requests per `window`, counted as the local
  /// RateLimiter counts (until the answer is complete plus `window`). An unsettled place (its
  /// replica died) counts as if its request finished `hold` after it was taken.
  virtual Reservation reserve(const std::string& id, int limit, std::chrono::milliseconds window,
                              std::chrono::milliseconds hold) = 0;
  /// The request went out and is over (`reached_halo`): its place is held a window from now; or
  /// it never left: its place is given back.
  virtual void settle(const std::string& id, bool reached_halo, std::chrono::milliseconds window) = 0;
  /// Halo answered 429: every replica pauses for `pause` (never shortens a longer pause).
  virtual void cool_down(std::chrono::milliseconds pause) = 0;

  struct CachedPage {
    std::string body;
    std::chrono::milliseconds ttl_left{0};
  };
  /// A list page another replica (or this one) stored, with the time it has left.
  virtual std::optional<CachedPage> find_page(const std::string& key) = 0;
  virtual void store_page(const std::string& key, const std::string& body, std::chrono::milliseconds ttl) = 0;

  /// For `check`: a fresh connection, authenticated, answering; what was reached (for a report),
  /// or why not. Never changes the shared state.
  [[nodiscard]] virtual util::Result<std::string> probe() = 0;
};

/// How a Client joins a fleet. Without a fleet nothing is shared.
struct FleetLink {
  std::shared_ptr<Fleet> fleet;
  /// HALO_MCP_REPLICAS: while the fleet is unreachable (and for one window after), each replica
  /// keeps to HALO_RATE_LIMIT / replicas of its own, so the replicas together stay within Halo's limit.
  int replicas = 1;
};

}  // namespace halo

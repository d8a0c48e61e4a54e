// halo::Fleet on Redis (HALO_MCP_REDIS_URL): the rate window is two sorted sets changed only by
// Lua scripts (atomic in Redis, timed by Redis's own clock, so replicas' clocks do not matter),
// the cool-down a key with a time to live, and list pages plain keys with the cache's TTL.
//
// Keys (`budget` and `cache` are namespaces the application derives from the Halo tenant):
//   {budget}:window:inflight  places taken by requests not yet over; score = when the place
//                             lapses if never settled (taken + hold), in Redis ms
//   {budget}:window:done      requests over; score = when they ended; counted for a window
//   {budget}:cooldown         exists while Halo's 429 pause runs (PX = the pause)
//   {cache}:page:GET <url>    a list page's body (PX = the cache TTL); bodies over
//                             max_page_bytes are not shared
// Nothing secret is stored: no client secret, no token (URLs carry none; bodies are scrubbed).
//
// Redis trouble never breaks a call: every operation waits at most `timeout` (for the connection
// as well as for Redis), and while Redis is unreachable the operations answer kUnavailable at once
// and a reconnect is tried with backoff (250 ms doubling to 5 s). Losing and regaining Redis is
// logged once each.
#pragma once
#include <chrono>
#include <cstddef>
#include <memory>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fleet/redis_address.hpp"
#include "fleet/redis_connection.hpp"
#include "halo/fleet.hpp"

namespace fleet {

struct RedisFleetOptions {
  RedisAddress address;
  std::string password;  ///< from HALO_MCP_REDIS_PASSWORD_FILE; empty: none
  std::chrono::milliseconds timeout{250};
  std::string budget_namespace;  ///< one per Halo tenant: every replica (and deployment) using it shares the window
  std::string cache_namespace;   ///< one per tenant and API client: what that client may read
  std::size_t max_page_bytes = 1u << 20;
};

class RedisFleet final : public halo::Fleet {
 public:
  explicit RedisFleet(RedisFleetOptions options);
  ~RedisFleet() override;

  Reservation reserve(const std::string& id, int limit, std::chrono::milliseconds window,
                      std::chrono::milliseconds hold) override;
  void settle(const std::string& id, bool reached_halo, std::chrono::milliseconds window) override;
  void cool_down(std::chrono::milliseconds pause) override;
  std::optional<CachedPage> find_page(const std::string& key) override;
  void store_page(const std::string& key, const std::string& body, std::chrono::milliseconds ttl) override;
  util::Result<std::string> probe() override;

  /// The address, for logs.
  std::string describe() const { return options_.address.describe(); }

 private:
  /// One command; nullopt when Redis did not answer in time, is down, or replied with an error.
  std::optional<RedisReply> run(const std::vector<std::string_view>& args);
  void trouble(const std::string& why);

  const RedisFleetOptions options_;
  const std::string inflight_key_, done_key_, cooldown_key_, page_prefix_;
  // One operation at a time on the connection, and no waiting for a turn longer than the timeout.
  // (A flag under a mutex rather than std::timed_mutex: ThreadSanitizer cannot see the
  // pthread_mutex_clocklock that try_lock_for uses, and reports every unlock as a bug.)
  std::mutex turn_mutex_;
  std::condition_variable turn_free_;
  bool turn_taken_ = false;  // whoever set it owns everything below

  std::unique_ptr<RedisConnection> connection_;
  std::chrono::steady_clock::time_point retry_at_{};
  std::chrono::milliseconds backoff_{0};
  bool down_ = false;
};

}  // namespace fleet

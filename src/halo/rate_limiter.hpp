// Client-side rolling-window rate limiter: at most N requests in any window of W (hosted Halo
// allows 300 per rolling 5 minutes), so the server's 429s stay rare. A request that would
// exceed the window waits, cancellably, and fails at once when the wait would pass its deadline.
#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>

#include "halo/waiting.hpp"
#include "util/result.hpp"

namespace halo {

class RateLimiter {
 public:
  RateLimiter(int max_requests, std::chrono::steady_clock::duration window);

  /// Takes one place in the window. kRateLimited when the wait would pass `deadline`,
  /// kCancelled when `cancel` fires first.
  [[nodiscard]] util::Result<void> acquire(const util::CancellationToken& cancel,
                                           SteadyTime deadline);

 private:
  const int max_requests_;
  const std::chrono::steady_clock::duration window_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<SteadyTime> sent_;  ///< start times of requests inside the window, oldest first
};

}  // namespace halo

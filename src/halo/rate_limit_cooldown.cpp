// Client-wide 429 cool-down.
#include "halo/rate_limit_cooldown.hpp"

namespace halo {

void RateLimitCooldown::extend(SteadyTime until) {
  std::lock_guard lock(mutex_);
  if (until <= until_) return;
  until_ = until;
  changed_.notify_all();  // waiters re-check: the new end may be past their deadline
}

WaitEnd RateLimitCooldown::wait(const util::CancellationToken& cancel, SteadyTime deadline,
                                std::chrono::milliseconds& remaining) {
  std::unique_lock lock(mutex_);
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    const SteadyTime end = until_;
    if (now >= end) return WaitEnd::kReady;
    if (end > deadline) {
      remaining = std::chrono::ceil<std::chrono::milliseconds>(end - now);
      return WaitEnd::kDeadline;
    }
    // Wakes at `end`, on cancellation, or when extend() moves the end (the predicate).
    const WaitEnd waited = wait_until(lock, changed_, cancel, end, [&] { return until_ != end; });
    if (waited == WaitEnd::kCancelled) return waited;
  }
}

}  // namespace halo

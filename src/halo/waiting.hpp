// Blocking waits that give up promptly on cancellation or at a deadline. Every wait in the
// client (rate limiter, concurrency slots, token refresh, retry backoff) goes through these, so
// none of them can outlive the tool call that asked for it.
#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>

#include "util/cancel.hpp"

namespace halo {

using SteadyTime = std::chrono::steady_clock::time_point;

enum class WaitEnd { kReady, kCancelled, kDeadline };

/// Waits on `cv` (with `lock` held on entry and exit) until `ready()` is true, `cancel` fires or
/// `until` passes. `ready` is checked first, so a satisfied condition wins over a late cancel.
WaitEnd wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv,
                   const util::CancellationToken& cancel, SteadyTime until,
                   const std::function<bool()>& ready);

/// Sleeps until `until`, waking at once on cancellation. kReady means the sleep completed.
WaitEnd sleep_until(SteadyTime until, const util::CancellationToken& cancel);

}  // namespace halo

// The client-wide pause after Halo answers 429. Halo counts requests over a rolling window, so
// every request sent while it is refusing is refused again and keeps the window full: once one
// request is told to slow down, every request of this client waits out the same cool-down
// instead of each one hitting Halo. A wait that would end after the caller's deadline is not
// started: the caller fails at once and is told how long the cool-down still has to run.
#pragma once
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "halo/waiting.hpp"

namespace halo {

class RateLimitCooldown {
 public:
  /// Extends the cool-down to end no earlier than `until` (never shortens it).
  void extend(SteadyTime until);

  /// Blocks while a cool-down runs. kReady when none is running (or it has ended), kCancelled
  /// when `cancel` fires, kDeadline at once when the cool-down ends after `deadline`;
  /// `remaining` then says how long it still runs.
  WaitEnd wait(const util::CancellationToken& cancel, SteadyTime deadline,
               std::chrono::milliseconds& remaining);

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  SteadyTime until_{};
};

}  // namespace halo

// Cancellable, deadline-bounded waits.
#include "halo/waiting.hpp"

#include <memory>

namespace halo {

WaitEnd wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv,
                   const util::CancellationToken& cancel, SteadyTime until,
                   const std::function<bool()>& ready) {
  if (ready()) return WaitEnd::kReady;
  if (cancel.cancelled()) return WaitEnd::kCancelled;
  // Register without the lock held: an already-cancelled token runs the callback right here.
  std::mutex* mutex = lock.mutex();
  lock.unlock();
  util::CancelRegistration wake(cancel, [mutex, &cv] {
    std::lock_guard guard(*mutex);
    cv.notify_all();
  });
  lock.lock();
  for (;;) {
    if (ready()) return WaitEnd::kReady;
    if (cancel.cancelled()) return WaitEnd::kCancelled;
    if (std::chrono::steady_clock::now() >= until) return WaitEnd::kDeadline;
    if (until == SteadyTime::max()) {
      cv.wait(lock);
    } else {
      cv.wait_until(lock, until);
    }
  }
}

WaitEnd sleep_until(SteadyTime until, const util::CancellationToken& cancel) {
  struct Sleeper {
    std::mutex mutex;
    std::condition_variable cv;
  };
  // Shared so a cancellation callback running late still touches live memory.
  auto sleeper = std::make_shared<Sleeper>();
  if (cancel.cancelled()) return WaitEnd::kCancelled;
  util::CancelRegistration wake(cancel, [sleeper] {
    std::lock_guard guard(sleeper->mutex);
    sleeper->cv.notify_all();
  });
  std::unique_lock lock(sleeper->mutex);
  while (!cancel.cancelled()) {
    if (std::chrono::steady_clock::now() >= until) return WaitEnd::kReady;
    sleeper->cv.wait_until(lock, until);
  }
  return WaitEnd::kCancelled;
}

}  // namespace halo

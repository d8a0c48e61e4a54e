#include "util/cancel.hpp"

#include <vector>

namespace util {

std::uint64_t CancellationState::on_cancel(std::function<void()> fn) {
  {
    std::lock_guard lock(mutex_);
    if (!cancelled()) {
      auto id = next_id_++;
      callbacks_.emplace(id, std::move(fn));
      return id;
    }
  }
  fn();
  return 0;
}

void CancellationState::remove(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  callbacks_.erase(id);
}

void CancellationState::cancel() {
  std::map<std::uint64_t, std::function<void()>> to_run;
  {
    std::lock_guard lock(mutex_);
    if (cancelled_.exchange(true, std::memory_order_acq_rel)) return;
    to_run.swap(callbacks_);
  }
  // Run outside the lock: a callback may register or remove others.
  for (auto& [id, fn] : to_run) fn();
}

}  // namespace util

// A cancellable counting semaphore.
#include "halo/concurrency_slots.hpp"

namespace halo {

ConcurrencySlots::ConcurrencySlots(int slots) : free_(slots < 1 ? 1 : slots) {}

ConcurrencySlots::Lease& ConcurrencySlots::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    release();
    owner_ = other.owner_;
    other.owner_ = nullptr;
  }
  return *this;
}

void ConcurrencySlots::Lease::release() {
  if (owner_ != nullptr) owner_->give_back();
  owner_ = nullptr;
}

ConcurrencySlots::Lease ConcurrencySlots::acquire(const util::CancellationToken& cancel,
                                                  SteadyTime deadline, WaitEnd& why, bool priority) {
  std::unique_lock lock(mutex_);
  if (priority) {
    ++priority_waiting_;
    why = wait_until(lock, changed_, cancel, deadline, [this] { return free_ > 0; });
    --priority_waiting_;
    if (why != WaitEnd::kReady) {
      changed_.notify_all();  // ordinary waiters held back by this one may go now
      return Lease();
    }
  } else {
    why = wait_until(lock, changed_, cancel, deadline, [this] { return free_ > 0 && priority_waiting_ == 0; });
    if (why != WaitEnd::kReady) return Lease();
  }
  --free_;
  return Lease(this);
}

void ConcurrencySlots::give_back() {
  std::lock_guard lock(mutex_);
  ++free_;
  changed_.notify_all();  // a notified waiter may have been cancelled meanwhile
}

}  // namespace halo

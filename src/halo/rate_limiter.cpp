// Rolling-window limiter over request completion times (see rate_limiter.hpp for why).
#include "halo/rate_limiter.hpp"

#include <string>

namespace halo {

RateLimiter::RateLimiter(int max_requests, std::chrono::steady_clock::duration window)
    : max_requests_(max_requests < 1 ? 1 : max_requests), window_(window) {}

RateLimiter::Permit& RateLimiter::Permit::operator=(Permit&& other) noexcept {
  if (this != &other) {
    sent();
    owner_ = other.owner_;
    on_the_wire_ = other.on_the_wire_;
    other.owner_ = nullptr;
  }
  return *this;
}

void RateLimiter::Permit::sending() {
  if (owner_ == nullptr || on_the_wire_) return;
  on_the_wire_ = true;
  owner_->mark_sending();
}

void RateLimiter::Permit::sent() {
  if (owner_ != nullptr) owner_->settle(on_the_wire_, true);
  owner_ = nullptr;
}

void RateLimiter::Permit::unsent() {
  if (owner_ != nullptr) owner_->settle(on_the_wire_, false);
  owner_ = nullptr;
}

void RateLimiter::mark_sending() {
  {
    std::lock_guard lock(mutex_);
    --reserved_;
    ++on_the_wire_;
    ++changes_;
  }
  changed_.notify_all();
}

void RateLimiter::settle(bool was_sending, bool reached_halo) {
  {
    std::lock_guard lock(mutex_);
    --(was_sending ? on_the_wire_ : reserved_);
    ++changes_;
    if (reached_halo) done_.push_back(std::chrono::steady_clock::now());
  }
  changed_.notify_all();
}

int RateLimiter::used() {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  while (!done_.empty() && done_.front() + window_ <= now) done_.pop_front();
  return reserved_ + on_the_wire_ + static_cast<int>(done_.size());
}

util::Unexpected RateLimiter::past_deadline() const {
  const auto window_s = std::chrono::duration_cast<std::chrono::seconds>(window_).count();
  auto error = util::fail(util::ErrorKind::kRateLimited,
                          "the client-side rate limit (" + std::to_string(max_requests_) + " requests per " +
                              std::to_string(window_s) + " s) would delay this request past the call's deadline");
  error.value().hint =
      "try again shortly, narrow the request, or adjust HALO_RATE_LIMIT/HALO_RATE_WINDOW_S to your Halo plan";
  return error;
}

util::Result<RateLimiter::Permit> RateLimiter::acquire(const util::CancellationToken& cancel,
                                                       SteadyTime deadline) {
  if (cancel.cancelled()) return util::fail(util::ErrorKind::kCancelled, "the request was cancelled");
  std::unique_lock lock(mutex_);
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    while (!done_.empty() && done_.front() + window_ <= now) done_.pop_front();
    if (reserved_ + on_the_wire_ + static_cast<int>(done_.size()) < max_requests_) {
      ++reserved_;
      return Permit(this);
    }
    // The earliest a place can free: the oldest finished request leaving the window, or, when
    // every place is on the wire, one of them finishing now and its window passing. A place only
    // reserved may come back any moment, so then there is no knowing: wait for a change.
    const auto next_free = reserved_ > 0     ? now
                           : done_.empty()   ? now + window_
                                             : done_.front() + window_;
    if (next_free > deadline) return past_deadline();
    // Woken early by any change (a place given back, a request going out or finishing).
    const std::uint64_t seen = changes_;
    const auto until = (reserved_ > 0 || done_.empty()) ? deadline : next_free;
    const WaitEnd end = wait_until(lock, changed_, cancel, until, [&] { return changes_ != seen; });
    if (end == WaitEnd::kCancelled) return util::fail(util::ErrorKind::kCancelled, "the request was cancelled");
    if (end == WaitEnd::kDeadline && until == deadline) return past_deadline();
  }
}

}  // namespace halo

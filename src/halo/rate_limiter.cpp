// Rolling-window limiter over request completion times (see rate_limiter.hpp for why).
#include "halo/rate_limiter.hpp"

#include <algorithm>
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

util::Unexpected rate_limit_wait_error(std::string_view whose, int limit, std::chrono::steady_clock::duration window) {
  const auto window_s = std::chrono::duration_cast<std::chrono::seconds>(window).count();
  auto error = util::fail(util::ErrorKind::kRateLimited,
                          "the " + std::string(whose) + " rate limit (" + std::to_string(limit) + " requests per " +
                              std::to_string(window_s) + " s) would delay this request past the call's deadline");
  error.value().hint =
      "try again shortly, narrow the request, or adjust HALO_RATE_LIMIT/HALO_RATE_WINDOW_S to your Halo plan";
  return error;
}

util::Result<RateLimiter::Permit> RateLimiter::acquire(const util::CancellationToken& cancel,
                                                       SteadyTime deadline, int limit) {
  if (cancel.cancelled()) return util::fail(util::ErrorKind::kCancelled, "the request was cancelled");
  const int places = limit > 0 ? std::min(limit, max_requests_) : max_requests_;
  std::unique_lock lock(mutex_);
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    while (!done_.empty() && done_.front() + window_ <= now) done_.pop_front();
    if (reserved_ + on_the_wire_ + static_cast<int>(done_.size()) < places) {
      ++reserved_;
      return Permit(this);
    }
    // The earliest a place can free: enough finished requests leaving the window (oldest first;
    // `excess` of them must go before one place is ours), or, when those are on the wire, one of
    // them finishing now and its window passing. A place only reserved may come back any
    // moment, so then there is no knowing: wait for a change.
    const auto excess = static_cast<std::size_t>(reserved_ + on_the_wire_ + static_cast<int>(done_.size()) - places);
    const bool known = reserved_ == 0 && excess < done_.size();
    const auto next_free = reserved_ > 0 ? now : known ? done_[excess] + window_ : now + window_;
    if (next_free > deadline) return rate_limit_wait_error("client-side", places, window_);
    // Woken early by any change (a place given back, a request going out or finishing).
    const std::uint64_t seen = changes_;
    const auto until = known ? next_free : deadline;
    const WaitEnd end = wait_until(lock, changed_, cancel, until, [&] { return changes_ != seen; });
    if (end == WaitEnd::kCancelled) return util::fail(util::ErrorKind::kCancelled, "the request was cancelled");
    if (end == WaitEnd::kDeadline && until == deadline) return rate_limit_wait_error("client-side", places, window_);
  }
}

}  // namespace halo

// Rolling-window limiter over request start times.
#include "halo/rate_limiter.hpp"

#include <string>

namespace halo {

RateLimiter::RateLimiter(int max_requests, std::chrono::steady_clock::duration window)
    : max_requests_(max_requests < 1 ? 1 : max_requests), window_(window) {}

util::Result<void> RateLimiter::acquire(const util::CancellationToken& cancel, SteadyTime deadline) {
  std::unique_lock lock(mutex_);
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    while (!sent_.empty() && sent_.front() + window_ <= now) sent_.pop_front();
    if (static_cast<int>(sent_.size()) < max_requests_) {
      sent_.push_back(now);
      return {};
    }
    const auto next_free = sent_.front() + window_;
    if (next_free > deadline) {
      const auto window_s = std::chrono::duration_cast<std::chrono::seconds>(window_).count();
      auto error = util::fail(util::ErrorKind::kRateLimited,
                              "the client-side rate limit (" + std::to_string(max_requests_) +
                                  " requests per " + std::to_string(window_s) +
                                  " s) would delay this request past the call's deadline");
      error.value().hint =
          "try again shortly, narrow the request, or adjust HALO_RATE_LIMIT/HALO_RATE_WINDOW_S "
          "to your Halo plan";
      return error;
    }
    if (wait_until(lock, changed_, cancel, next_free, [] { return false; }) ==
        WaitEnd::kCancelled) {
      return util::fail(util::ErrorKind::kCancelled, "the request was cancelled");
    }
  }
}

}  // namespace halo

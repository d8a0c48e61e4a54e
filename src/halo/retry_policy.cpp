// Retry classification and jittered exponential backoff.
#include "halo/retry_policy.hpp"

#include <algorithm>
#include <random>

namespace halo {

int attempts_allowed(const HttpResponse& response, int max_attempts) {
  if (response.status == 0) {
    switch (response.transport) {
      case TransportError::kConnect:
      case TransportError::kTimeout:
      case TransportError::kRecv:
      case TransportError::kSend: return max_attempts;
      default: return 1;
    }
  }
  switch (response.status) {
    case 429:
    case 502:
    case 503:
    case 504: return max_attempts;
    case 500: return std::min(max_attempts, 3);
    default: return 1;
  }
}

std::chrono::milliseconds retry_delay(const HttpResponse& response, int retry,
                                      const RetrySettings& settings, double random01) {
  using std::chrono::milliseconds;
  const bool told_when = (response.status == 429 || response.status == 503) &&
                         response.retry_after_seconds >= 0;
  if (told_when) return std::chrono::seconds(response.retry_after_seconds);
  const int doublings = std::clamp(retry - 1, 0, 30);
  const double uncapped = static_cast<double>(settings.backoff_base.count()) *
                          static_cast<double>(1LL << doublings);
  const double cap = std::min(uncapped, static_cast<double>(settings.max_backoff.count()));
  random01 = std::clamp(random01, 0.0, 1.0);
  if (response.status != 429) return milliseconds(static_cast<long long>(cap * random01));
  const double backoff = cap * (0.5 + 0.5 * random01);
  const double floor = static_cast<double>(settings.rate_limit_backoff.count()) * (1.0 + 0.25 * random01);
  return milliseconds(static_cast<long long>(std::max(backoff, floor)));
}

double random_unit() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}

}  // namespace halo

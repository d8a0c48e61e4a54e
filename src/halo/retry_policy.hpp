// Which failures are worth another attempt and how long to wait before it. Pure functions (the
// random draw is a parameter) so the schedule can be tested without a server.
#pragma once
#include <chrono>

#include "halo/http_engine.hpp"

namespace halo {

struct RetrySettings {
  int max_attempts = 4;
  std::chrono::milliseconds backoff_base{500};
  std::chrono::milliseconds max_backoff{30'000};
  /// The least wait after a 429 without Retry-After (HALO_RATE_LIMIT_BACKOFF_MS): Halo's window
  /// rolls over 5 minutes, so a quick retry is only refused again. 0 = exponential backoff only.
  std::chrono::milliseconds rate_limit_backoff{0};
};

/// How many attempts in total this kind of failure deserves: 429, 502-504 and transient
/// transport errors get max_attempts; a 500 at most 3 (it rarely heals); anything else 1.
int attempts_allowed(const HttpResponse& response, int max_attempts);

/// The wait before retry number `retry` (1 = the first retry). Retry-After is honoured on 429
/// and 503. Otherwise exponential backoff capped at max_backoff, with full jitter
/// (`random01` in [0,1) picks the point); for 429 the draw is from the upper half, so a server
/// that said "slow down" is never hit again at once, and never less than rate_limit_backoff
/// plus up to a quarter of it again (jitter, so clients cooling down together do not return
/// together).
std::chrono::milliseconds retry_delay(const HttpResponse& response, int retry,
                                      const RetrySettings& settings, double random01);

/// A uniform draw in [0,1) from a per-thread generator.
double random_unit();

}  // namespace halo

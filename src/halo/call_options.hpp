// What a caller tells the Halo client about one logical request: its cancellation, its deadline,
// whether the response cache may answer it, its priority, and who to tell about retries.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "util/cancel.hpp"

namespace halo {

struct CallOptions {
  util::CancellationToken cancel;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  bool use_cache = true;
  /// The call's critical path: its requests take a free concurrency slot before ordinary ones
  /// (side lists then fill the slots it leaves idle instead of delaying it).
  bool priority = false;
  /// Told each time a request waits to be retried (429, 5xx, a dropped connection): one sentence,
  /// never a secret. Called from whichever thread runs the request, so it must be thread-safe.
  /// Lets the caller tell a person why an answer is slow instead of going quiet for 30 s.
  std::function<void(std::string_view)> on_retry;
  /// When set, counts each request actually sent to Halo for this call (not cache answers, each
  /// retry included): what an audit log reports it cost.
  std::shared_ptr<std::atomic<std::int64_t>> request_tally;
};

}  // namespace halo

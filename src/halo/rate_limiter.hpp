// Client-side rolling-window rate limiter: at most N requests in any window of W as Halo counts
// them (hosted Halo allows 300 per rolling 5 minutes), so the server's 429s stay rare.
//
// Halo counts a request when it arrives, which is somewhere between the moment we send it and
// the moment its answer is complete. So a place in the window is reserved just before a request
// goes out (after it has queued for a connection slot: a request cancelled while queued costs
// nothing), given back if it never leaves (cancelled while its token is fetched), and otherwise
// held until its answer is complete plus W. Any request sent after that reaches Halo more than W
// after the one whose place it took, whatever the latency.
// A request that would exceed the window waits, cancellably, and fails at once when the wait
// would pass its deadline (while some places are only reserved, one may come back: it waits).
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string_view>

#include "halo/waiting.hpp"
#include "util/result.hpp"

namespace halo {

class RateLimiter {
 public:
  RateLimiter(int max_requests, std::chrono::steady_clock::duration window);

  /// One place in the window for a request about to be sent. Move-only; settle it with sent()
  /// once the transfer is over, or unsent() when it never left. Destroyed unsettled, it counts
  /// as sent (the safe side).
  class Permit {
   public:
    Permit() = default;
    Permit(Permit&& other) noexcept : owner_(other.owner_), on_the_wire_(other.on_the_wire_) {
      other.owner_ = nullptr;
    }
    Permit& operator=(Permit&& other) noexcept;
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit() { sent(); }
    /// The request is going on the wire now: from here on its place cannot come back.
    void sending();
    /// The transfer is over (answered, failed or aborted after it may have reached Halo).
    void sent();
    /// The request was never sent: its place is given back at once.
    void unsent();

   private:
    friend class RateLimiter;
    explicit Permit(RateLimiter* owner) : owner_(owner) {}
    RateLimiter* owner_ = nullptr;
    bool on_the_wire_ = false;
  };

  /// Takes one place. kRateLimited when the wait would pass `deadline`, kCancelled when
  /// `cancel` fires first (or has already fired: a cancelled request never takes a place).
  /// `limit`, when positive, lowers the window's size for this request (RateBudget's share of a
  /// fleet's budget while the fleet is unreachable); places are counted the same either way.
  [[nodiscard]] util::Result<Permit> acquire(const util::CancellationToken& cancel, SteadyTime deadline,
                                             int limit = 0);

  /// Places taken now (in flight plus finished inside the window); for tests and diagnostics.
  [[nodiscard]] int used();

 private:
  void mark_sending();
  void settle(bool was_sending, bool reached_halo);

  const int max_requests_;
  const std::chrono::steady_clock::duration window_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int reserved_ = 0;               ///< permits handed out whose request has not gone out yet
  int on_the_wire_ = 0;            ///< permits whose request is being sent or answered
  std::uint64_t changes_ = 0;      ///< permit state changes so far: each wakes the waiters
  std::deque<SteadyTime> done_;  ///< completion times of sent requests inside the window, oldest first
};

/// The failure of a request that would wait past its call's deadline for a place in a window of
/// `limit` requests per `window` (`whose`: "client-side", "shared").
util::Unexpected rate_limit_wait_error(std::string_view whose, int limit, std::chrono::steady_clock::duration window);

}  // namespace halo

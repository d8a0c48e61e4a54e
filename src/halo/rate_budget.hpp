// The rate budget a request takes before it is sent: the local rolling window (RateLimiter) and,
// when replicas share a Fleet, a place in the fleet's window too, so that N replicas together
// never send more than HALO_RATE_LIMIT per HALO_RATE_WINDOW_S.
//
// While the fleet is unreachable, and for one window after it answers again, each replica keeps
// to its share (HALO_RATE_LIMIT / HALO_MCP_REPLICAS) of its own sends: its own sends are always
// counted locally, so the share holds from the first moment, and a window after the fleet is back
// every request the fleet does not know of has left Halo's window too. (What the share cannot
// cover: the other replicas' sends of the window before the fleet went away. A window straddling
// the outage may then hold more than the budget; Halo's 429 and the cool-down catch that.)
// A 429 one replica saw pauses all of them (Fleet::cool_down); a replica learns of it when it
// asks for a place and then waits it out in its own RateLimitCooldown.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "halo/fleet.hpp"
#include "halo/rate_limit_cooldown.hpp"
#include "halo/rate_limiter.hpp"

namespace halo {

class RateBudget {
 public:
  /// `fleet` may be null (nothing shared). `hold`: how long an unsettled fleet place may be
  /// in flight before the fleet assumes its request ended (its replica died).
  RateBudget(int max_requests, std::chrono::seconds window, RateLimitCooldown& cooldown, FleetLink fleet,
             std::chrono::milliseconds hold);

  /// A local place and, when shared, a fleet place. Settle with sending()/sent()/unsent() as
  /// RateLimiter::Permit; destroyed unsettled, it counts as sent.
  class Permit {
   public:
    Permit() = default;
    Permit(Permit&& other) noexcept;
    Permit& operator=(Permit&& other) noexcept;
    ~Permit() { sent(); }
    void sending() { local_.sending(); }
    void sent() { settle(true); }
    void unsent() { settle(false); }

   private:
    friend class RateBudget;
    void settle(bool reached_halo);
    RateLimiter::Permit local_;
    Fleet* fleet_ = nullptr;  ///< set while a fleet place is held
    std::string id_;
    std::chrono::milliseconds window_{0};
  };

  /// As RateLimiter::acquire; also fails (kRateLimited, naming `endpoint`) when a fleet-wide
  /// cool-down outlasts `deadline`.
  [[nodiscard]] util::Result<Permit> acquire(const util::CancellationToken& cancel, SteadyTime deadline,
                                             const std::string& endpoint);

  /// Halo answered 429: this client pauses until `until`, and so does every replica of the fleet.
  void halo_said_slow_down(SteadyTime until);

  /// This replica's own budget while the fleet is unreachable.
  int share() const { return share_; }

 private:
  std::string next_id();
  bool on_own_share(SteadyTime now) const;

  const int max_requests_;
  const int share_;
  const std::chrono::milliseconds window_;
  const std::chrono::milliseconds hold_;
  RateLimiter limiter_;
  RateLimitCooldown& cooldown_;
  const std::shared_ptr<Fleet> fleet_;
  const std::string id_prefix_;
  std::atomic<std::uint64_t> ids_{0};
  /// When the fleet last failed to answer (steady clock, ns since epoch); 0: never.
  std::atomic<std::int64_t> fleet_trouble_{0};
};

}  // namespace halo

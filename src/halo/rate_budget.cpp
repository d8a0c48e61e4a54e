// The local window plus, when replicas share one, the fleet's (see rate_budget.hpp).
#include "halo/rate_budget.hpp"

#include <algorithm>
#include <cstdio>
#include <random>
#include <utility>

#include "halo/errors.hpp"

namespace halo {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// While the fleet's window is full and a place is held by a request in flight somewhere, asking
// again this often (a Redis round trip) finds the place as soon as it comes back.
constexpr auto kPollFull = 20ms;
// A known wait is slept in steps no longer than this, so a pause another replica starts is seen.
constexpr auto kLongestSleep = 1000ms;

/// Ids of fleet places: unique across replicas (random per process) and requests (a counter).
std::string random_prefix() {
  std::random_device device;
  const std::uint64_t bits = (static_cast<std::uint64_t>(device()) << 32) ^ device();
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(bits));
  return text;
}

util::Unexpected cancelled() { return util::fail(util::ErrorKind::kCancelled, "the request was cancelled"); }

}  // namespace

RateBudget::RateBudget(int max_requests, std::chrono::seconds window, RateLimitCooldown& cooldown, FleetLink fleet,
                       std::chrono::milliseconds hold)
    : max_requests_(std::max(1, max_requests)),
      share_(std::max(1, max_requests_ / std::max(1, fleet.replicas))),
      window_(window),
      hold_(hold),
      limiter_(max_requests_, window),
      cooldown_(cooldown),
      fleet_(std::move(fleet.fleet)),
      id_prefix_(fleet_ ? random_prefix() + ":" : std::string()) {}

RateBudget::Permit::Permit(Permit&& other) noexcept
    : local_(std::move(other.local_)),
      fleet_(std::exchange(other.fleet_, nullptr)),
      id_(std::move(other.id_)),
      window_(other.window_) {}

RateBudget::Permit& RateBudget::Permit::operator=(Permit&& other) noexcept {
  if (this != &other) {
    sent();
    local_ = std::move(other.local_);
    fleet_ = std::exchange(other.fleet_, nullptr);
    id_ = std::move(other.id_);
    window_ = other.window_;
  }
  return *this;
}

void RateBudget::Permit::settle(bool reached_halo) {
  if (reached_halo) {
    local_.sent();
  } else {
    local_.unsent();
  }
  if (Fleet* fleet = std::exchange(fleet_, nullptr)) fleet->settle(id_, reached_halo, window_);
}

std::string RateBudget::next_id() { return id_prefix_ + std::to_string(ids_.fetch_add(1) + 1); }

bool RateBudget::on_own_share(SteadyTime now) const {
  const std::int64_t trouble = fleet_trouble_.load();
  return trouble != 0 && now < SteadyTime(SteadyTime::duration(trouble)) + window_;
}

util::Result<RateBudget::Permit> RateBudget::acquire(const util::CancellationToken& cancel, SteadyTime deadline,
                                                     const std::string& endpoint) {
  for (;;) {
    const bool own_share = fleet_ && on_own_share(Clock::now());
    auto local = limiter_.acquire(cancel, deadline, own_share ? share_ : 0);
    if (!local) return util::Unexpected(local.error());
    Permit permit;
    permit.local_ = std::move(*local);
    if (!fleet_) return permit;

    std::string id = next_id();
    const Fleet::Reservation place = fleet_->reserve(id, max_requests_, window_, hold_);
    if (place.answer == Fleet::Answer::kGranted) {
      permit.fleet_ = fleet_.get();
      permit.id_ = std::move(id);
      permit.window_ = window_;
      return permit;
    }
    if (place.answer == Fleet::Answer::kUnavailable) {
      fleet_trouble_.store(Clock::now().time_since_epoch().count());
      if (own_share) return permit;
      permit.unsent();  // taken within the fleet's size: take it again within this replica's share
      continue;
    }
    permit.unsent();  // no place in the fleet: the local one goes back while this request waits
    const auto wait = place.wait.value_or(std::chrono::milliseconds(0));
    if (place.answer == Fleet::Answer::kCoolingDown) {
      cooldown_.extend(Clock::now() + wait);
      std::chrono::milliseconds remaining{0};
      const WaitEnd end = cooldown_.wait(cancel, deadline, remaining);
      if (end == WaitEnd::kCancelled) return cancelled();
      if (end == WaitEnd::kDeadline) return util::Unexpected(cooldown_error(endpoint, remaining));
      continue;
    }
    // kFull: sleep until a place frees (known), or poll (a place held in flight may come back).
    const auto now = Clock::now();
    if (now + wait > deadline) return rate_limit_wait_error("shared", max_requests_, window_);
    const auto until = std::min({now + (place.wait ? wait : std::chrono::milliseconds(kPollFull)),
                                 now + kLongestSleep, deadline});
    if (sleep_until(until, cancel) == WaitEnd::kCancelled) return cancelled();
    if (Clock::now() >= deadline) return rate_limit_wait_error("shared", max_requests_, window_);
  }
}

void RateBudget::halo_said_slow_down(SteadyTime until) {
  cooldown_.extend(until);
  if (fleet_) fleet_->cool_down(std::chrono::ceil<std::chrono::milliseconds>(until - Clock::now()));
}

}  // namespace halo

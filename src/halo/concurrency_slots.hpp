// Caps the requests in flight at once (HALO_MAX_CONCURRENCY). libcurl's per-host connection cap
// is not enough on its own: over HTTP/2 many streams share one connection. Priority requests (a
// call's critical path, e.g. the invoice scan of revenue_breakdown) take a freed slot before any
// ordinary waiter, so side lists fill the slots the critical path leaves idle instead of delaying it.
#pragma once
#include <condition_variable>
#include <mutex>

#include "halo/waiting.hpp"

namespace halo {

class ConcurrencySlots {
 public:
  explicit ConcurrencySlots(int slots);

  /// Held while one request is on the wire; releases on destruction.
  class Lease {
   public:
    Lease() = default;
    explicit Lease(ConcurrencySlots* owner) : owner_(owner) {}
    Lease(Lease&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
    Lease& operator=(Lease&& other) noexcept;
    ~Lease() { release(); }
    void release();
    explicit operator bool() const { return owner_ != nullptr; }

   private:
    ConcurrencySlots* owner_ = nullptr;
  };

  /// An empty lease when cancelled or past `deadline`; `why` says which.
  Lease acquire(const util::CancellationToken& cancel, SteadyTime deadline, WaitEnd& why,
                bool priority = false);

 private:
  void give_back();
  std::mutex mutex_;
  std::condition_variable changed_;
  int free_;
  int priority_waiting_ = 0;
};

}  // namespace halo

// A one-way gate between the fetching threads of one tool call: closed until open() (or the
// call's cancellation), then open for good. revenue_breakdown uses it to hold the later pages of
// its side sources until the invoice scan, its critical path, stops using every concurrency slot.
#pragma once
#include <condition_variable>
#include <mutex>

#include "util/cancel.hpp"

namespace tools {

class FetchGate {
 public:
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }

  /// Returns once the gate is open or `cancel` fires (the caller then sees the cancellation on
  /// its next request).
  void wait(const util::CancellationToken& cancel) {
    util::CancelRegistration wake(cancel, [this] {
      { std::lock_guard lock(mutex_); }  // a waiter is either before its check or inside wait()
      changed_.notify_all();
    });
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return open_ || cancel.cancelled(); });
  }

  /// Opens the gate when it goes out of scope, however the critical path ended.
  struct OpenOnExit {
    FetchGate& gate;
    ~OpenOnExit() { gate.open(); }
  };

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = false;
};

}  // namespace tools

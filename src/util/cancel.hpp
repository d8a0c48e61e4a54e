// Cooperative cancellation shared by the MCP layer (notifications/cancelled, a closed HTTP stream)
// and the Halo client (which aborts transfers in flight). A token is cheap to copy; every copy
// observes the same source. Callbacks let blocking waits and libcurl transfers react at once
// instead of polling.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace util {

class CancellationState {
 public:
  bool cancelled() const { return cancelled_.load(std::memory_order_acquire); }

  /// Runs `fn` once when cancelled (at once, on this thread, if already cancelled).
  /// Returns an id for remove(); 0 when `fn` already ran.
  std::uint64_t on_cancel(std::function<void()> fn);
  void remove(std::uint64_t id);
  void cancel();

 private:
  std::atomic<bool> cancelled_{false};
  std::mutex mutex_;
  std::uint64_t next_id_ = 1;
  std::map<std::uint64_t, std::function<void()>> callbacks_;
};

/// The observer side. A default-constructed token is never cancelled.
class CancellationToken {
 public:
  CancellationToken() = default;
  explicit CancellationToken(std::shared_ptr<CancellationState> s) : state_(std::move(s)) {}
  bool cancelled() const { return state_ && state_->cancelled(); }
  std::uint64_t on_cancel(std::function<void()> fn) const {
    return state_ ? state_->on_cancel(std::move(fn)) : 0;
  }
  void remove(std::uint64_t id) const {
    if (state_ && id != 0) state_->remove(id);
  }

 private:
  std::shared_ptr<CancellationState> state_;
};

/// The owner side: whoever may cancel holds the source and hands out tokens.
class CancellationSource {
 public:
  CancellationSource() : state_(std::make_shared<CancellationState>()) {}
  CancellationToken token() const { return CancellationToken(state_); }
  void cancel() const { state_->cancel(); }
  bool cancelled() const { return state_->cancelled(); }

 private:
  std::shared_ptr<CancellationState> state_;
};

/// Registers a callback for the lifetime of a scope; unregisters on exit so the callback never
/// outlives what it captures.
class CancelRegistration {
 public:
  CancelRegistration(const CancellationToken& token, std::function<void()> fn)
      : token_(token), id_(token.on_cancel(std::move(fn))) {}
  ~CancelRegistration() { token_.remove(id_); }
  CancelRegistration(const CancelRegistration&) = delete;
  CancelRegistration& operator=(const CancelRegistration&) = delete;

 private:
  CancellationToken token_;
  std::uint64_t id_;
};

}  // namespace util

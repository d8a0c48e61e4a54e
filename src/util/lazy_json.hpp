// A JSON value given outright or computed on first use, once, thread-safely; copies share it.
// Why: the tools' schemas are most of the server's start-up work (59% of the instructions from
// exec to the initialize response, measured with callgrind), and initialize never needs them:
// they are built when tools/list or a tools/call first asks.
// Not std::call_once: glibc's pthread_once makes a futex syscall every time a flag completes,
// which at start-up is once per tool and schema for nothing.
#pragma once
#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>

#include "util/json.hpp"

namespace util {

class LazyJson {
 public:
  LazyJson() : LazyJson(Json()) {}
  LazyJson(Json value) : state_(std::make_shared<State>()) {  // NOLINT: implicit, as a Json would be
    state_->value = std::move(value);
    state_->ready.store(true, std::memory_order_relaxed);  // published by the shared_ptr's copy
  }
  LazyJson(std::nullptr_t) : LazyJson(Json()) {}  // NOLINT: `schema = nullptr` reads as "none"

  /// Computed by `make` the first time get() is called.
  [[nodiscard]] static LazyJson deferred(std::function<Json()> make) {
    LazyJson lazy;
    lazy.state_->make = std::move(make);
    lazy.state_->ready.store(false, std::memory_order_relaxed);
    return lazy;
  }

  /// True until a deferred value has been computed; never for a value given outright.
  [[nodiscard]] bool pending() const { return !state_->ready.load(std::memory_order_acquire); }

  [[nodiscard]] const Json& get() const {
    if (!state_->ready.load(std::memory_order_acquire)) {
      const std::lock_guard lock(state_->making);
      if (!state_->ready.load(std::memory_order_relaxed)) {
        state_->value = state_->make();
        state_->make = nullptr;
        state_->ready.store(true, std::memory_order_release);
      }
    }
    return state_->value;
  }

 private:
  struct State {
    std::atomic<bool> ready{false};
    std::mutex making;
    std::function<Json()> make;
    Json value;
  };
  std::shared_ptr<State> state_;
};

}  // namespace util

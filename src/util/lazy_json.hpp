// A JSON value given outright or computed on first use, once, thread-safely; copies share it.
// Why: the tools' output schemas are most of the server's start-up work (59% of the instructions
// from exec to the initialize response, measured with callgrind), and initialize never needs them:
// they are built when tools/list or an output check first asks.
#pragma once
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
    std::call_once(state_->once, [&] { state_->value = std::move(value); });
  }
  LazyJson(std::nullptr_t) : LazyJson(Json()) {}  // NOLINT: `schema = nullptr` reads as "none"

  /// Computed by `make` the first time get() is called.
  [[nodiscard]] static LazyJson deferred(std::function<Json()> make) {
    LazyJson lazy;
    lazy.state_ = std::make_shared<State>();
    lazy.state_->make = std::move(make);
    return lazy;
  }

  [[nodiscard]] const Json& get() const {
    std::call_once(state_->once, [this] {
      if (state_->make) state_->value = state_->make();
      state_->make = nullptr;
    });
    return state_->value;
  }

 private:
  struct State {
    std::once_flag once;
    std::function<Json()> make;
    Json value;
  };
  std::shared_ptr<State> state_;
};

}  // namespace util

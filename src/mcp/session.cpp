// Session: per-connection state and the cancellation of its requests.
#include "mcp/server.hpp"
#include "mcp/session_state.hpp"

namespace mcp {

Session::Session() : state_(std::make_shared<detail::SessionState>()) {}
Session::~Session() = default;

std::string Session::negotiated_version() const {
  std::lock_guard lock(state_->mutex);
  return state_->version;
}

bool Session::initialized() const {
  std::lock_guard lock(state_->mutex);
  return state_->initialized;
}

void Session::assume_initialized(std::string version) {
  std::lock_guard lock(state_->mutex);
  state_->initialized = true;
  state_->version = std::move(version);
}

void Session::set_caller(Caller caller) {
  std::lock_guard lock(state_->mutex);
  state_->caller = std::move(caller);
}

Caller Session::caller() const {
  std::lock_guard lock(state_->mutex);
  return state_->caller;
}

bool Session::cancel_request(const util::Json& request_id) {
  std::shared_ptr<detail::InFlight> flight;
  {
    std::lock_guard lock(state_->mutex);
    auto it = state_->in_flight.find(request_id.dump());
    if (it == state_->in_flight.end()) return false;
    flight = it->second;
    flight->cancelled = true;
    // Forget the id now: the client may reuse it, and the worker checks its own flag.
    state_->in_flight.erase(it);
  }
  flight->cancel.cancel();  // outside the lock: callbacks may do real work
  return true;
}

void Session::cancel_all() {
  std::map<std::string, std::shared_ptr<detail::InFlight>> all;
  {
    std::lock_guard lock(state_->mutex);
    all.swap(state_->in_flight);
    for (auto& [key, flight] : all) flight->cancelled = true;
  }
  for (auto& [key, flight] : all) flight->cancel.cancel();
}

std::size_t Session::in_flight() const {
  std::lock_guard lock(state_->mutex);
  return state_->running;
}

bool Session::wait_idle(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(state_->mutex);
  return state_->idle.wait_for(lock, timeout, [&] { return state_->running == 0; });
}

}  // namespace mcp

// What a Session remembers, shared with the tool calls it started so that they can finish (or be
// dropped) after the Session object itself is gone. Internal to the mcp library.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "mcp/caller.hpp"
#include "mcp/tool.hpp"
#include "util/cancel.hpp"
#include "util/json.hpp"

namespace mcp::detail {

/// One request that runs on the worker pool.
struct InFlight {
  util::CancellationSource cancel;
  /// Set (under SessionState::mutex) when the client cancelled: the response is then dropped.
  bool cancelled = false;
};

/// A request the server sent to the client (legacy era), waiting for the client's response.
struct PendingClientRequest {
  std::mutex mutex;
  std::condition_variable answered;
  std::optional<util::Json> response;  ///< the whole response message
  bool abandoned = false;              ///< the call was cancelled while waiting
};

struct SessionState {
  mutable std::mutex mutex;
  mutable std::condition_variable idle;
  bool initialized = false;
  std::string version;                     ///< negotiated by initialize (legacy era)
  std::optional<LogLevel> log_level;       ///< set by logging/setLevel (legacy era)
  std::map<std::string, std::shared_ptr<InFlight>> in_flight;  ///< keyed by id.dump()
  std::size_t running = 0;                 ///< accepted and not yet finished (incl. cancelled)
  util::Json client_capabilities = util::Json::object();  ///< from initialize (legacy era)
  std::set<std::string> subscriptions;     ///< resources/subscribe URIs (legacy era)
  std::uint64_t next_client_request = 0;
  std::map<std::string, std::shared_ptr<PendingClientRequest>> client_requests;  ///< keyed by id.dump()
  Caller caller;                           ///< who speaks on it now (Session::set_caller)
};

}  // namespace mcp::detail

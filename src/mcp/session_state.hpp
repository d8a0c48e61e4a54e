// What a Session remembers, shared with the tool calls it started so that they can finish (or be
// dropped) after the Session object itself is gone. Internal to the mcp library.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "mcp/tool.hpp"
#include "util/cancel.hpp"

namespace mcp::detail {

/// One request that runs on the worker pool.
struct InFlight {
  util::CancellationSource cancel;
  /// Set (under SessionState::mutex) when the client cancelled: the response is then dropped.
  bool cancelled = false;
};

struct SessionState {
  mutable std::mutex mutex;
  mutable std::condition_variable idle;
  bool initialized = false;
  std::string version;                     ///< negotiated by initialize (legacy era)
  std::optional<LogLevel> log_level;       ///< set by logging/setLevel (legacy era)
  std::map<std::string, std::shared_ptr<InFlight>> in_flight;  ///< keyed by id.dump()
  std::size_t running = 0;                 ///< accepted and not yet finished (incl. cancelled)
};

}  // namespace mcp::detail

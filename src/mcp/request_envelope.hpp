// One incoming request as the method handlers see it, and how its era is told apart: a legacy
// request relies on the session's `initialize` handshake, a 2026-07-28 request carries its
// protocol version, client capabilities and log level in params._meta (the per-request
// envelope) and stands alone. Internal to the mcp library.
#pragma once
#include <optional>
#include <string>

#include "mcp/caller.hpp"
#include "mcp/tool.hpp"
#include "util/json.hpp"

namespace mcp::detail {

enum class Era { kLegacy, kModern };

struct Request {
  util::Json id;
  std::string method;
  util::Json params;
  Era era = Era::kLegacy;
  std::optional<util::Json> progress_token;
  std::optional<LogLevel> modern_log_level;  ///< the modern era's per-request opt-in
  util::Json client_capabilities = util::Json::object();
  util::Json input_responses;                ///< 2026-07-28 inputResponses, null when absent
  std::optional<std::string> request_state;  ///< 2026-07-28 requestState
  Caller caller;                             ///< the session's caller when the request arrived
};

/// Moves id, method and params (an empty object when absent) out of a request that
/// jsonrpc::classify accepted. Moving matters: a copy of a deep value recurses once per level.
[[nodiscard]] Request take_request(util::Json message);

/// Reads params._meta: the progress token and, when _meta names 2026-07-28, the rest of the
/// envelope (then `era` becomes kModern). A legacy revision named there keeps the legacy rules.
/// Returns the JSON-RPC error to answer when the envelope is malformed or names a revision not
/// served (kUnsupportedProtocolVersion, with the supported list).
[[nodiscard]] std::optional<RpcError> read_envelope(Request& request);

}  // namespace mcp::detail

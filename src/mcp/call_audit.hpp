// What the server reports about each finished tools/call, for an audit log kept by the
// application (ServerOptions::on_tool_call): who called which tool with what, how it ended and
// what it cost upstream. The protocol layer decides nothing with it.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

#include "util/json.hpp"

namespace mcp {

struct ToolCallRecord {
  std::string caller;     ///< Caller::name; empty for an anonymous caller
  std::string tool;       ///< as the client named it (also when unknown or refused)
  util::Json arguments;   ///< as received (an object, or null when absent or malformed)
  /// "ok", "tool_error" (isError), "error" (a JSON-RPC error from the handler), "input_required"
  /// (2026-07-28: the handler asked the client for input), "cancelled" (before or while running),
  /// "unknown_tool" (no such tool, or one the caller may not use), "invalid_request" (malformed params).
  std::string outcome;
  std::chrono::milliseconds duration{0};
  std::int64_t upstream_requests = 0;  ///< ToolContext::upstream_requests at the end
};

}  // namespace mcp

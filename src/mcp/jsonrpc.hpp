// JSON-RPC 2.0 vocabulary shared by the server and any transport: error codes, message builders
// and the shape check of an incoming message. MCP narrows JSON-RPC: ids are strings or integers,
// never null, and params, when present, are objects.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "util/json.hpp"

namespace mcp::jsonrpc {

using util::Json;

// Every JSON-RPC error code the mcp library answers with, named here so that no other file of
// the library writes one as a number.
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
/// A request refused at the transport level, before the server saw it (forbidden Host/Origin,
/// authentication, media type, Accept, a missing session id, an HTTP method not served, ...);
/// the HTTP status says which.
inline constexpr int kServerError = -32000;
/// The Mcp-Session-Id names no live session (HTTP 404: the client starts a new one).
inline constexpr int kSessionNotFound = -32001;
/// 2026-07-28: HTTP headers disagree with the body (used by the HTTP transport).
inline constexpr int kHeaderMismatch = -32020;
/// 2026-07-28: the request needs a capability the client did not declare.
inline constexpr int kMissingClientCapability = -32021;
/// 2026-07-28: the request's _meta protocol version is not served here.
inline constexpr int kUnsupportedProtocolVersion = -32022;

/// The deepest nesting of arrays and objects accepted in a client message. MCP messages need a
/// handful of levels and tool arguments a few more; a deeper message is refused before it is
/// parsed (copying a value recurses once per level: 100,000 levels overflow the stack).
inline constexpr std::size_t kMaxNestingDepth = 64;

/// Parses one raw message from a client. On failure: the -32700 error response to send (id null),
/// for invalid JSON or JSON nested deeper than kMaxNestingDepth.
[[nodiscard]] tl::expected<Json, Json> parse_message(std::string_view raw);

[[nodiscard]] Json make_result(const Json& id, Json result);
/// `id` may be null when the request's id could not be read (parse error, invalid request).
[[nodiscard]] Json make_error(const Json& id, int code, std::string message,
                              std::optional<Json> data = std::nullopt);
[[nodiscard]] Json make_notification(std::string_view method, Json params);

/// True for a string or an integer (MCP forbids null and fractional ids).
[[nodiscard]] bool is_valid_id(const Json& id);

enum class MessageKind { kRequest, kNotification, kResponse, kInvalid };

/// Classifies a parsed message. For kInvalid, `error` holds the -32600/-32602 answer to send
/// (with the id when it was readable).
struct Classified {
  MessageKind kind = MessageKind::kInvalid;
  Json error;
};
[[nodiscard]] Classified classify(const Json& message);

}  // namespace mcp::jsonrpc

// What an MCP POST must carry before the Server sees it, read from plain header strings so it
// compiles without Beast and is unit-tested alone: the media types (Content-Type, Accept), a
// body that parses, and the era's headers (2026-07-28: MCP-Protocol-Version, Mcp-Method and
// Mcp-Name must mirror the body; legacy: a known MCP-Protocol-Version when given). Also the
// HTTP status a 2026-07-28 response takes from its JSON-RPC error code.
#pragma once
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "util/json.hpp"

namespace mcp::http_transport {

/// A JSON-RPC error answered at the HTTP level, before or instead of the Server.
struct HttpRpcError {
  int status = 400;
  util::Json id;  ///< the request's id when it could be read, else null
  int code = 0;
  std::string message;
};

/// The headers a POST is judged by, as received (trimmed and compared case-insensitively here).
struct PostHeaders {
  std::string_view content_type;
  std::string_view accept;
  std::string_view protocol_version;  ///< MCP-Protocol-Version
  std::string_view method;            ///< Mcp-Method
  std::string_view name;              ///< Mcp-Name
};

/// A POST that passed the rules.
struct PostRequest {
  util::Json body;           ///< the parsed message (an object, or a batch array)
  util::Json id;             ///< the request's id, null when it has none or it is not valid
  std::string method;        ///< empty when the body names none
  std::string header_version;
  bool accepts_sse = false;
  /// Carries the per-request envelope or announces 2026-07-28: served with no session.
  bool stateless = false;
  /// A legacy initialize (it opens a session).
  bool is_initialize = false;
  /// The ids of the requests in the body, to cancel them if the client goes away.
  std::vector<util::Json> request_ids;
};

/// Checks a POST's headers and body; the refusal to answer otherwise (415, 406, 400).
[[nodiscard]] tl::expected<PostRequest, HttpRpcError> read_post(const PostHeaders& headers, std::string_view body);

/// GET with Last-Event-ID: an Accept that admits text/event-stream (or none at all).
[[nodiscard]] bool accepts_event_stream(std::string_view accept);

/// HTTP status of a 2026-07-28 response from its JSON-RPC error code: 404 for method not found,
/// 400 for the client's mistakes, 500 for internal errors, 200 for a result.
[[nodiscard]] int status_for_stateless(std::string_view message);

/// True when a serialized response carries an error and no result.
[[nodiscard]] bool is_error_response(std::string_view message);

/// Leading and trailing blanks (space, tab) of a header value removed.
[[nodiscard]] std::string trimmed(std::string_view value);

}  // namespace mcp::http_transport

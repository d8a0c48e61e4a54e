// A tool as the protocol layer sees it: declared once (name, title, description, input schema,
// output schema, annotations, handler). The protocol layer validates arguments against
// input_schema before the handler runs, adds the text mirror of structuredContent, and adds the
// fields each protocol era wants. Handlers know nothing of JSON-RPC, sessions or transports.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/cancel.hpp"
#include "util/json.hpp"
#include "util/lazy_json.hpp"
#include "util/result.hpp"

namespace mcp {

using util::Json;

/// MCP log levels (RFC 5424 names), lowest to highest.
enum class LogLevel { kDebug, kInfo, kNotice, kWarning, kError, kCritical, kAlert, kEmergency };

/// What a running handler may use. Everything here is safe to call from the handler's thread.
struct ToolContext {
  /// Cancelled when the client sends notifications/cancelled or closes the HTTP stream.
  util::CancellationToken cancel;
  /// Overall deadline of this call; upstream requests must not outlive it.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  /// Reports progress; a no-op when the request carried no progressToken. The protocol layer
  /// drops any value that does not increase, so handlers may call it freely.
  std::function<void(double progress, std::optional<double> total, std::string_view message)>
      progress = [](double, std::optional<double>, std::string_view) {};
  /// Sends notifications/message when the session's level allows it (also logs to stderr).
  /// Unlike progress, safe from any thread (an upstream client may report retries from its own).
  std::function<void(LogLevel, std::string_view)> log = [](LogLevel, std::string_view) {};
  /// Ends the transport's response stream of this call now while the call goes on (SEP-1699
  /// polling: a long call need not hold a connection open). On a resumable HTTP stream the
  /// client reconnects with Last-Event-ID and receives what the call sends afterwards, its
  /// result included. A no-op where that is impossible (stdio, JSON responses, stateless HTTP,
  /// the 2026-07-28 era, sessions before 2025-11-25).
  std::function<void()> close_stream = [] {};
  /// Requests this call made to the service behind the tools (counted by the tools' upstream
  /// client, read for the audit record; the protocol layer only creates and reads it). Shared
  /// because an upstream request may finish on another thread after a cancelled call returned.
  std::shared_ptr<std::atomic<std::int64_t>> upstream_requests = std::make_shared<std::atomic<std::int64_t>>(0);

  // ---- asking the client (sampling, elicitation, roots) ----------------------------------------
  /// What the client declared: initialize's `capabilities` (legacy) or the request's
  /// _meta clientCapabilities (2026-07-28). An empty object when unknown.
  Json client_capabilities = Json::object();
  /// True when the request came in the 2026-07-28 (stateless) era: the server cannot send the
  /// client a request then; a handler asks through ToolOutcome::need_input instead.
  bool modern_era = false;
  /// The answers to a previous ToolOutcome::need_input round (InputResponses: key -> result), or
  /// null on the first round. In the legacy era the server fills it by sending the requests itself.
  Json input_responses;
  /// The requestState the handler returned with need_input, echoed back by the client (opaque;
  /// the handler must verify its integrity, it crossed the client).
  std::optional<std::string> request_state;
  /// Legacy era only: sends a request (e.g. "sampling/createMessage") to the client over the
  /// open stream and blocks until its answer, cancellation or a timeout. Returns the result, or
  /// an error (the client's JSON-RPC error becomes kUpstream with its message).
  std::function<util::Result<Json>(std::string_view method, const Json& params)> request_client =
      [](std::string_view, const Json&) -> util::Result<Json> {
    return util::fail(util::ErrorKind::kInternal, "this transport cannot send requests to the client");
  };
};

/// A JSON-RPC error a handler wants answered verbatim (e.g. jsonrpc::kMissingClientCapability).
struct RpcError {
  int code = 0;
  std::string message;
  std::optional<Json> data;
};

/// A handler's answer: structured content (valid against the tool's output schema) or an error
/// text for the model (isError: true). Never throw out of a handler; exceptions are caught and
/// reported as an internal error, but that is a bug.
struct ToolOutcome {
  Json structured;
  bool is_error = false;
  std::string error_text;
  /// Optional human text for a command line that runs a tool on a terminal (tables); not sent
  /// over MCP.
  std::string human_text;
  /// Content blocks sent after the text mirror of a successful result (a chart of it as an
  /// image block); structuredContent is unchanged.
  std::vector<Json> extra_content;
  /// Raw MCP content blocks (text, image, audio, resource, ...). When set they are sent as
  /// `content` instead of the text mirror of `structured`; structuredContent is then sent only
  /// when `structured` is a non-empty object.
  std::optional<Json> content;
  /// Set by need_input(): the handler needs answers from the client first (InputRequests).
  std::optional<Json> input_requests;
  std::optional<std::string> request_state;
  /// Set by protocol_error(): answered as a JSON-RPC error instead of a result.
  std::optional<RpcError> rpc_error;

  static ToolOutcome ok(Json structured) { return ToolOutcome{std::move(structured), false, {}, {}}; }
  static ToolOutcome error(std::string text) { return ToolOutcome{Json::object(), true, std::move(text), {}}; }
  static ToolOutcome with_content(Json content_blocks, bool is_error = false) {
    ToolOutcome out{Json(), is_error, {}, {}};
    out.content = std::move(content_blocks);
    return out;
  }
  /// Asks the client for input (2026-07-28 InputRequiredResult; in the legacy era the server
  /// sends each request to the client itself and runs the handler again with the answers).
  static ToolOutcome need_input(Json requests, std::optional<std::string> state = std::nullopt) {
    ToolOutcome out{Json(), false, {}, {}};
    out.input_requests = std::move(requests);
    out.request_state = std::move(state);
    return out;
  }
  static ToolOutcome protocol_error(int code, std::string message, std::optional<Json> data = std::nullopt) {
    ToolOutcome out{Json(), true, {}, {}};
    out.rpc_error = RpcError{code, std::move(message), std::move(data)};
    return out;
  }
};

using ToolHandler = std::function<ToolOutcome(const Json& arguments, ToolContext& context)>;

struct Tool {
  std::string name;         ///< [A-Za-z0-9_./-]{1,64}
  std::string title;        ///< short human title
  std::string description;  ///< written for a model: what it returns, when to use it, how to page
  /// JSON Schema 2020-12 object, additionalProperties: false. Both schemas may be deferred
  /// (util::LazyJson::deferred): built on first use, so start-up does not pay for them.
  util::LazyJson input_schema;
  /// JSON Schema of structuredContent, or null when the tool declares none.
  util::LazyJson output_schema;
  Json annotations = Json{{"readOnlyHint", true}, {"openWorldHint", true}};
  ToolHandler handler;
  /// MCP Apps: the `ui://` resource a host may render this tool's results with; announced as
  /// _meta.ui.resourceUri only to clients that render views (mcp/apps_extension.hpp). Empty: none.
  std::string ui_resource_uri;
};

}  // namespace mcp

// A tool as the protocol layer sees it: declared once (name, title, description, input schema,
// output schema, annotations, handler). The protocol layer validates arguments against
// input_schema before the handler runs, adds the text mirror of structuredContent, and adds the
// fields each protocol era wants. Handlers know nothing of JSON-RPC, sessions or transports.
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "util/cancel.hpp"
#include "util/json.hpp"

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
  std::function<void(LogLevel, std::string_view)> log = [](LogLevel, std::string_view) {};
};

/// A handler's answer: structured content (valid against the tool's output schema) or an error
/// text for the model (isError: true). Never throw out of a handler; exceptions are caught and
/// reported as an internal error, but that is a bug.
struct ToolOutcome {
  Json structured;
  bool is_error = false;
  std::string error_text;
  /// Optional human text used by `halo-psa-mcp call` on a terminal (tables); not sent over MCP.
  std::string human_text;

  static ToolOutcome ok(Json structured) { return ToolOutcome{std::move(structured), false, {}, {}}; }
  static ToolOutcome error(std::string text) { return ToolOutcome{Json::object(), true, std::move(text), {}}; }
};

using ToolHandler = std::function<ToolOutcome(const Json& arguments, ToolContext& context)>;

struct Tool {
  std::string name;         ///< [A-Za-z0-9_./-]{1,64}, fixed by docs/tools.md for Halo tools
  std::string title;        ///< short human title
  std::string description;  ///< written for a model: what it returns, when to use it, how to page
  Json input_schema;        ///< JSON Schema 2020-12 object, additionalProperties: false
  Json output_schema;       ///< JSON Schema of structuredContent
  Json annotations = Json{{"readOnlyHint", true}, {"openWorldHint", true}};
  ToolHandler handler;
};

}  // namespace mcp

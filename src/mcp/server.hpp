// The MCP protocol engine, independent of any transport: it takes one raw JSON-RPC message at a
// time, decides its era (legacy `initialize` handshake or modern 2026-07-28 per-request envelope),
// dispatches it, and emits responses and notifications through a write callback. Tool calls run
// on a bounded worker pool, so a slow call never blocks ping or another call; everything else is
// answered on the caller's thread before handle() returns.
//
//   mcp::Server server(info, std::move(registry));
//   mcp::Session session;
//   server.handle(line, session, [&](std::string msg, bool) { write_line(msg); });
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mcp/call_audit.hpp"
#include "mcp/caller.hpp"
#include "mcp/prompt_registry.hpp"
#include "mcp/reply.hpp"
#include "mcp/resource_registry.hpp"
#include "mcp/tool.hpp"
#include "mcp/tool_registry.hpp"
#include "util/json.hpp"

namespace mcp {

/// Who the server is; sent in initialize / server/discover.
struct ServerInfo {
  std::string name;
  std::string title;
  std::string version;
  std::string description;
  std::string instructions;  ///< a short guide for the model
};

struct ServerOptions {
  std::size_t page_size = 50;              ///< tools per tools/list page
  std::size_t max_concurrent_calls = 16;   ///< worker threads for tools/call; more calls queue
  /// Validate structuredContent against outputSchema; a mismatch becomes isError + an error log.
  bool validate_output = false;
  /// Deadline handed to each tool call (ToolContext::deadline); zero means none.
  std::chrono::milliseconds call_timeout{0};
  /// Modern era cache hints on list results and server/discover.
  std::int64_t list_ttl_ms = 300000;
  std::string cache_scope = "public";
  /// Legacy era: how long a handler waits for the client's answer to a server-to-client request
  /// (sampling/createMessage, elicitation/create, roots/list).
  std::chrono::milliseconds client_request_timeout{120000};
  /// Legacy era: how many need_input rounds the server relays for one request before giving up.
  int max_input_rounds = 8;
  /// Told of every tools/call when it ends (any outcome, refusals included), from whichever
  /// thread ends it; must be thread-safe and quick. Unset: nothing is recorded.
  std::function<void(const ToolCallRecord&)> on_tool_call;
};

/// Emits one serialized, compact outgoing JSON-RPC message (no trailing newline). `final` is true
/// for the response that ends a request (or a batch), false for notifications sent while it runs,
/// so an HTTP transport knows when to close the stream. May be called from worker threads and
/// concurrently: the callee must serialize its own writes.
using WriteFn = std::function<void(std::string message, bool final)>;

/// Ends the transport's response stream of the request being handled early, without ending the
/// request (ToolContext::close_stream). May be called from worker threads.
using CloseStreamFn = std::function<void()>;

namespace detail {
struct SessionState;
}

/// One client connection (stdio has exactly one; HTTP has one per Mcp-Session-Id, or a throwaway
/// one per modern request). Holds the negotiated legacy version, the legacy log level and the
/// requests in flight. Safe to destroy while calls are still running: they keep what they need.
class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// The version agreed by `initialize`, empty before it.
  [[nodiscard]] std::string negotiated_version() const;
  [[nodiscard]] bool initialized() const;
  /// Cancels one request in flight by its JSON-RPC id (as notifications/cancelled would); its
  /// response is then never written. Returns false when no such request is running.
  bool cancel_request(const util::Json& request_id);
  /// Cancels every request in flight (stdin EOF, HTTP session deleted).
  void cancel_all();
  /// Number of requests accepted but not yet answered (running or queued).
  [[nodiscard]] std::size_t in_flight() const;
  /// Waits until no request is in flight, at most `timeout`. True when idle.
  bool wait_idle(std::chrono::milliseconds timeout) const;

  /// Stateless HTTP: treat this throwaway session as if `initialize` had agreed on `version`
  /// (a legacy revision), so one POST can be served without a handshake of its own.
  void assume_initialized(std::string version);

  /// Who speaks on this session from now on (a transport that authenticates people sets it before
  /// each message, so a changed access takes effect at once). Default: anonymous, every tool.
  void set_caller(Caller caller);
  [[nodiscard]] Caller caller() const;

  /// Internal to the mcp library (the Server keeps per-session state here).
  std::shared_ptr<detail::SessionState> state() const { return state_; }

 private:
  std::shared_ptr<detail::SessionState> state_;
};

class Server {
 public:
  Server(ServerInfo info, ToolRegistry tools, ServerOptions options = {});
  ~Server();  ///< waits for running tool calls to finish (cancel them first via the session)
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Handles one raw message (an object or, for 2025-03-26 sessions, a batch array). Responses
  /// and notifications go to `write`, either before this returns or later from a worker thread.
  /// Returns true when the message will get a response (a request or a batch of them), false for
  /// notifications and client responses (an HTTP transport answers those with 202).
  /// `close_stream`, when given, is what handlers of this message reach through
  /// ToolContext::close_stream (a transport passes it only when it can resume the stream).
  bool handle(std::string_view raw_message, Session& session, WriteFn write, CloseStreamFn close_stream = {});

  /// Runs a tool directly (no JSON-RPC), with the same argument validation as tools/call: an
  /// unknown tool or invalid arguments give an error outcome; exceptions become "internal error".
  /// Used by the command line `call` subcommand.
  [[nodiscard]] ToolOutcome call_tool(std::string_view name, const util::Json& arguments,
                                      ToolContext& context) const;

  /// Optional capabilities; call before serving. Each is declared in `capabilities` only when
  /// something is registered, so a server that registers none stays truthful.
  void set_resources(ResourceRegistry resources);
  void set_prompts(PromptRegistry prompts);
  void set_completion(CompletionHandler completion);

  const ServerInfo& info() const { return info_; }
  const ToolRegistry& tools() const { return tools_; }
  const ServerOptions& options() const { return options_; }
  const ResourceRegistry& resources() const { return resources_; }
  const PromptRegistry& prompts() const { return prompts_; }

  /// Protocol versions served, newest first ("2026-07-28", "2025-11-25", ...).
  static const std::vector<std::string>& supported_versions();

  struct Impl;

 private:
  ServerInfo info_;
  ToolRegistry tools_;
  ServerOptions options_;
  ResourceRegistry resources_;
  PromptRegistry prompts_;
  CompletionHandler completion_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mcp

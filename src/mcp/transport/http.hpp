// The Streamable HTTP transport: one endpoint (default /mcp) serving both protocol eras, built
// on Boost.Beast/Asio (all of which stays inside http.cpp, http_post.cpp and http_io.hpp).
//
//   Legacy era (initialize handshake): POST carries one message (a batch only at 2025-03-26);
//   notifications and responses get 202. initialize issues Mcp-Session-Id; other requests need
//   it (400 without, 404 when unknown or deleted); DELETE ends the session.
//   In a session at 2025-11-25 (or later) every request but initialize is answered as a
//   resumable text/event-stream when the client accepts one ("Resumability and Redelivery"): a
//   priming event (id, `retry:`, empty data) first, then every message as an event with an id
//   unique in the session that names its stream. Why always, not only when something precedes
//   the response: a stream can only be resumed from an id the client already holds, so it must
//   be resumable from its first byte, before anyone knows whether the call will send progress or
//   be closed early (ToolContext::close_stream, SEP-1699 polling). The session keeps each
//   stream's events in a bounded log (sse_replay_*): GET with Mcp-Session-Id and Last-Event-ID
//   replays the events after that id and follows the stream until its final response (400 for
//   an id never issued, 410 when no longer kept, 409 while another connection delivers it).
//   Closing a resumable stream, by the client or by close_stream, does not cancel the request
//   (the spec: disconnection is not cancellation; notifications/cancelled is). A JSON-only
//   client (Accept without text/event-stream) gets application/json, and so does initialize.
//   Older sessions (2025-06-18 and before) keep the earlier rule: application/json, or a plain
//   (non-resumable) stream when the request emits something before its response (their clients
//   cannot parse a priming event's empty data). GET without Last-Event-ID answers 405: no
//   standalone stream, the server never speaks unprompted.
//   Modern era (2026-07-28, stateless): every POST stands alone; MCP-Protocol-Version must equal
//   the body's _meta version, Mcp-Method the body's method, Mcp-Name its params.name (uri for
//   resources/read), else 400 with -32020. Error statuses follow the JSON-RPC code (404 for
//   -32601, 400 for -32602/-32020/-32021/-32022).
//   Either era: the client closing a JSON response or a non-resumable stream cancels the
//   request; stateless mode and the 2026-07-28 era keep no sessions, hence no resumption.
//
//   Security: Host and Origin must be loopback or explicitly allowed (403 otherwise); a bearer
//   token, when configured, is required on /mcp (401 + WWW-Authenticate: Bearer) and is
//   mandatory when listening on a non-loopback address; bodies are capped (413); header, idle
//   and write timeouts; at most max_sessions sessions (the least recently used idle one is
//   evicted, 503 when all are busy), idle sessions expire. GET /healthz answers 200 without
//   authentication, for orchestrators.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mcp/server.hpp"
#include "util/result.hpp"

namespace mcp {

struct HttpOptions {
  std::string host = "127.0.0.1";  ///< bind address
  std::uint16_t port = 8080;       ///< 0 picks a free port (see HttpServer::port())
  std::string path = "/mcp";
  /// No sessions: every POST gets a throwaway Session, so any replica can serve any request.
  /// Legacy requests then need no Mcp-Session-Id (they run as if initialized at the version of
  /// their MCP-Protocol-Version header, else 2025-11-25); initialize is still answered but issues
  /// no id; DELETE and GET answer 405; requests to the client (sampling, elicitation) cannot work.
  bool stateless = false;
  /// Shared secret for "Authorization: Bearer <token>" on the MCP endpoint; empty = none.
  /// Required (start fails) when `host` is not a loopback address.
  std::string bearer_token;
  /// Per-person access: who presents this bearer token (their name and the tools they may use),
  /// or nullopt for a token nobody holds (401). When set it replaces `bearer_token`. Called on
  /// the I/O thread for every request to the MCP endpoint, so it must be quick. A session is
  /// bound to the caller who opened it: another caller naming it is told it does not exist.
  std::function<std::optional<Caller>(std::string_view token)> authenticate;
  /// run_http: what SIGHUP does (reload the application's configuration, e.g. its access file);
  /// called on the signal-waiting thread. Unset: SIGHUP is logged and ignored.
  std::function<void()> on_hangup;
  /// Extra Host header values accepted besides loopback names ("mcp.example.com" or
  /// "mcp.example.com:443"); "*" accepts any Host.
  std::vector<std::string> allowed_hosts;
  /// Extra Origin values accepted besides loopback origins ("https://app.example.com"); "*"
  /// accepts any Origin. Requests without Origin (non-browser clients) are always accepted.
  std::vector<std::string> allowed_origins;
  std::size_t max_body_bytes = 4 * 1024 * 1024;
  std::size_t max_sessions = 256;
  std::chrono::seconds session_idle_timeout{30 * 60};
  std::chrono::seconds request_read_timeout{10};  ///< to receive a request's header and body
  std::chrono::seconds keep_alive_timeout{60};    ///< idle connection between requests
  std::chrono::seconds write_timeout{30};         ///< one write to a slow reader
  std::chrono::seconds sse_keepalive{15};         ///< comment lines on a quiet SSE stream
  /// Resumable streams (2025-11-25 sessions): the `retry:` of the priming event, i.e. how long a
  /// client waits before it reconnects with Last-Event-ID.
  std::chrono::milliseconds sse_retry{1000};
  /// Per stream, the event log keeps at most this many events and bytes (the oldest go first;
  /// the newest event is always kept, so a large final response survives).
  std::size_t sse_replay_max_events = 1000;
  std::size_t sse_replay_max_bytes = 1024 * 1024;
  /// A stream whose final response was delivered is kept this long (the last write may not
  /// have reached the client), then dropped.
  std::chrono::milliseconds sse_replay_grace{10000};
  /// Per session, at most this many finished streams are kept (the oldest go first).
  std::size_t sse_replay_max_streams = 16;
};

/// A running HTTP transport (its own I/O thread). Tests start it on port 0.
class HttpServer {
 public:
  /// Validates the options, binds and starts serving. Errors are kConfig (bad options, a
  /// non-loopback address without a token) or kNetwork (cannot bind).
  [[nodiscard]] static util::Result<std::unique_ptr<HttpServer>> start(Server& server, HttpOptions options);
  ~HttpServer();  ///< stop()s
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// The port actually bound.
  [[nodiscard]] std::uint16_t port() const;
  /// Stops accepting, cancels every request in flight, closes connections, joins the thread.
  void stop();
  /// Number of live sessions (for tests and metrics).
  [[nodiscard]] std::size_t session_count() const;

  struct Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Serves until SIGINT or SIGTERM. Returns the process exit status: 0 after a signal, 2 for a
/// configuration error (reported on stderr), 1 when the address cannot be bound.
int run_http(Server& server, HttpOptions options);

}  // namespace mcp

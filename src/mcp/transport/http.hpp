// The Streamable HTTP transport: one endpoint (default /mcp) serving both protocol eras, built
// on Boost.Beast/Asio (all of which stays inside http.cpp).
//
//   Legacy era (initialize handshake): POST carries one message (a batch only at 2025-03-26);
//   notifications and responses get 202; a request gets application/json, or text/event-stream
//   when the client accepts it and the request emits something (progress, logs, requests to the
//   client) before its response. initialize issues Mcp-Session-Id; other requests need it
//   (400 without, 404 when unknown or deleted); DELETE ends the session; GET answers 405
//   (no standalone stream: the server never speaks unprompted).
//   Modern era (2026-07-28, stateless): every POST stands alone; MCP-Protocol-Version must equal
//   the body's _meta version, Mcp-Method the body's method, Mcp-Name its params.name (uri for
//   resources/read), else 400 with -32020. Error statuses follow the JSON-RPC code (404 for
//   -32601, 400 for -32602/-32020/-32021/-32022).
//   Either era: the client closing the response stream cancels the request.
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
#include <memory>
#include <string>
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

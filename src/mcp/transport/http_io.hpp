// Internal to the Streamable HTTP transport (http.cpp and http_post.cpp, the only files that
// include Beast): the connection and exchange types and HttpServer::Impl, whose methods are
// defined in those two files: http.cpp accepts, reads, routes and answers at the HTTP level;
// http_post.cpp serves POSTs and resumable streams. Never include it elsewhere: it brings
// Beast and its short aliases into namespace mcp.
#pragma once
#include "mcp/transport/http.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <csignal>
#include <deque>
#include <future>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "mcp/jsonrpc.hpp"
#include "mcp/protocol_versions.hpp"
#include "mcp/transport/http_request_rules.hpp"
#include "mcp/transport/http_security.hpp"
#include "mcp/transport/http_sessions.hpp"
#include "util/log.hpp"

namespace mcp {
namespace http_io {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ht = http_transport;
namespace jr = jsonrpc;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;
using Clock = std::chrono::steady_clock;

/// Closed at shutdown so that tool calls finishing late do not post into a dead io_context.
struct Gate {
  std::mutex mutex;
  bool open = true;
};

/// The outgoing messages of one POST, filled from worker threads (via post) and drained by the
/// connection's coroutine. `signal` is a timer used as a wake-up: push() cancels it.
/// On a resumable stream the messages go to the stream's log instead of `queue`, and the
/// Exchange is the connection currently delivering that log (the POST's, later a GET's).
struct Exchange {
  explicit Exchange(const asio::any_io_executor& executor) : signal(executor) {}
  asio::steady_timer signal;
  std::deque<std::pair<std::string, bool>> queue;
  bool abandoned = false;  ///< the client closed the connection

  void push(std::string message, bool final) {
    queue.emplace_back(std::move(message), final);
    signal.cancel();
  }
  void abandon() {
    abandoned = true;
    signal.cancel();
  }
};

struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  beast::flat_buffer buffer;
};

inline std::string_view view(beast::string_view v) { return {v.data(), v.size()}; }

inline std::optional<http_security::Refusal> framing_refusal_of(const HttpRequest& request) {
  http_security::RequestFraming framing;
  framing.version = request.version();
  framing.host_headers = request.count(http::field::host);
  framing.origin_headers = request.count(http::field::origin);
  const auto [first, last] = request.equal_range(http::field::transfer_encoding);
  for (auto field = first; field != last; ++field) {
    if (!framing.transfer_encoding.empty()) framing.transfer_encoding += ',';
    framing.transfer_encoding += std::string(field->value());
  }
  return http_security::framing_refusal(framing);
}

/// How the delivery of a resumable stream on one connection ended.
enum class StreamEnd { kFinal, kClosedByServer, kClientGone, kFellBehind };

/// Attaches a reader to a stream and detaches it however the coroutine delivering it ends (a
/// failed write throws), so that the client can resume on another connection.
struct ReaderAttachment {
  std::shared_ptr<ht::ResumableStream> stream;
  std::shared_ptr<Exchange> reader;
  std::uint64_t ticket;
  ReaderAttachment(std::shared_ptr<ht::ResumableStream> to, std::shared_ptr<Exchange> by, std::uint64_t cursor)
      : stream(std::move(to)), reader(std::move(by)),
        ticket(stream->attach([ex = reader] { ex->signal.cancel(); }, cursor)) {}
  ~ReaderAttachment() { stream->detach(ticket); }
  ReaderAttachment(const ReaderAttachment&) = delete;
  ReaderAttachment& operator=(const ReaderAttachment&) = delete;
};

}  // namespace http_io
using namespace http_io;  // see the header comment: two translation units only

struct HttpServer::Impl {
  Server& server;
  HttpOptions options;
  std::shared_ptr<Gate> gate = std::make_shared<Gate>();
  ht::HttpSessionTable sessions;                                 // I/O thread only (size() aside)
  std::map<Connection*, std::weak_ptr<Connection>> connections;  // I/O thread only
  std::uint16_t bound_port = 0;
  // Declared after the state above so it is destroyed before it: the io_context's destructor
  // destroys suspended coroutine frames, whose cleanup still touches `sessions`.
  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  asio::steady_timer sweeper{ioc};
  std::thread thread;
  std::once_flag stop_once;

  Impl(Server& s, HttpOptions o) : server(s), options(std::move(o)), sessions(options) {}

  /// Counts a request of a session as running while it is served (a busy session is neither
  /// expired nor evicted). A no-op without a session.
  struct SessionRequest {
    Impl* impl;
    std::string id;
    SessionRequest(Impl* i, std::string session_id) : impl(i), id(std::move(session_id)) {
      impl->sessions.note_request(id, +1, Clock::now());
    }
    ~SessionRequest() { impl->sessions.note_request(id, -1, Clock::now()); }
    SessionRequest(const SessionRequest&) = delete;
    SessionRequest& operator=(const SessionRequest&) = delete;
  };

  // ---- lifecycle -----------------------------------------------------------------------------

  util::Result<void> listen();

  void stop();

  awaitable<void> accept_loop();

  /// Idle sessions expire; a session with a request running never does.
  awaitable<void> sweep_loop();

  // ---- connection --------------------------------------------------------------------------------

  awaitable<void> serve(std::shared_ptr<Connection> c);

  awaitable<void> send(Connection& c, HttpResponse& response);

  awaitable<void> send_simple(Connection& c, unsigned version, bool keep_alive, http::status status, std::string text);

  /// A JSON-RPC error answered at the HTTP level (before or instead of the Server).
  awaitable<void> send_rpc_error(Connection& c, const HttpRequest& request, http::status status,
                                 const util::Json& id, int code, std::string message,
                                 std::optional<std::string> www_authenticate = std::nullopt);

  awaitable<void> send_refusal(Connection& c, const HttpRequest& request, ht::HttpRpcError error);

  awaitable<bool> route(std::shared_ptr<Connection> c, HttpRequest& request);

  /// Who sent the request: the per-person caller its bearer token names, an anonymous caller when
  /// the one shared token matches or none is configured, nullopt when it must be refused (401).
  std::optional<Caller> authenticate(const HttpRequest& request) const;

  struct FoundSession {
    std::string id;
    ht::HttpSession* entry = nullptr;  ///< null once the refusal has been answered
  };

  /// The session named by the request's Mcp-Session-Id; 400 (no header) or 404 (unknown or
  /// ended session, or one another caller opened) is answered otherwise, with `id` as the
  /// JSON-RPC id.
  awaitable<FoundSession> find_session(Connection& c, const HttpRequest& request, const util::Json& id,
                                       const Caller& caller);

  awaitable<void> handle_delete(Connection& c, const HttpRequest& request, const Caller& caller);

  // ---- waiting and writing -------------------------------------------------------------------

  /// Ends the client-disconnect watch of an exchange (the socket's pending wait).
  static void stop_watching(Connection& c);

  /// While a POST waits for its answer, the only thing the client may do on the connection is
  /// close it: then the request is abandoned (and cancelled by the caller).
  static void watch_for_disconnect(const std::shared_ptr<Connection>& c, const std::shared_ptr<Exchange>& exchange);

  /// The next outgoing message of an exchange, or nullopt when the client went away. On a quiet
  /// SSE stream a comment line is written every sse_keepalive so proxies keep it open.
  awaitable<std::optional<std::pair<std::string, bool>>> next_message(Exchange& ex, Connection* sse);

  awaitable<void> write_chunk(Connection& c, const std::string& text);

  awaitable<void> write_sse_head(Connection& c, const HttpRequest& request, const std::string& session_id);

  awaitable<void> write_last_chunk(Connection& c);

  /// A WriteFn that hands each message to `deliver` on the I/O thread, unless shut down.
  template <typename Deliver>
  WriteFn posted_writer(Deliver deliver) {
    return [deliver, gate = gate, executor = ioc.get_executor()](std::string message, bool final) {
      std::lock_guard lock(gate->mutex);
      if (!gate->open) return;
      asio::post(executor, [deliver, message = std::move(message), final]() mutable { deliver(std::move(message), final); });
    };
  }

  // ---- resumable streams ---------------------------------------------------------------------

  /// Writes a resumable stream's events after `cursor` as they are logged, until its final
  /// response, a close_stream, or the client going away. Quiet streams get keepalive comments.
  awaitable<StreamEnd> pump(Connection& c, ht::ResumableStream& stream, Exchange& reader, std::uint64_t cursor);

  /// Ends a resumable response. Returns whether the connection may carry another request.
  awaitable<bool> finish_stream(Connection& c, StreamEnd end);

  /// One request of a 2025-11-25+ session as a resumable SSE stream: a priming event (id,
  /// retry, empty data) first, then every message with an id; the events are logged in the
  /// session for GET + Last-Event-ID. The client closing the stream does not cancel the request
  /// (the spec: disconnection SHOULD NOT be read as cancellation; the client may resume, or
  /// cancel with notifications/cancelled); its messages keep going to the log.
  awaitable<bool> post_resumable(std::shared_ptr<Connection> c, HttpRequest& request, std::shared_ptr<Session> session,
                                 std::string session_id);

  /// GET with Last-Event-ID: replays a resumable stream's events after that id, then follows
  /// the stream until its final response. 400 for an id this session never issued, 410 when
  /// the events are no longer kept, 409 while another connection delivers the stream.
  awaitable<bool> handle_resume(std::shared_ptr<Connection> c, HttpRequest& request, const Caller& caller);

  // ---- POST ----------------------------------------------------------------------------------

  awaitable<bool> handle_post(std::shared_ptr<Connection> c, HttpRequest& request, const Caller& caller);

  /// A POST answered on its own connection: 202 for notifications and responses, one JSON
  /// response, or a plain (non-resumable) SSE stream when something precedes the response. The
  /// client closing the connection cancels its requests.
  awaitable<bool> post_direct(std::shared_ptr<Connection> c, HttpRequest& request, const ht::PostRequest& post,
                              std::shared_ptr<Session> session, std::string session_id, bool new_session);
};

}  // namespace mcp

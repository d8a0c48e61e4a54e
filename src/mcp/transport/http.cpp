// The Streamable HTTP transport's I/O on Boost.Beast (see http.hpp for the protocol rules). One
// I/O thread runs every connection as a C++20 coroutine; tool calls run on the Server's worker
// pool and hand their messages back through a posted callback, so no lock guards the connection
// or session state. What a request must carry (http_request_rules), the session table
// (http_sessions) and the event log of a resumable stream (resumable_stream) are decided
// elsewhere, without Beast; this file reads, routes, writes and waits.
// This is the only file that includes Beast: it is slow to compile.
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
namespace {

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

std::string_view view(beast::string_view v) { return {v.data(), v.size()}; }

std::optional<http_security::Refusal> framing_refusal_of(const HttpRequest& request) {
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

}  // namespace

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

  util::Result<void> listen() {
    boost::system::error_code ec;
    const std::string host = options.host == "localhost" ? "127.0.0.1" : options.host;
    const auto address = asio::ip::make_address(host, ec);
    if (ec) return util::fail(util::ErrorKind::kConfig, "invalid HTTP bind address '" + options.host + "'");
    const tcp::endpoint endpoint(address, options.port);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return util::fail(util::ErrorKind::kNetwork,
                        "cannot listen on " + options.host + ":" + std::to_string(options.port) + ": " + ec.message());
    }
    bound_port = acceptor.local_endpoint().port();
    asio::co_spawn(ioc, accept_loop(), asio::detached);
    asio::co_spawn(ioc, sweep_loop(), asio::detached);
    thread = std::thread([this] { ioc.run(); });
    return {};
  }

  void stop() {
    std::call_once(stop_once, [this] {
      {
        std::lock_guard lock(gate->mutex);
        gate->open = false;
      }
      std::promise<void> closed;
      asio::post(ioc, [this, &closed] {
        boost::system::error_code ignored;
        acceptor.close(ignored);
        sweeper.cancel();
        sessions.for_each([](ht::HttpSession& entry) { entry.session->cancel_all(); });
        for (auto& [raw, weak] : connections) {
          if (auto c = weak.lock()) c->stream.socket().close(ignored);
        }
        closed.set_value();
      });
      if (thread.joinable()) {
        closed.get_future().wait_for(std::chrono::seconds(2));
        ioc.stop();
        thread.join();
      }
    });
  }

  awaitable<void> accept_loop() {
    for (;;) {
      boost::system::error_code ec;
      tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(use_awaitable, ec));
      if (ec) {
        if (!acceptor.is_open()) co_return;
        // e.g. EMFILE: keep serving the connections we have, and do not spin on a listen queue
        // that fails at once until a descriptor frees up.
        asio::steady_timer pause(ioc, std::chrono::milliseconds(50));
        co_await pause.async_wait(asio::redirect_error(use_awaitable, ec));
        continue;
      }
      auto connection = std::make_shared<Connection>(std::move(socket));
      connections[connection.get()] = connection;
      asio::co_spawn(ioc, serve(connection), asio::detached);
    }
  }

  /// Idle sessions expire; a session with a request running never does.
  awaitable<void> sweep_loop() {
    // Often enough to drop delivered event logs about when their grace period ends.
    const auto wanted = std::min<std::chrono::milliseconds>(options.session_idle_timeout / 4, options.sse_replay_grace);
    const auto period = std::clamp<std::chrono::milliseconds>(wanted, std::chrono::seconds(1), std::chrono::seconds(60));
    for (;;) {
      sweeper.expires_after(period);
      boost::system::error_code ec;
      co_await sweeper.async_wait(asio::redirect_error(use_awaitable, ec));
      if (ec || !acceptor.is_open()) co_return;
      sessions.expire_idle(Clock::now());
    }
  }

  // ---- connection --------------------------------------------------------------------------------

  awaitable<void> serve(std::shared_ptr<Connection> c) {
    bool first = true;
    try {
      for (;;) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(options.max_body_bytes);
        parser.header_limit(32 * 1024);
        boost::system::error_code ec;
        c->stream.expires_after(first ? options.request_read_timeout : options.keep_alive_timeout);
        co_await http::async_read_header(c->stream, c->buffer, parser, asio::redirect_error(use_awaitable, ec));
        if (!ec && !parser.is_done()) {
          c->stream.expires_after(options.request_read_timeout);
          co_await http::async_read(c->stream, c->buffer, parser, asio::redirect_error(use_awaitable, ec));
        }
        first = false;
        if (ec == http::error::body_limit) {
          std::string why = "request body exceeds " + std::to_string(options.max_body_bytes) + " bytes";
          co_await send_simple(*c, 11, false, http::status::payload_too_large, std::move(why));
          break;
        }
        if (ec == http::error::header_limit) {
          co_await send_simple(*c, 11, false, http::status::request_header_fields_too_large, "headers too large");
          break;
        }
        if (ec) {
          if (ec.category() == http::make_error_code(http::error::end_of_stream).category() && ec != http::error::end_of_stream &&
              ec != http::error::partial_message) {
            co_await send_simple(*c, 11, false, http::status::bad_request, "malformed HTTP request");
          }
          break;  // EOF, timeout, reset
        }
        HttpRequest request = parser.release();
        if (auto refusal = framing_refusal_of(request)) {
          // Framing we cannot trust: answer and close (the next request's bounds are unknown).
          co_await send_simple(*c, request.version(), false, static_cast<http::status>(refusal->status),
                               std::move(refusal->reason));
          break;
        }
        const bool keep = co_await route(c, request);
        if (!keep || !request.keep_alive()) break;
      }
    } catch (const std::exception& e) {
      spdlog::debug("http: connection ended: {}", e.what());
    }
    boost::system::error_code ignored;
    c->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    c->stream.close();
    connections.erase(c.get());
  }

  awaitable<void> send(Connection& c, HttpResponse& response) {
    response.prepare_payload();
    c.stream.expires_after(options.write_timeout);
    co_await http::async_write(c.stream, response, use_awaitable);
  }

  awaitable<void> send_simple(Connection& c, unsigned version, bool keep_alive, http::status status, std::string text) {
    HttpResponse response{status, version};
    response.keep_alive(keep_alive);
    response.set(http::field::content_type, "text/plain; charset=utf-8");
    response.body() = std::move(text) + "\n";
    co_await send(c, response);
  }

  /// A JSON-RPC error answered at the HTTP level (before or instead of the Server).
  awaitable<void> send_rpc_error(Connection& c, const HttpRequest& request, http::status status,
                                 const util::Json& id, int code, std::string message,
                                 std::optional<std::string> www_authenticate = std::nullopt) {
    HttpResponse response{status, request.version()};
    response.keep_alive(request.keep_alive());
    response.set(http::field::content_type, "application/json");
    if (www_authenticate) response.set(http::field::www_authenticate, *www_authenticate);
    if (status == http::status::method_not_allowed) {
      response.set(http::field::allow, options.stateless ? "POST" : "POST, DELETE");
    }
    response.body() = jr::make_error(id, code, std::move(message)).dump();
    co_await send(c, response);
  }

  awaitable<void> send_refusal(Connection& c, const HttpRequest& request, ht::HttpRpcError error) {
    co_await send_rpc_error(c, request, static_cast<http::status>(error.status), error.id, error.code,
                            std::move(error.message));
  }

  awaitable<bool> route(std::shared_ptr<Connection> c, HttpRequest& request) {
    std::string_view target = view(request.target());
    if (auto q = target.find('?'); q != std::string_view::npos) target = target.substr(0, q);

    if (target == "/healthz") {
      HttpResponse response{http::status::ok, request.version()};
      response.keep_alive(request.keep_alive());
      if (request.method() != http::verb::get && request.method() != http::verb::head) {
        response.result(http::status::method_not_allowed);
        response.set(http::field::allow, "GET, HEAD");
      } else {
        response.set(http::field::content_type, "application/json");
        response.set(http::field::cache_control, "no-store");
        if (request.method() == http::verb::get) response.body() = R"({"status":"ok"})";
      }
      co_await send(*c, response);
      co_return true;
    }
    if (target != options.path) {
      co_await send_simple(*c, request.version(), request.keep_alive(), http::status::not_found, "not found");
      co_return true;
    }
    // DNS rebinding: a browser tricked into talking to us carries a foreign Host or Origin.
    if (!http_security::host_allowed(ht::trimmed(view(request[http::field::host])), options.allowed_hosts) ||
        !http_security::origin_allowed(ht::trimmed(view(request[http::field::origin])), options.allowed_origins)) {
      spdlog::warn("http: refused a request with Host '{}' / Origin '{}'", std::string(request[http::field::host]),
                   std::string(request[http::field::origin]));
      co_await send_rpc_error(*c, request, http::status::forbidden, nullptr, jr::kServerError,
                              "Forbidden: Host or Origin not allowed");
      co_return true;
    }
    if (!options.bearer_token.empty()) {
      if (!http_security::bearer_matches(view(request[http::field::authorization]), options.bearer_token)) {
        std::string challenge = request[http::field::authorization].empty()
                                    ? R"(Bearer realm="mcp")"
                                    : R"(Bearer realm="mcp", error="invalid_token")";
        co_await send_rpc_error(*c, request, http::status::unauthorized, nullptr, jr::kServerError, "Unauthorized",
                                challenge);
        co_return true;
      }
    }
    switch (request.method()) {
      case http::verb::post: co_return co_await handle_post(c, request);
      case http::verb::delete_: co_await handle_delete(*c, request); co_return true;
      case http::verb::get:
        if (!options.stateless && request.find("Last-Event-ID") != request.end()) {
          co_return co_await handle_resume(c, request);
        }
        [[fallthrough]];
      default:
        // No standalone GET stream: this server never sends unsolicited messages.
        co_await send_rpc_error(*c, request, http::status::method_not_allowed, nullptr, jr::kServerError,
                                "Method Not Allowed");
        co_return true;
    }
  }

  struct FoundSession {
    std::string id;
    ht::HttpSession* entry = nullptr;  ///< null once the refusal has been answered
  };

  /// The session named by the request's Mcp-Session-Id; 400 (no header) or 404 (unknown or
  /// ended session) is answered otherwise, with `id` as the JSON-RPC id.
  awaitable<FoundSession> find_session(Connection& c, const HttpRequest& request, const util::Json& id) {
    FoundSession found{ht::trimmed(view(request["Mcp-Session-Id"]))};
    if (found.id.empty()) {
      co_await send_rpc_error(c, request, http::status::bad_request, id, jr::kServerError,
                              "Bad Request: Mcp-Session-Id header is required");
      co_return found;
    }
    found.entry = sessions.find(found.id);
    if (found.entry == nullptr) {
      co_await send_rpc_error(c, request, http::status::not_found, id, jr::kSessionNotFound, "Session not found");
    }
    co_return found;
  }

  awaitable<void> handle_delete(Connection& c, const HttpRequest& request) {
    if (options.stateless) {
      co_await send_rpc_error(c, request, http::status::method_not_allowed, nullptr, jr::kServerError,
                              "Method Not Allowed: this server keeps no sessions");
      co_return;
    }
    auto found = co_await find_session(c, request, nullptr);
    if (found.entry == nullptr) co_return;
    sessions.close(found.id);
    HttpResponse response{http::status::ok, request.version()};
    response.keep_alive(request.keep_alive());
    co_await send(c, response);
  }

  // ---- waiting and writing -------------------------------------------------------------------

  /// Ends the client-disconnect watch of an exchange (the socket's pending wait).
  static void stop_watching(Connection& c) {
    boost::system::error_code ignored;
    c.stream.socket().cancel(ignored);
  }

  /// While a POST waits for its answer, the only thing the client may do on the connection is
  /// close it: then the request is abandoned (and cancelled by the caller).
  static void watch_for_disconnect(const std::shared_ptr<Connection>& c, const std::shared_ptr<Exchange>& exchange) {
    c->stream.socket().async_wait(tcp::socket::wait_read, [c, weak = std::weak_ptr<Exchange>(exchange)](
                                                             const boost::system::error_code& ec) {
      if (ec) return;  // cancelled: the exchange ended normally
      auto ex = weak.lock();
      if (!ex) return;
      char byte;
      boost::system::error_code peek_ec;
      const auto n = c->stream.socket().receive(asio::buffer(&byte, 1), tcp::socket::message_peek, peek_ec);
      if (peek_ec || n == 0) ex->abandon();  // EOF or reset; pipelined data is left for the next read
    });
  }

  /// The next outgoing message of an exchange, or nullopt when the client went away. On a quiet
  /// SSE stream a comment line is written every sse_keepalive so proxies keep it open.
  awaitable<std::optional<std::pair<std::string, bool>>> next_message(Exchange& ex, Connection* sse) {
    for (;;) {
      if (ex.abandoned) co_return std::nullopt;
      if (!ex.queue.empty()) {
        auto message = std::move(ex.queue.front());
        ex.queue.pop_front();
        co_return message;
      }
      ex.signal.expires_after(options.sse_keepalive);
      boost::system::error_code ec;
      co_await ex.signal.async_wait(asio::redirect_error(use_awaitable, ec));
      if (!ec && sse != nullptr && !ex.abandoned) co_await write_chunk(*sse, ": keepalive\n\n");
    }
  }

  awaitable<void> write_chunk(Connection& c, const std::string& text) {
    c.stream.expires_after(options.write_timeout);
    co_await asio::async_write(c.stream, http::make_chunk(asio::buffer(text)), use_awaitable);
  }

  awaitable<void> write_sse_head(Connection& c, const HttpRequest& request, const std::string& session_id) {
    http::response<http::empty_body> head{http::status::ok, request.version()};
    head.keep_alive(request.keep_alive());
    head.set(http::field::content_type, "text/event-stream");
    head.set(http::field::cache_control, "no-cache");
    head.set("X-Accel-Buffering", "no");  // nginx: do not buffer the stream
    if (!session_id.empty()) head.set("Mcp-Session-Id", session_id);
    head.chunked(true);
    http::response_serializer<http::empty_body> serializer{head};
    c.stream.expires_after(options.write_timeout);
    co_await http::async_write_header(c.stream, serializer, use_awaitable);
  }

  awaitable<void> write_last_chunk(Connection& c) {
    c.stream.expires_after(options.write_timeout);
    co_await asio::async_write(c.stream, http::make_chunk_last(), use_awaitable);
  }

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
  awaitable<StreamEnd> pump(Connection& c, ht::ResumableStream& stream, Exchange& reader, std::uint64_t cursor) {
    using Step = ht::ResumableStream::Step;
    for (;;) {
      if (reader.abandoned) co_return StreamEnd::kClientGone;
      const auto next = stream.next(cursor);
      if (next.step == Step::kFellBehind) co_return StreamEnd::kFellBehind;
      if (next.step == Step::kClosedByServer) co_return StreamEnd::kClosedByServer;
      if (next.step == Step::kFinal) co_return StreamEnd::kFinal;
      if (next.step == Step::kWrite) {
        const std::string text = next.event->text;  // a copy: the log may change while it is written
        const bool final = next.event->final;
        cursor = next.event->seq;
        co_await write_chunk(c, text);
        stream.written(cursor, final, Clock::now());
        if (final) co_return StreamEnd::kFinal;
        continue;
      }
      reader.signal.expires_after(options.sse_keepalive);
      boost::system::error_code ec;
      co_await reader.signal.async_wait(asio::redirect_error(use_awaitable, ec));
      if (!ec && !reader.abandoned) co_await write_chunk(c, ": keepalive\n\n");
    }
  }

  /// Ends a resumable response. Returns whether the connection may carry another request.
  awaitable<bool> finish_stream(Connection& c, StreamEnd end) {
    switch (end) {
      case StreamEnd::kFinal:
      case StreamEnd::kClosedByServer:
        // A clean end: after close_stream the client resumes with GET and Last-Event-ID.
        co_await write_last_chunk(c);
        co_return true;
      case StreamEnd::kFellBehind:
        spdlog::warn("http: a slow reader fell behind a stream's event log; ending its connection");
        co_return false;
      case StreamEnd::kClientGone:
      default:
        co_return false;
    }
  }

  /// One request of a 2025-11-25+ session as a resumable SSE stream: a priming event (id,
  /// retry, empty data) first, then every message with an id; the events are logged in the
  /// session for GET + Last-Event-ID. The client closing the stream does not cancel the request
  /// (the spec: disconnection SHOULD NOT be read as cancellation; the client may resume, or
  /// cancel with notifications/cancelled); its messages keep going to the log.
  awaitable<bool> post_resumable(std::shared_ptr<Connection> c, HttpRequest& request, std::shared_ptr<Session> session,
                                 std::string session_id) {
    // Looked up by the caller, with no suspension since.
    auto stream = sessions.open_stream(*sessions.find(session_id), Clock::now());
    ReaderAttachment attachment(stream, std::make_shared<Exchange>(ioc.get_executor()), 0);
    const std::weak_ptr<ht::ResumableStream> weak = stream;
    WriteFn write = posted_writer([weak](std::string message, bool final) {
      if (auto s = weak.lock()) s->append(message, final);
    });
    CloseStreamFn close_stream = [weak, gate = gate, executor = ioc.get_executor()] {
      std::lock_guard lock(gate->mutex);
      if (!gate->open) return;
      asio::post(executor, [weak] {
        if (auto s = weak.lock()) s->close_reader();
      });
    };
    const bool responds = server.handle(request.body(), *session, write, close_stream);
    if (!responds) {
      sessions.drop_stream(session_id, stream->number());
      HttpResponse response{http::status::accepted, request.version()};
      response.keep_alive(request.keep_alive());
      co_await send(*c, response);
      co_return true;
    }
    watch_for_disconnect(c, attachment.reader);
    co_await write_sse_head(*c, request, std::string());
    co_await write_chunk(*c, stream->priming_event(options.sse_retry));
    const StreamEnd end = co_await pump(*c, *stream, *attachment.reader, 0);
    stop_watching(*c);
    co_return co_await finish_stream(*c, end);
  }

  /// GET with Last-Event-ID: replays a resumable stream's events after that id, then follows
  /// the stream until its final response. 400 for an id this session never issued, 410 when
  /// the events are no longer kept, 409 while another connection delivers the stream.
  awaitable<bool> handle_resume(std::shared_ptr<Connection> c, HttpRequest& request) {
    if (!ht::accepts_event_stream(view(request[http::field::accept]))) {
      co_await send_rpc_error(*c, request, http::status::not_acceptable, nullptr, jr::kServerError,
                              "Not Acceptable: a resumed stream is text/event-stream");
      co_return true;
    }
    auto found = co_await find_session(*c, request, nullptr);
    if (found.entry == nullptr) co_return true;
    auto point = sessions.resume_point(*found.entry, ht::trimmed(view(request["Last-Event-ID"])), Clock::now());
    if (!point) {
      http::status status = http::status::bad_request;
      std::string why = "Bad Request: Last-Event-ID was not issued by this session";
      if (point.error() == ht::ResumeRefusal::kGone) {
        status = http::status::gone;
        why = "Gone: the events after Last-Event-ID are no longer kept";
      } else if (point.error() == ht::ResumeRefusal::kBeingDelivered) {
        status = http::status::conflict;
        why = "Conflict: the stream is being delivered on another connection";
      }
      co_await send_rpc_error(*c, request, status, nullptr, jr::kServerError, std::move(why));
      co_return true;
    }
    SessionRequest busy(this, found.id);
    ReaderAttachment attachment(point->stream, std::make_shared<Exchange>(ioc.get_executor()), point->seq);
    watch_for_disconnect(c, attachment.reader);
    co_await write_sse_head(*c, request, found.id);
    const StreamEnd end = co_await pump(*c, *point->stream, *attachment.reader, point->seq);
    stop_watching(*c);
    co_return co_await finish_stream(*c, end);
  }

  // ---- POST ----------------------------------------------------------------------------------

  awaitable<bool> handle_post(std::shared_ptr<Connection> c, HttpRequest& request) {
    const ht::PostHeaders headers{view(request[http::field::content_type]), view(request[http::field::accept]),
                                  view(request["MCP-Protocol-Version"]), view(request["Mcp-Method"]),
                                  view(request["Mcp-Name"])};
    auto post = ht::read_post(headers, request.body());
    if (!post) {
      co_await send_refusal(*c, request, std::move(post.error()));
      co_return true;
    }

    // Which Session serves this POST.
    std::shared_ptr<Session> session;
    std::string session_id;  // of a stateful legacy session
    bool new_session = false;
    if (post->stateless || options.stateless) {
      session = std::make_shared<Session>();
      if (!post->stateless && !post->is_initialize) {
        session->assume_initialized(post->header_version.empty() ? std::string(versions::kLegacyLatest)
                                                                 : post->header_version);
      }
    } else if (post->is_initialize) {
      session = std::make_shared<Session>();
      auto opened = sessions.open(session, Clock::now());
      if (!opened) {
        co_await send_rpc_error(*c, request, http::status::service_unavailable, post->id, jr::kServerError,
                                "Service Unavailable: too many sessions");
        co_return true;
      }
      session_id = std::move(*opened);
      new_session = true;
    } else {
      auto found = co_await find_session(*c, request, post->id);
      if (found.entry == nullptr) co_return true;
      session_id = found.id;
      session = found.entry->session;
    }
    SessionRequest busy(this, session_id);

    // Every request of a 2025-11-25+ session but initialize (answered at once, before the
    // session exists for the client) is a resumable stream when the client accepts one: a
    // stream has to be resumable from its first byte (the priming event's id), whether or not
    // anything will precede the response, and a handler may end it early (close_stream).
    // Earlier revisions get no priming event: their clients cannot parse an empty data field.
    if (post->accepts_sse && !session_id.empty() && !post->is_initialize &&
        session->negotiated_version() >= versions::kLegacyLatest) {
      co_return co_await post_resumable(c, request, session, session_id);
    }
    co_return co_await post_direct(c, request, *post, session, session_id, new_session);
  }

  /// A POST answered on its own connection: 202 for notifications and responses, one JSON
  /// response, or a plain (non-resumable) SSE stream when something precedes the response. The
  /// client closing the connection cancels its requests.
  awaitable<bool> post_direct(std::shared_ptr<Connection> c, HttpRequest& request, const ht::PostRequest& post,
                              std::shared_ptr<Session> session, std::string session_id, bool new_session) {
    auto exchange = std::make_shared<Exchange>(ioc.get_executor());
    WriteFn write = posted_writer([weak = std::weak_ptr<Exchange>(exchange)](std::string message, bool final) {
      if (auto ex = weak.lock()) ex->push(std::move(message), final);
    });
    const bool responds = server.handle(request.body(), *session, write);
    if (!responds) {
      HttpResponse response{http::status::accepted, request.version()};
      response.keep_alive(request.keep_alive());
      co_await send(*c, response);
      co_return true;
    }
    auto abandon = [&] {
      spdlog::debug("http: client closed the stream; cancelling {} request(s)", post.request_ids.size());
      for (const auto& rid : post.request_ids) session->cancel_request(rid);
    };

    watch_for_disconnect(c, exchange);
    auto first = co_await next_message(*exchange, nullptr);
    if (!first) {
      abandon();
      co_return false;
    }

    if (first->second || !post.accepts_sse) {
      // One JSON answer: the response came first, or the client cannot take a stream (then
      // whatever precedes the response is dropped).
      std::optional<std::pair<std::string, bool>> message = std::move(first);
      while (message && !message->second) message = co_await next_message(*exchange, nullptr);
      stop_watching(*c);
      if (!message) {
        abandon();
        co_return false;
      }
      const auto status = post.stateless ? static_cast<http::status>(ht::status_for_stateless(message->first))
                                         : http::status::ok;
      HttpResponse response{status, request.version()};
      response.keep_alive(request.keep_alive());
      response.set(http::field::content_type, "application/json");
      if (new_session) {
        if (ht::is_error_response(message->first)) {
          sessions.close(session_id);  // initialize failed: no session to keep
        } else {
          response.set("Mcp-Session-Id", session_id);
        }
      }
      response.body() = std::move(message->first);
      co_await send(*c, response);
      co_return true;
    }

    // An SSE stream: notifications and requests to the client first, the response last.
    std::string head_session_id = new_session ? session_id : std::string();
    co_await write_sse_head(*c, request, head_session_id);
    std::optional<std::pair<std::string, bool>> message = std::move(first);
    while (message) {
      const std::string event = "event: message\ndata: " + message->first + "\n\n";
      co_await write_chunk(*c, event);
      if (message->second) break;
      message = co_await next_message(*exchange, c.get());
    }
    stop_watching(*c);
    if (!message) {
      abandon();
      co_return false;
    }
    co_await write_last_chunk(*c);
    co_return true;
  }
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() {
  if (impl_) impl_->stop();
}

util::Result<std::unique_ptr<HttpServer>> HttpServer::start(Server& server, HttpOptions options) {
  if (options.path.empty() || options.path.front() != '/') {
    return util::fail(util::ErrorKind::kConfig, "HTTP path must start with '/'");
  }
  if (options.max_sessions == 0) options.max_sessions = 1;
  if (!http_security::is_loopback_host(options.host) && options.bearer_token.empty()) {
    return util::fail(util::ErrorKind::kConfig,
                      "listening on the non-loopback address '" + options.host + "' requires a bearer token");
  }
  auto impl = std::make_unique<Impl>(server, std::move(options));
  if (auto listening = impl->listen(); !listening) return util::Unexpected(listening.error());
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

std::uint16_t HttpServer::port() const { return impl_->bound_port; }
void HttpServer::stop() { impl_->stop(); }
std::size_t HttpServer::session_count() const { return impl_->sessions.size(); }

int run_http(Server& server, HttpOptions options) {
  std::signal(SIGPIPE, SIG_IGN);
  // Block the stop signals before any thread starts, so that only sigwait below sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  const std::string host = options.host;
  const std::string path = options.path;
  auto started = HttpServer::start(server, std::move(options));
  if (!started) {
    std::cerr << "cannot serve MCP over HTTP: " << started.error().message << '\n';
    return started.error().kind == util::ErrorKind::kConfig ? 2 : 1;
  }
  const bool ipv6 = host.find(':') != std::string::npos;
  spdlog::info("serving MCP on http://{}{}{}:{}{}", ipv6 ? "[" : "", host, ipv6 ? "]" : "", (*started)->port(), path);
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  spdlog::info("http: signal {} received, shutting down", signal_number);
  (*started)->stop();
  return 0;
}

}  // namespace mcp

// The Streamable HTTP transport on Boost.Beast (see http.hpp). One I/O thread runs every
// connection as a C++20 coroutine; tool calls run on the Server's worker pool and hand their
// messages back through a posted callback, so no lock guards the connection or session state.
// Resumable streams (see http.hpp) log their events in the session (EventStream); whichever
// connection currently delivers a stream (the POST's, later a GET's) reads that log.
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
#include <atomic>
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
#include "mcp/transport/http_security.hpp"
#include "util/log.hpp"

namespace mcp {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
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
/// On a resumable stream the messages go to the EventStream's log instead of `queue`, and the
/// Exchange is the connection currently delivering that log (the POST's, later a GET's).
struct Exchange {
  explicit Exchange(const asio::any_io_executor& executor) : signal(executor) {}
  asio::steady_timer signal;
  std::deque<std::pair<std::string, bool>> queue;
  bool abandoned = false;  ///< the client closed the connection
  /// Set by close_stream: deliver the events up to this sequence number, then end the response.
  std::optional<std::uint64_t> close_after;

  void push(std::string message, bool final) {
    queue.emplace_back(std::move(message), final);
    signal.cancel();
  }
  void abandon() {
    abandoned = true;
    signal.cancel();
  }
};

/// Resumability (2025-11-25 "Resumability and Redelivery"): the SSE events of one legacy POST,
/// kept so that a client that lost the stream, or was told to poll by close_stream, can GET
/// them again with Last-Event-ID. Event ids are "<stream>-<seq>": unique within the session,
/// and they name their stream. seq 0 is the priming event (not logged: it carries no message).
/// The log is bounded (events and bytes, the newest event always kept so a large final
/// response survives). Events the attached reader has not written yet are spared up to four
/// times those caps, so that a burst does not cost a live stream its events; a reader further
/// behind loses the stream. A client that asks for evicted events gets 410.
struct EventStream {
  struct Event {
    std::uint64_t seq = 0;
    std::string text;  ///< the whole SSE event block
    bool final = false;
  };
  EventStream(std::uint64_t n, std::size_t events_cap, std::size_t bytes_cap)
      : number(n), max_events(events_cap), max_bytes(bytes_cap) {}

  std::uint64_t number;
  std::size_t max_events;
  std::size_t max_bytes;
  std::deque<Event> log;
  std::size_t log_bytes = 0;
  std::uint64_t last_seq = 0;
  bool complete = false;                        ///< the final response is in the log
  std::optional<Clock::time_point> delivered;  ///< when a reader wrote the final response
  std::shared_ptr<Exchange> reader;             ///< the connection delivering it now, if any
  std::uint64_t reader_cursor = 0;              ///< the last event that reader wrote

  std::string event_id(std::uint64_t seq) const { return std::to_string(number) + "-" + std::to_string(seq); }

  void append(const std::string& message, bool final) {
    const std::uint64_t seq = ++last_seq;
    Event event{seq, "id: " + event_id(seq) + "\nevent: message\ndata: " + message + "\n\n", final};
    log_bytes += event.text.size();
    log.push_back(std::move(event));
    trim();
    if (final) complete = true;
    if (reader) reader->signal.cancel();
  }
  void trim() {
    while (log.size() > 1 && (log.size() > max_events || log_bytes > max_bytes)) {
      const bool written = !reader || log.front().seq <= reader_cursor;
      const bool far_behind = log.size() > 4 * max_events || log_bytes > 4 * max_bytes;
      if (!written && !far_behind) break;
      log_bytes -= log.front().text.size();
      log.pop_front();
    }
  }
  /// close_stream: the current reader ends after what has been sent so far.
  void close_reader() {
    if (!reader) return;
    reader->close_after = last_seq;
    reader->signal.cancel();
  }
  /// The first logged event after `seq`, or null (none yet, or evicted: see evicted_after).
  const Event* after(std::uint64_t seq) const {
    if (log.empty() || seq >= log.back().seq) return nullptr;
    if (seq + 1 < log.front().seq) return nullptr;
    return &log[static_cast<std::size_t>(seq + 1 - log.front().seq)];
  }
  /// True when events following `seq` were evicted from the log by its caps.
  bool evicted_after(std::uint64_t seq) const { return !log.empty() && seq + 1 < log.front().seq; }
};

struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  beast::flat_buffer buffer;
};

struct SessionEntry {
  std::shared_ptr<Session> session;
  Clock::time_point last_used;
  int active_posts = 0;  ///< POSTs and resumption GETs being served
  std::uint64_t streams_opened = 0;
  std::map<std::uint64_t, std::shared_ptr<EventStream>> streams;  ///< resumable, by number
};

/// "<stream>-<seq>" of a Last-Event-ID header, or nullopt when it is not of that form.
std::optional<std::pair<std::uint64_t, std::uint64_t>> parse_event_id(const std::string& id) {
  const auto dash = id.find('-');
  if (dash == std::string::npos || dash == 0 || dash + 1 == id.size() || id.size() > 41) return std::nullopt;
  std::uint64_t parts[2] = {0, 0};
  std::size_t part = 0;
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (i == dash) {
      part = 1;
      continue;
    }
    if (id[i] < '0' || id[i] > '9') return std::nullopt;
    if (parts[part] > (UINT64_MAX - 9) / 10) return std::nullopt;
    parts[part] = parts[part] * 10 + static_cast<std::uint64_t>(id[i] - '0');
  }
  return std::pair{parts[0], parts[1]};
}

std::string trimmed(beast::string_view v) {
  std::string_view s(v.data(), v.size());
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::string lowered(beast::string_view v) {
  std::string s(v.data(), v.size());
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string rpc_error_body(const util::Json& id, int code, std::string message) {
  return jsonrpc::make_error(id, code, std::move(message)).dump();
}

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

/// HTTP status of a stateless (2026-07-28 style) response, from its JSON-RPC error code.
http::status status_for_stateless(const std::string& message) {
  if (message.find("\"error\"") == std::string::npos) return http::status::ok;
  const util::Json parsed = util::Json::parse(message, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("error")) return http::status::ok;
  const auto code = parsed["error"].value("code", 0);
  switch (code) {
    case jsonrpc::kMethodNotFound: return http::status::not_found;
    case jsonrpc::kInvalidParams:
    case jsonrpc::kInvalidRequest:
    case jsonrpc::kParseError:
    case jsonrpc::kHeaderMismatch:
    case -32021:  // MissingRequiredClientCapability
    case jsonrpc::kUnsupportedProtocolVersion: return http::status::bad_request;
    case jsonrpc::kInternalError: return http::status::internal_server_error;
    default: return http::status::ok;
  }
}

}  // namespace

struct HttpServer::Impl {
  Server& server;
  HttpOptions options;
  std::shared_ptr<Gate> gate = std::make_shared<Gate>();
  std::map<std::string, SessionEntry> sessions;                // I/O thread only
  std::map<Connection*, std::weak_ptr<Connection>> connections;  // I/O thread only
  std::atomic<std::size_t> live_sessions{0};
  std::uint16_t bound_port = 0;
  // Declared after the state above so it is destroyed before it: the io_context's destructor
  // destroys suspended coroutine frames, whose cleanup still touches `sessions`.
  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  asio::steady_timer sweeper{ioc};
  std::thread thread;
  std::once_flag stop_once;

  Impl(Server& s, HttpOptions o) : server(s), options(std::move(o)) {}

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
        for (auto& [id, entry] : sessions) entry.session->cancel_all();
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
      expire_idle_sessions();
    }
  }

  static bool is_busy(const SessionEntry& entry) { return entry.active_posts > 0 || entry.session->in_flight() > 0; }

  void expire_idle_sessions() {
    const auto now = Clock::now();
    for (auto it = sessions.begin(); it != sessions.end();) {
      if (!is_busy(it->second) && now - it->second.last_used > options.session_idle_timeout) {
        spdlog::debug("http: session expired after inactivity");
        it = sessions.erase(it);
      } else {
        prune_streams(it->second, now);
        ++it;
      }
    }
    live_sessions = sessions.size();
  }

  /// Bounds a session's event logs: a stream whose final response was delivered is kept for
  /// sse_replay_grace (the last write may not have reached the client), and at most
  /// sse_replay_max_streams finished streams are kept (the oldest go first). A running stream
  /// is never dropped: it is bounded by its own caps and ends with its request.
  void prune_streams(SessionEntry& entry, Clock::time_point now) const {
    std::size_t finished = 0;
    for (auto it = entry.streams.begin(); it != entry.streams.end();) {
      const EventStream& stream = *it->second;
      if (!stream.reader && stream.delivered && now - *stream.delivered >= options.sse_replay_grace) {
        it = entry.streams.erase(it);
        continue;
      }
      if (stream.complete && !stream.reader) ++finished;
      ++it;
    }
    for (auto it = entry.streams.begin(); finished > options.sse_replay_max_streams && it != entry.streams.end();) {
      if (it->second->complete && !it->second->reader) {
        it = entry.streams.erase(it);
        --finished;
      } else {
        ++it;
      }
    }
  }

  /// Makes room for one more session: evicts the least recently used idle one when full.
  bool make_room() {
    expire_idle_sessions();
    if (sessions.size() < options.max_sessions) return true;
    auto victim = sessions.end();
    for (auto it = sessions.begin(); it != sessions.end(); ++it) {
      if (is_busy(it->second)) continue;
      if (victim == sessions.end() || it->second.last_used < victim->second.last_used) victim = it;
    }
    if (victim == sessions.end()) return false;
    spdlog::info("http: session limit ({}) reached, evicting the least recently used idle session",
                 options.max_sessions);
    sessions.erase(victim);
    live_sessions = sessions.size();
    return true;
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
    response.body() = rpc_error_body(id, code, std::move(message));
    co_await send(c, response);
  }

  awaitable<bool> route(std::shared_ptr<Connection> c, HttpRequest& request) {
    std::string_view target(request.target().data(), request.target().size());
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
    if (!http_security::host_allowed(trimmed(request[http::field::host]), options.allowed_hosts) ||
        !http_security::origin_allowed(trimmed(request[http::field::origin]), options.allowed_origins)) {
      spdlog::warn("http: refused a request with Host '{}' / Origin '{}'", std::string(request[http::field::host]),
                   std::string(request[http::field::origin]));
      co_await send_rpc_error(*c, request, http::status::forbidden, nullptr, -32000, "Forbidden: Host or Origin not allowed");
      co_return true;
    }
    if (!options.bearer_token.empty()) {
      const auto authorization = request[http::field::authorization];
      if (!http_security::bearer_matches(std::string_view(authorization.data(), authorization.size()),
                                         options.bearer_token)) {
        std::string challenge = authorization.empty() ? R"(Bearer realm="mcp")" : R"(Bearer realm="mcp", error="invalid_token")";
        co_await send_rpc_error(*c, request, http::status::unauthorized, nullptr, -32000, "Unauthorized", challenge);
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
        co_await send_rpc_error(*c, request, http::status::method_not_allowed, nullptr, -32000, "Method Not Allowed");
        co_return true;
    }
  }

  /// The session named by the request's Mcp-Session-Id, or sessions.end() once 400 (no header)
  /// or 404 (unknown or ended session) has been answered; `id` is the JSON-RPC id to answer with.
  awaitable<std::map<std::string, SessionEntry>::iterator> find_session(Connection& c, const HttpRequest& request,
                                                                         const util::Json& id) {
    const std::string session_id = trimmed(request["Mcp-Session-Id"]);
    if (session_id.empty()) {
      co_await send_rpc_error(c, request, http::status::bad_request, id, -32000,
                              "Bad Request: Mcp-Session-Id header is required");
      co_return sessions.end();
    }
    auto it = sessions.find(session_id);
    if (it == sessions.end()) {
      co_await send_rpc_error(c, request, http::status::not_found, id, -32001, "Session not found");
    }
    co_return it;
  }

  awaitable<void> handle_delete(Connection& c, const HttpRequest& request) {
    if (options.stateless) {
      co_await send_rpc_error(c, request, http::status::method_not_allowed, nullptr, -32000,
                              "Method Not Allowed: this server keeps no sessions");
      co_return;
    }
    auto it = co_await find_session(c, request, nullptr);
    if (it == sessions.end()) co_return;
    it->second.session->cancel_all();
    for (auto& [number, stream] : it->second.streams) stream->close_reader();  // their responses never come
    sessions.erase(it);
    live_sessions = sessions.size();
    HttpResponse response{http::status::ok, request.version()};
    response.keep_alive(request.keep_alive());
    co_await send(c, response);
  }

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

  // ---- resumable streams ---------------------------------------------------------------------

  enum class StreamEnd { kFinal, kClosedByServer, kClientGone, kFellBehind };

  /// Detaches a reader from its stream however the coroutine delivering it ends (a failed write
  /// throws), so that the client can resume on another connection.
  struct ReaderAttachment {
    std::shared_ptr<EventStream> stream;
    std::shared_ptr<Exchange> reader;
    ReaderAttachment(std::shared_ptr<EventStream> s, std::shared_ptr<Exchange> r, std::uint64_t cursor)
        : stream(std::move(s)), reader(std::move(r)) {
      stream->reader = reader;
      stream->reader_cursor = cursor;
    }
    ~ReaderAttachment() {
      if (stream->reader != reader) return;
      stream->reader.reset();
      stream->trim();  // what was spared for this reader is now bounded again
    }
    ReaderAttachment(const ReaderAttachment&) = delete;
    ReaderAttachment& operator=(const ReaderAttachment&) = delete;
  };

  /// Writes a resumable stream's events after `cursor` as they are logged, until its final
  /// response, a close_stream, or the client going away. Quiet streams get keepalive comments.
  awaitable<StreamEnd> pump(Connection& c, EventStream& stream, Exchange& reader, std::uint64_t cursor) {
    for (;;) {
      if (reader.abandoned) co_return StreamEnd::kClientGone;
      if (stream.evicted_after(cursor)) co_return StreamEnd::kFellBehind;
      const EventStream::Event* event = stream.after(cursor);
      if (event != nullptr && !(reader.close_after && event->seq > *reader.close_after)) {
        const std::string text = event->text;  // a copy: the log may change while it is written
        const bool final = event->final;
        cursor = event->seq;
        co_await write_chunk(c, text);
        stream.reader_cursor = cursor;
        if (final) {
          stream.delivered = Clock::now();
          co_return StreamEnd::kFinal;
        }
        continue;
      }
      if (reader.close_after && cursor >= *reader.close_after) co_return StreamEnd::kClosedByServer;
      if (stream.complete && cursor >= stream.last_seq) co_return StreamEnd::kFinal;  // resumed after the end
      reader.signal.expires_after(options.sse_keepalive);
      boost::system::error_code ec;
      co_await reader.signal.async_wait(asio::redirect_error(use_awaitable, ec));
      if (!ec && !reader.abandoned) co_await write_chunk(c, ": keepalive\n\n");
    }
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

  /// Ends a resumable response. Returns whether the connection may carry another request.
  awaitable<bool> finish_stream(Connection& c, StreamEnd end) {
    switch (end) {
      case StreamEnd::kFinal:
      case StreamEnd::kClosedByServer:
        // A clean end: after close_stream the client resumes with GET and Last-Event-ID.
        c.stream.expires_after(options.write_timeout);
        co_await asio::async_write(c.stream, http::make_chunk_last(), use_awaitable);
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
    std::shared_ptr<EventStream> stream;
    {
      SessionEntry& entry = sessions.at(session_id);  // looked up by the caller, no suspension since
      prune_streams(entry, Clock::now());
      stream = std::make_shared<EventStream>(++entry.streams_opened, options.sse_replay_max_events,
                                             options.sse_replay_max_bytes);
      entry.streams[stream->number] = stream;
    }
    ReaderAttachment attachment(stream, std::make_shared<Exchange>(ioc.get_executor()), 0);
    auto executor = ioc.get_executor();
    const std::weak_ptr<EventStream> weak = stream;
    WriteFn write = [weak, gate = gate, executor](std::string message, bool final) {
      std::lock_guard lock(gate->mutex);
      if (!gate->open) return;
      asio::post(executor, [weak, message = std::move(message), final] {
        if (auto s = weak.lock()) s->append(message, final);
      });
    };
    CloseStreamFn close_stream = [weak, gate = gate, executor] {
      std::lock_guard lock(gate->mutex);
      if (!gate->open) return;
      asio::post(executor, [weak] {
        if (auto s = weak.lock()) s->close_reader();
      });
    };
    const bool responds = server.handle(request.body(), *session, write, close_stream);
    if (!responds) {
      if (auto it = sessions.find(session_id); it != sessions.end()) it->second.streams.erase(stream->number);
      HttpResponse response{http::status::accepted, request.version()};
      response.keep_alive(request.keep_alive());
      co_await send(*c, response);
      co_return true;
    }
    watch_for_disconnect(c, attachment.reader);
    co_await write_sse_head(*c, request, std::string());
    std::string priming = "id: " + stream->event_id(0) + "\nretry: " + std::to_string(options.sse_retry.count()) +
                          "\ndata: \n\n";
    co_await write_chunk(*c, priming);
    const StreamEnd end = co_await pump(*c, *stream, *attachment.reader, 0);
    stop_watching(*c);
    co_return co_await finish_stream(*c, end);
  }

  /// GET with Last-Event-ID: replays a resumable stream's events after that id, then follows
  /// the stream until its final response. 400 for an id this session never issued, 410 when
  /// the events are no longer kept, 409 while another connection delivers the stream.
  awaitable<bool> handle_resume(std::shared_ptr<Connection> c, HttpRequest& request) {
    const std::string accept = lowered(request[http::field::accept]);
    if (!accept.empty() && accept.find("text/event-stream") == std::string::npos && accept.find("*/*") == std::string::npos) {
      co_await send_rpc_error(*c, request, http::status::not_acceptable, nullptr, -32000,
                              "Not Acceptable: a resumed stream is text/event-stream");
      co_return true;
    }
    auto it = co_await find_session(*c, request, nullptr);
    if (it == sessions.end()) co_return true;
    const std::string session_id = it->first;
    SessionEntry& entry = it->second;
    prune_streams(entry, Clock::now());
    const auto position = parse_event_id(trimmed(request["Last-Event-ID"]));
    std::shared_ptr<EventStream> stream;
    if (position && position->first >= 1 && position->first <= entry.streams_opened) {
      if (auto found = entry.streams.find(position->first); found != entry.streams.end()) stream = found->second;
      if (stream && position->second > stream->last_seq) {
        co_await send_rpc_error(*c, request, http::status::bad_request, nullptr, -32000,
                                "Bad Request: Last-Event-ID was not issued by this session");
        co_return true;
      }
    } else {
      co_await send_rpc_error(*c, request, http::status::bad_request, nullptr, -32000,
                              "Bad Request: Last-Event-ID was not issued by this session");
      co_return true;
    }
    if (!stream || stream->evicted_after(position->second)) {
      co_await send_rpc_error(*c, request, http::status::gone, nullptr, -32000,
                              "Gone: the events after Last-Event-ID are no longer kept");
      co_return true;
    }
    if (stream->reader) {
      co_await send_rpc_error(*c, request, http::status::conflict, nullptr, -32000,
                              "Conflict: the stream is being delivered on another connection");
      co_return true;
    }
    ++entry.active_posts;
    entry.last_used = Clock::now();
    struct Release {
      Impl* impl;
      std::string id;
      ~Release() {
        if (auto e = impl->sessions.find(id); e != impl->sessions.end()) {
          --e->second.active_posts;
          e->second.last_used = Clock::now();
        }
      }
    } release{this, session_id};
    ReaderAttachment attachment(stream, std::make_shared<Exchange>(ioc.get_executor()), position->second);
    watch_for_disconnect(c, attachment.reader);
    co_await write_sse_head(*c, request, session_id);
    const StreamEnd end = co_await pump(*c, *stream, *attachment.reader, position->second);
    stop_watching(*c);
    co_return co_await finish_stream(*c, end);
  }

  // ---- POST ----------------------------------------------------------------------------------

  awaitable<bool> handle_post(std::shared_ptr<Connection> c, HttpRequest& request) {
    const std::string content_type = lowered(request[http::field::content_type]);
    if (content_type.find("application/json") == std::string::npos) {
      co_await send_rpc_error(*c, request, http::status::unsupported_media_type, nullptr, -32000,
                              "Unsupported Media Type: Content-Type must be application/json");
      co_return true;
    }
    const std::string accept = lowered(request[http::field::accept]);
    const bool accepts_sse = accept.find("text/event-stream") != std::string::npos;
    const bool accepts_json = accept.empty() || accept.find("application/json") != std::string::npos ||
                              accept.find("*/*") != std::string::npos || accept.find("application/*") != std::string::npos;
    if (!accepts_sse && !accepts_json) {
      co_await send_rpc_error(*c, request, http::status::not_acceptable, nullptr, -32000,
                              "Not Acceptable: accept application/json or text/event-stream");
      co_return true;
    }

    auto parsed = jsonrpc::parse_message(request.body());
    if (!parsed) {
      std::string why = parsed.error()["error"]["message"].get<std::string>();
      co_await send_rpc_error(*c, request, http::status::bad_request, nullptr, jsonrpc::kParseError, std::move(why));
      co_return true;
    }
    const util::Json body = std::move(*parsed);
    util::Json id = nullptr;
    std::string method;
    std::optional<std::string> body_version;
    const util::Json* params = nullptr;
    if (body.is_object()) {
      if (auto i = body.find("id"); i != body.end() && jsonrpc::is_valid_id(*i)) id = *i;
      if (auto m = body.find("method"); m != body.end() && m->is_string()) method = m->get<std::string>();
      if (auto p = body.find("params"); p != body.end() && p->is_object()) {
        params = &*p;
        if (auto meta = p->find("_meta"); meta != p->end() && meta->is_object()) {
          if (auto v = meta->find(versions::kMetaProtocolVersion); v != meta->end() && v->is_string()) {
            body_version = v->get<std::string>();
          }
        }
      }
    }
    const std::string header_version = trimmed(request["MCP-Protocol-Version"]);
    // A request carrying the per-request envelope (or announcing 2026-07-28) is stateless.
    const bool stateless_request = body_version.has_value() || header_version == versions::kModern;

    if (stateless_request) {
      if (body_version && header_version != *body_version) {
        // (Messages are built before co_await: GCC 12 double-destroys temporaries made by a
        // conditional expression inside a co_await statement.)
        std::string why = header_version.empty() ? "Header mismatch: MCP-Protocol-Version header is missing"
                                                 : "Header mismatch: MCP-Protocol-Version header does not match _meta";
        co_await send_rpc_error(*c, request, http::status::bad_request, id, jsonrpc::kHeaderMismatch, std::move(why));
        co_return true;
      }
      // SEP-2243: the routing headers must mirror the body; omitting one is a mismatch too.
      const std::string header_method = trimmed(request["Mcp-Method"]);
      if (body.is_object() && header_method != method) {
        std::string why = header_method.empty() ? "Header mismatch: Mcp-Method header is missing"
                                                : "Header mismatch: Mcp-Method does not match the body's method";
        co_await send_rpc_error(*c, request, http::status::bad_request, id, jsonrpc::kHeaderMismatch, std::move(why));
        co_return true;
      }
      const char* name_key = (method == "tools/call" || method == "prompts/get") ? "name"
                             : method == "resources/read"                        ? "uri"
                                                                                 : nullptr;
      if (name_key != nullptr) {
        const std::string header_name = trimmed(request["Mcp-Name"]);
        const bool body_has_name = params != nullptr && params->contains(name_key) && (*params)[name_key].is_string();
        const bool matches = body_has_name ? (*params)[name_key].get<std::string>() == header_name : header_name.empty();
        if (!matches) {
          std::string why = header_name.empty() ? std::string("Header mismatch: Mcp-Name header is missing")
                                                : std::string("Header mismatch: Mcp-Name does not match params.") + name_key;
          co_await send_rpc_error(*c, request, http::status::bad_request, id, jsonrpc::kHeaderMismatch, std::move(why));
          co_return true;
        }
      }
    } else if (!header_version.empty() && !versions::is_legacy(header_version)) {
      co_await send_rpc_error(*c, request, http::status::bad_request, id, -32000,
                              "Bad Request: unsupported MCP-Protocol-Version: " + header_version);
      co_return true;
    }

    // Which Session serves this POST.
    std::shared_ptr<Session> session;
    std::string session_id;       // of a stateful legacy session
    bool new_session = false;
    const bool is_initialize = method == "initialize" && !stateless_request;
    if (stateless_request || options.stateless) {
      session = std::make_shared<Session>();
      if (!stateless_request && !is_initialize) {
        session->assume_initialized(header_version.empty() ? std::string(versions::kLegacyLatest) : header_version);
      }
    } else if (is_initialize) {
      if (!make_room()) {
        co_await send_rpc_error(*c, request, http::status::service_unavailable, id, -32000,
                                "Service Unavailable: too many sessions");
        co_return true;
      }
      session_id = http_security::random_session_id();
      session = std::make_shared<Session>();
      sessions[session_id] = SessionEntry{session, Clock::now(), 0};
      live_sessions = sessions.size();
      new_session = true;
    } else {
      auto it = co_await find_session(*c, request, id);
      if (it == sessions.end()) co_return true;
      session_id = it->first;
      session = it->second.session;
    }
    auto touch = [this, &session_id](int delta) {
      if (session_id.empty()) return;
      if (auto it = sessions.find(session_id); it != sessions.end()) {
        it->second.active_posts += delta;
        it->second.last_used = Clock::now();
      }
    };
    touch(+1);
    struct Untouch {
      std::function<void()> fn;
      ~Untouch() { fn(); }
    } untouch{[&touch] { touch(-1); }};

    // Every request of a 2025-11-25+ session but initialize (answered at once, before the
    // session exists for the client) is a resumable stream when the client accepts one: a
    // stream has to be resumable from its first byte (the priming event's id), whether or not
    // anything will precede the response, and a handler may end it early (close_stream).
    // Earlier revisions get no priming event: their clients cannot parse an empty data field.
    if (accepts_sse && !session_id.empty() && !is_initialize &&
        session->negotiated_version() >= versions::kLegacyLatest) {
      co_return co_await post_resumable(c, request, session, session_id);
    }

    auto exchange = std::make_shared<Exchange>(ioc.get_executor());
    WriteFn write = [weak = std::weak_ptr<Exchange>(exchange), gate = gate,
                     executor = ioc.get_executor()](std::string message, bool final) {
      std::lock_guard lock(gate->mutex);
      if (!gate->open) return;
      asio::post(executor, [weak, message = std::move(message), final]() mutable {
        if (auto ex = weak.lock()) ex->push(std::move(message), final);
      });
    };
    const bool responds = server.handle(request.body(), *session, write);
    if (!responds) {
      HttpResponse response{http::status::accepted, request.version()};
      response.keep_alive(request.keep_alive());
      co_await send(*c, response);
      co_return true;
    }

    // The ids this POST asked about, to cancel them if the client goes away.
    std::vector<util::Json> request_ids;
    auto note_id = [&request_ids](const util::Json& m) {
      if (m.is_object() && m.contains("method") && m.contains("id") && jsonrpc::is_valid_id(m["id"])) {
        request_ids.push_back(m["id"]);
      }
    };
    if (body.is_array()) {
      for (const auto& m : body) note_id(m);
    } else {
      note_id(body);
    }
    auto abandon = [&] {
      spdlog::debug("http: client closed the stream; cancelling {} request(s)", request_ids.size());
      for (const auto& rid : request_ids) session->cancel_request(rid);
    };

    watch_for_disconnect(c, exchange);
    auto first = co_await next_message(*exchange, nullptr);
    if (!first) {
      abandon();
      co_return false;
    }

    if (first->second || !accepts_sse) {
      // One JSON answer: the response came first, or the client cannot take a stream (then
      // whatever precedes the response is dropped).
      std::optional<std::pair<std::string, bool>> message = std::move(first);
      while (message && !message->second) message = co_await next_message(*exchange, nullptr);
      stop_watching(*c);
      if (!message) {
        abandon();
        co_return false;
      }
      HttpResponse response{stateless_request ? status_for_stateless(message->first) : http::status::ok,
                            request.version()};
      response.keep_alive(request.keep_alive());
      response.set(http::field::content_type, "application/json");
      if (new_session) {
        if (message->first.find("\"error\"") != std::string::npos && message->first.find("\"result\"") == std::string::npos) {
          sessions.erase(session_id);  // initialize failed: no session to keep
          live_sessions = sessions.size();
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
    c->stream.expires_after(options.write_timeout);
    co_await asio::async_write(c->stream, http::make_chunk_last(), use_awaitable);
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
                      "listening on the non-loopback address '" + options.host +
                          "' requires a bearer token (set HALO_MCP_HTTP_TOKEN)");
  }
  auto impl = std::make_unique<Impl>(server, std::move(options));
  if (auto listening = impl->listen(); !listening) return util::Unexpected(listening.error());
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

std::uint16_t HttpServer::port() const { return impl_->bound_port; }
void HttpServer::stop() { impl_->stop(); }
std::size_t HttpServer::session_count() const { return impl_->live_sessions.load(); }

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
    std::cerr << "halo-psa-mcp: " << started.error().message << '\n';
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

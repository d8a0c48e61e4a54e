// The Streamable HTTP transport's I/O on Boost.Beast (see http.hpp for the protocol rules): the
// server's lifecycle, the accept loop, reading requests, routing and the answers given at the HTTP
// level (health, refusals, authentication, sessions named by their id), HttpServer and run_http.
// POSTs and resumable streams are served in http_post.cpp; http_io.hpp holds what both share.
// One I/O thread runs every connection as a C++20 coroutine; tool calls run on the Server's
// worker pool and hand their messages back through a posted callback, so no lock guards the
// connection or session state. What a request must carry (http_request_rules), the session table
// (http_sessions) and the event log of a resumable stream (resumable_stream) are decided
// elsewhere, without Beast.
#include "mcp/transport/http_io.hpp"

#include <csignal>
#include <future>
#include <iostream>

namespace mcp {

util::Result<void> HttpServer::Impl::listen() {
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

void HttpServer::Impl::stop() {
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

awaitable<void> HttpServer::Impl::accept_loop() {
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

awaitable<void> HttpServer::Impl::sweep_loop() {
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

awaitable<void> HttpServer::Impl::serve(std::shared_ptr<Connection> c) {
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
    util::log::debug("http: connection ended: {}", e.what());
  }
  boost::system::error_code ignored;
  c->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  c->stream.close();
  connections.erase(c.get());
}

awaitable<void> HttpServer::Impl::send(Connection& c, HttpResponse& response) {
  response.prepare_payload();
  c.stream.expires_after(options.write_timeout);
  co_await http::async_write(c.stream, response, use_awaitable);
}

awaitable<void> HttpServer::Impl::send_simple(Connection& c, unsigned version, bool keep_alive, http::status status, std::string text) {
  HttpResponse response{status, version};
  response.keep_alive(keep_alive);
  response.set(http::field::content_type, "text/plain; charset=utf-8");
  response.body() = std::move(text) + "\n";
  co_await send(c, response);
}

awaitable<void> HttpServer::Impl::send_rpc_error(Connection& c, const HttpRequest& request, http::status status,
                               const util::Json& id, int code, std::string message,
                               std::optional<std::string> www_authenticate) {
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

awaitable<void> HttpServer::Impl::send_refusal(Connection& c, const HttpRequest& request, ht::HttpRpcError error) {
  co_await send_rpc_error(c, request, static_cast<http::status>(error.status), error.id, error.code,
                          std::move(error.message));
}

awaitable<bool> HttpServer::Impl::route(std::shared_ptr<Connection> c, HttpRequest& request) {
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
    util::log::warn("http: refused a request with Host '{}' / Origin '{}'", std::string(request[http::field::host]),
                    std::string(request[http::field::origin]));
    co_await send_rpc_error(*c, request, http::status::forbidden, nullptr, jr::kServerError,
                            "Forbidden: Host or Origin not allowed");
    co_return true;
  }
  auto caller = authenticate(request);
  if (!caller) {
    std::string challenge = request[http::field::authorization].empty()
                                ? R"(Bearer realm="mcp")"
                                : R"(Bearer realm="mcp", error="invalid_token")";
    co_await send_rpc_error(*c, request, http::status::unauthorized, nullptr, jr::kServerError, "Unauthorized",
                            challenge);
    co_return true;
  }
  switch (request.method()) {
    case http::verb::post: co_return co_await handle_post(c, request, *caller);
    case http::verb::delete_: co_await handle_delete(*c, request, *caller); co_return true;
    case http::verb::get:
      if (!options.stateless && request.find("Last-Event-ID") != request.end()) {
        co_return co_await handle_resume(c, request, *caller);
      }
      [[fallthrough]];
    default:
      // No standalone GET stream: this server never sends unsolicited messages.
      co_await send_rpc_error(*c, request, http::status::method_not_allowed, nullptr, jr::kServerError,
                              "Method Not Allowed");
      co_return true;
  }
}

std::optional<Caller> HttpServer::Impl::authenticate(const HttpRequest& request) const {
  const std::string_view header = view(request[http::field::authorization]);
  if (options.authenticate) {
    const std::string_view token = http_security::bearer_token_of(header);
    if (token.empty()) return std::nullopt;
    return options.authenticate(token);
  }
  if (!options.bearer_token.empty() && !http_security::bearer_matches(header, options.bearer_token)) {
    return std::nullopt;
  }
  return Caller{};
}

awaitable<HttpServer::Impl::FoundSession> HttpServer::Impl::find_session(Connection& c, const HttpRequest& request, const util::Json& id,
                                     const Caller& caller) {
  FoundSession found{ht::trimmed(view(request["Mcp-Session-Id"]))};
  if (found.id.empty()) {
    co_await send_rpc_error(c, request, http::status::bad_request, id, jr::kServerError,
                            "Bad Request: Mcp-Session-Id header is required");
    co_return found;
  }
  found.entry = sessions.find(found.id);
  if (found.entry != nullptr && found.entry->owner != caller.name) {
    util::log::warn("http: '{}' named a session opened by '{}' (answered as not found)", caller.name, found.entry->owner);
    found.entry = nullptr;
  }
  if (found.entry == nullptr) {
    co_await send_rpc_error(c, request, http::status::not_found, id, jr::kSessionNotFound, "Session not found");
  }
  co_return found;
}

awaitable<void> HttpServer::Impl::handle_delete(Connection& c, const HttpRequest& request, const Caller& caller) {
  if (options.stateless) {
    co_await send_rpc_error(c, request, http::status::method_not_allowed, nullptr, jr::kServerError,
                            "Method Not Allowed: this server keeps no sessions");
    co_return;
  }
  auto found = co_await find_session(c, request, nullptr, caller);
  if (found.entry == nullptr) co_return;
  sessions.close(found.id);
  HttpResponse response{http::status::ok, request.version()};
  response.keep_alive(request.keep_alive());
  co_await send(c, response);
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() {
  if (impl_) impl_->stop();
}

util::Result<std::unique_ptr<HttpServer>> HttpServer::start(Server& server, HttpOptions options) {
  if (options.path.empty() || options.path.front() != '/') {
    return util::fail(util::ErrorKind::kConfig, "HTTP path must start with '/'");
  }
  if (options.max_sessions == 0) options.max_sessions = 1;
  if (!http_security::is_loopback_host(options.host) && options.bearer_token.empty() && !options.authenticate) {
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
  // Block the signals before any thread starts, so that only sigwait below sees them. SIGHUP
  // (reload) must never take the default action, which would end the server.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::function<void()> on_hangup = options.on_hangup;

  const std::string host = options.host;
  const std::string path = options.path;
  auto started = HttpServer::start(server, std::move(options));
  if (!started) {
    std::cerr << "cannot serve MCP over HTTP: " << started.error().message << '\n';
    return started.error().kind == util::ErrorKind::kConfig ? 2 : 1;
  }
  const bool ipv6 = host.find(':') != std::string::npos;
  util::log::info("serving MCP on http://{}{}{}:{}{}", ipv6 ? "[" : "", host, ipv6 ? "]" : "", (*started)->port(), path);
  int signal_number = 0;
  for (;;) {
    sigwait(&stop_signals, &signal_number);
    if (signal_number != SIGHUP) break;
    if (on_hangup) {
      on_hangup();
    } else {
      util::log::info("http: SIGHUP received; nothing to reload");
    }
  }
  util::log::info("http: signal {} received, shutting down", signal_number);
  (*started)->stop();
  return 0;
}

}  // namespace mcp

// The Streamable HTTP transport's POSTs (see http.hpp for the rules): which session serves one,
// the answer as JSON, a plain SSE stream or a resumable one (2025-11-25 sessions), resumption with
// GET + Last-Event-ID, and the client going away (cancellation). Shares HttpServer::Impl with
// http.cpp through http_io.hpp.
#include "mcp/transport/http_io.hpp"

namespace mcp {

void HttpServer::Impl::stop_watching(Connection& c) {
  boost::system::error_code ignored;
  c.stream.socket().cancel(ignored);
}

void HttpServer::Impl::watch_for_disconnect(const std::shared_ptr<Connection>& c, const std::shared_ptr<Exchange>& exchange) {
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

awaitable<std::optional<std::pair<std::string, bool>>> HttpServer::Impl::next_message(Exchange& ex, Connection* sse) {
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

awaitable<void> HttpServer::Impl::write_chunk(Connection& c, const std::string& text) {
  c.stream.expires_after(options.write_timeout);
  co_await asio::async_write(c.stream, http::make_chunk(asio::buffer(text)), use_awaitable);
}

awaitable<void> HttpServer::Impl::write_sse_head(Connection& c, const HttpRequest& request, const std::string& session_id) {
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

awaitable<void> HttpServer::Impl::write_last_chunk(Connection& c) {
  c.stream.expires_after(options.write_timeout);
  co_await asio::async_write(c.stream, http::make_chunk_last(), use_awaitable);
}

awaitable<StreamEnd> HttpServer::Impl::pump(Connection& c, ht::ResumableStream& stream, Exchange& reader, std::uint64_t cursor) {
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

awaitable<bool> HttpServer::Impl::finish_stream(Connection& c, StreamEnd end) {
  switch (end) {
    case StreamEnd::kFinal:
    case StreamEnd::kClosedByServer:
      // A clean end: after close_stream the client resumes with GET and Last-Event-ID.
      co_await write_last_chunk(c);
      co_return true;
    case StreamEnd::kFellBehind:
      util::log::warn("http: a slow reader fell behind a stream's event log; ending its connection");
      co_return false;
    case StreamEnd::kClientGone:
    default:
      co_return false;
  }
}

awaitable<bool> HttpServer::Impl::post_resumable(std::shared_ptr<Connection> c, HttpRequest& request, std::shared_ptr<Session> session,
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

awaitable<bool> HttpServer::Impl::handle_resume(std::shared_ptr<Connection> c, HttpRequest& request, const Caller& caller) {
  if (!ht::accepts_event_stream(view(request[http::field::accept]))) {
    co_await send_rpc_error(*c, request, http::status::not_acceptable, nullptr, jr::kServerError,
                            "Not Acceptable: a resumed stream is text/event-stream");
    co_return true;
  }
  auto found = co_await find_session(*c, request, nullptr, caller);
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

awaitable<bool> HttpServer::Impl::handle_post(std::shared_ptr<Connection> c, HttpRequest& request, const Caller& caller) {
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
    sessions.find(session_id)->owner = caller.name;
    new_session = true;
  } else {
    auto found = co_await find_session(*c, request, post->id, caller);
    if (found.entry == nullptr) co_return true;
    session_id = found.id;
    session = found.entry->session;
  }
  // Each request carries its caller's current access (an access file may have changed since
  // the session opened).
  session->set_caller(caller);
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

awaitable<bool> HttpServer::Impl::post_direct(std::shared_ptr<Connection> c, HttpRequest& request, const ht::PostRequest& post,
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
    util::log::debug("http: client closed the stream; cancelling {} request(s)", post.request_ids.size());
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

}  // namespace mcp

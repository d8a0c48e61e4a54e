// Running a handler (tool, prompt, resource read) as a job on the worker pool: registration of
// the request in flight (so notifications/cancelled and a closed stream reach it), its progress
// and log notifications, and in the legacy era the requests it sends to the client (sampling,
// elicitation, roots) including the relay of input rounds. The response is dropped when the
// call was cancelled.
#include <cmath>

#include "mcp/jsonrpc.hpp"
#include "mcp/log_levels.hpp"
#include "mcp/server_impl.hpp"
#include "util/log.hpp"

namespace mcp {

using util::Json;
using detail::Era;
using detail::Request;
using detail::Sink;
namespace jr = jsonrpc;

namespace detail {
namespace {

/// Whole numbers go out as integers ("3", not "3.0"): easier on clients that compare values.
Json as_json_number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 9.0e15) return static_cast<std::int64_t>(v);
  return v;
}

}  // namespace

/// Sends a running call's progress and log notifications; closed once the call is answered so
/// nothing trails its response.
struct CallNotifier {
  std::mutex mutex;
  bool closed = false;
  std::optional<double> last_progress;
  std::optional<Json> progress_token;
  std::function<void(const Json&)> notify;
  std::shared_ptr<InFlight> flight;
  std::shared_ptr<SessionState> session;
  Era era = Era::kLegacy;
  std::optional<LogLevel> modern_log_level;
  std::string tool_name;

  void progress(double value, std::optional<double> total, std::string_view message) {
    if (!progress_token || !std::isfinite(value)) return;
    std::lock_guard lock(mutex);
    if (closed || flight->cancel.cancelled()) return;
    if (last_progress && value <= *last_progress) return;  // progress must strictly increase
    last_progress = value;
    Json params = Json::object();
    params["progressToken"] = *progress_token;
    params["progress"] = as_json_number(value);
    if (total && std::isfinite(*total)) params["total"] = as_json_number(*total);
    if (!message.empty()) params["message"] = message;
    notify(jr::make_notification("notifications/progress", std::move(params)));
  }

  void log(LogLevel level, std::string_view text) {
    util::log::at(stderr_level(level), "[{}] {}", tool_name, text);
    std::optional<LogLevel> threshold = modern_log_level;
    if (era == Era::kLegacy) {
      std::lock_guard lock(session->mutex);
      threshold = session->log_level;
    }
    if (!threshold || level < *threshold) return;
    std::lock_guard lock(mutex);
    if (closed || flight->cancel.cancelled()) return;
    Json params = Json::object();
    params["level"] = level_name(level);
    params["logger"] = tool_name;
    params["data"] = text;
    notify(jr::make_notification("notifications/message", std::move(params)));
  }

  /// Sends a request to the client on the call's stream; false once the call is over.
  bool send(const Json& message) {
    std::lock_guard lock(mutex);
    if (closed || flight->cancel.cancelled()) return false;
    notify(message);
    return true;
  }

  void close() {
    std::lock_guard lock(mutex);
    closed = true;
  }
};

}  // namespace detail

bool Server::Impl::run_async(Request& req, Session& session, const Sink& sink, std::string label, Job job) {
  auto state = session.state();
  auto flight = std::make_shared<detail::InFlight>();
  const std::string key = req.id.dump();
  {
    std::lock_guard lock(state->mutex);
    if (state->in_flight.count(key) != 0) {
      detail::reply_error(sink, req.id, jr::kInvalidRequest, "Invalid Request: id already in use");
      return false;
    }
    state->in_flight.emplace(key, flight);
    ++state->running;
  }
  pool.submit([this, job = std::move(job), req = std::move(req), state, flight, sink, key, label = std::move(label)] {
    run_job(job, label, req, state, flight, sink, key);
  });
  return true;
}

/// Legacy era: sends one request to the client on the call's stream and waits for its answer.
util::Result<Json> Server::Impl::ask_client(const std::shared_ptr<detail::SessionState>& state,
                                            const std::shared_ptr<detail::InFlight>& flight,
                                            const std::shared_ptr<detail::CallNotifier>& notifier,
                                            std::string_view method, const Json& params) const {
  auto pending = std::make_shared<detail::PendingClientRequest>();
  Json id;
  {
    std::lock_guard lock(state->mutex);
    id = "srv-" + std::to_string(++state->next_client_request);
    state->client_requests[id.dump()] = pending;
  }
  auto forget = [&] {
    std::lock_guard lock(state->mutex);
    state->client_requests.erase(id.dump());
  };
  Json message = Json::object();
  message["jsonrpc"] = "2.0";
  message["id"] = id;
  message["method"] = method;
  message["params"] = params.is_object() ? params : Json::object();
  if (!notifier->send(message)) {
    forget();
    return util::fail(util::ErrorKind::kCancelled, "the request was cancelled");
  }
  util::CancelRegistration wake(flight->cancel.token(), [pending] {
    {
      std::lock_guard lock(pending->mutex);
      pending->abandoned = true;
    }
    pending->answered.notify_all();
  });
  std::unique_lock lock(pending->mutex);
  const bool done = pending->answered.wait_for(lock, server.options_.client_request_timeout,
                                               [&] { return pending->response || pending->abandoned; });
  if (!pending->response) {
    lock.unlock();
    forget();
    if (!done) return util::fail(util::ErrorKind::kTimeout, "the client did not answer " + std::string(method));
    return util::fail(util::ErrorKind::kCancelled, "the request was cancelled");
  }
  const Json& response = *pending->response;
  if (auto error = response.find("error"); error != response.end()) {
    std::string text = error->is_object() && error->contains("message") && (*error)["message"].is_string()
                           ? (*error)["message"].get<std::string>()
                           : std::string("error");
    return util::fail(util::ErrorKind::kUpstream, "the client refused " + std::string(method) + ": " + text);
  }
  return response.contains("result") ? response["result"] : Json::object();
}

Reply Server::Impl::relay_input_rounds(const Job& job, ToolContext& context, Reply reply,
                                       const std::shared_ptr<detail::SessionState>& state,
                                       const std::shared_ptr<detail::InFlight>& flight,
                                       const std::shared_ptr<detail::CallNotifier>& notifier) const {
  for (int round = 0; reply.input_requests && !reply.error; ++round) {
    if (round >= server.options_.max_input_rounds || !reply.input_requests->is_object()) {
      return Reply::fail(jr::kInternalError, "Internal error: too many input rounds");
    }
    Json answers = Json::object();
    for (auto& [name, request] : reply.input_requests->items()) {
      const Json method = request.is_object() ? request.value("method", Json()) : Json();
      if (!method.is_string()) return Reply::fail(jr::kInternalError, "Internal error: malformed input request");
      auto answer = ask_client(state, flight, notifier, method.get<std::string>(), request.value("params", Json::object()));
      if (!answer) return Reply::fail(jr::kInternalError, "Internal error: " + answer.error().message);
      answers[name] = std::move(*answer);
    }
    if (flight->cancel.cancelled()) break;
    context.input_responses = std::move(answers);
    context.request_state = reply.request_state;
    reply = job(context);
  }
  return reply;
}

void Server::Impl::run_job(const Job& job, const std::string& label, const Request& req,
                           const std::shared_ptr<detail::SessionState>& state,
                           const std::shared_ptr<detail::InFlight>& flight, const Sink& sink, const std::string& key) {
  auto notifier = std::make_shared<detail::CallNotifier>();
  notifier->progress_token = req.progress_token;
  notifier->notify = sink.notify;
  notifier->flight = flight;
  notifier->session = state;
  notifier->era = req.era;
  notifier->modern_log_level = req.modern_log_level;
  notifier->tool_name = label;

  std::optional<Json> response;
  if (!flight->cancel.cancelled()) {  // cancelled while queued: do not start it
    ToolContext context;
    context.cancel = flight->cancel.token();
    if (server.options_.call_timeout.count() > 0) {
      context.deadline = std::chrono::steady_clock::now() + server.options_.call_timeout;
    }
    context.progress = [notifier](double p, std::optional<double> total, std::string_view message) {
      notifier->progress(p, total, message);
    };
    context.log = [notifier](LogLevel level, std::string_view text) { notifier->log(level, text); };
    if (sink.close_stream) context.close_stream = sink.close_stream;
    context.client_capabilities = req.client_capabilities.is_object() ? req.client_capabilities : Json::object();
    context.modern_era = req.era == Era::kModern;
    context.input_responses = req.input_responses;
    context.request_state = req.request_state;
    if (req.era == Era::kLegacy) {
      context.request_client = [this, state, flight, notifier](std::string_view method, const Json& params) {
        return ask_client(state, flight, notifier, method, params);
      };
    } else {
      context.request_client = [](std::string_view, const Json&) -> util::Result<Json> {
        return util::fail(util::ErrorKind::kInternal,
                          "2026-07-28 servers cannot send requests to the client; return need_input instead");
      };
    }
    Reply reply = job(context);
    // Legacy era: the server relays input requests itself and runs the handler again.
    if (req.era == Era::kLegacy) reply = relay_input_rounds(job, context, std::move(reply), state, flight, notifier);
    response = finish_reply(req, std::move(reply));
  }
  notifier->close();

  bool drop = false;
  {
    std::lock_guard lock(state->mutex);
    drop = flight->cancelled;
    auto it = state->in_flight.find(key);
    if (it != state->in_flight.end() && it->second == flight) state->in_flight.erase(it);
  }
  sink.respond(drop ? std::nullopt : std::move(response));
  {
    std::lock_guard lock(state->mutex);
    --state->running;
  }
  state->idle.notify_all();
}

}  // namespace mcp

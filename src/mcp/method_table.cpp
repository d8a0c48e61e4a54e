// The method table and dispatch: which methods exist in which era, what each needs registered,
// and the path of one message from classification to its handler. Client notifications
// (cancellation) and client responses (answers to the legacy era's server-to-client requests)
// end here too.
#include <algorithm>
#include <array>
#include <exception>

#include "mcp/jsonrpc.hpp"
#include "mcp/protocol_versions.hpp"
#include "mcp/server_impl.hpp"
#include "util/log.hpp"

namespace mcp {

using util::Json;
using detail::Era;
using detail::Request;
using detail::Sink;
namespace jr = jsonrpc;

namespace {

/// What must be registered for a method to exist; without it the method is "not found", so a
/// server that registers no prompts does not pretend to serve prompts/list.
enum class Needs { kNothing, kPrompts, kResources, kSubscribableResources, kCompletion };

struct Method {
  std::string_view name;
  bool legacy;             ///< exists in the initialize-handshake revisions
  bool modern;             ///< exists in 2026-07-28
  bool before_handshake;   ///< legacy: answered before initialize
  Needs needs;
  Server::Impl::Handler handle;
};

using Impl = Server::Impl;

// ping, initialize, logging/setLevel and resources/(un)subscribe do not exist in 2026-07-28;
// server/discover exists only there.
const std::array<Method, 14> kMethods = {{
    {"initialize", true, false, true, Needs::kNothing, &Impl::initialize},
    {"ping", true, false, true, Needs::kNothing, &Impl::ping},
    {"server/discover", false, true, false, Needs::kNothing, &Impl::discover},
    {"logging/setLevel", true, false, false, Needs::kNothing, &Impl::set_level},
    {"tools/list", true, true, false, Needs::kNothing, &Impl::list_tools},
    {"tools/call", true, true, false, Needs::kNothing, &Impl::call_tool},
    {"prompts/list", true, true, false, Needs::kPrompts, &Impl::list_prompts},
    {"prompts/get", true, true, false, Needs::kPrompts, &Impl::get_prompt},
    {"resources/list", true, true, false, Needs::kResources, &Impl::list_resources},
    {"resources/templates/list", true, true, false, Needs::kResources, &Impl::list_templates},
    {"resources/read", true, true, false, Needs::kResources, &Impl::read_resource},
    {"resources/subscribe", true, false, false, Needs::kSubscribableResources, &Impl::subscribe},
    {"resources/unsubscribe", true, false, false, Needs::kSubscribableResources, &Impl::subscribe},
    {"completion/complete", true, true, false, Needs::kCompletion, &Impl::complete},
}};

const Method* find_method(std::string_view name) {
  auto it = std::find_if(kMethods.begin(), kMethods.end(), [&](const Method& m) { return m.name == name; });
  return it == kMethods.end() ? nullptr : &*it;
}

/// The client's answer to a request we sent it (legacy era): wake the handler waiting for it.
void route_client_response(const Json& message, Session& session) {
  const auto id = message.find("id");
  if (id == message.end() || !jr::is_valid_id(*id)) return;
  auto state = session.state();
  std::shared_ptr<detail::PendingClientRequest> pending;
  {
    std::lock_guard lock(state->mutex);
    auto it = state->client_requests.find(id->dump());
    if (it == state->client_requests.end()) return;  // late, duplicate or unknown: drop
    pending = it->second;
    state->client_requests.erase(it);
  }
  {
    std::lock_guard lock(pending->mutex);
    pending->response = message;
  }
  pending->answered.notify_all();
}

void handle_notification(const Json& message, Session& session) {
  const auto& method = message["method"].get_ref<const std::string&>();
  if (method == "notifications/cancelled") {
    const auto params = message.find("params");
    if (params == message.end()) return;
    const auto request_id = params->find("requestId");
    if (request_id != params->end() && jr::is_valid_id(*request_id)) {
      if (session.cancel_request(*request_id)) util::log::debug("cancelled request {}", request_id->dump());
    }
  }
  // notifications/initialized and anything else need no action.
}

}  // namespace

namespace detail {

std::string serialize(const Json& message) { return message.dump(-1, ' ', false, Json::error_handler_t::replace); }

void reply_error(const Sink& sink, const Json& id, int code, std::string message, std::optional<Json> data) {
  sink.respond(jr::make_error(id, code, std::move(message), std::move(data)));
}

}  // namespace detail

bool Server::Impl::process(Json message, Session& session, const Sink& sink) {
  auto classified = jr::classify(message);
  switch (classified.kind) {
    case jr::MessageKind::kResponse: route_client_response(message, session); return false;
    case jr::MessageKind::kInvalid:
      if (classified.error.is_null()) return false;
      sink.respond(std::move(classified.error));
      return true;
    case jr::MessageKind::kNotification: handle_notification(message, session); return false;
    case jr::MessageKind::kRequest: break;
  }
  const Json id = message["id"];
  const std::string method = message["method"].get<std::string>();
  try {
    handle_request(std::move(message), session, sink);
  } catch (const std::exception& e) {
    util::log::error("internal error handling {}: {}", method, e.what());
    detail::reply_error(sink, id, jr::kInternalError, "Internal error");
  }
  return true;
}

void Server::Impl::handle_request(Json message, Session& session, const Sink& sink) {
  Request req = detail::take_request(std::move(message));
  const Method* method = find_method(req.method);
  auto not_found = [&] { detail::reply_error(sink, req.id, jr::kMethodNotFound, "Method not found: " + req.method); };
  if (method == nullptr) return not_found();
  if (auto error = detail::read_envelope(req)) {
    return detail::reply_error(sink, req.id, error->code, std::move(error->message), std::move(error->data));
  }
  if (req.era == Era::kLegacy && !method->before_handshake) {
    if (!session.initialized()) {
      // Neither an initialize handshake nor the 2026-07-28 envelope: we cannot tell which
      // protocol the client speaks, so we do not process it (the spec's SHOULD NOT).
      return detail::reply_error(sink, req.id, jr::kInvalidParams,
                                 std::string("Invalid params: missing _meta \"") + versions::kMetaProtocolVersion +
                                     "\" (send initialize first, or use protocol version 2026-07-28)");
    }
    auto state = session.state();
    std::lock_guard lock(state->mutex);
    req.client_capabilities = state->client_capabilities;
  }
  req.caller = session.caller();
  const bool in_era = req.era == Era::kLegacy ? method->legacy : method->modern;
  bool offered = true;
  switch (method->needs) {
    case Needs::kNothing: break;
    case Needs::kPrompts: offered = !server.prompts_.empty(); break;
    case Needs::kResources: offered = !server.resources_.empty(); break;
    case Needs::kSubscribableResources: offered = !server.resources_.empty() && server.resources_.subscribable(); break;
    case Needs::kCompletion: offered = static_cast<bool>(server.completion_); break;
  }
  if (!in_era || !offered) return not_found();
  (this->*(method->handle))(req, session, sink);
}

}  // namespace mcp

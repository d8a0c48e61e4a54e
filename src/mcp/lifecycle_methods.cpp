// The methods about the connection rather than its content: initialize (legacy handshake and
// version negotiation), ping, server/discover (2026-07-28), logging/setLevel and
// resources/(un)subscribe; the declared capabilities; and the shape every result takes in each
// era (resultType and serverInfo in 2026-07-28, the input-required result).

#include "mcp/apps_extension.hpp"
#include "mcp/jsonrpc.hpp"
#include "mcp/log_levels.hpp"
#include "mcp/protocol_versions.hpp"
#include "mcp/server_impl.hpp"

namespace mcp {

using util::Json;
using detail::Era;
using detail::Request;
using detail::Sink;
namespace jr = jsonrpc;

/// What the server offers. resources/subscribe does not exist in 2026-07-28 (it moved to
/// subscriptions/listen, not implemented), so the modern answer does not claim it.
Json Server::Impl::capabilities(Era era) const {
  Json tools = Json::object();
  tools["listChanged"] = false;
  Json caps = Json::object();
  caps["tools"] = std::move(tools);
  caps["logging"] = Json::object();
  if (!server.prompts_.empty()) caps["prompts"] = Json{{"listChanged", false}};
  if (!server.resources_.empty()) {
    Json resources = Json::object();
    if (server.resources_.subscribable() && era == Era::kLegacy) resources["subscribe"] = true;
    resources["listChanged"] = false;
    caps["resources"] = std::move(resources);
  }
  if (server.completion_) caps["completions"] = Json::object();
  // MCP Apps (SEP-1724 extension capabilities): declared when some tool links a view. The
  // 2025-11-25 schema has no `extensions` member but allows it; hosts of that era look at the
  // tools' _meta.ui instead.
  if (server.tools_.links_views()) {
    caps["extensions"] = Json{{apps::kExtensionId, apps::server_capability()}};
  }
  return caps;
}

Json Server::Impl::server_info_brief() const {
  Json out = Json::object();
  out["name"] = server.info_.name;
  out["version"] = server.info_.version;
  return out;
}

Json Server::Impl::finish(Json result, Era era) const {
  if (era == Era::kLegacy) return result;
  Json out = Json::object();
  out["resultType"] = "complete";
  for (auto& [key, value] : result.items()) out[key] = std::move(value);
  if (!out.contains("_meta")) out["_meta"] = Json::object();
  out["_meta"][versions::kMetaServerInfo] = server_info_brief();
  return out;
}

Json Server::Impl::finish_reply(const Request& req, Reply reply) const {
  if (reply.error) return jr::make_error(req.id, reply.error->code, reply.error->message, reply.error->data);
  if (reply.input_requests) {
    Json result = Json::object();
    result["resultType"] = "input_required";
    result["inputRequests"] = std::move(*reply.input_requests);
    if (reply.request_state) result["requestState"] = *reply.request_state;
    result["_meta"] = Json::object();
    result["_meta"][versions::kMetaServerInfo] = server_info_brief();
    return jr::make_result(req.id, std::move(result));
  }
  if (req.era == Era::kModern && req.method == "resources/read" && reply.result.is_object()) {
    // ReadResourceResult carries cache hints in 2026-07-28, like the list results.
    if (!reply.result.contains("ttlMs")) reply.result["ttlMs"] = server.options_.list_ttl_ms;
    if (!reply.result.contains("cacheScope")) reply.result["cacheScope"] = server.options_.cache_scope;
  }
  return jr::make_result(req.id, finish(std::move(reply.result), req.era));
}

void Server::Impl::initialize(Request& req, Session& session, const Sink& sink) {
  auto requested = req.params.find("protocolVersion");
  if (requested == req.params.end() || !requested->is_string()) {
    return detail::reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: protocolVersion must be a string");
  }
  const auto& wanted = requested->get_ref<const std::string&>();
  // Unsupported (including 2026-07-28, which has no initialize): counter-offer, never fail.
  const std::string chosen = versions::is_legacy(wanted) ? wanted : std::string(versions::kLegacyLatest);
  {
    auto state = session.state();
    std::lock_guard lock(state->mutex);
    state->initialized = true;
    state->version = chosen;
    if (auto caps = req.params.find("capabilities"); caps != req.params.end() && caps->is_object()) {
      state->client_capabilities = *caps;
    }
  }
  const auto& info = server.info_;
  Json server_info = Json::object();
  server_info["name"] = info.name;
  if (!info.title.empty()) server_info["title"] = info.title;
  server_info["version"] = info.version;
  if (!info.description.empty()) server_info["description"] = info.description;
  Json result = Json::object();
  result["protocolVersion"] = chosen;
  result["capabilities"] = capabilities(Era::kLegacy);
  result["serverInfo"] = std::move(server_info);
  if (!info.instructions.empty()) result["instructions"] = info.instructions;
  sink.respond(jr::make_result(req.id, std::move(result)));
}

void Server::Impl::ping(Request& req, Session&, const Sink& sink) { sink.respond(jr::make_result(req.id, Json::object())); }

void Server::Impl::discover(Request& req, Session&, const Sink& sink) {
  Json result = Json::object();
  result["supportedVersions"] = supported_versions();
  result["capabilities"] = capabilities(Era::kModern);
  if (!server.info_.instructions.empty()) result["instructions"] = server.info_.instructions;
  result["ttlMs"] = server.options_.list_ttl_ms;
  result["cacheScope"] = server.options_.cache_scope;
  sink.respond(jr::make_result(req.id, finish(std::move(result), Era::kModern)));
}

void Server::Impl::set_level(Request& req, Session& session, const Sink& sink) {
  auto level = req.params.find("level");
  auto parsed = level == req.params.end() ? std::nullopt : detail::parse_level(*level);
  if (!parsed) return detail::reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: unknown log level");
  {
    auto state = session.state();
    std::lock_guard lock(state->mutex);
    state->log_level = parsed;
  }
  sink.respond(jr::make_result(req.id, Json::object()));
}

/// resources/subscribe and resources/unsubscribe (the method table offers them only when a
/// subscribable resource is registered).
void Server::Impl::subscribe(Request& req, Session& session, const Sink& sink) {
  auto uri = req.params.find("uri");
  if (uri == req.params.end() || !uri->is_string()) {
    return detail::reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: uri must be a string");
  }
  {
    auto state = session.state();
    std::lock_guard lock(state->mutex);
    if (req.method == "resources/subscribe") {
      state->subscriptions.insert(uri->get<std::string>());
    } else {
      state->subscriptions.erase(uri->get<std::string>());
    }
  }
  sink.respond(jr::make_result(req.id, Json::object()));
}

}  // namespace mcp

// Reading a request and its 2026-07-28 _meta envelope (see request_envelope.hpp).
#include "mcp/request_envelope.hpp"

#include "mcp/jsonrpc.hpp"
#include "mcp/log_levels.hpp"
#include "mcp/protocol_versions.hpp"
#include "mcp/server.hpp"

namespace mcp::detail {

using util::Json;
namespace jr = jsonrpc;

namespace {

RpcError invalid_params(std::string message) { return RpcError{jr::kInvalidParams, std::move(message), std::nullopt}; }

/// The 2026-07-28 envelope: client capabilities (required), log level, and the answers of a
/// previous input round.
std::optional<RpcError> read_modern(Request& req, const Json& meta) {
  auto caps = meta.find(versions::kMetaClientCapabilities);
  if (caps == meta.end() || !caps->is_object()) {
    return invalid_params(std::string("Invalid params: missing _meta \"") + versions::kMetaClientCapabilities + "\"");
  }
  req.client_capabilities = *caps;
  if (auto level = meta.find(versions::kMetaLogLevel); level != meta.end()) {
    req.modern_log_level = parse_level(*level);
    if (!req.modern_log_level) {
      return invalid_params(std::string("Invalid params: unknown _meta \"") + versions::kMetaLogLevel + "\"");
    }
  }
  if (auto responses = req.params.find("inputResponses"); responses != req.params.end()) {
    if (!responses->is_object()) return invalid_params("Invalid params: inputResponses must be an object");
    req.input_responses = *responses;
  }
  if (auto state = req.params.find("requestState"); state != req.params.end()) {
    if (!state->is_string()) return invalid_params("Invalid params: requestState must be a string");
    req.request_state = state->get<std::string>();
  }
  req.era = Era::kModern;
  return std::nullopt;
}

}  // namespace

Request take_request(Json message) {
  Request req;
  req.id = std::move(message["id"]);
  req.method = message["method"].get<std::string>();
  if (auto params = message.find("params"); params != message.end()) {
    req.params = std::move(*params);
  } else {
    req.params = Json::object();
  }
  return req;
}

std::optional<RpcError> read_envelope(Request& req) {
  auto m = req.params.find("_meta");
  if (m == req.params.end()) return std::nullopt;
  if (!m->is_object()) return invalid_params("Invalid params: _meta must be an object");
  const Json& meta = *m;
  if (auto token = meta.find("progressToken"); token != meta.end() && jr::is_valid_id(*token)) {
    req.progress_token = *token;
  }
  auto version = meta.find(versions::kMetaProtocolVersion);
  if (version == meta.end()) return std::nullopt;
  if (!version->is_string()) {
    return invalid_params(std::string("Invalid params: _meta \"") + versions::kMetaProtocolVersion +
                          "\" must be a string");
  }
  const auto& v = version->get_ref<const std::string&>();
  if (versions::is_modern(v)) return read_modern(req, meta);
  if (!versions::is_legacy(v)) {
    Json data = Json::object();
    data["supported"] = Server::supported_versions();
    data["requested"] = v;
    return RpcError{jr::kUnsupportedProtocolVersion, "Unsupported protocol version", std::move(data)};
  }
  return std::nullopt;  // a legacy revision named in the envelope: the legacy rules apply
}

}  // namespace mcp::detail

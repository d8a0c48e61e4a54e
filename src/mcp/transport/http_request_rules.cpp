// The rules of an MCP POST (see http_request_rules.hpp).
#include "mcp/transport/http_request_rules.hpp"

#include <algorithm>
#include <optional>

#include "mcp/jsonrpc.hpp"
#include "mcp/protocol_versions.hpp"
#include "util/ascii.hpp"

namespace mcp::http_transport {
namespace {

namespace jr = jsonrpc;
using util::Json;

tl::unexpected<HttpRpcError> refuse(int status, const Json& id, int code, std::string message) {
  return tl::unexpected(HttpRpcError{status, id, code, std::move(message)});
}

/// 2026-07-28 (SEP-2243): the routing headers must mirror the body; omitting one is a mismatch.
std::optional<std::string> header_mismatch(const PostHeaders& headers, const PostRequest& post,
                                           const std::optional<std::string>& body_version, const Json* params) {
  if (body_version && post.header_version != *body_version) {
    return post.header_version.empty() ? "Header mismatch: MCP-Protocol-Version header is missing"
                                       : "Header mismatch: MCP-Protocol-Version header does not match _meta";
  }
  const std::string header_method = trimmed(headers.method);
  if (post.body.is_object() && header_method != post.method) {
    return header_method.empty() ? "Header mismatch: Mcp-Method header is missing"
                                 : "Header mismatch: Mcp-Method does not match the body's method";
  }
  const char* name_key = (post.method == "tools/call" || post.method == "prompts/get") ? "name"
                         : post.method == "resources/read"                             ? "uri"
                                                                                       : nullptr;
  if (name_key == nullptr) return std::nullopt;
  const std::string header_name = trimmed(headers.name);
  const bool body_has_name = params != nullptr && params->contains(name_key) && (*params)[name_key].is_string();
  const bool matches = body_has_name ? (*params)[name_key].get<std::string>() == header_name : header_name.empty();
  if (matches) return std::nullopt;
  return header_name.empty() ? std::string("Header mismatch: Mcp-Name header is missing")
                             : std::string("Header mismatch: Mcp-Name does not match params.") + name_key;
}

void note_request_id(const Json& message, std::vector<Json>& ids) {
  if (message.is_object() && message.contains("method") && message.contains("id") && jr::is_valid_id(message["id"])) {
    ids.push_back(message["id"]);
  }
}

}  // namespace

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

tl::expected<PostRequest, HttpRpcError> read_post(const PostHeaders& headers, std::string_view body) {
  if (util::lower_ascii(headers.content_type).find("application/json") == std::string::npos) {
    return refuse(415, nullptr, jr::kServerError, "Unsupported Media Type: Content-Type must be application/json");
  }
  PostRequest post;
  const std::string accept = util::lower_ascii(headers.accept);
  post.accepts_sse = accept.find("text/event-stream") != std::string::npos;
  const bool accepts_json = accept.empty() || accept.find("application/json") != std::string::npos ||
                            accept.find("*/*") != std::string::npos || accept.find("application/*") != std::string::npos;
  if (!post.accepts_sse && !accepts_json) {
    return refuse(406, nullptr, jr::kServerError, "Not Acceptable: accept application/json or text/event-stream");
  }

  auto parsed = jr::parse_message(body);
  if (!parsed) return refuse(400, nullptr, jr::kParseError, parsed.error()["error"]["message"].get<std::string>());
  post.body = std::move(*parsed);
  std::optional<std::string> body_version;
  const Json* params = nullptr;
  if (post.body.is_object()) {
    if (auto i = post.body.find("id"); i != post.body.end() && jr::is_valid_id(*i)) post.id = *i;
    if (auto m = post.body.find("method"); m != post.body.end() && m->is_string()) post.method = m->get<std::string>();
    if (auto p = post.body.find("params"); p != post.body.end() && p->is_object()) {
      params = &*p;
      if (auto meta = p->find("_meta"); meta != p->end() && meta->is_object()) {
        if (auto v = meta->find(versions::kMetaProtocolVersion); v != meta->end() && v->is_string()) {
          body_version = v->get<std::string>();
        }
      }
    }
  }
  post.header_version = trimmed(headers.protocol_version);
  post.stateless = body_version.has_value() || post.header_version == versions::kModern;
  if (post.stateless) {
    if (auto why = header_mismatch(headers, post, body_version, params)) {
      return refuse(400, post.id, jr::kHeaderMismatch, std::move(*why));
    }
  } else if (!post.header_version.empty() && !versions::is_legacy(post.header_version)) {
    return refuse(400, post.id, jr::kServerError, "Bad Request: unsupported MCP-Protocol-Version: " + post.header_version);
  }
  post.is_initialize = post.method == "initialize" && !post.stateless;
  if (post.body.is_array()) {
    for (const auto& m : post.body) note_request_id(m, post.request_ids);
  } else {
    note_request_id(post.body, post.request_ids);
  }
  return post;
}

bool accepts_event_stream(std::string_view accept) {
  const std::string a = util::lower_ascii(accept);
  return a.empty() || a.find("text/event-stream") != std::string::npos || a.find("*/*") != std::string::npos;
}

int status_for_stateless(std::string_view message) {
  if (message.find("\"error\"") == std::string_view::npos) return 200;
  const Json parsed = Json::parse(message, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("error") || !parsed["error"].is_object()) return 200;
  switch (parsed["error"].value("code", 0)) {
    case jr::kMethodNotFound: return 404;
    case jr::kInvalidParams:
    case jr::kInvalidRequest:
    case jr::kParseError:
    case jr::kHeaderMismatch:
    case jr::kMissingClientCapability:
    case jr::kUnsupportedProtocolVersion: return 400;
    case jr::kInternalError: return 500;
    default: return 200;
  }
}

bool is_error_response(std::string_view message) {
  return message.find("\"error\"") != std::string_view::npos && message.find("\"result\"") == std::string_view::npos;
}

}  // namespace mcp::http_transport

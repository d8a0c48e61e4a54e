// JSON-RPC 2.0 message builders and the shape check of incoming messages.
#include "mcp/jsonrpc.hpp"

#include "util/json_depth.hpp"

namespace mcp::jsonrpc {

tl::expected<Json, Json> parse_message(std::string_view raw) {
  if (util::json_nesting_exceeds(raw, kMaxNestingDepth)) {
    return tl::unexpected(make_error(nullptr, kParseError,
                                     "Parse error: JSON nested deeper than " + std::to_string(kMaxNestingDepth) +
                                         " levels (the limit for one message)"));
  }
  Json message = Json::parse(raw.begin(), raw.end(), nullptr, /*allow_exceptions=*/false);
  if (message.is_discarded()) return tl::unexpected(make_error(nullptr, kParseError, "Parse error: invalid JSON"));
  return message;
}

Json make_result(const Json& id, Json result) {
  Json out = Json::object();
  out["jsonrpc"] = "2.0";
  out["id"] = id;
  out["result"] = std::move(result);
  return out;
}

Json make_error(const Json& id, int code, std::string message, std::optional<Json> data) {
  Json error = Json::object();
  error["code"] = code;
  error["message"] = std::move(message);
  if (data) error["data"] = std::move(*data);
  Json out = Json::object();
  out["jsonrpc"] = "2.0";
  out["id"] = id;
  out["error"] = std::move(error);
  return out;
}

Json make_notification(std::string_view method, Json params) {
  Json out = Json::object();
  out["jsonrpc"] = "2.0";
  out["method"] = method;
  out["params"] = std::move(params);
  return out;
}

bool is_valid_id(const Json& id) {
  return id.is_string() || id.is_number_integer() || id.is_number_unsigned();
}

Classified classify(const Json& message) {
  if (!message.is_object()) {
    return {MessageKind::kInvalid, make_error(nullptr, kInvalidRequest, "Invalid Request: not an object")};
  }
  const auto id_it = message.find("id");
  const bool has_id = id_it != message.end();
  const Json reply_id = (has_id && is_valid_id(*id_it)) ? *id_it : Json(nullptr);
  auto invalid = [&](const char* why) {
    return Classified{MessageKind::kInvalid,
                      make_error(reply_id, kInvalidRequest, std::string("Invalid Request: ") + why)};
  };

  const auto version = message.find("jsonrpc");
  if (version == message.end() || *version != "2.0") return invalid("jsonrpc must be \"2.0\"");

  const auto method = message.find("method");
  if (method == message.end()) {
    // A response from the client (we never send requests, so it is simply dropped).
    if (message.contains("result") || message.contains("error")) return {MessageKind::kResponse, {}};
    return invalid("missing method");
  }
  if (!method->is_string()) return invalid("method must be a string");
  if (has_id && !is_valid_id(*id_it)) return invalid("id must be a string or an integer");

  if (auto params = message.find("params"); params != message.end() && !params->is_object()) {
    if (!has_id) return {MessageKind::kInvalid, Json()};  // a bad notification: nothing to answer
    return {MessageKind::kInvalid, make_error(reply_id, kInvalidParams, "Invalid params: must be an object")};
  }
  return {has_id ? MessageKind::kRequest : MessageKind::kNotification, {}};
}

}  // namespace mcp::jsonrpc

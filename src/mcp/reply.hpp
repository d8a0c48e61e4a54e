// What a prompt, resource or completion handler answers: a result object, a request for client
// input (2026-07-28 InputRequiredResult), or a JSON-RPC error. Tool handlers use ToolOutcome.
#pragma once
#include <optional>
#include <string>

#include "mcp/tool.hpp"

namespace mcp {

struct Reply {
  Json result = Json::object();          ///< e.g. {messages:[...]} or {contents:[...]}
  std::optional<Json> input_requests;    ///< set by need_input()
  std::optional<std::string> request_state;
  std::optional<RpcError> error;         ///< set by fail()

  static Reply ok(Json result) { return Reply{std::move(result), std::nullopt, std::nullopt, std::nullopt}; }
  /// resources/read's answer: {contents:[...]}.
  static Reply contents(Json items) { return ok(Json{{"contents", std::move(items)}}); }
  static Reply need_input(Json requests, std::optional<std::string> state = std::nullopt) {
    return Reply{Json::object(), std::move(requests), std::move(state), std::nullopt};
  }
  static Reply fail(int code, std::string message, std::optional<Json> data = std::nullopt) {
    return Reply{Json::object(), std::nullopt, std::nullopt, RpcError{code, std::move(message), std::move(data)}};
  }
};

/// completion/complete: given the reference ({type:"ref/prompt",name} or
/// {type:"ref/resource",uri}), the argument being completed ({name,value}) and the optional
/// context ({arguments:{...}}), returns {completion:{values[], total?, hasMore?}}. Runs on the
/// worker pool like a prompt (a completion may ask an upstream service, and must not hold up the
/// transport's reader meanwhile), with the request's cancellation and deadline in `call`.
using CompletionHandler =
    std::function<Reply(const Json& ref, const Json& argument, const Json& context, ToolContext& call)>;

}  // namespace mcp

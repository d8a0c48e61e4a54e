// Fixture tools and prompt for the 2026-07-28 multi round-trip flow (InputRequiredResult,
// SEP-2322). requestState crosses the client, so it is signed with HMAC-SHA256 under a key made
// at start-up; a tampered state is refused with -32602.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <optional>
#include <string>

#include "fixture.hpp"
#include "mcp/jsonrpc.hpp"

namespace fixture {

using mcp::Json;
using mcp::Tool;
using mcp::ToolContext;
using mcp::ToolOutcome;

namespace {

const std::array<unsigned char, 32>& state_key() {
  static const std::array<unsigned char, 32> key = [] {
    std::array<unsigned char, 32> k{};
    RAND_bytes(k.data(), static_cast<int>(k.size()));
    return k;
  }();
  return key;
}

std::string mac_of(const std::string& payload) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), state_key().data(), static_cast<int>(state_key().size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), mac, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[mac[i] >> 4]);
    out.push_back(kHex[mac[i] & 15]);
  }
  return out;
}

/// "<payload>.<hex hmac>"
std::string sign(const std::string& payload) { return payload + "." + mac_of(payload); }

/// The payload when the state is intact, nullopt when absent or tampered.
std::optional<std::string> verify(const std::optional<std::string>& state) {
  if (!state) return std::nullopt;
  const auto dot = state->rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  const std::string payload = state->substr(0, dot);
  const std::string mac = state->substr(dot + 1);
  const std::string expected = mac_of(payload);
  if (mac.size() != expected.size()) return std::nullopt;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < mac.size(); ++i) diff |= static_cast<unsigned char>(mac[i] ^ expected[i]);
  if (diff != 0) return std::nullopt;
  return payload;
}

ToolOutcome tampered() { return ToolOutcome::protocol_error(mcp::jsonrpc::kInvalidParams, "Invalid params: requestState failed its integrity check"); }

Json text_result(std::string text) { return Json::array({Json{{"type", "text"}, {"text", std::move(text)}}}); }

Json elicitation_request(std::string message, std::string field, std::string type = "string") {
  Json properties = Json::object();
  properties[field] = Json{{"type", type}};
  Json schema{{"type", "object"}, {"properties", std::move(properties)}, {"required", Json::array({field})}};
  Json params{{"message", std::move(message)}, {"requestedSchema", std::move(schema)}};
  return Json{{"method", "elicitation/create"}, {"params", std::move(params)}};
}

Json sampling_request(std::string text, int max_tokens) {
  Json message{{"role", "user"}, {"content", Json{{"type", "text"}, {"text", std::move(text)}}}};
  Json params{{"messages", Json::array({std::move(message)})}, {"maxTokens", max_tokens}};
  return Json{{"method", "sampling/createMessage"}, {"params", std::move(params)}};
}

Json roots_request() { return Json{{"method", "roots/list"}, {"params", Json::object()}}; }

/// The answer under `key` when the client gave one of the right shape.
const Json* answer(const ToolContext& context, const char* key) {
  if (!context.input_responses.is_object()) return nullptr;
  auto it = context.input_responses.find(key);
  if (it == context.input_responses.end() || !it->is_object()) return nullptr;
  return &*it;
}

/// An accepted elicitation's content field, or nullopt.
std::optional<std::string> elicited(const ToolContext& context, const char* key, const char* field) {
  const Json* a = answer(context, key);
  if (a == nullptr || a->value("action", std::string()) != "accept") return std::nullopt;
  auto content = a->find("content");
  if (content == a->end() || !content->is_object()) return std::nullopt;
  auto value = content->find(field);
  if (value == content->end()) return std::nullopt;
  return value->is_string() ? value->get<std::string>() : value->dump();
}

std::string sampled_text(const Json& result) {
  if (result.contains("content") && result["content"].is_object()) return result["content"].value("text", std::string());
  return {};
}

Tool mrtr_tool(std::string name, std::string description, mcp::ToolHandler handler) {
  Tool tool;
  tool.name = std::move(name);
  tool.description = std::move(description);
  tool.input_schema = Json{{"type", "object"}, {"properties", Json::object()}};
  tool.output_schema = nullptr;
  tool.annotations = Json{{"readOnlyHint", true}};
  tool.handler = std::move(handler);
  return tool;
}

}  // namespace

void add_input_required_tools(mcp::ToolRegistry& tools) {
  tools.add(mrtr_tool("test_input_required_result_elicitation", "Asks the user's name, then greets.",
                      [](const Json&, ToolContext& context) {
                        if (auto name = elicited(context, "user_name", "name")) {
                          return ToolOutcome::with_content(text_result("Hello, " + *name + "!"));
                        }
                        return ToolOutcome::need_input(
                            Json{{"user_name", elicitation_request("What is your name?", "name")}});
                      }));

  tools.add(mrtr_tool("test_input_required_result_sampling", "Asks the client's LLM a question.",
                      [](const Json&, ToolContext& context) {
                        if (const Json* a = answer(context, "capital_question")) {
                          return ToolOutcome::with_content(text_result("Sampling response: " + sampled_text(*a)));
                        }
                        return ToolOutcome::need_input(
                            Json{{"capital_question", sampling_request("What is the capital of France?", 100)}});
                      }));

  tools.add(mrtr_tool("test_input_required_result_list_roots", "Lists the client's roots.",
                      [](const Json&, ToolContext& context) {
                        const Json* a = answer(context, "client_roots");
                        if (a != nullptr && a->contains("roots") && (*a)["roots"].is_array()) {
                          std::string uris;
                          for (const auto& root : (*a)["roots"]) {
                            if (!uris.empty()) uris += ", ";
                            uris += root.is_object() ? root.value("uri", std::string("?")) : std::string("?");
                          }
                          return ToolOutcome::with_content(text_result("Client roots: " + (uris.empty() ? "(none)" : uris)));
                        }
                        return ToolOutcome::need_input(Json{{"client_roots", roots_request()}});
                      }));

  tools.add(mrtr_tool("test_input_required_result_request_state", "Round-trips a signed requestState.",
                      [](const Json&, ToolContext& context) {
                        if (context.request_state) {
                          auto payload = verify(context.request_state);
                          if (!payload || *payload != "request-state-round-1") return tampered();
                          if (answer(context, "confirm") != nullptr) {
                            return ToolOutcome::with_content(text_result("state-ok: the requestState was verified"));
                          }
                        }
                        return ToolOutcome::need_input(
                            Json{{"confirm", elicitation_request("Please confirm", "ok", "boolean")}},
                            sign("request-state-round-1"));
                      }));

  tools.add(mrtr_tool("test_input_required_result_multiple_inputs", "Needs a name, a greeting and the roots.",
                      [](const Json&, ToolContext& context) {
                        const bool state_ok = verify(context.request_state) == std::optional<std::string>("multiple-inputs");
                        if (context.request_state && !state_ok) return tampered();
                        auto name = elicited(context, "user_name", "name");
                        const Json* greeting = answer(context, "greeting");
                        const Json* roots = answer(context, "client_roots");
                        if (state_ok && name && greeting != nullptr && roots != nullptr) {
                          return ToolOutcome::with_content(text_result("Received all inputs: name=" + *name +
                                                                       ", greeting=" + sampled_text(*greeting)));
                        }
                        return ToolOutcome::need_input(
                            Json{{"user_name", elicitation_request("What is your name?", "name")},
                                 {"greeting", sampling_request("Generate a greeting", 50)},
                                 {"client_roots", roots_request()}},
                            sign("multiple-inputs"));
                      }));

  tools.add(mrtr_tool("test_input_required_result_multi_round", "Two rounds of questions.",
                      [](const Json&, ToolContext& context) {
                        const auto payload = verify(context.request_state);
                        if (context.request_state && !payload) return tampered();
                        if (payload && payload->rfind("multi-round-2:", 0) == 0) {
                          if (auto color = elicited(context, "step2", "color")) {
                            return ToolOutcome::with_content(text_result("Completed: name=" + payload->substr(14) +
                                                                         ", favorite color=" + *color));
                          }
                        }
                        if (auto name = elicited(context, "step1", "name")) {
                          if (payload && *payload == "multi-round-1") {
                            return ToolOutcome::need_input(
                                Json{{"step2", elicitation_request("Step 2: What is your favorite color?", "color")}},
                                sign("multi-round-2:" + *name));
                          }
                        }
                        return ToolOutcome::need_input(Json{{"step1", elicitation_request("Step 1: What is your name?", "name")}},
                                                       sign("multi-round-1"));
                      }));

  tools.add(mrtr_tool("test_input_required_result_tampered_state", "Refuses a tampered requestState.",
                      [](const Json&, ToolContext& context) {
                        if (context.request_state) {
                          if (verify(context.request_state) != std::optional<std::string>("tamper-check")) return tampered();
                          if (auto name = elicited(context, "user_name", "name")) {
                            return ToolOutcome::with_content(text_result("Hello, " + *name + "! (state verified)"));
                          }
                        }
                        return ToolOutcome::need_input(Json{{"user_name", elicitation_request("What is your name?", "name")}},
                                                       sign("tamper-check"));
                      }));

  tools.add(mrtr_tool("test_input_required_result_capabilities",
                      "Asks only for what the client declared it can answer.",
                      [](const Json&, ToolContext& context) {
                        const Json& caps = context.client_capabilities;
                        if (context.input_responses.is_object() && !context.input_responses.empty()) {
                          return ToolOutcome::with_content(
                              text_result("Received " + std::to_string(context.input_responses.size()) + " input response(s)"));
                        }
                        Json requests = Json::object();
                        if (caps.contains("elicitation")) requests["user_name"] = elicitation_request("What is your name?", "name");
                        if (caps.contains("sampling")) requests["capital_question"] = sampling_request("What is the capital of France?", 100);
                        if (caps.contains("roots")) requests["client_roots"] = roots_request();
                        if (requests.empty()) {
                          return ToolOutcome::with_content(text_result("The client declared no capability to ask for input"));
                        }
                        return ToolOutcome::need_input(std::move(requests));
                      }));
}

void add_input_required_prompt(mcp::PromptRegistry& prompts) {
  mcp::Prompt prompt;
  prompt.name = "test_input_required_result_prompt";
  prompt.description = "A prompt that asks the user for context first";
  prompt.get = [](const std::map<std::string, std::string>&, ToolContext& context) {
    if (auto value = elicited(context, "user_context", "context")) {
      return mcp::Reply::ok(Json{{"description", "A prompt built from the user's context"},
                                 {"messages", Json::array({Json{{"role", "user"},
                                                                {"content", {{"type", "text"},
                                                                             {"text", "Context: " + *value}}}}})}});
    }
    return mcp::Reply::need_input(
        Json{{"user_context", elicitation_request("What context should the prompt use?", "context")}});
  };
  prompts.add(std::move(prompt));
}

}  // namespace fixture

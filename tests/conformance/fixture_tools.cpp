// Fixture tools with fixed answers (see fixture.hpp): content of every kind, logging, progress,
// an error, a call that closes its stream mid-call (SEP-1699), and the legacy-era tools that ask
// the client (sampling, elicitation).
#include <chrono>
#include <thread>

#include "fixture.hpp"
#include "mcp/jsonrpc.hpp"

namespace fixture {

using mcp::Json;
using mcp::Tool;
using mcp::ToolContext;
using mcp::ToolOutcome;

const char* const kRedPixelPng =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
// A 44-byte RIFF/WAVE header with one silent 8-bit sample.
const char* const kSilentWav = "UklGRiUAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQEAAACA";

namespace {

Json object_schema(Json properties = Json::object(), Json required = Json::array()) {
  Json schema{{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) schema["required"] = std::move(required);
  return schema;
}

Json text_block(std::string text) { return Json{{"type", "text"}, {"text", std::move(text)}}; }

Tool content_tool(std::string name, std::string description, Json content) {
  Tool tool;
  tool.name = std::move(name);
  tool.description = std::move(description);
  tool.input_schema = object_schema();
  tool.output_schema = nullptr;
  tool.annotations = Json{{"readOnlyHint", true}};
  tool.handler = [content = std::move(content)](const Json&, ToolContext&) { return ToolOutcome::with_content(content); };
  return tool;
}

bool sleep_unless_cancelled(ToolContext& context, std::chrono::milliseconds duration) {
  const auto until = std::chrono::steady_clock::now() + duration;
  while (std::chrono::steady_clock::now() < until) {
    if (context.cancel.cancelled()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return !context.cancel.cancelled();
}

/// Sends elicitation/create to the client and describes its answer.
ToolOutcome elicit(ToolContext& context, Json params, const std::string& prefix) {
  if (!context.client_capabilities.contains("elicitation")) {
    return ToolOutcome::error("the client does not support elicitation");
  }
  auto answer = context.request_client("elicitation/create", params);
  if (!answer) return ToolOutcome::error("elicitation failed: " + answer.error().message);
  const std::string action = answer->value("action", std::string("unknown"));
  const Json content = answer->contains("content") ? (*answer)["content"] : Json::object();
  return ToolOutcome::with_content(Json::array({text_block(prefix + "action=" + action + ", content=" + content.dump())}));
}

}  // namespace

void add_basic_tools(mcp::ToolRegistry& tools) {
  tools.add(content_tool("test_simple_text", "Returns a simple text response.",
                         Json::array({text_block("This is a simple text response for testing.")})));
  tools.add(content_tool("test_image_content", "Returns a 1x1 red PNG image.",
                         Json::array({Json{{"type", "image"}, {"data", kRedPixelPng}, {"mimeType", "image/png"}}})));
  tools.add(content_tool("test_audio_content", "Returns a tiny WAV clip.",
                         Json::array({Json{{"type", "audio"}, {"data", kSilentWav}, {"mimeType", "audio/wav"}}})));
  tools.add(content_tool("test_embedded_resource", "Returns an embedded text resource.",
                         Json::array({Json{{"type", "resource"},
                                           {"resource", Json{{"uri", "test://embedded-resource"},
                                                             {"mimeType", "text/plain"},
                                                             {"text", "This is an embedded resource content."}}}}})));
  tools.add(content_tool(
      "test_multiple_content_types", "Returns text, an image and an embedded resource.",
      Json::array({text_block("Multiple content types test:"),
                   Json{{"type", "image"}, {"data", kRedPixelPng}, {"mimeType", "image/png"}},
                   Json{{"type", "resource"},
                        {"resource", Json{{"uri", "test://mixed-content-resource"},
                                          {"mimeType", "application/json"},
                                          {"text", R"({"test":"data","value":123})"}}}}})));

  Tool error_tool = content_tool("test_error_handling", "Always fails.", Json::array());
  error_tool.handler = [](const Json&, ToolContext&) {
    return ToolOutcome::with_content(Json::array({text_block("This tool intentionally returns an error for testing")}),
                                     true);
  };
  tools.add(std::move(error_tool));

  Tool logging = content_tool("test_tool_with_logging", "Sends three info log messages while it runs.", Json::array());
  logging.handler = [](const Json&, ToolContext& context) {
    context.log(mcp::LogLevel::kInfo, "Tool execution started");
    sleep_unless_cancelled(context, std::chrono::milliseconds(50));
    context.log(mcp::LogLevel::kInfo, "Tool processing data");
    sleep_unless_cancelled(context, std::chrono::milliseconds(50));
    context.log(mcp::LogLevel::kInfo, "Tool execution completed");
    return ToolOutcome::with_content(Json::array({text_block("Tool with logging executed successfully")}));
  };
  tools.add(std::move(logging));

  // SEP-1699 polling: the call ends its response stream at once and answers a little later, so
  // the client has to resume with GET + Last-Event-ID to get the result.
  Tool reconnection = content_tool("test_reconnection", "Closes its SSE stream mid-call, then answers.", Json::array());
  reconnection.handler = [](const Json&, ToolContext& context) {
    context.close_stream();
    if (!sleep_unless_cancelled(context, std::chrono::milliseconds(100))) return ToolOutcome::error("cancelled");
    return ToolOutcome::with_content(Json::array({text_block("Reconnection test completed successfully")}));
  };
  tools.add(std::move(reconnection));

  Tool progress = content_tool("test_tool_with_progress", "Reports progress 0, 50, 100 of 100.", Json::array());
  progress.handler = [](const Json&, ToolContext& context) {
    context.progress(0, 100, "");
    sleep_unless_cancelled(context, std::chrono::milliseconds(50));
    context.progress(50, 100, "");
    sleep_unless_cancelled(context, std::chrono::milliseconds(50));
    context.progress(100, 100, "");
    return ToolOutcome::with_content(Json::array({text_block("Tool with progress executed successfully")}));
  };
  tools.add(std::move(progress));

  Tool sampling = content_tool("test_sampling", "Asks the client's LLM (sampling/createMessage).", Json::array());
  sampling.input_schema = object_schema(Json{{"prompt", {{"type", "string"}, {"description", "The prompt"}}}},
                                        Json::array({"prompt"}));
  sampling.handler = [](const Json& args, ToolContext& context) {
    if (!context.client_capabilities.contains("sampling")) {
      return ToolOutcome::error("the client does not support sampling");
    }
    Json params{{"messages", Json::array({Json{{"role", "user"}, {"content", text_block(args["prompt"].get<std::string>())}}})},
                {"maxTokens", 100}};
    auto answer = context.request_client("sampling/createMessage", params);
    if (!answer) return ToolOutcome::error("sampling failed: " + answer.error().message);
    std::string text;
    if (answer->contains("content") && (*answer)["content"].is_object()) {
      text = (*answer)["content"].value("text", std::string());
    }
    return ToolOutcome::with_content(Json::array({text_block("LLM response: " + text)}));
  };
  tools.add(std::move(sampling));

  Tool elicitation = content_tool("test_elicitation", "Asks the user for input (elicitation/create).", Json::array());
  elicitation.input_schema = object_schema(Json{{"message", {{"type", "string"}, {"description", "Shown to the user"}}}},
                                           Json::array({"message"}));
  elicitation.handler = [](const Json& args, ToolContext& context) {
    Json schema = object_schema(Json{{"username", {{"type", "string"}, {"description", "User's response"}}},
                                     {"email", {{"type", "string"}, {"description", "User's email address"}}}},
                                Json::array({"username", "email"}));
    return elicit(context, Json{{"message", args["message"]}, {"requestedSchema", schema}}, "User response: ");
  };
  tools.add(std::move(elicitation));

  Tool defaults = content_tool("test_elicitation_sep1034_defaults", "Elicitation with defaults (SEP-1034).", Json::array());
  defaults.handler = [](const Json&, ToolContext& context) {
    Json schema = object_schema(
        Json{{"name", {{"type", "string"}, {"default", "John Doe"}}},
             {"age", {{"type", "integer"}, {"default", 30}}},
             {"score", {{"type", "number"}, {"default", 95.5}}},
             {"status", {{"type", "string"}, {"enum", {"active", "inactive", "pending"}}, {"default", "active"}}},
             {"verified", {{"type", "boolean"}, {"default", true}}}});
    return elicit(context, Json{{"message", "Please review and update the form fields with defaults"}, {"requestedSchema", schema}},
                  "Elicitation completed: ");
  };
  tools.add(std::move(defaults));

  Tool enums = content_tool("test_elicitation_sep1330_enums", "Elicitation with every enum form (SEP-1330).", Json::array());
  enums.handler = [](const Json&, ToolContext& context) {
    Json schema = object_schema(Json{
        {"untitledSingle", {{"type", "string"}, {"enum", {"option1", "option2", "option3"}}}},
        {"titledSingle",
         {{"type", "string"},
          {"oneOf", Json::array({Json{{"const", "value1"}, {"title", "First Option"}},
                                 Json{{"const", "value2"}, {"title", "Second Option"}},
                                 Json{{"const", "value3"}, {"title", "Third Option"}}})}}},
        {"legacyEnum",
         {{"type", "string"},
          {"enum", {"opt1", "opt2", "opt3"}},
          {"enumNames", {"Option One", "Option Two", "Option Three"}}}},
        {"untitledMulti",
         {{"type", "array"}, {"items", {{"type", "string"}, {"enum", {"option1", "option2", "option3"}}}}}},
        {"titledMulti",
         {{"type", "array"},
          {"items",
           {{"anyOf", Json::array({Json{{"const", "value1"}, {"title", "First Choice"}},
                                   Json{{"const", "value2"}, {"title", "Second Choice"}},
                                   Json{{"const", "value3"}, {"title", "Third Choice"}}})}}}}}});
    return elicit(context, Json{{"message", "Please select options from the enum fields"}, {"requestedSchema", schema}},
                  "Elicitation completed: ");
  };
  tools.add(std::move(enums));

  Tool missing = content_tool("test_missing_capability", "Needs the client's sampling capability.", Json::array());
  missing.handler = [](const Json&, ToolContext& context) {
    if (!context.client_capabilities.contains("sampling")) {
      return ToolOutcome::protocol_error(-32021, "Missing required client capability: sampling",
                                         Json{{"requiredCapabilities", Json{{"sampling", Json::object()}}}});
    }
    return ToolOutcome::with_content(Json::array({text_block("The client declared sampling")}));
  };
  tools.add(std::move(missing));

  Tool schema_tool = content_tool("json_schema_2020_12_tool", "Carries JSON Schema 2020-12 keywords.", Json::array());
  schema_tool.input_schema = Json::parse(R"({
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "$defs": {"address": {"$anchor": "addressDef", "type": "object",
                          "properties": {"street": {"type": "string"}, "city": {"type": "string"}}}},
    "properties": {
      "name": {"type": "string"},
      "address": {"$ref": "#/$defs/address"},
      "contactMethod": {"type": "string", "enum": ["phone", "email"]},
      "phone": {"type": "string"},
      "email": {"type": "string"}
    },
    "allOf": [{"anyOf": [{"required": ["phone"]}, {"required": ["email"]}]}],
    "if": {"properties": {"contactMethod": {"const": "phone"}}, "required": ["contactMethod"]},
    "then": {"required": ["phone"]},
    "else": {"required": ["email"]},
    "additionalProperties": false
  })");
  schema_tool.handler = [](const Json& args, ToolContext&) {
    return ToolOutcome::with_content(Json::array({text_block("Received: " + args.dump())}));
  };
  tools.add(std::move(schema_tool));

  Tool logs = content_tool("test_logging_tool", "Logs at info level (sent only when the request asks for logs).",
                           Json::array());
  logs.handler = [](const Json&, ToolContext& context) {
    context.log(mcp::LogLevel::kInfo, "test_logging_tool ran");
    return ToolOutcome::with_content(Json::array({text_block("Logged one info message")}));
  };
  tools.add(std::move(logs));

  // 2026-07-28: asks for input through InputRequiredResult, never by a request on the stream.
  Tool streaming = content_tool("test_streaming_elicitation", "Needs the user's confirmation first.", Json::array());
  streaming.handler = [](const Json&, ToolContext& context) {
    if (context.input_responses.is_object() && context.input_responses.contains("confirm")) {
      return ToolOutcome::with_content(Json::array({text_block("Confirmed")}));
    }
    Json schema = object_schema(Json{{"ok", {{"type", "boolean"}}}}, Json::array({"ok"}));
    Json params{{"message", "Please confirm"}, {"requestedSchema", std::move(schema)}};
    Json requests = Json::object();
    requests["confirm"] = Json{{"method", "elicitation/create"}, {"params", std::move(params)}};
    return ToolOutcome::need_input(std::move(requests));
  };
  tools.add(std::move(streaming));
}

}  // namespace fixture

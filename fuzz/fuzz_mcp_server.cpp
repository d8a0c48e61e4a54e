// libFuzzer target: arbitrary bytes as one incoming line for mcp::Server::handle, with a small
// registry whose tools exercise argument validation, output validation, errors and exceptions.
// Half the inputs arrive in a session that already completed the legacy handshake, so tools/call
// and friends are reached, not just the "not initialized" refusal.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>
#include <stdexcept>
#include <string>
#include <string_view>

#include "mcp/server.hpp"

namespace {

using util::Json;

mcp::ToolRegistry make_registry() {
  mcp::ToolRegistry registry;
  mcp::Tool echo;
  echo.name = "echo";
  echo.description = "Returns its arguments.";
  echo.input_schema = Json::parse(R"({"type":"object","additionalProperties":false,
    "properties":{"id":{"type":"integer","minimum":1},"page_size":{"type":"integer","minimum":1,"maximum":100},
      "search":{"type":"string","maxLength":200},"day":{"type":"string","format":"date"},
      "kind":{"type":"string","enum":["a","b"]},"flag":{"type":"boolean"},
      "fields":{"type":"array","items":{"type":"string","minLength":1,"maxLength":100},"maxItems":50},
      "nested":{"type":"object","properties":{"n":{"type":"number","exclusiveMinimum":0}},"required":["n"]}},
    "required":["id"]})");
  echo.output_schema = Json::parse(R"({"type":"object","properties":{"echo":{"type":"object"}},"required":["echo"]})");
  echo.handler = [](const Json& args, mcp::ToolContext& context) {
    context.progress(1, 2.0, "half");
    return mcp::ToolOutcome::ok(Json{{"echo", args}});
  };
  registry.add(echo);

  mcp::Tool fail;
  fail.name = "fail";
  fail.description = "Always an error.";
  fail.input_schema = Json{{"type", "object"}};
  fail.handler = [](const Json&, mcp::ToolContext&) { return mcp::ToolOutcome::error("failed"); };
  registry.add(fail);

  mcp::Tool throws;
  throws.name = "throws";
  throws.description = "Throws.";
  throws.input_schema = Json{{"type", "object"}};
  throws.handler = [](const Json&, mcp::ToolContext&) -> mcp::ToolOutcome { throw std::runtime_error("boom"); };
  registry.add(throws);

  mcp::Tool bad_output;
  bad_output.name = "bad_output";
  bad_output.description = "Violates its output schema.";
  bad_output.input_schema = Json{{"type", "object"}};
  bad_output.output_schema = Json::parse(R"({"type":"object","required":["x"]})");
  bad_output.handler = [](const Json&, mcp::ToolContext&) { return mcp::ToolOutcome::ok(Json{{"y", 1}}); };
  registry.add(bad_output);
  return registry;
}

mcp::Server& server() {
  static mcp::Server* instance = [] {
    mcp::ServerOptions options;
    options.validate_output = true;
    options.max_concurrent_calls = 2;
    options.client_request_timeout = std::chrono::milliseconds(50);
    return new mcp::Server(mcp::ServerInfo{"fuzz", "Fuzz", "0", "", ""}, make_registry(), options);
  }();
  return *instance;
}

void sink(std::string message, bool) {
  // Every outgoing message must itself be valid JSON.
  if (Json::parse(message, nullptr, false).is_discarded()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool handshake = data[0] & 1;
  std::string_view line(reinterpret_cast<const char*>(data) + 1, size - 1);
  mcp::Session session;
  if (handshake) {
    server().handle(R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25",)"
                    R"("capabilities":{"sampling":{},"elicitation":{},"roots":{}},"clientInfo":{"name":"f","version":"1"}}})",
                    session, sink);
    server().handle(R"({"jsonrpc":"2.0","method":"notifications/initialized"})", session, sink);
  }
  server().handle(line, session, sink);
  session.cancel_all();
  if (!session.wait_idle(std::chrono::seconds(5))) __builtin_trap();  // a call that never ends
  return 0;
}

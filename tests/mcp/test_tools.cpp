// The test tools (see test_tools.hpp).
#include "test_tools.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

namespace mcp::testing {

using util::Json;

namespace {

Json object_schema(Json properties, Json required) {
  return Json{{"type", "object"},
              {"properties", std::move(properties)},
              {"required", std::move(required)},
              {"additionalProperties", false}};
}

Tool echo_tool() {
  Tool t;
  t.name = "echo";
  t.title = "Echo";
  t.description = "Returns its arguments.";
  t.input_schema = object_schema(
      Json{{"text", {{"type", "string"}, {"minLength", 1}, {"maxLength", 50}}},
           {"mode", {{"type", "string"}, {"enum", {"plain", "loud"}}}},
           {"page_size", {{"type", "integer"}, {"minimum", 1}, {"maximum", 100}}},
           {"day", {{"type", "string"}, {"format", "date"}}},
           {"code", {{"type", "string"}, {"pattern", "^[A-Z]{3}$"}}},
           {"tags", {{"type", "array"}, {"items", {{"type", "string"}}}, {"maxItems", 3}}}},
      Json::array({"text"}));
  t.output_schema = Json{{"type", "object"},
                         {"properties", {{"text", {{"type", "string"}}}, {"arguments", {{"type", "object"}}}}},
                         {"required", {"text", "arguments"}}};
  t.handler = [](const Json& args, ToolContext&) {
    std::string text = args.at("text").get<std::string>();
    if (args.value("mode", "plain") == "loud") {
      for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return ToolOutcome::ok(Json{{"text", text}, {"arguments", args}});
  };
  return t;
}

Tool slow_tool() {
  Tool t;
  t.name = "slow";
  t.title = "Slow";
  t.description = "Sleeps `ms` milliseconds in `steps` steps, reporting progress; stops when cancelled.";
  t.input_schema = object_schema(
      Json{{"ms", {{"type", "integer"}, {"minimum", 0}, {"maximum", 60000}}},
           {"steps", {{"type", "integer"}, {"minimum", 1}, {"maximum", 100}}},
           {"repeat_progress", {{"type", "boolean"}}}},
      Json::array({"ms"}));
  t.output_schema = Json{{"type", "object"}, {"properties", {{"slept_ms", {{"type", "integer"}}}}}};
  t.handler = [](const Json& args, ToolContext& ctx) {
    const int ms = args.at("ms").get<int>();
    const int steps = args.value("steps", 1);
    const bool repeat = args.value("repeat_progress", false);
    std::mutex m;
    std::condition_variable cv;
    util::CancelRegistration wake(ctx.cancel, [&] {
      std::lock_guard lock(m);
      cv.notify_all();
    });
    const auto start = std::chrono::steady_clock::now();
    for (int i = 1; i <= steps; ++i) {
      std::unique_lock lock(m);
      const auto until = start + std::chrono::milliseconds(static_cast<long long>(ms) * i / steps);
      cv.wait_until(lock, until, [&] { return ctx.cancel.cancelled(); });
      lock.unlock();
      if (ctx.cancel.cancelled()) return ToolOutcome::error("cancelled");
      ctx.progress(i, steps, "step " + std::to_string(i));
      if (repeat) {
        ctx.progress(i, steps, "again");       // equal: must be dropped
        ctx.progress(i - 0.5, steps, "back");  // lower: must be dropped
      }
      ctx.log(LogLevel::kInfo, "slow step " + std::to_string(i));
    }
    const auto slept = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    return ToolOutcome::ok(Json{{"slept_ms", slept.count()}});
  };
  return t;
}

Tool fail_tool() {
  Tool t;
  t.name = "fail";
  t.title = "Fail";
  t.description = "Always fails with an error for the model.";
  t.input_schema = object_schema(Json::object(), Json::array());
  t.output_schema = Json{{"type", "object"}};
  t.handler = [](const Json&, ToolContext&) { return ToolOutcome::error("upstream said no (HTTP 503)"); };
  return t;
}

Tool throws_tool() {
  Tool t;
  t.name = "throws";
  t.title = "Throws";
  t.description = "Throws from the handler.";
  t.input_schema = object_schema(Json::object(), Json::array());
  t.output_schema = Json{{"type", "object"}};
  t.handler = [](const Json&, ToolContext&) -> ToolOutcome { throw std::runtime_error("secret detail"); };
  return t;
}

Tool bad_output_tool() {
  Tool t;
  t.name = "bad_output";
  t.title = "Bad output";
  t.description = "Returns structuredContent that violates its own outputSchema.";
  t.input_schema = object_schema(Json::object(), Json::array());
  t.output_schema = Json{{"type", "object"},
                         {"properties", {{"count", {{"type", "integer"}}}}},
                         {"required", {"count"}}};
  t.handler = [](const Json&, ToolContext&) { return ToolOutcome::ok(Json{{"count", "many"}}); };
  return t;
}

Tool log_tool() {
  Tool t;
  t.name = "log";
  t.title = "Log";
  t.description = "Logs one message at each level from debug to error.";
  t.input_schema = object_schema(Json::object(), Json::array());
  t.output_schema = Json{{"type", "object"}};
  t.handler = [](const Json&, ToolContext& ctx) {
    ctx.log(LogLevel::kDebug, "debug message");
    ctx.log(LogLevel::kInfo, "info message");
    ctx.log(LogLevel::kWarning, "warning message");
    ctx.log(LogLevel::kError, "error message");
    return ToolOutcome::ok(Json::object());
  };
  return t;
}

Tool stubborn_tool() {
  Tool t;
  t.name = "stubborn";
  t.title = "Stubborn";
  t.description = "Sleeps `ms` milliseconds and ignores cancellation (a handler the server cannot stop).";
  t.input_schema = object_schema(Json{{"ms", {{"type", "integer"}, {"minimum", 0}, {"maximum", 600000}}}},
                                 Json::array({"ms"}));
  t.output_schema = Json{{"type", "object"}};
  t.handler = [](const Json& args, ToolContext&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(args.at("ms").get<int>()));
    return ToolOutcome::ok(Json::object());
  };
  return t;
}

}  // namespace

ToolRegistry make_test_registry(std::size_t noop_count) {
  ToolRegistry registry;
  registry.add(echo_tool());
  registry.add(slow_tool());
  registry.add(fail_tool());
  registry.add(throws_tool());
  registry.add(bad_output_tool());
  registry.add(log_tool());
  registry.add(stubborn_tool());
  for (std::size_t i = 0; i < noop_count; ++i) {
    Tool t;
    t.name = "noop_" + std::to_string(i);
    t.title = "No-op " + std::to_string(i);
    t.description = "Does nothing.";
    t.input_schema = Json{{"type", "object"}, {"properties", Json::object()}, {"additionalProperties", false}};
    t.output_schema = Json{{"type", "object"}};
    t.handler = [](const Json&, ToolContext&) { return ToolOutcome::ok(Json::object()); };
    registry.add(std::move(t));
  }
  return registry;
}

}  // namespace mcp::testing

// Tool execution and result shaping (see tool_call.hpp).
#include "mcp/tool_call.hpp"

#include <exception>

#include "mcp/schema_validator.hpp"
#include "util/log.hpp"

namespace mcp::detail {

using util::Json;

ToolOutcome run_tool(const Tool& tool, const Json& arguments, ToolContext& context, bool validate_output) {
  const Json args = arguments.is_null() ? Json::object() : arguments;
  if (auto bad = schema_violations(tool.input_schema.get(), args); !bad.empty()) {
    return ToolOutcome::error(describe_argument_violations(bad));
  }
  ToolOutcome outcome;
  try {
    outcome = tool.handler(args, context);
  } catch (const std::exception& e) {
    util::log::error("tool {} threw: {}", tool.name, e.what());
    context.log(LogLevel::kError, "tool " + tool.name + " failed with an internal error");
    return ToolOutcome::error("internal error");
  } catch (...) {
    util::log::error("tool {} threw a non-standard exception", tool.name);
    context.log(LogLevel::kError, "tool " + tool.name + " failed with an internal error");
    return ToolOutcome::error("internal error");
  }
  if (validate_output && !outcome.is_error && tool.output_schema.get().is_object()) {
    if (auto bad = validate_against_schema(tool.output_schema.get(), outcome.structured)) {
      const std::string where = bad->path.empty() ? "the result" : "'" + bad->path + "'";
      util::log::error("tool {} returned structuredContent that violates its outputSchema: {} {}", tool.name,
                       where, bad->message);
      context.log(LogLevel::kError, "tool " + tool.name + " returned output that violates its outputSchema");
      return ToolOutcome::error("internal error: output of " + tool.name + " violates its outputSchema (" +
                                where + " " + bad->message + ")");
    }
  }
  return outcome;
}

Json outcome_to_result(const ToolOutcome& outcome) {
  Json result = Json::object();
  if (outcome.content) {
    result["content"] = outcome.content->is_array() ? *outcome.content : Json::array();
    if (outcome.structured.is_object() && !outcome.structured.empty()) result["structuredContent"] = outcome.structured;
    result["isError"] = outcome.is_error;
    return result;
  }
  Json text = Json::object();
  text["type"] = "text";
  if (outcome.is_error) {
    text["text"] = outcome.error_text.empty() ? std::string("error") : outcome.error_text;
    result["content"] = Json::array({std::move(text)});
    result["isError"] = true;
    return result;
  }
  text["text"] = outcome.structured.dump(-1, ' ', false, Json::error_handler_t::replace);
  result["content"] = Json::array({std::move(text)});
  for (const Json& block : outcome.extra_content) result["content"].push_back(block);
  result["structuredContent"] = outcome.structured;
  result["isError"] = false;
  return result;
}

Json describe_tool(const Tool& tool, bool renders_views) {
  Json out = Json::object();
  out["name"] = tool.name;
  if (!tool.title.empty()) out["title"] = tool.title;
  out["description"] = tool.description;
  out["inputSchema"] = tool.input_schema.get();
  if (const Json& schema = tool.output_schema.get(); schema.is_object()) out["outputSchema"] = schema;
  if (tool.annotations.is_object() && !tool.annotations.empty()) out["annotations"] = tool.annotations;
  if (renders_views && !tool.ui_resource_uri.empty()) {
    out["_meta"] = Json{{"ui", Json{{"resourceUri", tool.ui_resource_uri}}}};
  }
  return out;
}

}  // namespace mcp::detail

// Running one tool the way every entry point must: validate arguments, call the handler with
// exceptions contained, optionally check the output against outputSchema; and the MCP shapes of
// a tool (tools/list entry) and of an outcome (CallToolResult). Internal to the mcp library.
#pragma once
#include "mcp/tool.hpp"
#include "util/json.hpp"

namespace mcp::detail {

[[nodiscard]] ToolOutcome run_tool(const Tool& tool, const util::Json& arguments, ToolContext& context,
                                   bool validate_output);

/// {content:[{type:text,text}], structuredContent?, isError}
[[nodiscard]] util::Json outcome_to_result(const ToolOutcome& outcome);

/// The tools/list entry: name, title, description, inputSchema, outputSchema, annotations.
/// The tools/list entry of `tool`; with `renders_views` (the client declared MCP Apps), its
/// view's URI as _meta.ui.resourceUri.
[[nodiscard]] util::Json describe_tool(const Tool& tool, bool renders_views);

}  // namespace mcp::detail

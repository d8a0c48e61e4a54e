// `chart: true`: the tool's declared charts (ToolDef::chart) drawn from its successful result and
// added as PNG image blocks after the text, one per chart. The structured result is untouched;
// a chart that cannot be drawn becomes a text block saying why, never a failed call.
#pragma once
#include "mcp/tool.hpp"
#include "tools/tool_def.hpp"

namespace tools {

void attach_charts(const ToolDef& tool, mcp::ToolOutcome& outcome);

}  // namespace tools

// The command-line subcommands besides serving: print the tool catalogue, run one tool.
#pragma once
#include <string>

#include "mcp/server.hpp"
#include "tools/toolsets.hpp"

namespace app {

enum class ToolsFormat { kText, kJson, kMarkdown };

/// `halo-psa-mcp tools`: the toolsets on and each offered tool with its arguments (text, from the
/// declarations); --json: the tools as tools/list shows them, with their toolset; --markdown: the
/// README's tool and permission tables.
int print_tools(const mcp::Server& server, const tools::ToolSelection& selection, ToolsFormat format);

/// `halo-psa-mcp call TOOL [JSON-ARGS]`: runs one tool through the same validation as tools/call.
/// Prints a table for people when stdout is a terminal, JSON otherwise (or with --json).
/// With `chart_path`, asks for the tool's chart and writes it there as PNG (further charts, one
/// per extra currency, to PATH-2.png, PATH-3.png, ...).
/// Exit status 0 on success, 1 when the tool reports an error or its chart cannot be written, 2
/// for bad arguments (a chart asked of a tool that draws none among them).
int call_tool(const mcp::Server& server, const std::string& tool, const std::string& json_args,
              bool force_json, const std::string& chart_path = {});

}  // namespace app

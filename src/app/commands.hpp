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
/// Exit status 0 on success, 1 when the tool reports an error, 2 for bad arguments.
int call_tool(const mcp::Server& server, const std::string& tool, const std::string& json_args,
              bool force_json);

}  // namespace app

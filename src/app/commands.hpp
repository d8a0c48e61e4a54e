// The command-line subcommands besides serving: print the tool catalogue, run one tool.
#pragma once
#include <string>

#include "mcp/server.hpp"

namespace app {

/// `halo-psa-mcp tools`: name, title and arguments of every tool (JSON with --json).
int print_tools(const mcp::Server& server, bool json);

/// `halo-psa-mcp call TOOL [JSON-ARGS]`: runs one tool through the same validation as tools/call.
/// Prints a table for people when stdout is a terminal, JSON otherwise (or with --json).
/// Exit status 0 on success, 1 when the tool reports an error, 2 for bad arguments.
int call_tool(const mcp::Server& server, const std::string& tool, const std::string& json_args,
              bool force_json);

}  // namespace app

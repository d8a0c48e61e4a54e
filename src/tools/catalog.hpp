// The MCP tools of the Halo catalogue: each declaration (registry.hpp) made into an mcp::Tool whose
// schemas are derived from it and whose handler gets typed arguments and a size-bounded result.
// Only the tools the selection offers are registered, so a tool switched off is refused by name
// exactly like an unknown one.
#pragma once
#include "mcp/tool.hpp"
#include "mcp/tool_registry.hpp"
#include "tools/tool_deps.hpp"
#include "tools/toolsets.hpp"

namespace tools {

/// The mcp::Tool of one declaration. `deps` must outlive it (the handler keeps a reference).
[[nodiscard]] mcp::Tool make_tool(const ToolDef& def, ToolDeps& deps);

/// Adds every tool `selection` offers to `registry`, in registry order.
void register_halo_tools(mcp::ToolRegistry& registry, ToolDeps& deps, const ToolSelection& selection = {});

}  // namespace tools

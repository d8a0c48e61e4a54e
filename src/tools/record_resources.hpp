// Single Halo records as MCP resource templates (halo://tickets/{id}, halo://clients/{id}), for
// clients that let a person attach a record to a conversation. A read answers exactly what the
// record's get tool answers (same projection, same errors), as JSON; a template is offered only
// when its get tool is, so a toolset switched off hides both.
#pragma once
#include "mcp/resource_registry.hpp"
#include "tools/tool_deps.hpp"
#include "tools/toolsets.hpp"

namespace tools {

/// Adds the record templates whose get tool `selection` offers. `deps` must outlive the registry.
void register_record_resources(mcp::ResourceRegistry& resources, ToolDeps& deps, const ToolSelection& selection = {});

}  // namespace tools

// The Halo tool catalogue: every tool of shared docs/tools.md, registered in a stable order
// (tickets, actions, time entries, clients, sites, contracts, invoices, recurring invoices,
// projects, assets, agents, reports, revenue_breakdown), so tools/list pages never shift.
#pragma once
#include "mcp/tool_registry.hpp"
#include "tools/tool_deps.hpp"

namespace tools {

/// Adds all Halo tools to `registry`. `deps` must outlive the registry (handlers keep a reference).
void register_halo_tools(mcp::ToolRegistry& registry, ToolDeps& deps);

}  // namespace tools

// The revenue_breakdown tool (shared docs/revenue-rules.md): recurring run-rate (MRR/ARR) at a
// date and invoiced revenue in a window, per client and currency. Fetches contracts, recurring
// invoice templates, invoices (newest first, stopping at the window start), project ids and, only
// when needed, client currencies, concurrently; folds each page into compact records; hands them
// to domain::compute_revenue.
#pragma once
#include "mcp/tool.hpp"
#include "mcp/tool_registry.hpp"
#include "tools/tool_deps.hpp"

namespace tools {

/// The tool, declared once (schemas, description, handler). `deps` must outlive it.
mcp::Tool revenue_breakdown_tool(ToolDeps& deps);

/// Adds revenue_breakdown to `registry`.
void register_revenue_tools(mcp::ToolRegistry& registry, ToolDeps& deps);

}  // namespace tools

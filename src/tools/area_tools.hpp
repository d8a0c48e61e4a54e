// The registration function of each area's tools. catalog.cpp calls them in a stable order;
// each area file declares its tools once (schema, description, handler).
#pragma once
#include "mcp/tool_registry.hpp"
#include "tools/tool_deps.hpp"

namespace tools {

void register_ticket_tools(mcp::ToolRegistry& registry, ToolDeps& deps);  // list/get ticket, actions
void register_time_entry_tools(mcp::ToolRegistry& registry, ToolDeps& deps);
void register_client_tools(mcp::ToolRegistry& registry, ToolDeps& deps);
void register_site_tools(mcp::ToolRegistry& registry, ToolDeps& deps);
void register_contract_tools(mcp::ToolRegistry& registry, ToolDeps& deps);
void register_invoice_tools(mcp::ToolRegistry& registry, ToolDeps& deps);
void register_recurring_invoice_tools(mcp::ToolRegistry& registry, ToolDeps& deps);
void register_project_tools(mcp::ToolRegistry& registry, ToolDeps& deps);
void register_asset_tools(mcp::ToolRegistry& registry, ToolDeps& deps);
void register_agent_tools(mcp::ToolRegistry& registry, ToolDeps& deps);
void register_report_tools(mcp::ToolRegistry& registry, ToolDeps& deps);

}  // namespace tools

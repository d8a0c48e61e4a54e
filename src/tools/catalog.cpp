// The Halo tool catalogue (see catalog.hpp).
#include "tools/catalog.hpp"

#include "tools/area_tools.hpp"
#include "tools/list_support.hpp"
#include "tools/result_bounds.hpp"

#if __has_include("tools/revenue_tool.hpp")
#include "tools/revenue_tool.hpp"
#define HALO_HAS_REVENUE_TOOL 1
#endif

namespace tools {

namespace {

void register_unbounded(mcp::ToolRegistry& registry, ToolDeps& deps) {
  register_ticket_tools(registry, deps);
  register_time_entry_tools(registry, deps);
  register_client_tools(registry, deps);
  register_site_tools(registry, deps);
  register_contract_tools(registry, deps);
  register_invoice_tools(registry, deps);
  register_recurring_invoice_tools(registry, deps);
  register_project_tools(registry, deps);
  register_asset_tools(registry, deps);
  register_agent_tools(registry, deps);
  register_report_tools(registry, deps);
#ifdef HALO_HAS_REVENUE_TOOL
  register_revenue_tools(registry, deps);
#endif
}

}  // namespace

void register_halo_tools(mcp::ToolRegistry& registry, ToolDeps& deps) {
  // Every tool's successful result is size-bounded in one place (result_bounds.hpp), so no
  // handler can forget it.
  mcp::ToolRegistry staged;
  register_unbounded(staged, deps);
  for (mcp::Tool tool : staged.all()) {
    // Numbers the schema validator lets through as "integer" but int64 cannot hold are refused
    // before any handler converts them (a wrapped id would read the wrong records).
    tool.handler = [inner = bounded_handler(std::move(tool.handler))](const util::Json& args, mcp::ToolContext& context) {
      if (auto error = out_of_range_argument(args); !error.empty()) return mcp::ToolOutcome::error(error);
      return inner(args, context);
    };
    registry.add(std::move(tool));
  }
}

}  // namespace tools

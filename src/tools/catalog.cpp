// Declarations made into MCP tools (see catalog.hpp).
#include "tools/catalog.hpp"

#include "apps/analytics_view.hpp"
#include "tools/chart_images.hpp"
#include "tools/registry.hpp"
#include "tools/result_bounds.hpp"
#include "tools/tool_args.hpp"
#include "tools/tool_schema.hpp"

namespace tools {

mcp::Tool make_tool(const ToolDef& def, ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = def.name;
  tool.title = def.title;
  tool.description = def.description;
  // Built on first use (tools/list, tools/call), not at start-up: see util/lazy_json.hpp.
  tool.input_schema = util::LazyJson::deferred([&def] { return input_schema(def); });
  tool.output_schema = util::LazyJson::deferred([&def] { return output_schema(def); });
  if (def.analytics_view) tool.ui_resource_uri = apps::kAnalyticsViewUri;
  // Every successful result is size-bounded in one place (result_bounds.hpp), so no handler can
  // forget it. The arguments have been validated against the inputSchema by the protocol layer.
  auto bounded = bounded_handler([&def, &deps](const util::Json& values, mcp::ToolContext& context) {
    const Args args(def, values);
    ToolCall call{def, args, deps, context};
    return def.handler(call);
  });
  if (def.chart == nullptr) {
    tool.handler = std::move(bounded);
    return tool;
  }
  // Drawn from the bounded result, so a picture never shows what the result itself left out.
  tool.handler = [&def, bounded = std::move(bounded)](const util::Json& values, mcp::ToolContext& context) {
    mcp::ToolOutcome outcome = bounded(values, context);
    if (Args(def, values).flag("chart")) attach_charts(def, outcome);
    return outcome;
  };
  return tool;
}

void register_halo_tools(mcp::ToolRegistry& registry, ToolDeps& deps, const ToolSelection& selection) {
  for (const ToolDef* def : all_tools()) {
    if (selection.offers(*def)) registry.add(make_tool(*def, deps));
  }
}

}  // namespace tools

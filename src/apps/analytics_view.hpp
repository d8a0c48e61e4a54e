// The analytics view (MCP Apps, SEP-1865): one self-contained HTML page (analytics_view.html,
// inline script and styles, no network) that draws the structuredContent of the analytic tools
// as sortable tables and SVG charts, and drills into a client through the host. The tools that
// it can draw declare `analytics_view` (tools/tool_def.hpp) and link to it by this URI.
#pragma once
#include <string_view>

#include "mcp/resource_registry.hpp"

namespace apps {

inline constexpr const char* kAnalyticsViewUri = "ui://halo-psa-mcp/analytics.html";

/// The page's HTML, byte for byte as in src/apps/analytics_view.html.
std::string_view analytics_view_html();

/// The `ui://` resource serving the page (listed only to hosts that render views).
mcp::Resource analytics_view_resource();

}  // namespace apps

// Charts as MCP image content.
#include "tools/chart_images.hpp"

#include "charts/chart.hpp"
#include "util/base64.hpp"

namespace tools {

void attach_charts(const ToolDef& tool, mcp::ToolOutcome& outcome) {
  if (tool.chart == nullptr || outcome.is_error) return;
  for (const charts::Chart& chart : tool.chart(outcome.structured)) {
    auto png = charts::render_png(chart);
    if (!png) {
      outcome.extra_content.push_back(util::Json{
          {"type", "text"}, {"text", "The chart \"" + chart.title + "\" could not be drawn: " + util::describe(png.error())}});
      continue;
    }
    outcome.extra_content.push_back(
        util::Json{{"type", "image"}, {"data", util::base64_encode(*png)}, {"mimeType", "image/png"}});
  }
}

}  // namespace tools

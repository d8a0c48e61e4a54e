#include "apps/analytics_view.hpp"

#include <string>

#include "mcp/apps_extension.hpp"

namespace apps {

mcp::Resource analytics_view_resource() {
  mcp::Resource resource;
  resource.uri = kAnalyticsViewUri;
  resource.name = "analytics_view";
  resource.title = "Halo analytics view";
  resource.description =
      "Interactive view of the analytic tools' results: sortable tables, charts per currency, and a "
      "client's revenue on click.";
  resource.mime_type = std::string(mcp::apps::kHtmlMimeType);
  resource.app_view = true;
  resource.read = [](const std::string& uri, mcp::ToolContext&) -> mcp::Reply {
    util::Json content = util::Json::object();
    content["uri"] = uri;
    content["mimeType"] = std::string(mcp::apps::kHtmlMimeType);
    content["text"] = std::string(analytics_view_html());
    // No csp: the page needs no origin at all, so the host's restrictive default applies.
    content["_meta"] = util::Json{{"ui", util::Json{{"prefersBorder", true}}}};
    return mcp::Reply::contents(util::Json::array({std::move(content)}));
  };
  return resource;
}

}  // namespace apps

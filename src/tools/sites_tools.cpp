// Client sites (locations): list_sites, get_site.
#include <string>

#include "domain/projection_clients.hpp"
#include "tools/area_tools.hpp"
#include "tools/list_support.hpp"

namespace tools {
namespace {

const Resource kSites{"Site", "sites", "site", "sites", "Customers (sites)"};

Json site_item_properties() {
  return Json{
      {"id", out::integer("Site id.")},
      {"name", out::text("Site name.")},
      {"client_id", out::integer("Client id.")},
      {"client_name", out::text("Client name.")},
      {"inactive", out::boolean("The site is inactive.")},
  };
}

Json site_detail_properties() {
  Json p = site_item_properties();
  p["address"] = out::text("Delivery address on one line.");
  p["address_lines"] = Json{{"type", Json::array({"array", "null"})},
                            {"items", {{"type", "string"}}},
                            {"description", "Delivery address lines."}};
  p["phonenumber"] = out::text("Phone number.");
  p["timezone"] = out::text("Time zone.");
  return p;
}

mcp::Tool list_sites_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "list_sites";
  tool.title = "List sites";
  tool.description =
      "Lists client sites (offices, locations) as compact items: id, name, client. client_id "
      "keeps one client's sites; search matches the site name. Use get_site for the address, "
      "phone and time zone." +
      list_usage_note();
  tool.input_schema = list_input_schema(Json{
      {"client_id", in::id("Only sites of this client.")},
      {"search", in::text("Text the site name contains.")},
  });
  tool.output_schema = list_output_schema(site_item_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) {
    halo::Params params;
    if (auto id = int_arg(args, "client_id")) params.emplace_back("client_id", std::to_string(*id));
    if (auto search = string_arg(args, "search")) params.emplace_back("search", *search);
    return run_paged_list(deps.client, kSites, params, args, context,
                          [](simdjson::dom::element s) { return domain::project_site(s); });
  };
  return tool;
}

mcp::Tool get_site_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "get_site";
  tool.title = "Get a site";
  tool.description =
      "Returns one client site by id: the list_sites fields plus address, phone number and time "
      "zone. full: true returns Halo's raw record. An unknown id is an error 'site N not found'.";
  tool.input_schema = get_input_schema("site_id", "The site id.");
  tool.output_schema = get_output_schema(site_detail_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) {
    return run_get(deps.client, kSites, int_arg(args, "site_id").value_or(0),
                   {{"includedetails", "true"}}, args, context,
                   [](simdjson::dom::element s) { return domain::project_site_detail(s); });
  };
  return tool;
}

}  // namespace

void register_site_tools(mcp::ToolRegistry& registry, ToolDeps& deps) {
  registry.add(list_sites_tool(deps));
  registry.add(get_site_tool(deps));
}

}  // namespace tools

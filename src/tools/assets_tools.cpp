// Assets (devices, configuration items): list_assets, get_asset.
#include <string>

#include "domain/projection_misc.hpp"
#include "tools/area_tools.hpp"
#include "tools/list_support.hpp"

namespace tools {
namespace {

const Resource kAssets{"Asset", "assets", "asset", "assets", "Assets"};

Json asset_item_properties() {
  return Json{
      {"id", out::integer("Asset id.")},
      {"inventory_number", out::text("Asset tag / inventory number (assets have no name).")},
      {"key_field", out::text("The asset type's key field (often the device name).")},
      {"assettype_name", out::text("Asset type.")},
      {"client_id", out::integer("Client id.")},
      {"client_name", out::text("Client name.")},
      {"site_id", out::integer("Site id.")},
      {"site_name", out::text("Site name.")},
      {"inactive", out::boolean("The asset is inactive.")},
  };
}

Json asset_detail_properties() {
  Json p = asset_item_properties();
  p["key_field2"] = out::text("Second key field.");
  p["key_field3"] = out::text("Third key field.");
  p["status_name"] = out::text("Asset status.");
  p["username"] = out::text("User the asset belongs to.");
  p["warranty_start"] = out::text("Warranty start, YYYY-MM-DD.");
  p["warranty_end"] = out::text("Warranty end, YYYY-MM-DD.");
  p["contract_id"] = out::integer("Contract covering the asset.");
  p["contract_ref"] = out::text("Contract reference.");
  p["supplier_name"] = out::text("Supplier.");
  return p;
}

mcp::Tool list_assets_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "list_assets";
  tool.title = "List assets";
  tool.description =
      "Lists assets (devices and other configuration items) as compact items: inventory_number, "
      "key_field, asset type, client, site. Assets have no name: identify them by "
      "inventory_number and key_field. Filters combine: client_id, site_id, search (inventory "
      "number and key fields), include_inactive (inactive assets are left out by default). Use "
      "get_asset for warranty, contract and user." +
      list_usage_note();
  tool.input_schema = list_input_schema(Json{
      {"client_id", in::id("Only assets of this client.")},
      {"site_id", in::id("Only assets at this site.")},
      {"search", in::text("Text in the inventory number or key fields.")},
      {"include_inactive", in::boolean("Also return inactive assets.", false)},
  });
  tool.output_schema = list_output_schema(asset_item_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) {
    halo::Params params;
    if (auto id = int_arg(args, "client_id")) params.emplace_back("client_id", std::to_string(*id));
    if (auto id = int_arg(args, "site_id")) params.emplace_back("site_id", std::to_string(*id));
    if (auto search = string_arg(args, "search")) params.emplace_back("search", *search);
    if (bool_arg(args, "include_inactive", false)) params.emplace_back("includeinactive", "true");
    return run_paged_list(deps.client, kAssets, params, args, context,
                          [](simdjson::dom::element a) { return domain::project_asset(a); });
  };
  return tool;
}

mcp::Tool get_asset_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "get_asset";
  tool.title = "Get an asset";
  tool.description =
      "Returns one asset by id: the list_assets fields plus the other key fields, status, user, "
      "warranty dates, contract and supplier. full: true returns Halo's raw record (with every "
      "asset field). An unknown id is an error 'asset N not found'.";
  tool.input_schema = get_input_schema("asset_id", "The asset id.");
  tool.output_schema = get_output_schema(asset_detail_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) {
    return run_get(deps.client, kAssets, int_arg(args, "asset_id").value_or(0),
                   {{"includedetails", "true"}}, args, context,
                   [](simdjson::dom::element a) { return domain::project_asset_detail(a); });
  };
  return tool;
}

}  // namespace

void register_asset_tools(mcp::ToolRegistry& registry, ToolDeps& deps) {
  registry.add(list_assets_tool(deps));
  registry.add(get_asset_tool(deps));
}

}  // namespace tools

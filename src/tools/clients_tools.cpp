// Clients (customers): list_clients, get_client.
#include <string>

#include "domain/projection_clients.hpp"
#include "tools/area_tools.hpp"
#include "tools/list_support.hpp"

namespace tools {
namespace {

const Resource kClients{"Client", "clients", "client", "clients", "Customers (clients)"};

Json client_item_properties() {
  return Json{
      {"id", out::integer("Client id.")},
      {"name", out::text("Client name.")},
      {"inactive", out::boolean("The client is inactive.")},
      {"toplevel_id", out::integer("Top level (client group) id.")},
      {"toplevel_name", out::text("Top level (client group) name.")},
  };
}

Json client_detail_properties() {
  Json p = client_item_properties();
  p["main_site_id"] = out::integer("Main site id.");
  p["main_site_name"] = out::text("Main site name.");
  p["account_manager"] = out::text("Account manager (agent name).");
  p["currency"] = out::text("Billing currency (ISO code).");
  p["phonenumber"] = out::text("Main phone number.");
  p["website"] = out::text("Website.");
  return p;
}

mcp::Tool list_clients_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "list_clients";
  tool.title = "List clients";
  tool.description =
      "Lists Halo clients (the MSP's customers) as compact items: id, name, inactive, top level "
      "(client group). search matches the client name; include_inactive: true also returns "
      "inactive clients (left out by default). Use the id as client_id in the other tools, and "
      "get_client for the main site, account manager and currency." +
      list_usage_note();
  tool.input_schema = list_input_schema(Json{
      {"search", in::text("Text the client name contains.")},
      {"include_inactive", in::boolean("Also return inactive clients.", false)},
  });
  tool.output_schema = list_output_schema(client_item_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) {
    halo::Params params;
    if (auto search = string_arg(args, "search")) params.emplace_back("search", *search);
    if (bool_arg(args, "include_inactive", false)) params.emplace_back("includeinactive", "true");
    return run_paged_list(deps.client, kClients, params, args, context,
                          [](simdjson::dom::element c) { return domain::project_client(c); });
  };
  return tool;
}

mcp::Tool get_client_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "get_client";
  tool.title = "Get a client";
  tool.description =
      "Returns one Halo client by id: the list_clients fields plus main site, account manager, "
      "currency, phone and website. full: true returns Halo's raw record (about 18 KB). An "
      "unknown id is an error 'client N not found'.";
  tool.input_schema = get_input_schema("client_id", "The client id.");
  tool.output_schema = get_output_schema(client_detail_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) {
    std::string currency = deps.default_currency;
    return run_get(deps.client, kClients, int_arg(args, "client_id").value_or(0),
                   {{"includedetails", "true"}}, args, context,
                   [currency](simdjson::dom::element c) {
                     return domain::project_client_detail(c, currency);
                   });
  };
  return tool;
}

}  // namespace

void register_client_tools(mcp::ToolRegistry& registry, ToolDeps& deps) {
  registry.add(list_clients_tool(deps));
  registry.add(get_client_tool(deps));
}

}  // namespace tools

// Clients (customers) and their sites: list_clients, get_client, list_sites, get_site.
#include <simdjson.h>

#include "domain/halo_fields.hpp"
#include "tools/list_flows.hpp"
#include "tools/sources.hpp"
#include "tools/tool_deps.hpp"

namespace tools {
namespace {

namespace f = domain::fields;
using util::Json;

Json client_currency(const domain::Record& client, const ProjectionEnv& env) {
  auto currency = f::as_string(client, "currencyisocode");
  return currency && !currency->empty() ? *currency : std::string(env.default_currency);
}

Json site_address(const domain::Record& site, const ProjectionEnv&) {
  std::string address;
  for (int i = 1; i <= 5; ++i) {
    auto line = f::as_string(site, "delivery_address_line" + std::to_string(i));
    if (!line || line->empty()) continue;
    if (!address.empty()) address += ", ";
    address += *line;
  }
  return address.empty() ? Json(nullptr) : Json(address);
}

Json site_address_lines(const domain::Record& site, const ProjectionEnv&) {
  Json lines = Json::array();
  for (int i = 1; i <= 5; ++i) {
    auto line = f::as_string(site, "delivery_address_line" + std::to_string(i));
    if (line && !line->empty()) lines.push_back(*line);
  }
  return lines;
}

constexpr Field kClientFields[] = {
    {.name = "id", .kind = FieldKind::kInt, .help = "Client id."},
    {.name = "name", .kind = FieldKind::kText, .help = "Client name."},
    {.name = "inactive", .kind = FieldKind::kBool, .help = "The client is inactive."},
    {.name = "toplevel_id", .kind = FieldKind::kInt, .help = "Top level (client group) id."},
    {.name = "toplevel_name", .kind = FieldKind::kText, .help = "Top level (client group) name."},
    {.name = "main_site_id", .kind = FieldKind::kInt, .help = "Main site id.", .detail_only = true},
    {.name = "main_site_name", .kind = FieldKind::kText, .help = "Main site name.", .detail_only = true},
    {.name = "account_manager", .kind = FieldKind::kText, .help = "Account manager (agent name).",
     .from = "accountmanagertech_name", .detail_only = true},
    {.name = "currency", .kind = FieldKind::kText, .help = "Billing currency (ISO code).", .detail_only = true,
     .compute = client_currency},
    {.name = "phonenumber", .kind = FieldKind::kText, .help = "Main phone number.",
     .from = "phonenumber|main_phonenumber", .detail_only = true},
    {.name = "website", .kind = FieldKind::kText, .help = "Website.", .detail_only = true},
};

constexpr Field kSiteFields[] = {
    {.name = "id", .kind = FieldKind::kInt, .help = "Site id."},
    {.name = "name", .kind = FieldKind::kText, .help = "Site name."},
    {.name = "client_id", .kind = FieldKind::kInt, .help = "Client id."},
    {.name = "client_name", .kind = FieldKind::kText, .help = "Client name."},
    {.name = "inactive", .kind = FieldKind::kBool, .help = "The site is inactive."},
    {.name = "address", .kind = FieldKind::kText, .help = "Delivery address on one line.", .detail_only = true,
     .compute = site_address},
    {.name = "address_lines", .kind = FieldKind::kStrings, .help = "Delivery address lines.", .detail_only = true,
     .compute = site_address_lines},
    {.name = "phonenumber", .kind = FieldKind::kText, .help = "Phone number.", .detail_only = true},
    {.name = "timezone", .kind = FieldKind::kText, .help = "Time zone.", .detail_only = true},
};

constexpr const Source* kReadsClients[] = {&kClientsSource};
constexpr const Source* kReadsSites[] = {&kSitesSource};

constexpr Arg kListClientsArgs[] = {
    {.name = "search", .kind = ArgKind::kText, .help = "Text the client name contains."},
    {.name = "include_inactive", .kind = ArgKind::kBoolean, .help = "Also inactive clients.", .fallback = "false"},
};
constexpr Arg kGetClientArgs[] = {
    {.name = "client_id", .kind = ArgKind::kId, .help = "The client id.", .required = true},
};
constexpr Arg kListSitesArgs[] = {
    {.name = "client_id", .kind = ArgKind::kId, .help = "Only sites of this client."},
    {.name = "search", .kind = ArgKind::kText, .help = "Text the site name contains."},
};
constexpr Arg kGetSiteArgs[] = {
    {.name = "site_id", .kind = ArgKind::kId, .help = "The site id.", .required = true},
};

mcp::ToolOutcome list_clients(ToolCall& call) {
  halo::Params params;
  if (auto search = call.args.text("search")) params.emplace_back("search", *search);
  if (call.args.flag("include_inactive")) params.emplace_back("includeinactive", "true");
  return run_paged_list(call, kClientsSource, params);
}

mcp::ToolOutcome get_client(ToolCall& call) {
  return run_get(call, kClientsSource, "client_id", {{"includedetails", "true"}});
}

mcp::ToolOutcome list_sites(ToolCall& call) {
  halo::Params params;
  if (auto id = call.args.integer("client_id")) params.emplace_back("client_id", std::to_string(*id));
  if (auto search = call.args.text("search")) params.emplace_back("search", *search);
  return run_paged_list(call, kSitesSource, params);
}

mcp::ToolOutcome get_site(ToolCall& call) {
  return run_get(call, kSitesSource, "site_id", {{"includedetails", "true"}});
}

}  // namespace

extern const ToolDef kListClients, kGetClient, kListSites, kGetSite;

constexpr ToolDef kListClients{
    .name = "list_clients",
    .title = "List clients",
    .description = "The MSP's customers: id, name, inactive, top level (client group). Use the id as client_id "
                   "elsewhere; get_client adds main site, account manager and currency.",
    .toolset = Toolset::kCustomers,
    .form = Form::kList,
    .reads = kReadsClients,
    .args = kListClientsArgs,
    .fields = kClientFields,
    .handler = list_clients,
};

constexpr ToolDef kGetClient{
    .name = "get_client",
    .title = "Get a client",
    .description = "One client by id: the list_clients fields plus main site, account manager, currency, phone "
                   "and website.",
    .toolset = Toolset::kCustomers,
    .form = Form::kGet,
    .reads = kReadsClients,
    .args = kGetClientArgs,
    .fields = kClientFields,
    .handler = get_client,
};

constexpr ToolDef kListSites{
    .name = "list_sites",
    .title = "List sites",
    .description = "Client sites (offices, locations): id, name, client. get_site adds address, phone and time zone.",
    .toolset = Toolset::kCustomers,
    .form = Form::kList,
    .reads = kReadsSites,
    .args = kListSitesArgs,
    .fields = kSiteFields,
    .handler = list_sites,
};

constexpr ToolDef kGetSite{
    .name = "get_site",
    .title = "Get a site",
    .description = "One client site by id: the list_sites fields plus address, phone number and time zone.",
    .toolset = Toolset::kCustomers,
    .form = Form::kGet,
    .reads = kReadsSites,
    .args = kGetSiteArgs,
    .fields = kSiteFields,
    .handler = get_site,
};

}  // namespace tools

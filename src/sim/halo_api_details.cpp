// Detail GETs of the simulated /api resources: the full record as a bare object, or Halo's 404
// naming the record. A ticket id may also be a project's (projects are tickets), and
// /api/Agent/me is the API's own agent.
#include "sim/halo_api_resources.hpp"
#include "sim/halo_api_response.hpp"

namespace sim::api {

namespace {

struct DetailRoute {
  const char* resource;  ///< lower-cased path segment
  Kind kind;
  const char* what;      ///< the record's name in Halo's 404
};
constexpr DetailRoute kDetailRoutes[] = {
    {"projects", Kind::kProjects, "Project"},
    {"actions", Kind::kActions, "Action"},
    {"client", Kind::kClients, "Client"},
    {"site", Kind::kSites, "Site"},
    {"users", Kind::kUsers, "User"},
    {"asset", Kind::kAssets, "Asset"},
    {"clientcontract", Kind::kContracts, "Contract"},
    {"invoice", Kind::kInvoices, "Invoice"},
    {"recurringinvoice", Kind::kRecurringInvoices, "Recurring invoice"},
    {"agent", Kind::kAgents, "Agent"},
};

ApiResponse ticket_detail(const DatasetStore& store, const std::string& id) {
  auto r = detail_response(store.get(Kind::kTickets), id, "Ticket");
  if (r.status == 404) r = detail_response(store.get(Kind::kProjects), id, "Ticket");
  return r;
}

/// The agent the API acts as: agent 1 when the dataset has one, else Halo's built-in API agent.
ApiResponse agent_me(const DatasetStore& store) {
  if (const Row* a = store.get(Kind::kAgents).find(1)) return {200, a->text};
  return json_response(200, util::Json{{"id", 1}, {"name", "Halo API"}, {"email", ""}, {"team", ""},
                                       {"isdisabled", false}, {"isapiagent", true}});
}

}  // namespace

std::optional<ApiResponse> detail_record(const DatasetStore& store, const std::string& resource, const std::string& id) {
  if (resource == "tickets") return ticket_detail(store, id);
  if (resource == "agent" && id == "me") return agent_me(store);
  for (const auto& route : kDetailRoutes) {
    if (resource == route.resource) return detail_response(store.get(route.kind), id, route.what);
  }
  return std::nullopt;
}

}  // namespace sim::api

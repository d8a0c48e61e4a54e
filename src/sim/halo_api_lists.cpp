// List GETs of the simulated /api resources: the filters each resource honours, its date index,
// and its envelope (key, pageable or not, list or full form). Parameters a resource does not know
// are ignored, as Halo does.
#include <algorithm>

#include "sim/halo_api_request.hpp"
#include "sim/halo_api_resources.hpp"
#include "sim/halo_api_response.hpp"

namespace sim::api {

namespace {

using util::Json;

/// The lower-cased names of the teams whose ids `team` lists (Halo's ticket filter takes team ids;
/// a ticket names its team). An id no team has matches nothing.
std::vector<std::string> team_names(const DatasetStore& store, const Params& p) {
  std::vector<std::string> names;
  for (int id : id_list(p, "team")) {
    const Row* t = store.get(Kind::kTeams).find(id);
    names.push_back(t ? lower(json_string(Json::parse(t->text), "name")) : std::string("\x01no such team"));
  }
  return names;
}

/// Tickets and projects share Halo's ticket parameter set.
Predicate ticket_filter(const DatasetStore& store, const Params& p, bool ignore_dates) {
  const std::vector<std::string> teams = team_names(store, p);
  const int client = number(p, "client_id"), site = number(p, "site_id"), agent = number(p, "agent_id");
  const int user = number(p, "user_id"), type = number(p, "requesttype_id");
  const std::vector<int> statuses = id_list(p, "status_id");
  const std::vector<int> ticket_ids = id_list(p, "ticketids");
  const bool open_only = flag(p, "open_only"), closed_only = flag(p, "closed_only");
  const std::string needle = lowered(p, "search");
  std::string date_mode = lowered(p, "datesearch");
  std::string from = lower_bound(p, "startdate");
  std::string to = upper_bound(p, "enddate");
  // Halo's spelling is "dateoccured"; startdate/enddate mean nothing without datesearch.
  if ((date_mode != "dateoccured" && date_mode != "datecleared") || ignore_dates) date_mode.clear();
  return [=](const RecordKeys& k) {
    if (client && k.client_id != client) return false;
    if (site && k.site_id != site) return false;
    if (agent && k.agent_id != agent) return false;
    if (user && k.user_id != user) return false;
    if (type && k.type_id != type) return false;
    if (!statuses.empty() && std::find(statuses.begin(), statuses.end(), k.status_id) == statuses.end()) return false;
    if (!ticket_ids.empty() && std::find(ticket_ids.begin(), ticket_ids.end(), k.id) == ticket_ids.end()) return false;
    if (!teams.empty() && std::find(teams.begin(), teams.end(), lower(k.team)) == teams.end()) return false;
    if (open_only && k.closed) return false;
    if (closed_only && !k.closed) return false;
    if (!contains_text(k, needle)) return false;
    if (date_mode == "dateoccured" && !in_range(k.date, from, to)) return false;
    if (date_mode == "datecleared" && !in_range(k.date2, from, to)) return false;
    return true;
  };
}

/// A ticket list leaves out status_name, agent_name and details unless includedetails=true.
bool ticket_list_full(const Params& p) { return flag(p, "includedetails"); }

ApiResponse tickets(const DatasetStore& store, const ApiRequest& req) {
  const auto& p = req.params;
  Predicate keep = ticket_filter(store, p, req.ignore_date_filters);
  auto matches = collect(store.get(Kind::kTickets), keep, p, "dateoccurred");
  if (flag(p, "includeprojects")) {  // projects are tickets too; merged in when asked
    auto more = collect(store.get(Kind::kProjects), keep, p, "dateoccurred");
    matches.insert(matches.end(), more.begin(), more.end());
  }
  return list_response(matches, p, ListShape{"tickets", true, ticket_list_full(p)}, req);
}

ApiResponse projects(const DatasetStore& store, const ApiRequest& req) {
  const auto& col = store.get(Kind::kProjects);
  Predicate filter = ticket_filter(store, req.params, req.ignore_date_filters);
  if (flag(req.params, "ticketidonly")) {
    // Halo: "not compatible with pagination". Every matching id in one answer, project tasks
    // (child tickets) included, no record_count, whatever pageinate/page_size/page_no say.
    std::string body = "{\"tickets\":[";
    bool first = true;
    for (std::size_t i = 0; i < col.rows.size(); ++i) {
      const RecordKeys& k = col.keys[i];
      if (!filter(k)) continue;
      body += first ? "" : ",";
      body += "{\"id\":" + std::to_string(k.id) + (k.parent_id ? ",\"parent_id\":" + std::to_string(k.parent_id) : "") + "}";
      first = false;
    }
    return {200, body + "]}"};
  }
  // A project list holds the projects; their tasks are tickets of their own, listed only when
  // asked for by id (ticketids selects tickets whatever they are).
  const bool by_id = !id_list(req.params, "ticketids").empty();
  auto matches = collect(col, [&](const RecordKeys& k) { return (by_id || k.parent_id == 0) && filter(k); },
                         req.params, "dateoccurred");
  return list_response(matches, req.params, ListShape{"tickets", true, ticket_list_full(req.params)}, req);
}

ApiResponse actions(const DatasetStore& store, const ApiRequest& req) {
  const auto& col = store.get(Kind::kActions);
  const auto& p = req.params;
  const int ticket = number(p, "ticket_id");
  const bool exclude_sys = flag(p, "excludesys"), exclude_private = flag(p, "excludeprivate");
  const bool time_only = flag(p, "timeentriesonly"), agent_only = flag(p, "agentonly");
  const std::string from = req.ignore_date_filters ? std::string() : lower_bound(p, "startdate");
  const std::string to = req.ignore_date_filters ? std::string() : upper_bound(p, "enddate");
  auto keep = [&](const RecordKeys& k) {
    if (exclude_sys && k.system) return false;
    if (exclude_private && k.hidden) return false;
    if (time_only && !(k.hours > 0)) return false;
    if (agent_only && k.agent_id <= 0) return false;
    if ((!from.empty() || !to.empty()) && !in_range(k.date, from, to)) return false;
    return true;
  };
  std::vector<const Row*> matches;
  if (ticket) {
    if (const auto* list = store.actions_of(ticket)) {
      for (auto i : *list) {
        if (keep(col.keys[i])) matches.push_back(&col.rows[i]);
      }
    }
  } else {
    matches = collect(col, keep, p, "datetime");
  }
  return list_response(matches, p, ListShape{"actions", false, true}, req);
}

ApiResponse timesheet_events(const DatasetStore& store, const ApiRequest& req) {
  const auto& col = store.get(Kind::kTimesheetEvents);
  const auto& p = req.params;
  std::vector<int> agents = id_list(p, "agents");
  if (int a = number(p, "agent_id")) agents.push_back(a);
  // Without an agent, Halo answers for the API application's own agent only (here: the first
  // agent), not for everyone: an empty answer then says nothing about the others' time.
  if (agents.empty() && !store.get(Kind::kAgents).keys.empty()) agents.push_back(store.get(Kind::kAgents).keys.front().id);
  const std::string from = lower_bound(p, "start_date");
  const std::string to = upper_bound(p, "end_date");
  auto keep = [&](const RecordKeys& k) {
    if (!agents.empty() && std::find(agents.begin(), agents.end(), k.agent_id) == agents.end()) return false;
    if ((!from.empty() || !to.empty()) && !in_range(k.date, from, to)) return false;
    return true;
  };
  auto matches = collect(col, keep, p, "start_date");
  return list_response(matches, p, ListShape{nullptr, false, true}, req);
}

/// Clients, sites, users and assets: client/site scoping, search, includeinactive.
ApiResponse simple_list(const DatasetStore& store, const ApiRequest& req, Kind kind, const char* key) {
  const auto& col = store.get(kind);
  const auto& p = req.params;
  const int client = kind == Kind::kClients ? 0 : number(p, "client_id");
  const int site = number(p, "site_id");
  const int toplevel = number(p, "toplevel_id");
  const int assettype = kind == Kind::kAssets ? number(p, "assettype_id") : 0;
  const bool include_inactive = flag(p, "includeinactive");
  const std::string needle = lowered(p, "search");
  auto keep = [&](const RecordKeys& k) {
    if (!include_inactive && k.inactive) return false;
    if (client && k.client_id != client) return false;
    if (site && (kind == Kind::kSites ? k.id : k.site_id) != site) return false;
    if (toplevel && k.toplevel_id != toplevel) return false;
    if (assettype && k.assettype_id != assettype) return false;
    return contains_text(k, needle);
  };
  auto matches = collect(col, keep, p, nullptr);
  return list_response(matches, p, ListShape{key, true, true}, req);
}

ApiResponse contracts(const DatasetStore& store, const ApiRequest& req) {
  const auto& col = store.get(Kind::kContracts);
  const auto& p = req.params;
  const int client = number(p, "client_id"), site = number(p, "site_id");
  const bool include_inactive = flag(p, "includeinactive");
  const std::string needle = lowered(p, "search");
  auto keep = [&](const RecordKeys& k) {
    if (!include_inactive && k.inactive) return false;
    if (client && k.client_id != client) return false;
    if (site && k.site_id != site) return false;
    return contains_text(k, needle);
  };
  auto matches = collect(col, keep, p, "start_date");
  // The list leaves out the detail-only billing fields, as Halo does.
  return list_response(matches, p, ListShape{"contracts", true, false}, req);
}

/// Invoices and recurring invoice templates share Invoice's parameters and envelope.
ApiResponse invoices(const DatasetStore& store, const ApiRequest& req, bool recurring) {
  const auto& col = store.get(recurring ? Kind::kRecurringInvoices : Kind::kInvoices);
  const auto& p = req.params;
  const int client = number(p, "client_id"), contract = number(p, "contract_id"), ticket = number(p, "ticket_id");
  const int template_id = number(p, "recurringinvoice_id");
  // Halo reads the two flags as a set of types: credit notes alone with includecredits only,
  // invoices alone by default or with includeinvoices only, both when both are sent.
  const bool credits = flag(p, "includecredits");
  const bool invoices_too = flag(p, "includeinvoices") || !credits;
  const std::string from = req.ignore_date_filters ? std::string() : lower_bound(p, "invoicedatestart");
  const std::string to = req.ignore_date_filters ? std::string() : upper_bound(p, "invoicedateend");
  // Recurring templates: rinvoice_type contracts | invoices | both; by default the templates
  // that bill a contract are left out.
  const std::string type = lowered(p, "rinvoice_type");
  const bool posted_only = flag(p, "postedonly"), not_posted_only = flag(p, "notpostedonly");
  const std::vector<int> clients = id_list(p, "client_ids");
  const std::string needle = lowered(p, "search");
  auto keep = [&](const RecordKeys& k) {
    if (!recurring && k.credit && !credits) return false;
    if (!recurring && !k.credit && !invoices_too) return false;
    if (!recurring && (!from.empty() || !to.empty()) && !in_range(k.date, from, to)) return false;
    if (recurring && type != "both" && type != "contracts" && k.contract_id > 0) return false;
    if (recurring && type == "contracts" && k.contract_id <= 0) return false;
    if (client && k.client_id != client) return false;
    if (!clients.empty() && std::find(clients.begin(), clients.end(), k.client_id) == clients.end()) return false;
    if (contract && k.contract_id != contract) return false;
    if (ticket && k.ticket_id != ticket) return false;
    if (template_id && k.recurring_invoice_id != template_id) return false;
    if (posted_only && !k.posted) return false;
    if (not_posted_only && k.posted) return false;
    return contains_text(k, needle);
  };
  auto matches = collect(col, keep, p, "invoice_date");
  return list_response(matches, p, ListShape{"invoices", true, flag(p, "includelines")}, req);
}

ApiResponse agents(const DatasetStore& store, const ApiRequest& req) {
  const auto& col = store.get(Kind::kAgents);
  const auto& p = req.params;
  const bool include_disabled = flag(p, "includedisabled");
  const std::string needle = lowered(p, "search");
  std::string team = lowered(p, "team");
  if (int team_id = number(p, "team_id")) {
    const Row* t = store.get(Kind::kTeams).find(team_id);
    team = t ? lower(json_string(Json::parse(t->text), "name")) : std::string("\x01no such team");
  }
  auto keep = [&](const RecordKeys& k) {
    if (!include_disabled && k.inactive) return false;
    if (!team.empty() && lower(k.team) != team) return false;
    return contains_text(k, needle);
  };
  auto matches = collect(col, keep, p, nullptr);
  return list_response(matches, p, ListShape{nullptr, false, true}, req);
}

/// Status and Team: every record, bare array, no filters.
ApiResponse bare_all(const DatasetStore& store, const ApiRequest& req, Kind kind) {
  const auto& col = store.get(kind);
  auto matches = collect(col, [](const RecordKeys&) { return true; }, req.params, nullptr);
  return list_response(matches, req.params, ListShape{nullptr, false, true}, req);
}

}  // namespace

std::optional<ApiResponse> list_records(const DatasetStore& store, const ApiRequest& req, const std::string& r) {
  if (r == "tickets") return tickets(store, req);
  if (r == "projects") return projects(store, req);
  if (r == "actions") return actions(store, req);
  if (r == "timesheetevent") return timesheet_events(store, req);
  if (r == "client") return simple_list(store, req, Kind::kClients, "clients");
  if (r == "site") return simple_list(store, req, Kind::kSites, "sites");
  if (r == "users") return simple_list(store, req, Kind::kUsers, "users");
  if (r == "asset") return simple_list(store, req, Kind::kAssets, "assets");
  if (r == "clientcontract") return contracts(store, req);
  if (r == "invoice") return invoices(store, req, false);
  if (r == "recurringinvoice") return invoices(store, req, true);
  if (r == "agent") return agents(store, req);
  if (r == "report") return report_list(store, req);
  if (r == "status") return bare_all(store, req, Kind::kStatuses);
  if (r == "team") return bare_all(store, req, Kind::kTeams);
  return std::nullopt;
}

}  // namespace sim::api

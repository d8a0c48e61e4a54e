// Halo's /api resources over the indexed dataset. Behaviour follows shared docs/halo-api.md:
// paths are case-insensitive, unknown parameters are ignored, page_size is capped at 100,
// record_count is the total of matches, unpaged lists return about 50 rows (or `count`),
// some resources answer with a bare array, detail GETs return a bare object or 404.
#include "sim/halo_api.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <string_view>

namespace sim {

namespace {

using util::Json;
using Params = std::map<std::string, std::string>;
using Predicate = std::function<bool(const RecordKeys&)>;

constexpr int kUnpagedDefault = 50;
constexpr int kMaxPageSize = 100;
constexpr std::size_t kMaxReportRows = 50000;

// ---- parameters ----------------------------------------------------------------------------

const std::string* param(const Params& p, const char* name) {
  auto it = p.find(name);
  return it == p.end() ? nullptr : &it->second;
}
bool flag(const Params& p, const char* name) {
  const std::string* v = param(p, name);
  return v && lower(*v) == "true";
}
/// Integer parameter; absent or not a number = 0 (Halo ignores what it cannot bind).
int number(const Params& p, const char* name) {
  const std::string* v = param(p, name);
  if (!v || v->empty()) return 0;
  double d = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), d);
  if (ec != std::errc() || ptr != v->data() + v->size()) return 0;
  return static_cast<int>(d);
}
std::vector<int> id_list(const Params& p, const char* name) {
  std::vector<int> out;
  const std::string* v = param(p, name);
  if (!v) return out;
  std::size_t start = 0;
  while (start <= v->size()) {
    std::size_t end = v->find(',', start);
    if (end == std::string::npos) end = v->size();
    std::string part = v->substr(start, end - start);
    int value = 0;
    auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec == std::errc() && ptr == part.data() + part.size()) out.push_back(value);
    start = end + 1;
  }
  return out;
}

// ---- responses -----------------------------------------------------------------------------

ApiResponse json_response(int status, const Json& body) { return {status, body.dump()}; }

ApiResponse not_found_record(const std::string& what, const std::string& id) {
  return json_response(404, Json{{"ClassName", "HaloItemNotFoundException"},
                                 {"Message", what + " " + id + " not found"}});
}

ApiResponse no_route(const std::string& path) {
  return json_response(404, Json{{"Message", "No HTTP resource was found that matches the request URI '" + path + "'."}});
}

struct ListShape {
  const char* key = nullptr;  ///< envelope key; nullptr = bare array
  bool pageable = true;       ///< false: pageinate/page_size are ignored, no 50-row default
  bool full = true;           ///< false: the list form (detail-only fields left out)
};

/// Bounds for a date filter: a bare day is the whole day (inclusive).
std::string lower_bound(const std::string& s) { return s.size() <= 10 ? s + "T00:00:00" : s.substr(0, 19); }
std::string upper_bound(const std::string& s) { return s.size() <= 10 ? s + "T23:59:59" : s.substr(0, 19); }
bool in_range(const std::string& date, const std::string& from, const std::string& to) {
  if (date.size() < 10 || date.compare(0, 4, "1901") < 0) return false;  // "no date"
  const std::string d = date.substr(0, 19);
  if (!from.empty() && d < from) return false;
  if (!to.empty() && d > to) return false;
  return true;
}

/// Matches in the requested order. `date_field` is the field the pre-sorted date index follows.
std::vector<const Row*> collect(const Collection& col, const Predicate& keep, const Params& p, const char* date_field) {
  std::vector<std::uint32_t> out;
  const std::string* order = param(p, "order");
  const bool desc = flag(p, "orderdesc");
  const bool by_date = order && date_field && lower(*order) == date_field;
  if (by_date) {
    if (desc) {
      for (auto i : col.by_date_desc) {
        if (keep(col.keys[i])) out.push_back(i);
      }
    } else {
      for (auto it = col.by_date_desc.rbegin(); it != col.by_date_desc.rend(); ++it) {
        if (keep(col.keys[*it])) out.push_back(*it);
      }
    }
  } else {
    for (std::uint32_t i = 0; i < col.rows.size(); ++i) {
      if (keep(col.keys[i])) out.push_back(i);
    }
    if (order && !order->empty()) {
      // Any other field: parse the matches once (rare; the tools order by date).
      std::vector<Json> values(col.rows.size());
      for (auto i : out) {
        Json record = Json::parse(col.rows[i].text);
        auto it = record.find(*order);
        if (it != record.end()) values[i] = *it;
      }
      std::stable_sort(out.begin(), out.end(), [&](std::uint32_t a, std::uint32_t b) {
        return desc ? (values[b] < values[a]) : (values[a] < values[b]);
      });
    } else if (desc) {
      std::reverse(out.begin(), out.end());
    }
  }
  std::vector<const Row*> rows;
  rows.reserve(out.size());
  for (auto i : out) rows.push_back(&col.rows[i]);
  return rows;
}

ApiResponse list_response(const std::vector<const Row*>& matches, const Params& p, const ListShape& shape,
                          const ApiRequest& req) {
  const std::size_t total = matches.size();
  std::size_t begin = 0, end = total;
  int page_no = 0, page_size = 0;
  const bool paged = shape.pageable && flag(p, "pageinate");
  if (paged) {
    page_size = number(p, "page_size");
    if (page_size <= 0) page_size = kUnpagedDefault;
    page_size = std::min(page_size, kMaxPageSize);
    page_no = std::max(1, number(p, "page_no"));
    begin = std::min(total, static_cast<std::size_t>(page_no - 1) * static_cast<std::size_t>(page_size));
    end = std::min(total, begin + static_cast<std::size_t>(page_size));
  } else {
    int count = number(p, "count");
    if (count > 0) {
      end = std::min(total, static_cast<std::size_t>(count));
    } else if (shape.pageable) {
      end = std::min(total, static_cast<std::size_t>(kUnpagedDefault));
    }
  }
  std::vector<const Row*> page(matches.begin() + static_cast<long>(begin), matches.begin() + static_cast<long>(end));
  // Faults: a page that disagrees with record_count.
  for (int i = 0; i < req.extra_items && !matches.empty(); ++i) {
    std::size_t next = end + static_cast<std::size_t>(i);
    page.push_back(next < total ? matches[next] : matches[total - 1]);
  }
  for (int i = 0; i < req.fewer_items && !page.empty(); ++i) page.pop_back();

  std::string body;
  std::size_t size = 96;
  for (const Row* row : page) size += row->text.size() + 1;
  body.reserve(size);
  if (shape.key) {
    body += '{';
    if (paged) body += "\"page_no\":" + std::to_string(page_no) + ",\"page_size\":" + std::to_string(page_size) + ",";
    body += "\"record_count\":" + std::to_string(total) + ",\"" + shape.key + "\":[";
  } else {
    body += '[';
  }
  for (std::size_t i = 0; i < page.size(); ++i) {
    if (i) body += ',';
    if (shape.full) {
      body += page[i]->text;
    } else {
      page[i]->append_list(body);
    }
  }
  body += shape.key ? "]}" : "]";
  return {200, std::move(body)};
}

const Row* find_row(const Collection& col, const std::string& id_text) {
  int id = 0;
  auto [ptr, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (ec != std::errc() || ptr != id_text.data() + id_text.size()) return nullptr;
  return col.find(id);
}

ApiResponse detail_response(const Collection& col, const std::string& id_text, const char* what) {
  const Row* row = find_row(col, id_text);
  if (!row) return not_found_record(what, id_text);
  return {200, row->text};
}

bool contains_text(const RecordKeys& k, const std::string& needle) {
  return needle.empty() || k.search.find(needle) != std::string::npos;
}

// ---- resources -----------------------------------------------------------------------------

/// Tickets and projects share Halo's ticket parameter set.
Predicate ticket_filter(const Params& p) {
  const int client = number(p, "client_id"), site = number(p, "site_id"), agent = number(p, "agent_id");
  const int user = number(p, "user_id"), type = number(p, "requesttype_id");
  const std::vector<int> statuses = id_list(p, "status_id");
  const std::vector<int> ticket_ids = id_list(p, "ticketids");
  const bool open_only = flag(p, "open_only"), closed_only = flag(p, "closed_only");
  const std::string needle = param(p, "search") ? lower(*param(p, "search")) : std::string();
  std::string date_mode = param(p, "datesearch") ? lower(*param(p, "datesearch")) : std::string();
  std::string from = param(p, "startdate") ? lower_bound(*param(p, "startdate")) : std::string();
  std::string to = param(p, "enddate") ? upper_bound(*param(p, "enddate")) : std::string();
  // Halo's spelling is "dateoccured"; startdate/enddate mean nothing without datesearch.
  if (date_mode != "dateoccured" && date_mode != "datecleared") date_mode.clear();
  return [=](const RecordKeys& k) {
    if (client && k.client_id != client) return false;
    if (site && k.site_id != site) return false;
    if (agent && k.agent_id != agent) return false;
    if (user && k.user_id != user) return false;
    if (type && k.type_id != type) return false;
    if (!statuses.empty() && std::find(statuses.begin(), statuses.end(), k.status_id) == statuses.end()) return false;
    if (!ticket_ids.empty() && std::find(ticket_ids.begin(), ticket_ids.end(), k.id) == ticket_ids.end()) return false;
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

ApiResponse tickets(const DatasetStore& store, const ApiRequest& req, const std::vector<std::string>& seg) {
  const auto& p = req.params;
  if (seg.size() >= 3) {
    const auto& id = seg[2];
    auto r = detail_response(store.get(Kind::kTickets), id, "Ticket");
    if (r.status == 404) r = detail_response(store.get(Kind::kProjects), id, "Ticket");
    return r;
  }
  Predicate keep = ticket_filter(p);
  auto matches = collect(store.get(Kind::kTickets), keep, p, "dateoccurred");
  if (flag(p, "includeprojects")) {  // projects are tickets too; merged in when asked
    auto more = collect(store.get(Kind::kProjects), keep, p, "dateoccurred");
    matches.insert(matches.end(), more.begin(), more.end());
  }
  return list_response(matches, p, ListShape{"tickets", true, ticket_list_full(p)}, req);
}

ApiResponse projects(const DatasetStore& store, const ApiRequest& req, const std::vector<std::string>& seg) {
  const auto& col = store.get(Kind::kProjects);
  if (seg.size() >= 3) return detail_response(col, seg[2], "Project");
  auto matches = collect(col, ticket_filter(req.params), req.params, "dateoccurred");
  return list_response(matches, req.params, ListShape{"tickets", true, ticket_list_full(req.params)}, req);
}

ApiResponse actions(const DatasetStore& store, const ApiRequest& req, const std::vector<std::string>& seg) {
  const auto& col = store.get(Kind::kActions);
  const auto& p = req.params;
  if (seg.size() >= 3) return detail_response(col, seg[2], "Action");
  const int ticket = number(p, "ticket_id");
  const bool exclude_sys = flag(p, "excludesys"), exclude_private = flag(p, "excludeprivate");
  const bool time_only = flag(p, "timeentriesonly"), agent_only = flag(p, "agentonly");
  const std::string from = param(p, "startdate") ? lower_bound(*param(p, "startdate")) : std::string();
  const std::string to = param(p, "enddate") ? upper_bound(*param(p, "enddate")) : std::string();
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
  const std::string from = param(p, "start_date") ? lower_bound(*param(p, "start_date")) : std::string();
  const std::string to = param(p, "end_date") ? upper_bound(*param(p, "end_date")) : std::string();
  auto keep = [&](const RecordKeys& k) {
    if (!agents.empty() && std::find(agents.begin(), agents.end(), k.agent_id) == agents.end()) return false;
    if ((!from.empty() || !to.empty()) && !in_range(k.date, from, to)) return false;
    return true;
  };
  auto matches = collect(col, keep, p, "start_date");
  return list_response(matches, p, ListShape{nullptr, false, true}, req);
}

/// Clients, sites, users and assets: client/site scoping, search, includeinactive.
ApiResponse simple_list(const DatasetStore& store, const ApiRequest& req, const std::vector<std::string>& seg, Kind kind,
                        const char* key, const char* what) {
  const auto& col = store.get(kind);
  const auto& p = req.params;
  if (seg.size() >= 3) return detail_response(col, seg[2], what);
  const int client = kind == Kind::kClients ? 0 : number(p, "client_id");
  const int site = number(p, "site_id");
  const int toplevel = number(p, "toplevel_id");
  const int assettype = kind == Kind::kAssets ? number(p, "assettype_id") : 0;
  const bool include_inactive = flag(p, "includeinactive");
  const std::string needle = param(p, "search") ? lower(*param(p, "search")) : std::string();
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

ApiResponse contracts(const DatasetStore& store, const ApiRequest& req, const std::vector<std::string>& seg) {
  const auto& col = store.get(Kind::kContracts);
  const auto& p = req.params;
  if (seg.size() >= 3) return detail_response(col, seg[2], "Contract");
  const int client = number(p, "client_id"), site = number(p, "site_id");
  const bool include_inactive = flag(p, "includeinactive");
  const std::string needle = param(p, "search") ? lower(*param(p, "search")) : std::string();
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

ApiResponse invoices(const DatasetStore& store, const ApiRequest& req, const std::vector<std::string>& seg,
                     bool recurring) {
  const auto& col = store.get(recurring ? Kind::kRecurringInvoices : Kind::kInvoices);
  const auto& p = req.params;
  if (seg.size() >= 3) return detail_response(col, seg[2], recurring ? "Recurring invoice" : "Invoice");
  const int client = number(p, "client_id"), contract = number(p, "contract_id"), ticket = number(p, "ticket_id");
  const int template_id = number(p, "recurringinvoice_id");
  const bool credits = flag(p, "includecredits");
  const bool posted_only = flag(p, "postedonly"), not_posted_only = flag(p, "notpostedonly");
  const std::vector<int> clients = id_list(p, "client_ids");
  const std::string needle = param(p, "search") ? lower(*param(p, "search")) : std::string();
  auto keep = [&](const RecordKeys& k) {
    if (!recurring && !credits && k.credit) return false;
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

ApiResponse agents(const DatasetStore& store, const ApiRequest& req, const std::vector<std::string>& seg) {
  const auto& col = store.get(Kind::kAgents);
  const auto& p = req.params;
  if (seg.size() >= 3) {
    if (seg[2] == "me") {
      if (const Row* a = col.find(1)) return {200, a->text};
      return json_response(200, Json{{"id", 1}, {"name", "Halo API"}, {"email", ""}, {"team", ""},
                                     {"isdisabled", false}, {"isapiagent", true}});
    }
    return detail_response(col, seg[2], "Agent");
  }
  const bool include_disabled = flag(p, "includedisabled");
  const std::string needle = param(p, "search") ? lower(*param(p, "search")) : std::string();
  std::string team = param(p, "team") ? lower(*param(p, "team")) : std::string();
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

ApiResponse reports(const DatasetStore& store, const ApiRequest& req, const std::vector<std::string>& seg) {
  const auto& col = store.get(Kind::kReports);
  const auto& p = req.params;
  if (seg.size() >= 3) {
    const Row* row = find_row(col, seg[2]);
    if (!row) return not_found_record("Report", seg[2]);
    if (!flag(p, "loadreport")) return {200, row->text};
    Json out = Json::parse(row->text);
    Json rows = Json::array();
    if (!row->extra.empty()) {
      for (const auto& line : Json::parse(row->extra)) {
        if (rows.size() >= kMaxReportRows) break;
        Json cells = Json::object();  // Halo returns every cell as a string
        for (const auto& [k, v] : line.items()) cells[k] = v.is_string() ? v.get<std::string>() : v.dump();
        rows.push_back(std::move(cells));
      }
    }
    out["report"] = Json{{"loaded", true}, {"load_error", ""}, {"rows", std::move(rows)}};
    return json_response(200, out);
  }
  const std::string needle = param(p, "search") ? lower(*param(p, "search")) : std::string();
  auto keep = [&](const RecordKeys& k) { return contains_text(k, needle); };
  auto matches = collect(col, keep, p, nullptr);
  return list_response(matches, p, ListShape{"reports", true, true}, req);
}

ApiResponse bare_all(const DatasetStore& store, const ApiRequest& req, Kind kind) {
  const auto& col = store.get(kind);
  auto matches = collect(col, [](const RecordKeys&) { return true; }, req.params, nullptr);
  return list_response(matches, req.params, ListShape{nullptr, false, true}, req);
}

struct Route {
  const char* lower;
  const char* canonical;
};
constexpr Route kRoutes[] = {
    {"tickets", "Tickets"},   {"actions", "Actions"},     {"timesheetevent", "TimesheetEvent"},
    {"client", "Client"},     {"site", "Site"},           {"users", "Users"},
    {"clientcontract", "ClientContract"}, {"invoice", "Invoice"}, {"recurringinvoice", "RecurringInvoice"},
    {"projects", "Projects"}, {"asset", "Asset"},         {"agent", "Agent"},
    {"report", "Report"},     {"status", "Status"},       {"team", "Team"},
    {"authinfo", "AuthInfo"}};

std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string route_key(const std::string& path) {
  auto seg = segments(lower(path));
  if (seg.size() >= 2 && seg.size() <= 3 && seg[0] == "api") {
    for (const auto& r : kRoutes) {
      if (seg[1] != r.lower) continue;
      std::string key = std::string("/api/") + r.canonical;
      if (seg.size() == 3) key += seg[2] == "me" ? "/me" : "/{id}";
      return key;
    }
  }
  return lower(path);
}

bool is_anonymous_route(const std::string& path) {
  auto seg = segments(lower(path));
  return seg.size() == 2 && seg[0] == "api" && seg[1] == "authinfo";
}

ApiResponse handle_api(const DatasetStore& store, const ApiRequest& req) {
  auto seg = segments(lower(req.path));
  if (seg.size() < 2 || seg.size() > 3 || seg[0] != "api") return no_route(req.path);
  const std::string& r = seg[1];
  if (r == "tickets") return tickets(store, req, seg);
  if (r == "projects") return projects(store, req, seg);
  if (r == "actions") return actions(store, req, seg);
  if (r == "client") return simple_list(store, req, seg, Kind::kClients, "clients", "Client");
  if (r == "site") return simple_list(store, req, seg, Kind::kSites, "sites", "Site");
  if (r == "users") return simple_list(store, req, seg, Kind::kUsers, "users", "User");
  if (r == "asset") return simple_list(store, req, seg, Kind::kAssets, "assets", "Asset");
  if (r == "clientcontract") return contracts(store, req, seg);
  if (r == "invoice") return invoices(store, req, seg, false);
  if (r == "recurringinvoice") return invoices(store, req, seg, true);
  if (r == "agent") return agents(store, req, seg);
  if (r == "report") return reports(store, req, seg);
  if (seg.size() == 2) {
    if (r == "timesheetevent") return timesheet_events(store, req);
    if (r == "status") return bare_all(store, req, Kind::kStatuses);
    if (r == "team") return bare_all(store, req, Kind::kTeams);
    if (r == "authinfo") {
      return json_response(200, Json{{"auth_url", req.base_url + "/auth"}, {"tenant_id", req.tenant}});
    }
  }
  return no_route(req.path);
}

}  // namespace sim

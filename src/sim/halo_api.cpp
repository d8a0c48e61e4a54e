// Routing of Halo's /api resources: paths are case-insensitive, /api/{Resource} is a list and
// /api/{Resource}/{id} a detail; anything else is Halo's "No HTTP resource" 404. The resources
// themselves are in halo_api_lists.cpp, halo_api_details.cpp and halo_api_reports.cpp.
#include "sim/halo_api.hpp"

#include <string>
#include <vector>

#include "sim/halo_api_resources.hpp"
#include "sim/halo_api_response.hpp"

namespace sim {

namespace {

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
  if (seg.size() < 2 || seg.size() > 3 || seg[0] != "api") return api::no_route(req.path);
  const std::string& resource = seg[1];
  if (seg.size() == 3) {
    if (resource == "report") return api::report_detail(store, req, seg[2]);
    if (auto detail = api::detail_record(store, resource, seg[2])) return std::move(*detail);
    return api::no_route(req.path);
  }
  if (resource == "authinfo") {
    return api::json_response(200, util::Json{{"auth_url", req.base_url + req.auth_path}, {"tenant_id", req.tenant}});
  }
  if (auto list = api::list_records(store, req, resource)) return std::move(*list);
  return api::no_route(req.path);
}

}  // namespace sim

// Saved reports of the simulated /api/Report: the list, one report, and running one with
// loadreport=true, which attaches its rows with every cell as a string (at most 50,000 rows).
#include "sim/halo_api_request.hpp"
#include "sim/halo_api_resources.hpp"
#include "sim/halo_api_response.hpp"

namespace sim::api {

namespace {
constexpr std::size_t kMaxReportRows = 50000;
}  // namespace

using util::Json;

ApiResponse report_list(const DatasetStore& store, const ApiRequest& req) {
  const auto& p = req.params;
  const std::string needle = lowered(p, "search");
  auto keep = [&](const RecordKeys& k) { return contains_text(k, needle); };
  auto matches = collect(store.get(Kind::kReports), keep, p, nullptr);
  return list_response(matches, p, ListShape{"reports", true, true}, req);
}

ApiResponse report_detail(const DatasetStore& store, const ApiRequest& req, const std::string& id) {
  const Row* row = find_row(store.get(Kind::kReports), id);
  if (!row) return not_found_record("Report", id);
  if (!flag(req.params, "loadreport")) return {200, row->text};
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

}  // namespace sim::api

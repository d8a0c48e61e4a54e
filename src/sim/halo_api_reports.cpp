// Saved reports of the simulated /api/Report: the list, one report, and running one with
// loadreport=true, which attaches its rows with every cell as a string (at most 50,000 rows).
// A dataset's report may carry two controls, never served: "load_error" (the run answers
// loaded false with that message) and "period_column" (reportingperiodstartdate/enddate keep the
// rows whose cell in that column, by its YYYY-MM-DD prefix, lies in the inclusive range).
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
  const Json run = row->extra.empty() ? Json::object() : Json::parse(row->extra);
  // A dataset's report may fail to run: Halo answers 200 with loaded false and its message.
  if (auto failure = run.find("load_error"); failure != run.end() && failure->is_string() && !failure->empty()) {
    out["report"] = Json{{"loaded", false}, {"load_error", *failure}, {"rows", Json::array()}};
    return json_response(200, out);
  }
  // The reporting period filters on the report's period column (its cell's YYYY-MM-DD prefix),
  // both ends inclusive, when the report has one and the request gives a bound.
  const std::string column = run.value("period_column", std::string());
  auto day_of = [&](const char* name) {
    const std::string* value = param(req.params, name);
    return value ? value->substr(0, 10) : std::string();
  };
  const std::string from = column.empty() ? std::string() : day_of("reportingperiodstartdate");
  const std::string to = column.empty() ? std::string() : day_of("reportingperiodenddate");
  Json rows = Json::array();
  if (auto saved = run.find("rows"); saved != run.end() && saved->is_array()) {
    for (const auto& line : *saved) {
      if (rows.size() >= kMaxReportRows) break;
      if (!from.empty() || !to.empty()) {
        auto cell = line.find(column);
        const std::string day = cell != line.end() && cell->is_string() ? cell->get<std::string>().substr(0, 10) : "";
        if (day.empty() || (!from.empty() && day < from) || (!to.empty() && day > to)) continue;
      }
      Json cells = Json::object();  // Halo returns every cell as a string
      for (const auto& [k, v] : line.items()) cells[k] = v.is_string() ? v.get<std::string>() : v.dump();
      rows.push_back(std::move(cells));
    }
  }
  out["report"] = Json{{"loaded", true}, {"load_error", ""}, {"rows", std::move(rows)}};
  return json_response(200, out);
}

}  // namespace sim::api

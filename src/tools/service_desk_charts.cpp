// The service desk's charts: ticket_stats' tickets opened and closed per period (or per group),
// agent_utilisation's billable and non-billable hours per agent.
#include <cctype>

#include "domain/text_table.hpp"
#include "tools/result_charts.hpp"

namespace tools {
namespace {

charts::Series bars(std::string name) { return {.name = std::move(name), .mark = charts::Mark::kBar, .values = {}}; }

std::string period_label(const std::string& interval) {
  if (interval == "day") return "Day";
  if (interval == "week") return "Week starting (Monday)";
  return "Month";
}

}  // namespace

std::vector<charts::Chart> ticket_stats_charts(const util::Json& result) {
  charts::Chart chart;
  const std::string window = result.value("start_date", std::string()) + " to " + result.value("end_date", std::string());
  const util::Json sla = result.value("totals", util::Json::object()).value("sla", util::Json::object());
  chart.subtitle = window + "; SLA fix compliance " + domain::json_percent(sla.value("fix_compliance_pct", util::Json()));
  charts::Series opened = bars("Opened");
  charts::Series closed = bars("Closed");
  const std::string interval = result.value("interval", std::string("none"));
  if (interval != "none") {
    chart.title = "Tickets opened and closed per " + interval;
    chart.category_label = period_label(interval);
    for (const auto& row : result.value("series", util::Json::array())) {
      chart.categories.push_back(row.value("period_start", std::string()));
      opened.values.push_back(chart_rows::value(row.value("opened", util::Json())));
      closed.values.push_back(chart_rows::value(row.value("closed", util::Json())));
    }
  } else {
    const util::Json groups = result.value("groups", util::Json::array());
    const std::string group_by = result.value("group_by", std::string("none"));
    if (group_by == "none" || groups.empty()) return {};
    chart.title = "Tickets opened and closed by " + group_by;
    chart.category_label = std::string(1, static_cast<char>(std::toupper(group_by[0]))) + group_by.substr(1);
    chart.horizontal = true;
    for (const auto& row : groups) {
      if (chart.categories.size() == kMaxChartRows) break;
      chart.categories.push_back(row.value("key_name", util::Json()).is_string() ? row["key_name"].get<std::string>()
                                                                                 : std::string("(none)"));
      opened.values.push_back(chart_rows::value(row.value("opened", util::Json())));
      closed.values.push_back(chart_rows::value(row.value("closed", util::Json())));
    }
    chart.note = chart_rows::left_out_note(chart.categories.size(), groups.size(), group_by + " groups");
  }
  chart.panels.push_back({.value_label = "Tickets", .series = {std::move(opened), std::move(closed)}});
  return {std::move(chart)};
}

std::vector<charts::Chart> utilisation_charts(const util::Json& result) {
  const util::Json agents = result.value("agents", util::Json::array());
  if (agents.empty()) return {};
  charts::Chart chart;
  chart.title = "Hours logged per agent, billable and non-billable";
  const util::Json working_days = result.value("working_days", util::Json());
  const util::Json workday = result.value("workday_hours", util::Json());
  chart.subtitle = result.value("start_date", std::string()) + " to " + result.value("end_date", std::string()) +
                   "; " + domain::json_cell(working_days) + " working days x " + domain::json_cell(workday) +
                   " h available each";
  chart.category_label = "Agent";
  chart.horizontal = true;
  charts::Series billable = bars("Billable");
  charts::Series other = bars("Non-billable");
  for (const auto& row : agents) {
    if (chart.categories.size() == kMaxChartRows) break;
    chart.categories.push_back(row.value("agent_name", std::string("?")));
    billable.values.push_back(chart_rows::value(row.value("billable_hours", util::Json())));
    other.values.push_back(chart_rows::value(row.value("non_billable_hours", util::Json())));
  }
  chart.panels.push_back({.value_label = "Hours", .series = {std::move(billable), std::move(other)}, .stacked = true});
  chart.note = chart_rows::left_out_note(chart.categories.size(), agents.size(), "agents");
  return {std::move(chart)};
}

}  // namespace tools

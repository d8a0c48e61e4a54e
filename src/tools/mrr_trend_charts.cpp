// mrr_trend's chart, one per currency: the MRR line above, the new and churned MRR of each month
// below on their own zero-based axis (on the MRR axis they would be slivers).
#include "tools/result_charts.hpp"

namespace tools {

std::vector<charts::Chart> mrr_trend_charts(const util::Json& result) {
  std::vector<charts::Chart> out;
  const util::Json months = result.value("months", util::Json::array());
  for (const std::string& currency : chart_rows::currencies(months)) {
    charts::Chart chart;
    chart.title = "MRR by month (" + currency + ")";
    chart.subtitle = result.value("start_month", std::string()) + " to " + result.value("end_month", std::string()) +
                     ", measured at each month end";
    chart.category_label = "Month";
    charts::Series mrr{.name = "MRR", .mark = charts::Mark::kLine, .values = {}};
    charts::Series added{.name = "New MRR", .mark = charts::Mark::kBar, .values = {}};
    charts::Series churned{.name = "Churned MRR", .mark = charts::Mark::kBar, .values = {}};
    for (const auto& row : months) {
      if (row.value("currency", std::string()) != currency) continue;
      chart.categories.push_back(row.value("month", std::string()));
      mrr.values.push_back(chart_rows::value(row.value("mrr", util::Json())));
      added.values.push_back(chart_rows::value(row.value("new_mrr", util::Json())));
      auto lost = chart_rows::value(row.value("churned_mrr", util::Json()));
      churned.values.push_back(lost ? std::optional<double>(-*lost) : std::nullopt);  // drawn below zero
    }
    chart.panels.push_back({.value_label = currency + " per month", .series = {std::move(mrr)}, .stacked = false,
                            .weight = 2.0});
    chart.panels.push_back({.value_label = "Change, " + currency,
                            .series = {std::move(added), std::move(churned)}, .stacked = false, .weight = 1.0});
    out.push_back(std::move(chart));
  }
  return out;
}

}  // namespace tools

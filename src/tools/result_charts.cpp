// Row selection shared by the result charts.
#include "tools/result_charts.hpp"

#include <algorithm>

namespace tools::chart_rows {

std::optional<double> value(const util::Json& figure) {
  if (!figure.is_number()) return std::nullopt;
  return figure.get<double>();
}

std::vector<std::string> currencies(const util::Json& rows) {
  std::vector<std::string> out;
  for (const auto& row : rows) {
    const std::string currency = row.value("currency", std::string());
    if (!currency.empty() && std::find(out.begin(), out.end(), currency) == out.end()) out.push_back(currency);
  }
  return out;
}

std::vector<util::Json> of_currency(const util::Json& rows, const std::string& currency, std::size_t& total) {
  std::vector<util::Json> out;
  total = 0;
  for (const auto& row : rows) {
    if (row.value("currency", std::string()) != currency) continue;
    ++total;
    if (out.size() < kMaxChartRows) out.push_back(row);
  }
  return out;
}

std::string left_out_note(std::size_t shown, std::size_t total, const std::string& noun) {
  if (shown >= total) return {};
  return "Top " + std::to_string(shown) + " of " + std::to_string(total) + " " + noun + " shown.";
}

std::vector<charts::Chart> per_currency_client_charts(const util::Json& result, const ClientMoneyChart& shape) {
  std::vector<charts::Chart> out;
  const util::Json clients = result.value("clients", util::Json::array());
  for (const auto& totals : result.value("totals", util::Json::array())) {
    const std::string currency = totals.value("currency", std::string());
    std::size_t total = 0;
    const auto rows = of_currency(clients, currency, total);
    if (rows.empty()) continue;
    charts::Chart chart;
    chart.title = shape.title(currency);
    chart.subtitle = shape.subtitle(result, totals, currency);
    chart.category_label = "Client";
    chart.horizontal = true;
    charts::Panel panel{.value_label = currency + " " + shape.value_label, .series = {}, .stacked = true};
    for (const auto& [field, name] : shape.series) {
      charts::Series series{.name = name, .mark = charts::Mark::kBar, .values = {}};
      for (const auto& row : rows) series.values.push_back(value(row.value(field, util::Json())));
      panel.series.push_back(std::move(series));
    }
    for (const auto& row : rows) chart.categories.push_back(row.value("client_name", std::string("?")));
    chart.panels.push_back(std::move(panel));
    chart.note = left_out_note(rows.size(), total, "clients");
    out.push_back(std::move(chart));
  }
  return out;
}

}  // namespace tools::chart_rows

// The charts of the analytic tools' results (ToolDef::chart), each built from the structured
// result alone. Money is drawn one currency per chart; rows past kMaxChartRows are left out and
// the chart's note says how many.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "charts/chart.hpp"
#include "util/json.hpp"

namespace tools {

inline constexpr std::size_t kMaxChartRows = 30;  ///< bars a chart stays readable with at 800x450

[[nodiscard]] std::vector<charts::Chart> revenue_charts(const util::Json& result);
[[nodiscard]] std::vector<charts::Chart> mrr_trend_charts(const util::Json& result);
[[nodiscard]] std::vector<charts::Chart> ticket_stats_charts(const util::Json& result);
[[nodiscard]] std::vector<charts::Chart> utilisation_charts(const util::Json& result);
[[nodiscard]] std::vector<charts::Chart> receivables_charts(const util::Json& result);

namespace chart_rows {

/// A JSON figure as a chart value: null (unknown) stays unknown, never 0.
[[nodiscard]] std::optional<double> value(const util::Json& figure);
/// The currencies of `rows` (their "currency" field), in order of first appearance.
[[nodiscard]] std::vector<std::string> currencies(const util::Json& rows);
/// The rows of one currency, at most kMaxChartRows; `total` gets how many there were.
[[nodiscard]] std::vector<util::Json> of_currency(const util::Json& rows, const std::string& currency,
                                                  std::size_t& total);
/// "Top 30 of 41 clients shown." when rows were left out, else "".
[[nodiscard]] std::string left_out_note(std::size_t shown, std::size_t total, const std::string& noun);

/// What a per-client money chart draws for one currency: the chart's title and subtitle from that
/// currency's totals row, and the panel's series from its client rows.
struct ClientMoneyChart {
  std::string (*title)(const std::string& currency);
  std::string (*subtitle)(const util::Json& result, const util::Json& totals, const std::string& currency);
  std::string value_label;  ///< after the currency: "outstanding" gives "GBP outstanding"
  std::vector<std::pair<std::string, std::string>> series;  ///< {row field, legend name}, stacked
};

/// One horizontal stacked chart per row of result.totals (its currency), of result.clients in
/// that currency, at most kMaxChartRows of them, labelled by client_name.
[[nodiscard]] std::vector<charts::Chart> per_currency_client_charts(const util::Json& result,
                                                                    const ClientMoneyChart& shape);

}  // namespace chart_rows
}  // namespace tools

// revenue_breakdown's chart: per client, what was invoiced in the window as recurring and as
// one-off revenue, stacked, one chart per currency. Both series are amounts invoiced over the
// same window, so they add up; MRR (a monthly rate) is said in the subtitle, not drawn against
// window totals.
#include "domain/text_table.hpp"
#include "tools/result_charts.hpp"

namespace tools {

std::vector<charts::Chart> revenue_charts(const util::Json& result) {
  static const chart_rows::ClientMoneyChart kShape{
      .title = [](const std::string& currency) {
        return "Invoiced revenue by client, recurring and one-off (" + currency + ")";
      },
      .subtitle =
          [](const util::Json& all, const util::Json& totals, const std::string& currency) {
            return all.value("start_date", std::string()) + " to " + all.value("end_date", std::string()) + "; MRR " +
                   domain::json_cell(totals.value("mrr", util::Json())) + " " + currency + " on " +
                   all.value("as_of", std::string());
          },
      .value_label = "invoiced in the window",
      .series = {{"recurring_invoiced", "Recurring"}, {"non_recurring_total", "One-off (projects and ad hoc)"}},
  };
  return chart_rows::per_currency_client_charts(result, kShape);
}

}  // namespace tools

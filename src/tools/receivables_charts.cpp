// receivables_aging's chart, one per currency: what each client owes, stacked by how overdue.
#include "domain/text_table.hpp"
#include "tools/result_charts.hpp"

namespace tools {

std::vector<charts::Chart> receivables_charts(const util::Json& result) {
  static const chart_rows::ClientMoneyChart kShape{
      .title = [](const std::string& currency) { return "Receivables by age (" + currency + ")"; },
      .subtitle =
          [](const util::Json& all, const util::Json& totals, const std::string& currency) {
            return "As of " + all.value("as_of", std::string()) + "; " +
                   domain::json_cell(totals.value("outstanding", util::Json())) + " " + currency + " outstanding";
          },
      .value_label = "outstanding",
      .series = {{"current", "Not yet due"},
                 {"1_30", "1-30 days overdue"},
                 {"31_60", "31-60 days"},
                 {"61_90", "61-90 days"},
                 {"over_90", "Over 90 days"}},
  };
  return chart_rows::per_currency_client_charts(result, kShape);
}

}  // namespace tools

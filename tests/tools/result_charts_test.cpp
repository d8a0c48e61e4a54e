// The analytic tools' charts from hand-built results: what is drawn is exactly what the result
// says (values copied, unknowns kept unknown, one currency per chart), and what is left out is
// said in the chart's note.
#include "tools/result_charts.hpp"

#include <gtest/gtest.h>

#include "tools/registry.hpp"

namespace {

using util::Json;
using Values = std::vector<std::optional<double>>;

TEST(ResultCharts, ReceivablesDrawOneChartPerCurrencyStackedByAge) {
  const Json result = Json::parse(R"({
    "as_of": "2026-12-04",
    "clients": [
      {"client_name": "Acme Dental", "currency": "GBP", "current": 100.5, "1_30": 0, "31_60": 20, "61_90": null, "over_90": 5},
      {"client_name": "Atlas Freight", "currency": "USD", "current": 7, "1_30": 1, "31_60": 0, "61_90": 0, "over_90": 0},
      {"client_name": "Brightwater Legal", "currency": "GBP", "current": 0, "1_30": 300, "31_60": 0, "61_90": 0, "over_90": 0}],
    "totals": [{"currency": "GBP", "outstanding": 425.5}, {"currency": "USD", "outstanding": 8}]})");
  const auto charts = tools::receivables_charts(result);
  ASSERT_EQ(charts.size(), 2u);
  const auto& gbp = charts[0];
  EXPECT_EQ(gbp.title, "Receivables by age (GBP)");
  EXPECT_EQ(gbp.subtitle, "As of 2026-12-04; 425.50 GBP outstanding");
  EXPECT_TRUE(gbp.horizontal);
  EXPECT_EQ(gbp.categories, (std::vector<std::string>{"Acme Dental", "Brightwater Legal"}));
  ASSERT_EQ(gbp.panels.size(), 1u);
  EXPECT_TRUE(gbp.panels[0].stacked);
  EXPECT_EQ(gbp.panels[0].value_label, "GBP outstanding");
  ASSERT_EQ(gbp.panels[0].series.size(), 5u);
  EXPECT_EQ(gbp.panels[0].series[0].values, (Values{100.5, 0.0}));         // not yet due
  EXPECT_EQ(gbp.panels[0].series[3].values, (Values{std::nullopt, 0.0}));  // 61-90: Acme's is unknown, not 0
  EXPECT_EQ(charts[1].categories, (std::vector<std::string>{"Atlas Freight"}));
  EXPECT_EQ(charts[1].panels[0].value_label, "USD outstanding");
  EXPECT_EQ(gbp.note, "");
}

TEST(ResultCharts, ThirtyRowsAtMostAndTheNoteSaysHowManyWereLeftOut) {
  Json clients = Json::array();
  for (int i = 1; i <= 31; ++i) {
    clients.push_back({{"client_name", "Client " + std::to_string(i)}, {"currency", "GBP"},
                       {"recurring_invoiced", i}, {"non_recurring_total", 0}});
  }
  const Json result{{"start_date", "2025-12-05"}, {"end_date", "2026-12-04"}, {"as_of", "2026-12-04"},
                    {"clients", clients}, {"totals", Json::array({{{"currency", "GBP"}, {"mrr", 1234.5}}})}};
  const auto charts = tools::revenue_charts(result);
  ASSERT_EQ(charts.size(), 1u);
  EXPECT_EQ(charts[0].categories.size(), 30u);
  EXPECT_EQ(charts[0].categories.back(), "Client 30");
  EXPECT_EQ(charts[0].note, "Top 30 of 31 clients shown.");
  EXPECT_EQ(charts[0].subtitle, "2025-12-05 to 2026-12-04; MRR 1234.50 GBP on 2026-12-04");
  EXPECT_TRUE(charts[0].panels[0].stacked) << "recurring and one-off invoiced over one window add up";
  EXPECT_EQ(charts[0].panels[0].series[0].values[29], 30.0);
}

TEST(ResultCharts, MrrTrendPutsChurnBelowZeroOnItsOwnPanel) {
  const Json result = Json::parse(R"({"start_month": "2026-10", "end_month": "2026-11", "months": [
      {"month": "2026-10", "currency": "GBP", "mrr": 1000, "new_mrr": 50, "churned_mrr": 20},
      {"month": "2026-11", "currency": "GBP", "mrr": null, "new_mrr": 0, "churned_mrr": 35.5}]})");
  const auto charts = tools::mrr_trend_charts(result);
  ASSERT_EQ(charts.size(), 1u);
  ASSERT_EQ(charts[0].panels.size(), 2u);
  EXPECT_EQ(charts[0].panels[0].series[0].mark, charts::Mark::kLine);
  EXPECT_EQ(charts[0].panels[0].series[0].values, (Values{1000.0, std::nullopt}));
  EXPECT_EQ(charts[0].panels[1].series[0].values, (Values{50.0, 0.0}));      // new
  EXPECT_EQ(charts[0].panels[1].series[1].values, (Values{-20.0, -35.5}));   // churned, drawn down
  EXPECT_GT(charts[0].panels[0].weight, charts[0].panels[1].weight);
}

TEST(ResultCharts, TicketStatsChartsPeriodsOrGroupsAndNothingElse) {
  const Json by_week = Json::parse(R"({"start_date": "2026-11-02", "end_date": "2026-11-15", "interval": "week",
      "group_by": "none", "totals": {"sla": {"fix_compliance_pct": 53.3}},
      "series": [{"period_start": "2026-11-02", "opened": 3, "closed": 1}, {"period_start": "2026-11-09", "opened": 0, "closed": 2}]})");
  auto charts = tools::ticket_stats_charts(by_week);
  ASSERT_EQ(charts.size(), 1u);
  EXPECT_EQ(charts[0].categories, (std::vector<std::string>{"2026-11-02", "2026-11-09"}));
  EXPECT_EQ(charts[0].category_label, "Week starting (Monday)");
  EXPECT_EQ(charts[0].subtitle, "2026-11-02 to 2026-11-15; SLA fix compliance 53.3%");
  EXPECT_EQ(charts[0].panels[0].series[1].values, (Values{1.0, 2.0}));  // closed
  EXPECT_FALSE(charts[0].horizontal);

  const Json by_agent = Json::parse(R"({"interval": "none", "group_by": "agent",
      "groups": [{"key_name": "Emily Roberts", "opened": 13, "closed": 12}, {"key_name": null, "opened": 2, "closed": 0}]})");
  charts = tools::ticket_stats_charts(by_agent);
  ASSERT_EQ(charts.size(), 1u);
  EXPECT_TRUE(charts[0].horizontal);
  EXPECT_EQ(charts[0].categories, (std::vector<std::string>{"Emily Roberts", "(none)"}));
  EXPECT_EQ(charts[0].category_label, "Agent");

  EXPECT_TRUE(tools::ticket_stats_charts(Json::parse(R"({"interval": "none", "group_by": "none"})")).empty());
}

TEST(ResultCharts, UtilisationStacksBillableOnNonBillableHours) {
  const Json result = Json::parse(R"({"start_date": "2026-11-01", "end_date": "2026-11-30", "working_days": 21,
      "workday_hours": 7.5, "agents": [{"agent_name": "Daniel O'Brien", "billable_hours": 16.25, "non_billable_hours": 6}]})");
  const auto charts = tools::utilisation_charts(result);
  ASSERT_EQ(charts.size(), 1u);
  EXPECT_EQ(charts[0].subtitle, "2026-11-01 to 2026-11-30; 21 working days x 7.50 h available each");
  EXPECT_EQ(charts[0].panels[0].series[0].values, (Values{16.25}));
  EXPECT_EQ(charts[0].panels[0].series[1].values, (Values{6.0}));
  EXPECT_TRUE(charts[0].panels[0].stacked);
}

TEST(ResultCharts, ExactlyTheFiveAnalyticToolsDraw) {
  std::vector<std::string> drawing;
  for (const tools::ToolDef* tool : tools::all_tools()) {
    if (tool->chart != nullptr) drawing.emplace_back(tool->name);
  }
  EXPECT_EQ(drawing, (std::vector<std::string>{"revenue_breakdown", "mrr_trend", "receivables_aging", "ticket_stats",
                                               "agent_utilisation"}));
}

}  // namespace

// mrr_trend over a hand-made company, in-process and through the real executable: items that
// start and stop between month ends (new and churned MRR), one that starts and ends inside a
// month (never counted), the current month measured today, a contract billed through a template
// (counted once), an unknown period, two currencies, each month's invoices by rules 7-9, the
// invariant net_change = new - churned = mrr(M) - mrr(M-1), and the cost against revenue_breakdown.
// Every expected figure is worked out by hand in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "sim_suite.hpp"

namespace {

using namespace tools_test;
using util::Json;

constexpr const char* kToday = "2026-03-15";  // the current month, 2026-03, is measured on this day
const char* today() { return kToday; }

long long cents(const Json& v) { return std::llround(v.get<double>() * 100.0); }

Json contract(int id, const char* currency, int code, const char* label, double amount, const char* start,
              const char* end) {
  return Json{{"id", id}, {"client_id", 1}, {"client_name", "Acme"}, {"ref", "C-" + std::to_string(id)},
              {"billingperiod", code}, {"billing_period_string", label}, {"periodchargeamount", amount},
              {"active", true}, {"expired", false}, {"start_date", std::string(start) + "T00:00:00"},
              {"end_date", std::string(end) + "T00:00:00"}, {"currency", currency}};
}

Json recurring(int id, int code, const char* label, double revenue, const char* start, const char* end,
               int contract_id) {
  return Json{{"id", id}, {"client_id", 1}, {"client_name", "Acme"}, {"reference", "T-" + std::to_string(id)},
              {"period", code}, {"periodname", label}, {"revenue", revenue}, {"tax_total", 0.0},
              {"total", revenue}, {"disabled", false}, {"startdate", std::string(start) + "T00:00:00"},
              {"enddate", std::string(end) + "T00:00:00"}, {"contract_id", contract_id}, {"currency", "GBP"},
              {"lines", Json::array()}};
}

Json invoice(int id, const char* date, double revenue, const char* currency, Json extra = Json::object()) {
  Json i{{"id", id}, {"invoicenumber", "INV-" + std::to_string(id)}, {"client_id", 1}, {"client_name", "Acme"},
         {"invoice_date", std::string(date) + "T00:00:00"}, {"revenue", revenue}, {"tax_total", 0.0},
         {"total", revenue}, {"currency", currency}, {"creditlinkedtoinvoiceid", 0}, {"lines", Json::array()}};
  for (auto& [k, v] : extra.items()) i[k] = v;
  return i;
}

constexpr const char* kNoEnd = "1900-01-01";

// Four months to 2026-03: Dec, Jan, Feb, Mar (measured 12-31, 01-31, 02-28, 03-15 = today), and
// 2025-11-30 before them. Codes 2 monthly, 4 quarterly, 3 yearly; 6 unknown.
Json trend_dataset() {
  Json d = Json::object();
  d["clients"] = Json::array({Json{{"id", 1}, {"name", "Acme"}, {"currencyisocode", "GBP"}, {"inactive", false}}});
  d["contracts"] = Json::array({
      contract(1, "GBP", 2, "Monthly", 1000.0, "2025-01-01", kNoEnd),        // A: 1000 at every end
      contract(2, "GBP", 2, "Monthly", 500.0, "2025-12-10", kNoEnd),         // B: new in Dec
      contract(3, "GBP", 4, "Quarterly", 900.0, "2025-06-01", "2026-01-20"),  // C: 300, churned in Jan
      contract(5, "EUR", 3, "Yearly", 2400.0, "2026-03-01", kNoEnd),         // E: 200 EUR, new in Mar
      contract(6, "GBP", 2, "Monthly", 700.0, "2026-03-20", kNoEnd),         // F: starts after today
      contract(7, "GBP", 2, "Monthly", 400.0, "2025-10-01", kNoEnd),         // G: billed by template 8
  });
  d["recurring_invoices"] = Json::array({
      recurring(4, 2, "Monthly", 200.0, "2026-02-03", "2026-02-25", 0),  // D: inside Feb, never at an end
      recurring(8, 2, "Monthly", 450.0, "2025-10-01", kNoEnd, 7),        // H: bills G, counts 450
      recurring(9, 6, "", 123.0, "2025-01-01", kNoEnd, 0),               // U: unknown period
  });
  d["invoices"] = Json::array({
      invoice(1, "2025-12-05", 450.0, "GBP", {{"recurring_invoice_id", 8}}),  // Dec recurring 450
      invoice(2, "2025-12-20", 120.0, "GBP"),                                 // Dec ad hoc 120
      invoice(3, "2026-01-10", 1000.0, "GBP", {{"contract_id", 1}}),          // Jan recurring 1000
      invoice(4, "2026-01-15", 50.0, "GBP", {{"is_credit_note", true}}),      // Jan credit: -50
      invoice(5, "2026-02-02", 999.0, "GBP", {{"voided", true}}),             // ignored
      invoice(6, "2026-03-10", 200.0, "EUR", {{"contract_id", 5}}),           // Mar EUR recurring 200
      invoice(7, "2025-11-20", 300.0, "GBP", {{"contract_id", 1}}),           // before the window
      invoice(9, "2026-02-14", 80.0, "GBP", {{"contract_id", 7}, {"ticket_id", 5001}}),  // a ticket's: Feb 80
  });
  return d;
}

using MrrTrend = DatasetSuite<trend_dataset, today>;
INSTANTIATE_TEST_SUITE_P(Via, MrrTrend, ::testing::Values(Via::kInProcess, Via::kExecutable), via_name);

const Json& row(const Json& r, const char* month, const char* currency) {
  for (const auto& m : r["months"]) {
    if (m["month"] == month && m["currency"] == currency) return m;
  }
  static const Json none;
  ADD_FAILURE() << "no row " << month << " " << currency << " in " << r["months"].dump();
  return none;
}

TEST_P(MrrTrend, MonthEndsNewAndChurned) {
  Json r = ok("mrr_trend", {{"months", 4}});
  EXPECT_EQ(r["start_month"], "2025-12");
  EXPECT_EQ(r["end_month"], "2026-03");
  EXPECT_EQ(r["value_basis"], "current_amounts");
  ASSERT_EQ(r["months"].size(), 8u) << "4 months x 2 currencies";
  // GBP at 2025-11-30: A 1000 + C 300 + H 450 = 1750 (G is billed by H: counted once, as H).
  // 2025-12-31: + B 500 = 2250; new 500, churned 0.
  // 2026-01-31: C ended 01-20: 1950; new 0, churned 300.
  // 2026-02-28: D ran 02-03..02-25, at neither end: 1950; new 0, churned 0.
  // 2026-03-15 (today): F starts 03-20, not yet: 1950; new 0, churned 0.
  struct Want {
    const char* month;
    const char* measured;
    long long mrr, added, churned;
    int items;
  };
  const Want gbp[] = {{"2025-12", "2025-12-31", 225000, 50000, 0, 4},
                      {"2026-01", "2026-01-31", 195000, 0, 30000, 3},
                      {"2026-02", "2026-02-28", 195000, 0, 0, 3},
                      {"2026-03", "2026-03-15", 195000, 0, 0, 3}};
  for (const auto& w : gbp) {
    const Json& m = row(r, w.month, "GBP");
    SCOPED_TRACE(m.dump());
    EXPECT_EQ(m["measured_on"], w.measured);
    EXPECT_EQ(cents(m["mrr"]), w.mrr);
    EXPECT_EQ(cents(m["new_mrr"]), w.added);
    EXPECT_EQ(cents(m["churned_mrr"]), w.churned);
    EXPECT_EQ(cents(m["net_change"]), w.added - w.churned);
    EXPECT_EQ(m["items"], w.items);
  }
  // EUR: E (2400 / 12 = 200) from 2026-03-01: 0 until Feb, 200 in Mar, new 200.
  EXPECT_EQ(cents(row(r, "2026-02", "EUR")["mrr"]), 0);
  EXPECT_EQ(cents(row(r, "2026-03", "EUR")["mrr"]), 20000);
  EXPECT_EQ(cents(row(r, "2026-03", "EUR")["new_mrr"]), 20000);
  EXPECT_EQ(cents(row(r, "2026-03", "EUR")["churned_mrr"]), 0);
}

TEST_P(MrrTrend, NetChangeIsTheChangeInMrr) {
  // 12 months to 2026-03 (from 2025-04): every month's net_change = new - churned = mrr - previous
  // mrr, the first month against 2025-03-31, read from a 13-month call.
  Json r = ok("mrr_trend", {{"months", 12}});
  Json longer = ok("mrr_trend", {{"months", 13}});
  for (const char* currency : {"GBP", "EUR"}) {
    long long previous = cents(row(longer, "2025-03", currency)["mrr"]);
    int months = 0;
    for (const auto& m : r["months"]) {
      if (m["currency"] != currency) continue;
      SCOPED_TRACE(m.dump());
      EXPECT_EQ(cents(m["net_change"]), cents(m["new_mrr"]) - cents(m["churned_mrr"]));
      EXPECT_EQ(cents(m["net_change"]), cents(m["mrr"]) - previous);
      previous = cents(m["mrr"]);
      ++months;
    }
    EXPECT_EQ(months, 12);
  }
  // GBP at 2025-03-31: A 1000 only (C starts 06-01, G/H 10-01): the year adds C 300 (Jun), H 450
  // (Oct), B 500 (Dec) and loses C (Jan): 1000 + 300 + 450 + 500 - 300 = 1950 in March 2026.
  EXPECT_EQ(cents(row(longer, "2025-03", "GBP")["mrr"]), 100000);
  EXPECT_EQ(cents(row(r, "2025-06", "GBP")["new_mrr"]), 30000);
  EXPECT_EQ(cents(row(r, "2025-10", "GBP")["new_mrr"]), 45000);
}

TEST_P(MrrTrend, InvoicesOfEachMonth) {
  Json r = ok("mrr_trend", {{"months", 4}});
  // Dec: recurring 450 (template 8), ad hoc 120. Jan: recurring 1000 (contract, no ticket), credit
  // -50 ad hoc. Feb: the voided 999 is ignored; 80 has a ticket, so non-recurring. Mar: EUR 200.
  // The 300 of 2025-11-20 is before the window.
  EXPECT_EQ(cents(row(r, "2025-12", "GBP")["recurring_invoiced"]), 45000);
  EXPECT_EQ(cents(row(r, "2025-12", "GBP")["non_recurring_invoiced"]), 12000);
  EXPECT_EQ(cents(row(r, "2026-01", "GBP")["recurring_invoiced"]), 100000);
  EXPECT_EQ(cents(row(r, "2026-01", "GBP")["non_recurring_invoiced"]), -5000);
  EXPECT_EQ(cents(row(r, "2026-02", "GBP")["recurring_invoiced"]), 0);
  EXPECT_EQ(cents(row(r, "2026-02", "GBP")["non_recurring_invoiced"]), 8000);
  EXPECT_EQ(cents(row(r, "2026-03", "EUR")["recurring_invoiced"]), 20000);
  EXPECT_EQ(cents(row(r, "2026-03", "GBP")["recurring_invoiced"]), 0);
}

TEST_P(MrrTrend, UnknownPeriodWarnedOnce) {
  Json r = ok("mrr_trend", {{"months", 4}});
  int unknown = 0;
  for (const auto& w : r["warnings"]) {
    if (w["kind"] != "unknown_period") continue;
    ++unknown;
    EXPECT_EQ(w["id"], 9);
  }
  EXPECT_EQ(unknown, 1) << "one warning for template 9, not one per month: " << r["warnings"].dump();
}

TEST_P(MrrTrend, PastEndMonthAndClient) {
  // Ending 2026-01 (months 2: Dec, Jan), January is measured at its last day.
  Json r = ok("mrr_trend", {{"months", 2}, {"end_month", "2026-01"}});
  EXPECT_EQ(row(r, "2026-01", "GBP")["measured_on"], "2026-01-31");
  EXPECT_EQ(cents(row(r, "2026-01", "GBP")["churned_mrr"]), 30000);
  Json none = ok("mrr_trend", {{"months", 2}, {"client_id", 2}});
  EXPECT_TRUE(none["months"].empty()) << "client 2 has nothing: " << none.dump();
}

TEST_P(MrrTrend, CostsNoMoreThanRevenueBreakdownOverTheSameWindow) {
  ok("mrr_trend", {{"months", 4}});  // learns the period labels (once per process) for both tools
  harness_->sim().reset_stats();
  Json breakdown = ok("revenue_breakdown", {{"as_of", kToday}, {"start_date", "2025-12-01"}, {"end_date", kToday}});
  const auto breakdown_requests = api_requests();
  harness_->sim().reset_stats();
  Json trend = ok("mrr_trend", {{"months", 4}});
  // revenue_breakdown: contracts, templates, invoices, project ids = 4 pages. mrr_trend: the same
  // but the project ids (rules 8-9 tell recurring from not without them) = 3; no detail is read
  // again (the labels are cached for the process).
  EXPECT_EQ(breakdown_requests, 4u);
  EXPECT_EQ(api_requests(), 3u);
  EXPECT_EQ(trend["sources"]["requests"], 3);
  EXPECT_LE(trend["sources"]["requests"].get<int>(), breakdown["sources"]["requests"].get<int>());
  EXPECT_EQ(requests("/api/ClientContract/{id}"), 0u);
  EXPECT_EQ(requests("/api/RecurringInvoice/{id}"), 0u);
  EXPECT_EQ(requests("/api/Projects"), 0u);
  // The current month's mrr is revenue_breakdown's at today (no thirds here, so no rounding apart).
  long long gbp_total = 0;
  for (const auto& t : breakdown["totals"]) {
    if (t["currency"] == "GBP") gbp_total = cents(t["mrr"]);
  }
  EXPECT_EQ(gbp_total, 195000);
  EXPECT_EQ(cents(row(trend, "2026-03", "GBP")["mrr"]), gbp_total);
}

TEST_P(MrrTrend, HumanTextIsATable) {
  if (via_executable()) GTEST_SKIP() << "human_text is the in-process outcome's";
  mcp::ToolOutcome outcome = harness_->call("mrr_trend", {{"months", 4}});
  ASSERT_FALSE(outcome.is_error) << outcome.error_text;
  // Header, December's GBP mrr 2250.00 with new 500.00, January's churn 300.00, the warning.
  for (const char* s : {"churned", "2025-12", "2250.00", "500.00", "300.00", "warning: recurring invoice 9"}) {
    EXPECT_NE(outcome.human_text.find(s), std::string::npos) << s << "\n" << outcome.human_text;
  }
}

TEST_P(MrrTrend, BadArgumentsAreRefusedBeforeAnyRequest) {
  struct Bad {
    Json args;
    const char* name;
  };
  const Bad bad[] = {{{{"months", 37}}, "months"},       {{{"months", 0}}, "months"},
                     {{{"end_month", "2026-13"}}, "end_month"}, {{{"end_month", "2026-1"}}, "end_month"},
                     {{{"end_month", "2026-04"}}, "end_month"},  // after the current month
                     {{{"client_id", -1}}, "client_id"}};
  for (const auto& b : bad) {
    std::string text = error("mrr_trend", b.args);
    EXPECT_NE(text.find(b.name), std::string::npos) << b.args.dump() << ": " << text;
  }
  EXPECT_EQ(api_requests(), 0u);
}

// Over the generated company: the invariant holds every month and in every currency, and the
// simulator's short-lived items give the trend both new and churned MRR.
class MrrTrendGenerated : public SimSuite {};
INSTANTIATE_TEST_SUITE_P(Via, MrrTrendGenerated, ::testing::Values(Via::kInProcess), via_name);

TEST_P(MrrTrendGenerated, InvariantAndMovement) {
  Json r = ok("mrr_trend", {{"months", 24}});
  std::map<std::string, long long> previous;
  long long added = 0, churned = 0;
  for (const auto& m : r["months"]) {
    const std::string currency = m["currency"];
    SCOPED_TRACE(m.dump());
    EXPECT_EQ(cents(m["net_change"]), cents(m["new_mrr"]) - cents(m["churned_mrr"]));
    if (previous.count(currency)) {
      EXPECT_EQ(cents(m["mrr"]) - previous[currency], cents(m["net_change"]));
    }
    previous[currency] = cents(m["mrr"]);
    added += cents(m["new_mrr"]);
    churned += cents(m["churned_mrr"]);
  }
  EXPECT_GT(added, 0);
  EXPECT_GT(churned, 0);
}

}  // namespace

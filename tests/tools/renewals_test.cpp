// contract_renewals over a hand-made company, in-process and through the real executable: the
// window's two edges (as_of and as_of + days both in, one day later out), a contract billed
// through a template listed once at the earlier end date with the template's value, an unknown
// period (null + warning), two currencies, the totals and months, and what it costs in requests.
// Every expected figure is worked out by hand in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "sim_suite.hpp"

namespace {

using namespace tools_test;
using util::Json;

constexpr const char* kToday = "2026-03-15";  // as_of by default; as_of + 90 days = 2026-06-13
const char* today() { return kToday; }

long long cents(const Json& v) { return std::llround(v.get<double>() * 100.0); }

Json contract(int id, int client, const char* currency, int code, const char* label, double amount, const char* start,
              const char* end, bool expired = false) {
  return Json{{"id", id}, {"client_id", client}, {"client_name", client == 1 ? "Acme" : "Globex"},
              {"ref", "C-" + std::to_string(id)}, {"billingperiod", code}, {"billing_period_string", label},
              {"periodchargeamount", amount}, {"active", !expired}, {"expired", expired},
              {"start_date", std::string(start) + "T00:00:00"}, {"end_date", std::string(end) + "T00:00:00"},
              {"currency", currency}};
}

Json recurring(int id, int client, const char* currency, double revenue, const char* start, const char* end,
               int contract_id, bool disabled = false) {
  return Json{{"id", id}, {"client_id", client}, {"client_name", client == 1 ? "Acme" : "Globex"},
              {"reference", "T-" + std::to_string(id)}, {"period", 2}, {"periodname", "Monthly"},
              {"revenue", revenue}, {"tax_total", 0.0}, {"total", revenue}, {"disabled", disabled},
              {"startdate", std::string(start) + "T00:00:00"}, {"enddate", std::string(end) + "T00:00:00"},
              {"contract_id", contract_id}, {"currency", currency}, {"lines", Json::array()}};
}

// Codes: 2 monthly, 4 quarterly, 3 yearly (labels on the detail records, as Halo gives them);
// 6 has no label and no meaning: unknown. Every record names its currency: no client reads.
Json renewals_dataset() {
  Json d = Json::object();
  d["clients"] = Json::array({Json{{"id", 1}, {"name", "Acme"}, {"currencyisocode", "GBP"}, {"inactive", false}},
                              Json{{"id", 2}, {"name", "Globex"}, {"currencyisocode", "EUR"}, {"inactive", false}}});
  d["contracts"] = Json::array({
      contract(1, 1, "GBP", 2, "Monthly", 1000.0, "2025-01-01", "2026-03-15"),    // ends on as_of: in, 0 days
      contract(2, 1, "GBP", 4, "Quarterly", 3000.0, "2025-06-14", "2026-06-13"),  // ends on as_of + 90: in
      contract(3, 1, "GBP", 2, "Monthly", 500.0, "2025-06-15", "2026-06-14"),     // as_of + 91: out
      contract(4, 2, "EUR", 3, "Yearly", 1200.0, "2025-05-01", "2026-04-30"),     // 1200 / 12 = 100.00
      contract(5, 2, "EUR", 6, "", 700.0, "2025-06-01", "2026-05-31"),            // unknown period
      contract(6, 1, "GBP", 2, "Monthly", 800.0, "2025-05-21", "2026-05-20"),     // billed by template 1
      contract(7, 1, "GBP", 2, "Monthly", 400.0, "2025-01-01", "1900-01-01"),     // no end date: never listed
      contract(8, 1, "GBP", 2, "Monthly", 600.0, "2025-03-01", "2026-03-01", true),  // ended before as_of
      contract(9, 1, "GBP", 2, "Monthly", 300.0, "2026-04-01", "2026-05-01"),     // starts after as_of
  });
  d["recurring_invoices"] = Json::array({
      recurring(1, 1, "GBP", 900.0, "2025-05-21", "2026-06-30", 6),        // bills contract 6, ends later
      recurring(2, 2, "EUR", 250.0, "2025-04-11", "2026-04-10", 0),        // in, 26 days
      recurring(3, 2, "EUR", 100.0, "2025-04-01", "2026-04-01", 0, true),  // disabled: out
  });
  return d;
}

using Renewals = DatasetSuite<renewals_dataset, today>;
INSTANTIATE_TEST_SUITE_P(Via, Renewals, ::testing::Values(Via::kInProcess, Via::kExecutable), via_name);

TEST_P(Renewals, ItemsWithinTheWindowInEndDateOrder) {
  Json r = ok("contract_renewals", Json::object());
  EXPECT_EQ(r["as_of"], kToday);
  EXPECT_EQ(r["until"], "2026-06-13");  // 2026-03-15 + 90 days: 16 (rest of March) + 30 + 31 + 13
  const Json& items = r["items"];
  ASSERT_EQ(items.size(), 6u) << items.dump(1);
  // days_left from 2026-03-15: Apr 10 = 16 + 10 = 26; Apr 30 = 16 + 30 = 46; May 20 = 16 + 30 + 20 = 66;
  // May 31 = 16 + 30 + 31 = 77; Jun 13 = 90.
  struct Want {
    const char* kind;
    int id;
    const char* end;
    int days_left;
    const char* currency;
    long long monthly_cents;  // -1: null
  };
  const Want want[] = {
      {"contract", 1, "2026-03-15", 0, "GBP", 100000},            // 1000 x 1
      {"recurring_invoice", 2, "2026-04-10", 26, "EUR", 25000},   // 250 x 1
      {"contract", 4, "2026-04-30", 46, "EUR", 10000},            // 1200 / 12
      {"contract", 6, "2026-05-20", 66, "GBP", 90000},            // the template's 900, not the contract's 800
      {"contract", 5, "2026-05-31", 77, "EUR", -1},               // unknown period
      {"contract", 2, "2026-06-13", 90, "GBP", 100000},           // 3000 / 3
  };
  for (std::size_t k = 0; k < 6; ++k) {
    const Json& it = items[k];
    SCOPED_TRACE(it.dump());
    EXPECT_EQ(it["kind"], want[k].kind);
    EXPECT_EQ(it["id"], want[k].id);
    EXPECT_EQ(it["end_date"], want[k].end);
    EXPECT_EQ(it["days_left"], want[k].days_left);
    EXPECT_EQ(it["currency"], want[k].currency);
    if (want[k].monthly_cents < 0) {
      EXPECT_TRUE(it["monthly_value"].is_null());
      EXPECT_TRUE(it["billing_period"].is_null());
    } else {
      EXPECT_EQ(cents(it["monthly_value"]), want[k].monthly_cents);
    }
  }
  EXPECT_EQ(items[0]["client_name"], "Acme");
  EXPECT_EQ(items[5]["billing_period"], "quarterly");
}

TEST_P(Renewals, ContractBilledThroughATemplateIsOneItemAtTheEarlierEnd) {
  Json r = ok("contract_renewals", Json::object());
  int contract6 = 0, template1 = 0;
  for (const auto& it : r["items"]) {
    if (it["kind"] == "contract" && it["id"] == 6) {
      ++contract6;
      EXPECT_EQ(it["billed_via"], 1);
      // Contract ends 2026-05-20, its template 2026-06-30: the earlier one.
      EXPECT_EQ(it["end_date"], "2026-05-20");
      EXPECT_EQ(it["billing_period"], "monthly");
    }
    if (it["kind"] == "recurring_invoice" && it["id"] == 1) ++template1;
  }
  EXPECT_EQ(contract6, 1);
  EXPECT_EQ(template1, 0) << "the template that bills contract 6 must not be listed again";
  // With a window that ends before the contract but the template would be in it, nothing changes:
  // 30 days (to 2026-04-14) hold neither.
  Json short_window = ok("contract_renewals", {{"days", 30}});
  for (const auto& it : short_window["items"]) EXPECT_NE(it["id"], 6) << it.dump();
}

TEST_P(Renewals, TotalsAndMonthsPerCurrency) {
  Json r = ok("contract_renewals", Json::object());
  // EUR: template 2 (250.00) + contract 4 (100.00) = 350.00; contract 5 has no value (1 item).
  // GBP: contract 1 (1000.00) + contract 6 (900.00) + contract 2 (1000.00) = 2900.00.
  ASSERT_EQ(r["mrr_at_risk"].size(), 2u) << r["mrr_at_risk"].dump();
  const Json& eur = r["mrr_at_risk"][0];
  const Json& gbp = r["mrr_at_risk"][1];
  EXPECT_EQ(eur["currency"], "EUR");
  EXPECT_EQ(cents(eur["mrr_at_risk"]), 35000);
  EXPECT_EQ(eur["items"], 3);
  EXPECT_EQ(eur["items_without_value"], 1);
  EXPECT_EQ(gbp["currency"], "GBP");
  EXPECT_EQ(cents(gbp["mrr_at_risk"]), 290000);
  EXPECT_EQ(gbp["items"], 3);
  EXPECT_EQ(gbp["items_without_value"], 0);
  // By month of the end date: 2026-03 GBP c1 1000; 2026-04 EUR t2 + c4 = 350; 2026-05 EUR c5
  // (no value: 0 known, 1 without value); 2026-05 GBP c6 900; 2026-06 GBP c2 1000.
  const Json& m = r["by_month"];
  ASSERT_EQ(m.size(), 5u) << m.dump();
  auto check = [&](std::size_t k, const char* month, const char* currency, int items, long long mrr) {
    SCOPED_TRACE(m[k].dump());
    EXPECT_EQ(m[k]["month"], month);
    EXPECT_EQ(m[k]["currency"], currency);
    EXPECT_EQ(m[k]["items"], items);
    EXPECT_EQ(cents(m[k]["mrr"]), mrr);
  };
  check(0, "2026-03", "GBP", 1, 100000);
  check(1, "2026-04", "EUR", 2, 35000);
  check(2, "2026-05", "EUR", 1, 0);
  EXPECT_EQ(m[2]["items_without_value"], 1);
  check(3, "2026-05", "GBP", 1, 90000);
  check(4, "2026-06", "GBP", 1, 100000);
}

TEST_P(Renewals, UnknownPeriodIsWarnedNotCounted) {
  Json r = ok("contract_renewals", Json::object());
  int unknown = 0;
  for (const auto& w : r["warnings"]) {
    if (w["kind"] == "unknown_period") {
      ++unknown;
      EXPECT_EQ(w["id"], 5);
      EXPECT_NE(w["detail"].get<std::string>().find("HALO_PERIOD_CODES"), std::string::npos) << w.dump();
    }
  }
  EXPECT_EQ(unknown, 1) << r["warnings"].dump();
}

TEST_P(Renewals, AsOfAndClientFilter) {
  // as_of 2026-04-11, 30 days -> 2026-05-11: contract 4 (Apr 30, 19 days) and contract 9 (it
  // started Apr 1 and ends May 1: 20 days). Template 2 ended Apr 10 and contract 1 Mar 15: they no
  // longer count; contracts 6 (May 20), 5 (May 31), 2 and 3 (June) end after the window.
  Json r = ok("contract_renewals", {{"as_of", "2026-04-11"}, {"days", 30}});
  ASSERT_EQ(r["items"].size(), 2u) << r["items"].dump(1);
  EXPECT_EQ(r["items"][0]["id"], 4);
  EXPECT_EQ(r["items"][0]["days_left"], 19);
  EXPECT_EQ(r["items"][1]["id"], 9);
  EXPECT_EQ(r["items"][1]["days_left"], 20);
  // Globex only: template 2, contracts 4 and 5.
  Json g = ok("contract_renewals", {{"client_id", 2}});
  ASSERT_EQ(g["items"].size(), 3u) << g["items"].dump(1);
  for (const auto& it : g["items"]) EXPECT_EQ(it["client_id"], 2);
}

TEST_P(Renewals, ReadsNoInvoicesAndOneListPageEach) {
  ok("contract_renewals", Json::object());  // learns the period labels (once per process)
  harness_->sim().reset_stats();
  Json r = ok("contract_renewals", Json::object());
  // One page of contracts, one of templates; nothing else. The period labels are known from the
  // first call: the repeat reads no detail record.
  EXPECT_EQ(requests("/api/ClientContract"), 1u);
  EXPECT_EQ(requests("/api/RecurringInvoice"), 1u);
  EXPECT_EQ(requests("/api/ClientContract/{id}"), 0u);
  EXPECT_EQ(requests("/api/RecurringInvoice/{id}"), 0u);
  EXPECT_EQ(requests("/api/Invoice"), 0u);
  EXPECT_EQ(requests("/api/Projects"), 0u);
  EXPECT_EQ(requests("/api/Client"), 0u) << "every record names its currency";
  EXPECT_EQ(r["sources"]["requests"], 2);
  EXPECT_EQ(api_requests(), 2u);
  // 9 contracts + 3 templates read.
  EXPECT_EQ(r["sources"]["records_read"], 12);
}

TEST_P(Renewals, HumanTextIsATable) {
  if (via_executable()) GTEST_SKIP() << "human_text is the in-process outcome's";
  mcp::ToolOutcome outcome = harness_->call("contract_renewals", Json::object());
  ASSERT_FALSE(outcome.is_error) << outcome.error_text;
  // The header, contract 6's row (its template's 900.00), the GBP total 2,900.00 and the warning.
  for (const char* s : {"MRR at risk", "2026-05-20", "900.00", "2900.00", "warning: contract 5"}) {
    EXPECT_NE(outcome.human_text.find(s), std::string::npos) << s << "\n" << outcome.human_text;
  }
}

TEST_P(Renewals, BadArgumentsAreRefusedBeforeAnyRequest) {
  struct Bad {
    Json args;
    const char* name;
  };
  const Bad bad[] = {{{{"days", 0}}, "days"},
                     {{{"days", 731}}, "days"},
                     {{{"as_of", "2026-02-30"}}, "as_of"},
                     {{{"as_of", "15/03/2026"}}, "as_of"},
                     {{{"client_id", 0}}, "client_id"}};
  for (const auto& b : bad) {
    std::string text = error("contract_renewals", b.args);
    EXPECT_NE(text.find(b.name), std::string::npos) << b.args.dump() << ": " << text;
  }
  EXPECT_EQ(api_requests(), 0u);
}

}  // namespace

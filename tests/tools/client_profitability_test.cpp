// client_profitability end to end against a hand-made Halo, in-process and through the real
// executable, once without HALO_DEFAULT_COST_RATE and once with it set to 45.00. Every expected
// figure is worked out by hand below from the dataset, never by the code under test.
//
// Window 2025-01-01 .. 2025-06-30 (UTC); today 2025-06-30; costs in GBP (HALO_DEFAULT_CURRENCY).
// Agents: Ann (5) costprice 40.00; Bob (6) costprice 0 (none); Cid (7) costprice 30.50.
// Clients: Acme 1, Beta 2 (billed in USD), Cyan 3 (time, no invoice), Dune 4 (invoice, no time),
// Echo 5 (billed in GBP and EUR). Tickets 101 Acme, 102 Beta, 103 Cyan, 105 Echo; project 900 Acme
// (only /api/Projects knows it); ticket 999 is known to neither (its time has no client).
//
// Time entries (timetaken h, charge h, billable) -> seconds, cost:
//   A1  101 Acme Ann 03-10  2.0   2.0 yes   7200 s  2 x 40.00              =  80.00
//   A2  101 Acme Cid 04-01  1.5   1.0 yes   5400 s  1.5 x 30.50            =  45.75
//   A3  900 Acme Cid 05-05  3.0   3.0 NO   10800 s  3 x 30.50              =  91.50 (project; billable 0)
//   A8  101 Acme Cid 04-02  0.333333 (20 min) 0.333333 yes  1200 s  30.50/3 = 10.1666..
//   A9  101 Acme Cid 04-03  0.333333 (20 min) 0.333333 yes  1200 s           10.1666..
//   A4  102 Beta Ann 02-02  4.0   4.0 yes  14400 s  4 x 40.00              = 160.00
//   A5  103 Cyan Bob 06-01  2.5   2.5 yes   9000 s  no cost: null | 2.5 x 45.00 = 112.50
//   A6  103 Cyan Ann 06-02  0.25  0.25 yes   900 s  0.25 x 40.00           =  10.00
//   A10 105 Echo Ann 06-03  1.0   1.0 yes   3600 s  40.00
//   A11 999 ---- Ann 06-04  1.0   (no client: unattributed, in no row)
//   A7  101 Acme Ann 2024-12-31T23:00  5.0  before the window: not read
// Acme labour: 7200 + 5400 + 10800 + 1200 + 1200 = 25800 s = 7.1666 h -> 7.17;
//   billable 7200 + 3600 + 0 + 1200 + 1200 = 13200 s = 3.6666 h -> 3.67;
//   cost exact: Ann 8000 c + Cid 3050 c x 18600 s / 3600 = 15758.333 c -> 23758.333 c, rounded once
//   = 237.58 (rounding each entry would give 80 + 45.75 + 91.50 + 10.17 + 10.17 = 237.59).
//
// Invoices (net revenue; every one names its currency, so no client is read for one):
//   501 Acme GBP 01-15 1000.00 recurring (template 21)     502 Acme GBP 03-20 500.00 ad hoc (ticket 101)
//   503 Acme GBP 05-10  800.00 project (ticket 900)        504 Acme GBP 05-20 credit of 200.00 -> -200.00
//   505 Acme GBP 04-04  999.00 voided: ignored             506 Acme GBP 2024-12-20 700.00 before the window
//   511 Beta USD 02-28 1200.00   521 Dune GBP 06-10 300.00   531 Echo GBP 06-11 100.00   532 Echo EUR 06-12 50.00
// Acme revenue = 1000 + 500 + 800 - 200 = 2100.00.
//
// Rows without HALO_DEFAULT_COST_RATE:
//   Acme GBP  revenue 2100.00 cost 237.58 margin 1862.42  pct 1862.42/2100 = 88.686 -> 88.7
//             rate 210000 c x 3600 / 25800 s = 29302.33 c -> 293.02
//   Beta USD  revenue 1200.00 hours 4 cost 160.00 (GBP): margin, pct, rate null (currency_mismatch)
//   Cyan GBP  revenue 0 hours 9900 s = 2.75, billable 2.75; cost null (Bob): margin null, pct null,
//             rate 0 / 2.75 h = 0.00
//   Dune GBP  revenue 300.00 hours 0 cost 0 margin 300.00 pct 100.0 rate null (no hours)
//   Echo GBP  revenue 100.00 hours 1 cost 40.00 margin 60.00 pct 60.0 rate 100.00
//   Echo EUR  revenue 50.00 hours 0 cost 0 (the labour joined the GBP row): margin null (currency_mismatch)
// Order (margin ascending, nulls last, then client id): Echo GBP 60, Dune 300, Acme 1862.42,
//   then Beta (2), Cyan (3), Echo EUR (5).
// With HALO_DEFAULT_COST_RATE 45.00, Cyan's cost = 112.50 + 10.00 = 122.50, margin -122.50, pct
//   null (revenue 0): Cyan first, then Echo GBP, Dune, Acme, Beta, Echo EUR.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sim_suite.hpp"

namespace {

using tools_test::HarnessOptions;
using tools_test::Via;
using util::Json;

constexpr const char* kNoDate = "1900-01-01T00:00:00";

Json ticket(int id, int client, const char* name) {
  return Json{{"id", id},          {"summary", "Ticket " + std::to_string(id)}, {"client_id", client},
              {"client_name", name}, {"agent_id", 5}, {"agent_name", "Ann"}, {"team", "Service Desk"},
              {"priority_id", 2},  {"tickettype_id", 1}, {"dateoccurred", "2025-01-02T09:00:00"},
              {"dateclosed", kNoDate}, {"status_id", 1}, {"respondbydate", kNoDate}, {"responsedate", kNoDate},
              {"fixbydate", kNoDate}, {"excludefromsla", false}};
}

Json action(int id, int ticket_id, int agent, const char* when, double hours, double charge, bool billable) {
  static const char* agents[] = {"", "", "", "", "", "Ann", "Bob", "Cid"};
  return Json{{"id", id},         {"ticket_id", ticket_id}, {"who_agentid", agent}, {"who", agents[agent]},
              {"datetime", when}, {"timetaken", hours},     {"actionchargehours", charge},
              {"actisbillable", billable}, {"outcome", "Work"}, {"note", "done"}};
}

Json invoice(int id, int client, const char* name, const char* currency, const char* date, double revenue) {
  return Json{{"id", id}, {"invoicenumber", "INV-" + std::to_string(id)}, {"client_id", client},
              {"client_name", name}, {"invoice_date", date}, {"voided", false}, {"revenue", revenue},
              {"tax_total", 0.0}, {"total", revenue}, {"currency", currency}, {"contract_id", 0}, {"ticket_id", 0},
              {"recurring_invoice_id", 0}, {"creditlinkedtoinvoiceid", 0}};
}

Json dataset() {
  Json d = Json::object();
  d["clients"] = Json::array({{{"id", 1}, {"name", "Acme"}, {"currencyisocode", "GBP"}, {"inactive", false}},
                              {{"id", 2}, {"name", "Beta"}, {"currencyisocode", "USD"}, {"inactive", false}},
                              {{"id", 3}, {"name", "Cyan"}, {"currencyisocode", "GBP"}, {"inactive", false}},
                              {{"id", 4}, {"name", "Dune"}, {"currencyisocode", "GBP"}, {"inactive", false}},
                              {{"id", 5}, {"name", "Echo"}, {"currencyisocode", "GBP"}, {"inactive", false}}});
  d["teams"] = Json::array({{{"id", 1}, {"name", "Service Desk"}}});
  d["agents"] = Json::array(
      {{{"id", 5}, {"name", "Ann"}, {"team", "Service Desk"}, {"isdisabled", false}, {"costprice", 40.0}},
       {{"id", 6}, {"name", "Bob"}, {"team", "Service Desk"}, {"isdisabled", false}, {"costprice", 0.0}},
       {{"id", 7}, {"name", "Cid"}, {"team", "Service Desk"}, {"isdisabled", false}, {"costprice", 30.5}}});
  d["statuses"] = Json::array({{{"id", 1}, {"name", "New"}, {"type", 0}}});
  d["tickets"] = Json::array({ticket(101, 1, "Acme"), ticket(102, 2, "Beta"), ticket(103, 3, "Cyan"),
                              ticket(105, 5, "Echo")});
  d["projects"] = Json::array({ticket(900, 1, "Acme")});
  d["actions"] = Json::array({
      action(1, 101, 5, "2025-03-10T10:00:00", 2.0, 2.0, true),
      action(2, 101, 7, "2025-04-01T10:00:00", 1.5, 1.0, true),
      action(3, 900, 7, "2025-05-05T10:00:00", 3.0, 3.0, false),
      action(4, 102, 5, "2025-02-02T10:00:00", 4.0, 4.0, true),
      action(5, 103, 6, "2025-06-01T10:00:00", 2.5, 2.5, true),
      action(6, 103, 5, "2025-06-02T10:00:00", 0.25, 0.25, true),
      action(7, 101, 5, "2024-12-31T23:00:00", 5.0, 5.0, true),
      action(8, 101, 7, "2025-04-02T10:00:00", 0.333333, 0.333333, true),
      action(9, 101, 7, "2025-04-03T10:00:00", 0.333333, 0.333333, true),
      action(10, 105, 5, "2025-06-03T10:00:00", 1.0, 1.0, true),
      action(11, 999, 5, "2025-06-04T10:00:00", 1.0, 1.0, true),
  });
  Json recurring = invoice(501, 1, "Acme", "GBP", "2025-01-15T09:00:00", 1000.0);
  recurring["recurring_invoice_id"] = 21;
  Json ad_hoc = invoice(502, 1, "Acme", "GBP", "2025-03-20T09:00:00", 500.0);
  ad_hoc["ticket_id"] = 101;
  Json project = invoice(503, 1, "Acme", "GBP", "2025-05-10T09:00:00", 800.0);
  project["ticket_id"] = 900;
  Json credit = invoice(504, 1, "Acme", "GBP", "2025-05-20T09:00:00", 200.0);  // a credit with a positive amount
  credit["creditlinkedtoinvoiceid"] = 503;
  Json voided = invoice(505, 1, "Acme", "GBP", "2025-04-04T09:00:00", 999.0);
  voided["voided"] = true;
  d["invoices"] = Json::array({recurring, ad_hoc, project, credit, voided,
                               invoice(506, 1, "Acme", "GBP", "2024-12-20T09:00:00", 700.0),
                               invoice(511, 2, "Beta", "USD", "2025-02-28T09:00:00", 1200.0),
                               invoice(521, 4, "Dune", "GBP", "2025-06-10T09:00:00", 300.0),
                               invoice(531, 5, "Echo", "GBP", "2025-06-11T09:00:00", 100.0),
                               invoice(532, 5, "Echo", "EUR", "2025-06-12T09:00:00", 50.0)});
  d["contracts"] = Json::array();
  d["recurring_invoices"] = Json::array();
  return d;
}

const char* today() { return "2025-06-30"; }
void with_cost_rate(HarnessOptions& options) { options.default_cost_rate_cents = 4500; }  // 45.00

using ClientProfitability = tools_test::DatasetSuite<dataset, today>;
using ClientProfitabilityRate = tools_test::DatasetSuite<dataset, today, with_cost_rate>;
INSTANTIATE_TEST_SUITE_P(Via, ClientProfitability, ::testing::Values(Via::kInProcess, Via::kExecutable),
                         tools_test::via_name);
INSTANTIATE_TEST_SUITE_P(Via, ClientProfitabilityRate, ::testing::Values(Via::kInProcess, Via::kExecutable),
                         tools_test::via_name);

const Json kWindow = {{"start_date", "2025-01-01"}, {"end_date", "2025-06-30"}};

Json with(Json args, const char* key, Json value) {
  args[key] = std::move(value);
  return args;
}

/// The row of a client in a currency (null when absent).
Json row_of(const Json& result, int client, const char* currency) {
  for (const auto& r : result["clients"]) {
    if (r["client_id"] == client && r["currency"] == currency) return r;
  }
  return nullptr;
}

Json total_of(const Json& result, const char* currency) {
  for (const auto& t : result["totals"]) {
    if (t["currency"] == currency) return t;
  }
  return nullptr;
}

std::vector<std::pair<int, std::string>> order_of(const Json& result) {
  std::vector<std::pair<int, std::string>> out;
  for (const auto& r : result["clients"]) out.emplace_back(r["client_id"].get<int>(), r["currency"].get<std::string>());
  return out;
}

bool has_warning(const Json& result, const char* kind, std::optional<int> id = std::nullopt) {
  for (const auto& w : result["warnings"]) {
    if (w["kind"] == kind && (!id || (w.contains("id") && w["id"] == *id))) return true;
  }
  return false;
}

// Acme: revenue with a credit note and a voided invoice, project time, cost exact over the row.
TEST_P(ClientProfitability, AcmeRevenueLabourAndMargin) {
  Json r = ok("client_profitability", kWindow);
  EXPECT_EQ(r["cost_currency"], "GBP");
  EXPECT_TRUE(r["default_cost_rate"].is_null());
  Json acme = row_of(r, 1, "GBP");
  ASSERT_TRUE(acme.is_object()) << r.dump();
  EXPECT_EQ(acme["client_name"], "Acme");
  EXPECT_EQ(acme["revenue"], 2100.0);  // 1000 + 500 + 800 - 200; 999 voided and 700 before: out
  EXPECT_EQ(acme["labour_hours"], 7.17);  // 25800 s, project time included
  EXPECT_EQ(acme["billable_hours"], 3.67);  // 13200 s: the project entry is not billable
  EXPECT_EQ(acme["labour_cost"], 237.58);   // exact, rounded once (not 237.59)
  EXPECT_EQ(acme["margin"], 1862.42);
  EXPECT_EQ(acme["margin_pct"], 88.7);
  EXPECT_EQ(acme["effective_hourly_rate"], 293.02);
}

// Beta is billed in USD while costs are GBP: its labour shows, its margins are null and say why.
TEST_P(ClientProfitability, ForeignCurrencyRevenueHasNullMargins) {
  Json r = ok("client_profitability", kWindow);
  Json beta = row_of(r, 2, "USD");
  ASSERT_TRUE(beta.is_object()) << r.dump();
  EXPECT_EQ(beta["revenue"], 1200.0);
  EXPECT_EQ(beta["labour_hours"], 4.0);
  EXPECT_EQ(beta["labour_cost"], 160.0);
  EXPECT_TRUE(beta["margin"].is_null());
  EXPECT_TRUE(beta["margin_pct"].is_null());
  EXPECT_TRUE(beta["effective_hourly_rate"].is_null());
  EXPECT_TRUE(row_of(r, 2, "GBP").is_null()) << "the labour joined the USD row, no second row";
  EXPECT_TRUE(has_warning(r, "currency_mismatch", 2)) << r["warnings"].dump();
  // Echo: GBP and EUR rows; the labour joins the GBP row, the EUR row has none and a null margin.
  Json echo_gbp = row_of(r, 5, "GBP"), echo_eur = row_of(r, 5, "EUR");
  EXPECT_EQ(echo_gbp["revenue"], 100.0);
  EXPECT_EQ(echo_gbp["labour_cost"], 40.0);
  EXPECT_EQ(echo_gbp["margin"], 60.0);
  EXPECT_EQ(echo_gbp["margin_pct"], 60.0);
  EXPECT_EQ(echo_gbp["effective_hourly_rate"], 100.0);
  EXPECT_EQ(echo_eur["revenue"], 50.0);
  EXPECT_EQ(echo_eur["labour_hours"], 0.0);
  EXPECT_EQ(echo_eur["labour_cost"], 0.0);
  EXPECT_TRUE(echo_eur["margin"].is_null());
  EXPECT_TRUE(has_warning(r, "currency_mismatch", 5));
}

// Cyan has time and no invoice; Bob has no cost price and no default rate: cost unknown, named.
TEST_P(ClientProfitability, NoCostPriceWithoutDefaultRateIsNullAndNamed) {
  Json r = ok("client_profitability", kWindow);
  Json cyan = row_of(r, 3, "GBP");
  ASSERT_TRUE(cyan.is_object()) << r.dump();
  EXPECT_EQ(cyan["client_name"], "Cyan");
  EXPECT_EQ(cyan["revenue"], 0.0);
  EXPECT_EQ(cyan["labour_hours"], 2.75);
  EXPECT_EQ(cyan["billable_hours"], 2.75);
  EXPECT_TRUE(cyan["labour_cost"].is_null());
  EXPECT_TRUE(cyan["margin"].is_null());
  EXPECT_TRUE(cyan["margin_pct"].is_null());
  EXPECT_EQ(cyan["effective_hourly_rate"], 0.0);  // 0 revenue over 2.75 h
  bool named = false;
  for (const auto& w : r["warnings"]) {
    if (w["kind"] == "no_cost_price" && w["id"] == 6) named = w["detail"].get<std::string>().find("Bob") != std::string::npos;
  }
  EXPECT_TRUE(named) << r["warnings"].dump();
  EXPECT_TRUE(has_warning(r, "unattributed_time")) << "ticket 999's hour belongs to no client";
  // Dune: an invoice and no time.
  Json dune = row_of(r, 4, "GBP");
  EXPECT_EQ(dune["revenue"], 300.0);
  EXPECT_EQ(dune["labour_cost"], 0.0);
  EXPECT_EQ(dune["margin"], 300.0);
  EXPECT_EQ(dune["margin_pct"], 100.0);
  EXPECT_TRUE(dune["effective_hourly_rate"].is_null());
}

// Least profitable first, nulls last (by client id), and totals per currency over every row.
TEST_P(ClientProfitability, OrderedByMarginNullsLastWithTotals) {
  Json r = ok("client_profitability", kWindow);
  using P = std::pair<int, std::string>;
  EXPECT_EQ(order_of(r), (std::vector<P>{{5, "GBP"}, {4, "GBP"}, {1, "GBP"}, {2, "USD"}, {3, "GBP"}, {5, "EUR"}}));
  // GBP: Acme, Cyan, Dune, Echo. revenue 2100 + 0 + 300 + 100 = 2500; hours 25800 + 9900 + 0 + 3600
  // = 39300 s = 10.9166 -> 10.92; billable 13200 + 9900 + 3600 = 26700 s = 7.4166 -> 7.42; cost null
  // (Cyan) so margin null; rate 250000 c x 3600 / 39300 = 22900.76 c -> 229.01.
  Json gbp = total_of(r, "GBP");
  EXPECT_EQ(gbp["clients"], 4);
  EXPECT_EQ(gbp["revenue"], 2500.0);
  EXPECT_EQ(gbp["labour_hours"], 10.92);
  EXPECT_EQ(gbp["billable_hours"], 7.42);
  EXPECT_TRUE(gbp["labour_cost"].is_null());
  EXPECT_TRUE(gbp["margin"].is_null());
  EXPECT_EQ(gbp["effective_hourly_rate"], 229.01);
  Json usd = total_of(r, "USD");
  EXPECT_EQ(usd["clients"], 1);
  EXPECT_EQ(usd["revenue"], 1200.0);
  EXPECT_TRUE(usd["margin"].is_null());
  EXPECT_EQ(total_of(r, "EUR")["revenue"], 50.0);
  // top cuts rows, never totals.
  Json top = ok("client_profitability", with(kWindow, "top", 2));
  EXPECT_EQ(order_of(top), (std::vector<P>{{5, "GBP"}, {4, "GBP"}}));
  EXPECT_EQ(top["clients_before_top"], 6);
  EXPECT_EQ(top["totals"], r["totals"]);
}

// One client: only its rows and totals; what is read is what was counted, and no contract,
// template or project-id list is read.
TEST_P(ClientProfitability, OneClientAndRequestCounts) {
  Json r = ok("client_profitability", with(kWindow, "client_id", 1));
  ASSERT_EQ(r["clients"].size(), 1u) << r.dump();
  EXPECT_EQ(r["clients"][0]["margin"], 1862.42);
  ASSERT_EQ(r["totals"].size(), 1u);
  EXPECT_EQ(r["totals"][0]["labour_cost"], 237.58);
  EXPECT_EQ(r["totals"][0]["margin"], 1862.42);
  // Invoices (1 page), actions (1), tickets by id (1), projects by id (1: 900 and 999), agents (1).
  EXPECT_EQ(r["sources"]["requests"], 5) << r["sources"].dump();
  EXPECT_EQ(api_requests(), 5u);
  EXPECT_EQ(requests("/api/ClientContract"), 0u);
  EXPECT_EQ(requests("/api/RecurringInvoice"), 0u);
  EXPECT_EQ(requests("/api/Client"), 0u) << "every invoice names its currency";
  EXPECT_EQ(requests("/api/Projects"), 1u) << "only the owners of 900 and 999, not the project id list";
}

// Bad arguments are refused, naming the argument, before anything is read.
TEST_P(ClientProfitability, BadArgumentsAreRefusedWithoutRequests) {
  const auto before = api_requests();
  std::string e = error("client_profitability", {{"start_date", "2025-07-01"}, {"end_date", "2025-06-30"}});
  EXPECT_NE(e.find("start_date"), std::string::npos) << e;
  e = error("client_profitability", {{"start_date", "2023-06-29"}, {"end_date", "2025-06-30"}});  // 733 days
  EXPECT_NE(e.find("start_date"), std::string::npos) << e;
  e = error("client_profitability", with(kWindow, "top", 0));
  EXPECT_NE(e.find("top"), std::string::npos) << e;
  e = error("client_profitability", with(kWindow, "end_date", "2025-02-30"));
  EXPECT_NE(e.find("end_date"), std::string::npos) << e;
  e = error("client_profitability", with(kWindow, "client_id", "acme"));
  EXPECT_NE(e.find("client_id"), std::string::npos) << e;
  EXPECT_EQ(api_requests(), before);
  // 731 days (2023-07-01 .. 2025-06-30) is allowed.
  ok("client_profitability", {{"start_date", "2023-07-01"}, {"end_date", "2025-06-30"}});
}

// With HALO_DEFAULT_COST_RATE 45.00: Bob's 2.5 h cost 112.50, Cyan's labour 122.50.
TEST_P(ClientProfitabilityRate, DefaultCostRateCostsAgentsWithoutACostPrice) {
  Json r = ok("client_profitability", kWindow);
  EXPECT_EQ(r["default_cost_rate"], 45.0);
  Json cyan = row_of(r, 3, "GBP");
  EXPECT_EQ(cyan["labour_cost"], 122.5);
  EXPECT_EQ(cyan["margin"], -122.5);
  EXPECT_TRUE(cyan["margin_pct"].is_null()) << "revenue 0";
  EXPECT_TRUE(has_warning(r, "default_cost_rate", 6)) << r["warnings"].dump();
  EXPECT_FALSE(has_warning(r, "no_cost_price"));
  using P = std::pair<int, std::string>;
  EXPECT_EQ(order_of(r), (std::vector<P>{{3, "GBP"}, {5, "GBP"}, {4, "GBP"}, {1, "GBP"}, {2, "USD"}, {5, "EUR"}}));
  // GBP cost 237.58 + 122.50 + 0 + 40.00 = 400.08; margin 2500 - 400.08 = 2099.92, which is the sum
  // of the row margins 1862.42 - 122.50 + 300 + 60; pct 2099.92 / 2500 = 83.997 -> 84.0.
  Json gbp = total_of(r, "GBP");
  EXPECT_EQ(gbp["labour_cost"], 400.08);
  EXPECT_EQ(gbp["margin"], 2099.92);
  EXPECT_EQ(gbp["margin_pct"], 84.0);
}

// Invoices refused (403): revenue is unknown, never 0; the labour is still there.
TEST_P(ClientProfitability, UnreadableInvoicesMakeRevenueNullNotZero) {
  force_status("/api/Invoice", 403);
  Json r = ok("client_profitability", kWindow);
  EXPECT_TRUE(has_warning(r, "source_unavailable")) << r["warnings"].dump();
  // Rows are the clients with labour: Acme, Beta, Cyan, Echo (no invoice says Beta bills in USD).
  ASSERT_EQ(r["clients"].size(), 4u) << r.dump();
  for (const auto& row : r["clients"]) {
    EXPECT_TRUE(row["revenue"].is_null()) << row.dump();
    EXPECT_TRUE(row["margin"].is_null()) << row.dump();
  }
  EXPECT_EQ(row_of(r, 1, "GBP")["labour_cost"], 237.58);
  EXPECT_TRUE(total_of(r, "GBP")["revenue"].is_null());
}

// Progress ends at done == total; a cancelled call ends at once.
TEST_P(ClientProfitability, ReportsProgressAndCanBeCancelled) {
  if (via_executable()) GTEST_SKIP() << "a ToolContext reaches only in-process handlers";
  std::mutex mutex;
  std::vector<std::pair<double, double>> reports;
  mcp::ToolContext context;
  context.progress = [&](double done, std::optional<double> total, std::string_view) {
    std::lock_guard lock(mutex);
    reports.emplace_back(done, total.value_or(-1));
  };
  auto outcome = harness_->call("client_profitability", kWindow, context);
  ASSERT_FALSE(outcome.is_error) << outcome.error_text;
  ASSERT_FALSE(reports.empty());
  EXPECT_EQ(reports.back().first, reports.back().second);

  auto faults = harness_->sim().faults().get();
  faults.latency_ms = 2000;  // every Halo request takes 2 s
  harness_->sim().faults().set(faults);
  util::CancellationSource cancel;
  mcp::ToolContext slow;
  slow.cancel = cancel.token();
  const auto started = std::chrono::steady_clock::now();
  auto running = std::async(std::launch::async, [&] { return harness_->call("client_profitability", kWindow, slow); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  cancel.cancel();
  ASSERT_EQ(running.wait_for(std::chrono::seconds(10)), std::future_status::ready) << "the call must end";
  auto cancelled = running.get();
  EXPECT_TRUE(cancelled.is_error);
  EXPECT_NE(cancelled.error_text.find("cancelled"), std::string::npos) << cancelled.error_text;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(1900));
}

// The terminal table names every client and the totals.
TEST_P(ClientProfitability, HumanTextIsATable) {
  if (via_executable()) GTEST_SKIP() << "human_text is the in-process outcome's";
  mcp::ToolContext context;
  auto outcome = harness_->call("client_profitability", kWindow, context);
  ASSERT_FALSE(outcome.is_error) << outcome.error_text;
  for (const char* s : {"Acme", "Beta", "Cyan", "Dune", "Echo", "TOTAL", "1862.42", "n/a", "warning:"}) {
    EXPECT_NE(outcome.human_text.find(s), std::string::npos) << s << "\n" << outcome.human_text;
  }
}

}  // namespace

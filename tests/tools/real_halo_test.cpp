// The behaviours of a real Halo that a simulator written from the same notes as the product would
// not show, each served by the simulator as Halo does and answered exactly by the tools:
//   - project ids come unpaged (ticketidonly), project tasks among them;
//   - an invoice's currency may be a symbol (£, €, $);
//   - includeinvoices / includecredits are a set of types;
//   - the timesheet cannot say whose client time is: time by client comes from ticket actions;
//   - a tenant labels its billing-period codes its own way (learned from one detail per code);
//   - the MSP's time zone decides which day a Halo date-time (UTC) is on;
//   - a Halo that ignores the date filters gives the same answers at a higher request cost.
// Every expected figure is worked out by hand in the comments, from the dataset below.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <set>
#include <string>

#include "sim_fixture.hpp"

namespace {

using tools_test::Harness;
using tools_test::HarnessOptions;
using util::Json;

// Tickets near midnight UTC. New York is UTC-4 in May and June (EDT), so 02:30Z on 1 May is
// 22:30 on 30 April there.
//   100 Acme  2025-05-01T02:30Z  (UTC: May 1;  New York: Apr 30)
//   101 Beta  2025-05-01T05:00Z  (May 1 in both)
//   102 Acme  2025-05-31T23:30Z  (May 31 in both; 19:30 in New York)
//   103 Acme  2025-06-01T03:00Z  (UTC: June 1; New York: May 31)
// Project 900 (Beta) with task 901 (a child ticket: parent_id 900).
// Time (ticket actions):
//   1 ticket 100, Ann, 2025-05-01T02:30Z, 1.0 h (charge 1.0)   UTC May 1,  NY Apr 30
//   2 ticket 101, Ann, 2025-05-15T10:00Z, 2.0 h (charge 1.5)
//   3 task 901,   Bob, 2025-05-20T12:00Z, 3.0 h (charge 3.0)   Beta's, through the project task
//   4 ticket 103, Bob, 2025-06-01T03:00Z, 0.5 h (charge 0.5)   UTC June 1, NY May 31
//   5 ticket 102, Ann, 2025-05-10T09:00Z, no time (a note): not a time entry
//   6 ticket 777, Ann, 2025-05-12T10:00Z, 0.25 h (charge 0)    a ticket Halo does not return
// Invoices (calendar dates: no zone applies), window May:
//   1 Acme "£"    100.00 on 2025-05-01 (a symbol: GBP)
//   2 Acme "GBP"   50.00 on 2025-05-20
//   3 Beta "$"     70.00 on 2025-05-05 (Beta is USD: USD)        billed to task 901: project revenue
//   4 Cara "$"     30.00 on 2025-05-06 (Cara is CAD: CAD)
//   5 Dan  "$"     20.00 on 2025-05-07 (Dan names none, the default GBP is no dollar: USD)
//   6 Acme "£"    -10.00 on 2025-05-21, a credit note of invoice 2
//   7 Acme "GBP"  999.00 on 2025-04-30 (before the window)
Json dataset() {
  Json d = Json::object();
  d["clients"] = Json::array({{{"id", 1}, {"name", "Acme"}, {"currencyisocode", "GBP"}, {"inactive", false}},
                              {{"id", 2}, {"name", "Beta"}, {"currencyisocode", "USD"}, {"inactive", false}},
                              {{"id", 3}, {"name", "Cara"}, {"currencyisocode", "CAD"}, {"inactive", false}},
                              {{"id", 4}, {"name", "Dan"}, {"inactive", false}}});
  d["agents"] = Json::array({{{"id", 5}, {"name", "Ann"}, {"isdisabled", false}},
                             {{"id", 6}, {"name", "Bob"}, {"isdisabled", false}}});
  d["statuses"] = Json::array({{{"id", 1}, {"name", "New"}, {"type", 1}}, {{"id", 9}, {"name", "Closed"}, {"type", 4}}});
  auto ticket = [](int id, int client, const char* name, const char* when) {
    return Json{{"id", id}, {"summary", "Ticket " + std::to_string(id)}, {"client_id", client}, {"client_name", name},
                {"dateoccurred", when}, {"status_id", 1}};
  };
  d["tickets"] = Json::array({ticket(100, 1, "Acme", "2025-05-01T02:30:00"), ticket(101, 2, "Beta", "2025-05-01T05:00:00"),
                              ticket(102, 1, "Acme", "2025-05-31T23:30:00"), ticket(103, 1, "Acme", "2025-06-01T03:00:00")});
  Json task = ticket(901, 2, "Beta", "2025-03-02T09:00:00");
  task["parent_id"] = 900;
  d["projects"] = Json::array({ticket(900, 2, "Beta", "2025-03-01T09:00:00"), task});
  auto action = [](int id, int ticket_id, int agent, const char* who, const char* when, double hours, double charge) {
    return Json{{"id", id}, {"ticket_id", ticket_id}, {"who_agentid", agent}, {"who", who}, {"datetime", when},
                {"timetaken", hours}, {"actionchargehours", charge}, {"outcome", "Work"}, {"note", "done"}};
  };
  d["actions"] = Json::array({action(1, 100, 5, "Ann", "2025-05-01T02:30:00", 1.0, 1.0),
                              action(2, 101, 5, "Ann", "2025-05-15T10:00:00", 2.0, 1.5),
                              action(3, 901, 6, "Bob", "2025-05-20T12:00:00", 3.0, 3.0),
                              action(4, 103, 6, "Bob", "2025-06-01T03:00:00", 0.5, 0.5),
                              action(5, 102, 5, "Ann", "2025-05-10T09:00:00", 0.0, 0.0),
                              action(6, 777, 5, "Ann", "2025-05-12T10:00:00", 0.25, 0.0)});
  auto invoice = [](int id, int client, const char* name, const char* currency, double amount, const char* date) {
    return Json{{"id", id}, {"invoicenumber", "INV-" + std::to_string(id)}, {"client_id", client},
                {"client_name", name}, {"invoice_date", date}, {"currency", currency}, {"revenue", amount},
                {"tax_total", 0.0}, {"total", amount}, {"voided", false}, {"contract_id", 0}, {"ticket_id", 0},
                {"recurring_invoice_id", 0}, {"creditlinkedtoinvoiceid", 0}, {"lines", Json::array()}};
  };
  Json billed_to_task = invoice(3, 2, "Beta", "$", 70.0, "2025-05-05T00:00:00");
  billed_to_task["ticket_id"] = 901;
  Json credit = invoice(6, 1, "Acme", "\u00a3", -10.0, "2025-05-21T00:00:00");
  credit["creditlinkedtoinvoiceid"] = 2;
  d["invoices"] = Json::array({invoice(1, 1, "Acme", "\u00a3", 100.0, "2025-05-01T00:00:00"),
                               invoice(2, 1, "Acme", "GBP", 50.0, "2025-05-20T00:00:00"), billed_to_task,
                               invoice(4, 3, "Cara", "$", 30.0, "2025-05-06T00:00:00"),
                               invoice(5, 4, "Dan", "$", 20.0, "2025-05-07T00:00:00"), credit,
                               invoice(7, 1, "Acme", "GBP", 999.0, "2025-04-30T00:00:00")});
  d["contracts"] = Json::array();
  d["recurring_invoices"] = Json::array();
  return d;
}

/// A simulator serving dataset() and the tools in `timezone`.
class RealHalo : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = "/tmp/tools_real_halo_" + std::to_string(::getpid()) + ".json";
    std::ofstream(path_) << dataset().dump();
  }
  static void TearDownTestSuite() { std::remove(path_.c_str()); }

  std::unique_ptr<Harness> harness(const std::string& timezone) {
    HarnessOptions options;
    options.dataset_file = path_;
    options.timezone = timezone;
    auto h = std::make_unique<Harness>(options);
    EXPECT_TRUE(h->ok()) << h->error();
    return h;
  }
  static Json ok(Harness& h, const std::string& tool, const Json& args) {
    mcp::ToolOutcome outcome = h.call(tool, args);
    EXPECT_FALSE(outcome.is_error) << tool << " " << args.dump() << ": " << outcome.error_text;
    return outcome.structured;
  }
  static std::set<int> ids(const Json& result, const char* key = "items") {
    std::set<int> out;
    for (const auto& item : result[key]) out.insert(item["id"].get<int>());
    return out;
  }
  static const Json* row(const Json& revenue, int client, const std::string& currency) {
    for (const auto& r : revenue["clients"]) {
      if (r["client_id"] == client && r["currency"] == currency) return &r;
    }
    return nullptr;
  }

  static inline std::string path_;
  const Json may = {{"start_date", "2025-05-01"}, {"end_date", "2025-05-31"}};
};

// The zone decides the day of a date-time, for tickets and for time; invoice dates are calendar
// dates and do not move.
TEST_F(RealHalo, TheTimeZoneDecidesWhichDayADateTimeIsOn) {
  auto utc = harness("UTC");
  auto new_york = harness("America/New_York");

  // Tickets opened in May: UTC 100, 101, 102; New York 101, 102, 103 (100 is 30 April there).
  EXPECT_EQ(ids(ok(*utc, "list_tickets", may)), (std::set<int>{100, 101, 102}));
  EXPECT_EQ(ids(ok(*new_york, "list_tickets", may)), (std::set<int>{101, 102, 103}));

  // Ann's time in May. UTC: actions 1, 2, 6 = 1.0 + 2.0 + 0.25 = 3.25 h. New York: 2, 6 = 2.25 h
  // (action 1 was on 30 April there).
  Json ann_utc = ok(*utc, "list_time_entries", {{"agent_id", 5}, {"start_date", "2025-05-01"}, {"end_date", "2025-05-31"}});
  EXPECT_EQ(ids(ann_utc), (std::set<int>{1, 2, 6}));
  EXPECT_DOUBLE_EQ(ann_utc["total_hours"].get<double>(), 3.25);
  Json ann_ny = ok(*new_york, "list_time_entries", {{"agent_id", 5}, {"start_date", "2025-05-01"}, {"end_date", "2025-05-31"}});
  EXPECT_EQ(ids(ann_ny), (std::set<int>{2, 6}));
  EXPECT_DOUBLE_EQ(ann_ny["total_hours"].get<double>(), 2.25);
  // Bob's in New York: 3 and 4 (4 was on 31 May there) = 3.0 + 0.5 = 3.5 h, all billable.
  Json bob_ny = ok(*new_york, "list_time_entries", {{"agent_id", 6}, {"start_date", "2025-05-01"}, {"end_date", "2025-05-31"}});
  EXPECT_EQ(ids(bob_ny), (std::set<int>{3, 4}));  // action 4 was on 31 May in New York
  EXPECT_DOUBLE_EQ(bob_ny["total_hours"].get<double>(), 3.5);
  EXPECT_DOUBLE_EQ(bob_ny["total_billable_hours"].get<double>(), 3.5);

  // Invoices dated 1 May are in May wherever the MSP is: 1, 2, 3, 4, 5 (7 is 30 April), and with
  // credit notes 6 too.
  EXPECT_EQ(ids(ok(*new_york, "list_invoices", may)), (std::set<int>{1, 2, 3, 4, 5}));
  EXPECT_EQ(ids(ok(*utc, "list_invoices", may)), (std::set<int>{1, 2, 3, 4, 5}));
  Json with_credits = may;
  with_credits["include_credits"] = true;
  EXPECT_EQ(ids(ok(*new_york, "list_invoices", with_credits)), (std::set<int>{1, 2, 3, 4, 5, 6}));
}

// A client's time comes from the actions on its tickets and its projects' tasks, never from the
// timesheet (which has no client filter and answers for the API's own agent).
TEST_F(RealHalo, AClientsTimeIsTheActionsOnItsTicketsAndProjectTasks) {
  auto h = harness("UTC");
  // Beta in May (UTC): action 2 on ticket 101 (2.0 h) and action 3 on task 901 of project 900 (3.0 h).
  Json beta = ok(*h, "list_time_entries", {{"client_id", 2}, {"start_date", "2025-05-01"}, {"end_date", "2025-05-31"}});
  EXPECT_EQ(ids(beta), (std::set<int>{2, 3}));
  EXPECT_DOUBLE_EQ(beta["total_hours"].get<double>(), 5.0);
  EXPECT_DOUBLE_EQ(beta["total_billable_hours"].get<double>(), 4.5);  // 1.5 + 3.0
  for (const auto& e : beta["items"]) EXPECT_EQ(e["client_name"], "Beta") << e.dump();
  // Action 6's ticket 777 is unknown to Halo: it may be Beta's, so the answer says so.
  ASSERT_EQ(beta["warnings"].size(), 1u) << beta.dump();
  EXPECT_NE(beta["warnings"][0].get<std::string>().find("1 time entry (0.25 h)"), std::string::npos) << beta.dump();
  // Acme in May (UTC): action 1 only (action 5 has no time; action 4 is in June).
  Json acme = ok(*h, "list_time_entries", {{"client_id", 1}, {"start_date", "2025-05-01"}, {"end_date", "2025-05-31"}});
  EXPECT_EQ(ids(acme), (std::set<int>{1}));
  EXPECT_DOUBLE_EQ(acme["total_hours"].get<double>(), 1.0);
  EXPECT_EQ(h->requests("/api/TimesheetEvent"), 0u);

  // When the actions cannot be read the answer is an error, never "0 hours".
  auto faults = h->sim().faults().get();
  faults.status_for["/api/Actions"] = 403;
  h->sim().faults().set(faults);
  mcp::ToolOutcome refused = h->call("list_time_entries", {{"client_id", 2}, {"start_date", "2025-05-01"}, {"end_date", "2025-05-31"}});
  EXPECT_TRUE(refused.is_error) << refused.structured.dump();
}

// Currency symbols become ISO codes (one row per currency, never a "£" row); the invoice billed to
// a project task is project revenue; the credit note is read because both type flags are sent
// (with includecredits alone Halo would answer credit notes only).
TEST_F(RealHalo, RevenueHasOneRowPerCurrencyAndCountsProjectTasks) {
  auto h = harness("UTC");
  Json out = ok(*h, "revenue_breakdown", {{"as_of", "2025-05-31"}, {"start_date", "2025-05-01"}, {"end_date", "2025-05-31"}});
  std::set<std::string> currencies;
  for (const auto& r : out["clients"]) currencies.insert(r["currency"].get<std::string>());
  EXPECT_EQ(currencies, (std::set<std::string>{"GBP", "USD", "CAD"}));

  // Acme, GBP: 100 ("£") + 50 ("GBP") - 10 (credit note "£") = 140, all ad hoc; 999 is in April.
  const Json* acme = row(out, 1, "GBP");
  ASSERT_NE(acme, nullptr) << out.dump();
  EXPECT_EQ(acme->at("ad_hoc_total").dump(), "140.0");
  EXPECT_EQ(acme->at("project_total").dump(), "0.0");
  // Beta, USD ("$", its client is USD): 70 billed to task 901 of project 900: project revenue.
  const Json* beta = row(out, 2, "USD");
  ASSERT_NE(beta, nullptr) << out.dump();
  EXPECT_EQ(beta->at("project_total").dump(), "70.0");
  EXPECT_EQ(beta->at("ad_hoc_total").dump(), "0.0");
  // Cara, CAD ("$", her client is CAD): 30. Dan ("$", no client currency, default GBP): USD 20.
  ASSERT_NE(row(out, 3, "CAD"), nullptr) << out.dump();
  EXPECT_EQ(row(out, 3, "CAD")->at("ad_hoc_total").dump(), "30.0");
  ASSERT_NE(row(out, 4, "USD"), nullptr) << out.dump();
  EXPECT_EQ(row(out, 4, "USD")->at("ad_hoc_total").dump(), "20.0");
  // Totals per currency: CAD 30; GBP 140; USD 70 + 20 = 90 (70 project, 20 ad hoc).
  ASSERT_EQ(out["totals"].size(), 3u);
  EXPECT_EQ(out["totals"][0]["currency"], "CAD");
  EXPECT_EQ(out["totals"][1]["currency"], "GBP");
  EXPECT_EQ(out["totals"][1]["non_recurring_total"].dump(), "140.0");
  EXPECT_EQ(out["totals"][2]["currency"], "USD");
  EXPECT_EQ(out["totals"][2]["non_recurring_total"].dump(), "90.0");
  EXPECT_EQ(out["totals"][2]["project_total"].dump(), "70.0");
  // Project ids in one unpaged request (Halo pages no ticketidonly list).
  EXPECT_EQ(h->requests("/api/Projects"), 1u);

  // list_invoices shows the same codes, never a symbol.
  Json listed = ok(*h, "list_invoices", may);
  for (const auto& i : listed["items"]) {
    const std::string c = i["currency"];
    EXPECT_TRUE(c == "GBP" || c == "USD" || c == "CAD") << i.dump();
  }
}

// A Halo that ignores the date filters: every answer is the same (each record's date is checked
// again here), only more is read.
TEST_F(RealHalo, AHaloThatIgnoresDateFiltersGivesTheSameAnswers) {
  auto filtered = harness("America/New_York");
  auto ignoring = harness("America/New_York");
  auto faults = ignoring->sim().faults().get();
  faults.ignore_date_filters = true;
  ignoring->sim().faults().set(faults);
  const Json revenue_args = {{"as_of", "2025-05-31"}, {"start_date", "2025-05-01"}, {"end_date", "2025-05-31"}};
  for (const auto& [tool, args] : std::vector<std::pair<std::string, Json>>{
           {"list_tickets", may},
           {"list_invoices", may},
           {"list_time_entries", {{"agent_id", 6}, {"start_date", "2025-05-01"}, {"end_date", "2025-05-31"}}},
           {"list_time_entries", {{"client_id", 2}, {"start_date", "2025-05-01"}, {"end_date", "2025-05-31"}}}}) {
    EXPECT_EQ(ok(*filtered, tool, args), ok(*ignoring, tool, args)) << tool << " " << args.dump();
  }
  Json a = ok(*filtered, "revenue_breakdown", revenue_args);
  Json b = ok(*ignoring, "revenue_breakdown", revenue_args);
  EXPECT_EQ(a["clients"], b["clients"]);
  EXPECT_EQ(a["totals"], b["totals"]);
  // Invoices read: 6 with Halo's filter, all 7 without it (invoice 7 is dropped here).
  EXPECT_EQ(a["sources"]["invoices"], 6);
  EXPECT_EQ(b["sources"]["invoices"], 7);
}

}  // namespace

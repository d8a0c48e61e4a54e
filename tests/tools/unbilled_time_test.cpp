// unbilled_time end to end against a hand-made Halo, in-process and through the real executable.
// Every expected figure is worked out by hand below from the dataset, never by the code under test.
//
// Clients: Acme (1, GBP), Beta (2, USD), Cobb (3, names no currency: the default, GBP).
// Tickets: 10 "Server rebuild", 11 "Printer jam", 12 "VPN drops" (Acme); 20 "Mail migration" (Beta);
// 30 "New laptop" (Cobb); project 900 "Office move" (Acme, a project: not in the ticket list);
// ticket 99 is known to neither list.
// Today 2025-07-15. Window of most tests: 2025-06-01 .. 2025-06-30, UTC.
//
// Actions (h = actionchargehours; amt = actionchargeamount; rate = chargerate; inv = number/id):
//   a1 T10  06-10  2.0 h  amt 190     inv "0"/0          unbilled, value 190.00 (amount)
//   a2 T10  06-11  1.0 h  amt 95      inv "INV-10023"/77 billed (a real number)
//   a3 T10  06-12  1.5 h  rate 95     inv ""/77          billed (invoice_id, empty number)
//   a9 T10  06-13  1.0 h  no amt/rate inv "10023"/0      billed (a bare number): no warning either
//   a4 T11  06-05  1.25 h rate 90.10  inv ""/0           unbilled, 1.25 x 90.10 = 112.625 -> 112.63
//   a5 T11  06-06  3.0 h  amt 285     NOT billable        excluded
//   a6 T12  06-07  0.5 h taken, 0 charge hours            excluded
//   a7 T12  06-20  0.75 h no amt/rate inv "0"            unbilled, value unknown (a warning)
//   a8 P900 06-03  4.0 h  amt 380     inv "0"            unbilled, 380.00 (project time counts)
//   b1 T20  06-12  2.5 h (3.0 taken) rate 120 (amt 0)    unbilled, 2.5 x 120 = 300.00
//   b2 T20  06-16  1.0 h  amt 150.50                      unbilled, 150.50
//   b3 T20  06-17  2.0 h  amt 240     inv "INV-2001"/55  billed
//   c1 T30  06-25  1.0 h  amt 60                          unbilled, 60.00
//   e1 T30  06-01T00:00:00  1.0 h amt 10                  the window's first instant: in
//   e2 T30  06-30T23:59:59  0.5 h amt 5                   its last second: in
//   e3 T30  05-31T23:59:59  2.0 h amt 1000                the second before: out
//   e4 T30  07-01T00:00:00  1.0 h amt 1000                the instant after: out
//   o1 T30  2024-07-15T12:00 0.25 h amt 500               one day before the default window
//   o2 T30  2024-07-16T00:00 0.25 h amt 7                 the default window's first day
//   u1 T99  06-18  0.5 h  amt 47.50                       unbilled, ticket unknown: client 0
//   n1 T10  06-10  a note, no time                         not a time entry
//
// June (UTC), by client:
//   Acme GBP: a1 a4 a7 a8 = 4 entries; hours 2 + 1.25 + 0.75 + 4 = 8.0;
//             value 190 + 112.63 + 380 = 682.63 (a7 unknown: unvalued 1, 0.75 h, value_complete false);
//             oldest 06-03 (a8); tickets by value: 900 380, 10 190, 11 112.63, 12 0 (incomplete).
//   Beta USD: b1 b2 = 2 entries; hours 3.5; value 450.50; oldest 06-12; ticket 20 450.50.
//   Cobb GBP: c1 e1 e2 = 3 entries; hours 1 + 1 + 0.5 = 2.5; value 60 + 10 + 5 = 75.00; oldest 06-01.
//   client 0 GBP (the default): u1, 0.5 h, 47.50; oldest 06-18.
//   Order by value: Acme 682.63, Beta 450.50, Cobb 75.00, client 0 47.50.
//   Totals: GBP 682.63 + 75.00 + 47.50 = 805.13, hours 8 + 2.5 + 0.5 = 11.0, entries 4 + 3 + 1 = 8,
//           unvalued 1, clients 3, oldest 06-01; USD 450.50, 3.5 h, 2 entries, complete, 1 client.
// Requests: 1 Actions; tickets of unbilled entries 10 11 12 20 30 99 900: 1 Tickets?ticketids (knows
//   10 11 12 20 30), 1 Projects?ticketids (99, 900: knows 900); clients 1 2 3: 3 GET Client/{id}.
//   6 in all. Records: 16 actions in June (a1-a9, b1-b3, c1, e1, e2, u1; the note is not a time
//   entry and Halo leaves it out) + 5 tickets + 1 project + 3 clients = 25.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <mutex>
#include <thread>

#include "sim_suite.hpp"

namespace {

using tools_test::Harness;
using tools_test::HarnessOptions;
using tools_test::Via;
using util::Json;

constexpr const char* kNoDate = "1900-01-01T00:00:00";

Json ticket(int id, int client, const char* summary) {
  static const char* clients[] = {"", "Acme", "Beta", "Cobb"};
  return Json{{"id", id},           {"summary", summary},          {"client_id", client},
              {"client_name", clients[client]}, {"agent_id", 5}, {"team", "Service Desk"},
              {"priority_id", 2},   {"tickettype_id", 1},          {"dateoccurred", "2025-05-01T09:00:00"},
              {"dateclosed", kNoDate}, {"status_id", 1},           {"respondbydate", kNoDate},
              {"responsedate", kNoDate}, {"fixbydate", kNoDate},   {"excludefromsla", false}};
}

struct Billing {
  double amount = 0;
  double rate = 0;
  const char* number = "0";
  int invoice_id = 0;
  bool billable = true;
};

Json action(int id, int ticket_id, const char* when, double taken, double charge, Billing b) {
  return Json{{"id", id},
              {"ticket_id", ticket_id},
              {"who_agentid", 5},
              {"who", "Ann"},
              {"datetime", when},
              {"timetaken", taken},
              {"actionchargehours", charge},
              {"actisbillable", b.billable},
              {"actionchargeamount", b.amount},
              {"chargerate", b.rate},
              {"actioninvoicenumber", b.number},
              {"invoice_id", b.invoice_id},
              {"outcome", "Work"},
              {"note", "done"}};
}

Json dataset() {
  Json d = Json::object();
  d["clients"] = Json::array({{{"id", 1}, {"name", "Acme"}, {"inactive", false}, {"currencyisocode", "GBP"}},
                              {{"id", 2}, {"name", "Beta"}, {"inactive", false}, {"currencyisocode", "USD"}},
                              {{"id", 3}, {"name", "Cobb"}, {"inactive", false}}});
  d["agents"] = Json::array({{{"id", 5}, {"name", "Ann"}, {"team", "Service Desk"}, {"isdisabled", false}}});
  d["teams"] = Json::array({{{"id", 1}, {"name", "Service Desk"}}});
  d["statuses"] = Json::array({{{"id", 1}, {"name", "New"}, {"type", 0}}});
  d["tickets"] = Json::array({ticket(10, 1, "Server rebuild"), ticket(11, 1, "Printer jam"), ticket(12, 1, "VPN drops"),
                              ticket(20, 2, "Mail migration"), ticket(30, 3, "New laptop")});
  d["projects"] = Json::array({ticket(900, 1, "Office move")});
  d["actions"] = Json::array({
      action(1, 10, "2025-06-10T10:00:00", 2.0, 2.0, {.amount = 190, .rate = 95}),
      action(2, 10, "2025-06-11T10:00:00", 1.0, 1.0, {.amount = 95, .rate = 95, .number = "INV-10023", .invoice_id = 77}),
      action(3, 10, "2025-06-12T10:00:00", 1.5, 1.5, {.rate = 95, .number = "", .invoice_id = 77}),
      action(9, 10, "2025-06-13T10:00:00", 1.0, 1.0, {.number = "10023"}),
      action(4, 11, "2025-06-05T09:00:00", 1.25, 1.25, {.rate = 90.10, .number = ""}),
      action(5, 11, "2025-06-06T09:00:00", 3.0, 3.0, {.amount = 285, .rate = 95, .billable = false}),
      action(6, 12, "2025-06-07T09:00:00", 0.5, 0.0, {.rate = 95}),
      action(7, 12, "2025-06-20T09:00:00", 0.75, 0.75, {}),
      action(8, 900, "2025-06-03T14:00:00", 4.0, 4.0, {.amount = 380, .rate = 95}),
      action(21, 20, "2025-06-12T09:00:00", 3.0, 2.5, {.rate = 120}),
      action(22, 20, "2025-06-16T09:00:00", 1.0, 1.0, {.amount = 150.50, .rate = 150.50}),
      action(23, 20, "2025-06-17T09:00:00", 2.0, 2.0, {.amount = 240, .rate = 120, .number = "INV-2001", .invoice_id = 55}),
      action(31, 30, "2025-06-25T10:00:00", 1.0, 1.0, {.amount = 60, .rate = 60}),
      action(32, 30, "2025-06-01T00:00:00", 1.0, 1.0, {.amount = 10}),
      action(33, 30, "2025-06-30T23:59:59", 0.5, 0.5, {.amount = 5}),
      action(34, 30, "2025-05-31T23:59:59", 2.0, 2.0, {.amount = 1000}),
      action(35, 30, "2025-07-01T00:00:00", 1.0, 1.0, {.amount = 1000}),
      action(36, 30, "2024-07-15T12:00:00", 0.25, 0.25, {.amount = 500}),
      action(37, 30, "2024-07-16T00:00:00", 0.25, 0.25, {.amount = 7}),
      action(41, 99, "2025-06-18T09:00:00", 0.5, 0.5, {.amount = 47.50}),
      action(51, 10, "2025-06-10T11:00:00", 0.0, 0.0, {}),
  });
  d["contracts"] = Json::array();
  d["invoices"] = Json::array();
  d["recurring_invoices"] = Json::array();
  return d;
}

constexpr const char* kToday = "2025-07-15";
const char* today() { return kToday; }
using UnbilledTime = tools_test::DatasetSuite<dataset, today>;
INSTANTIATE_TEST_SUITE_P(Via, UnbilledTime, ::testing::Values(Via::kInProcess, Via::kExecutable), tools_test::via_name);

const Json kJune = {{"start_date", "2025-06-01"}, {"end_date", "2025-06-30"}};

Json with(Json args, const Json& more) {
  for (auto& [k, v] : more.items()) args[k] = v;
  return args;
}

const Json* row_of(const Json& r, int client) {
  for (const auto& row : r["clients"]) {
    if (row["client_id"] == client) return &row;
  }
  return nullptr;
}

TEST_P(UnbilledTime, RowsPerClientAndCurrencyWorkedByHand) {
  auto before = api_requests();
  Json r = ok("unbilled_time", kJune);
  EXPECT_EQ(r["start_date"], "2025-06-01");
  EXPECT_EQ(r["end_date"], "2025-06-30");
  ASSERT_EQ(r["clients"].size(), 4u);
  // Ordered by value: Acme 682.63, Beta 450.50, Cobb 75.00, client 0 47.50.
  EXPECT_EQ(r["clients"][0]["client_id"], 1);
  EXPECT_EQ(r["clients"][1]["client_id"], 2);
  EXPECT_EQ(r["clients"][2]["client_id"], 3);
  EXPECT_EQ(r["clients"][3]["client_id"], 0);

  const Json& acme = r["clients"][0];
  EXPECT_EQ(acme["client_name"], "Acme");
  EXPECT_EQ(acme["currency"], "GBP");
  EXPECT_DOUBLE_EQ(acme["hours"].get<double>(), 8.0);
  EXPECT_DOUBLE_EQ(acme["value"].get<double>(), 682.63) << "190 + 112.63 (1.25 x 90.10 rounded once) + 380";
  EXPECT_EQ(acme["entries"], 4);
  EXPECT_EQ(acme["unvalued_entries"], 1);
  EXPECT_DOUBLE_EQ(acme["unvalued_hours"].get<double>(), 0.75);
  EXPECT_EQ(acme["value_complete"], false) << "a7 has no amount and no rate";
  EXPECT_EQ(acme["oldest_entry_date"], "2025-06-03");
  EXPECT_EQ(acme["ticket_count"], 4);
  ASSERT_EQ(acme["tickets"].size(), 4u);
  EXPECT_EQ(acme["tickets"][0]["ticket_id"], 900);
  EXPECT_EQ(acme["tickets"][0]["summary"], "Office move");
  EXPECT_DOUBLE_EQ(acme["tickets"][0]["value"].get<double>(), 380.0);
  EXPECT_DOUBLE_EQ(acme["tickets"][0]["hours"].get<double>(), 4.0);
  EXPECT_EQ(acme["tickets"][1]["ticket_id"], 10);
  EXPECT_DOUBLE_EQ(acme["tickets"][1]["value"].get<double>(), 190.0) << "a2, a3, a9 are invoiced";
  EXPECT_DOUBLE_EQ(acme["tickets"][1]["hours"].get<double>(), 2.0);
  EXPECT_EQ(acme["tickets"][2]["ticket_id"], 11);
  EXPECT_DOUBLE_EQ(acme["tickets"][2]["value"].get<double>(), 112.63) << "a5 is not billable";
  EXPECT_EQ(acme["tickets"][3]["ticket_id"], 12);
  EXPECT_DOUBLE_EQ(acme["tickets"][3]["value"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ(acme["tickets"][3]["hours"].get<double>(), 0.75) << "a6 has no charge hours";
  EXPECT_EQ(acme["tickets"][3]["value_complete"], false);
  EXPECT_EQ(acme["tickets"][0]["value_complete"], true);

  const Json& beta = r["clients"][1];
  EXPECT_EQ(beta["currency"], "USD");
  EXPECT_DOUBLE_EQ(beta["hours"].get<double>(), 3.5) << "charge hours 2.5 + 1.0, not the 3.0 taken";
  EXPECT_DOUBLE_EQ(beta["value"].get<double>(), 450.5) << "2.5 x 120 + 150.50";
  EXPECT_EQ(beta["entries"], 2);
  EXPECT_EQ(beta["value_complete"], true);
  EXPECT_EQ(beta["oldest_entry_date"], "2025-06-12");

  const Json& cobb = r["clients"][2];
  EXPECT_EQ(cobb["currency"], "GBP") << "Cobb names no currency: the default";
  EXPECT_DOUBLE_EQ(cobb["hours"].get<double>(), 2.5);
  EXPECT_DOUBLE_EQ(cobb["value"].get<double>(), 75.0) << "60 + 10 (first instant) + 5 (last second)";
  EXPECT_EQ(cobb["entries"], 3);
  EXPECT_EQ(cobb["oldest_entry_date"], "2025-06-01");

  const Json& unknown = r["clients"][3];
  EXPECT_EQ(unknown["currency"], "GBP");
  EXPECT_DOUBLE_EQ(unknown["value"].get<double>(), 47.5);
  EXPECT_EQ(unknown["tickets"][0]["ticket_id"], 99);

  ASSERT_EQ(r["totals"].size(), 2u);
  const Json& gbp = r["totals"][0];
  EXPECT_EQ(gbp["currency"], "GBP");
  EXPECT_DOUBLE_EQ(gbp["value"].get<double>(), 805.13);
  EXPECT_DOUBLE_EQ(gbp["hours"].get<double>(), 11.0);
  EXPECT_EQ(gbp["entries"], 8);
  EXPECT_EQ(gbp["unvalued_entries"], 1);
  EXPECT_EQ(gbp["value_complete"], false);
  EXPECT_EQ(gbp["clients"], 3);
  EXPECT_EQ(gbp["oldest_entry_date"], "2025-06-01");
  const Json& usd = r["totals"][1];
  EXPECT_EQ(usd["currency"], "USD");
  EXPECT_DOUBLE_EQ(usd["value"].get<double>(), 450.5);
  EXPECT_EQ(usd["entries"], 2);
  EXPECT_EQ(usd["value_complete"], true);
  EXPECT_EQ(usd["clients"], 1);

  // One warning names a7; one counts u1's unknown ticket.
  int unvalued = 0, unknown_client = 0;
  for (const auto& w : r["warnings"]) {
    if (w["kind"] == "unvalued_entry") {
      ++unvalued;
      EXPECT_EQ(w["id"], 7);
    }
    unknown_client += w["kind"] == "unknown_client";
  }
  EXPECT_EQ(unvalued, 1);
  EXPECT_EQ(unknown_client, 1);

  EXPECT_EQ(r["sources"]["requests"], 6);
  EXPECT_EQ(r["sources"]["records_read"], 25);
  EXPECT_EQ(api_requests() - before, 6u);
  EXPECT_EQ(requests("/api/Actions"), 1u);
  EXPECT_EQ(requests("/api/Tickets"), 1u);
  EXPECT_EQ(requests("/api/Projects"), 1u);
}

// top=2 keeps Acme's two best tickets (900 380, 10 190); ticket_count still says 4; the figures
// do not change.
TEST_P(UnbilledTime, TopCutsTheTicketsNotTheFigures) {
  Json r = ok("unbilled_time", with(kJune, {{"top", 2}}));
  const Json* acme = row_of(r, 1);
  ASSERT_NE(acme, nullptr);
  ASSERT_EQ((*acme)["tickets"].size(), 2u);
  EXPECT_EQ((*acme)["tickets"][0]["ticket_id"], 900);
  EXPECT_EQ((*acme)["tickets"][1]["ticket_id"], 10);
  EXPECT_EQ((*acme)["ticket_count"], 4);
  EXPECT_DOUBLE_EQ((*acme)["value"].get<double>(), 682.63);
}

// client_id=2: Beta only, USD only. Requests: Actions 1 (Halo has no client filter on actions),
// Tickets 1, Projects 1 (99 and 900 are still unknown to Tickets), GET Client/2 1 = 4.
TEST_P(UnbilledTime, OneClientOnly) {
  auto before = api_requests();
  Json r = ok("unbilled_time", with(kJune, {{"client_id", 2}}));
  ASSERT_EQ(r["clients"].size(), 1u);
  EXPECT_EQ(r["clients"][0]["client_id"], 2);
  EXPECT_DOUBLE_EQ(r["clients"][0]["value"].get<double>(), 450.5);
  ASSERT_EQ(r["totals"].size(), 1u);
  EXPECT_EQ(r["totals"][0]["currency"], "USD");
  EXPECT_DOUBLE_EQ(r["totals"][0]["value"].get<double>(), 450.5);
  EXPECT_TRUE(r["warnings"].empty()) << r["warnings"].dump();
  EXPECT_EQ(r["sources"]["requests"], 4);
  EXPECT_EQ(api_requests() - before, 4u);
}

// The default window is the 365 days to today: 2024-07-16 .. 2025-07-15. Cobb then has c1 60, e1
// 10, e2 5, e3 1000, e4 1000, o2 7 = 2082.00 (o1, 2024-07-15, is the day before), 6 entries,
// hours 1 + 1 + 0.5 + 2 + 1 + 0.25 = 5.75, oldest 2024-07-16, and leads the rows.
TEST_P(UnbilledTime, DefaultWindowIsTheLast365Days) {
  Json r = ok("unbilled_time", Json::object());
  EXPECT_EQ(r["start_date"], "2024-07-16");
  EXPECT_EQ(r["end_date"], "2025-07-15");
  ASSERT_FALSE(r["clients"].empty());
  const Json& cobb = r["clients"][0];
  EXPECT_EQ(cobb["client_id"], 3);
  EXPECT_DOUBLE_EQ(cobb["value"].get<double>(), 2082.0);
  EXPECT_EQ(cobb["entries"], 6);
  EXPECT_DOUBLE_EQ(cobb["hours"].get<double>(), 5.75);
  EXPECT_EQ(cobb["oldest_entry_date"], "2024-07-16");
}

TEST_P(UnbilledTime, BadArgumentsAreRefusedWithoutAsking) {
  auto before = api_requests();
  EXPECT_NE(error("unbilled_time", with(kJune, {{"top", 0}})).find("top"), std::string::npos);
  EXPECT_NE(error("unbilled_time", with(kJune, {{"top", 51}})).find("top"), std::string::npos);
  EXPECT_NE(error("unbilled_time", with(kJune, {{"client_id", 0}})).find("client_id"), std::string::npos);
  EXPECT_NE(error("unbilled_time", {{"start_date", "2025-02-30"}}).find("start_date"), std::string::npos);
  EXPECT_NE(error("unbilled_time", {{"start_date", "2025-06-30"}, {"end_date", "2025-06-01"}}).find("'start_date'"),
            std::string::npos);
  // 2024-06-29 .. 2025-06-30 is 367 days.
  EXPECT_NE(error("unbilled_time", {{"start_date", "2024-06-29"}, {"end_date", "2025-06-30"}}).find("366"),
            std::string::npos);
  EXPECT_EQ(api_requests(), before);
  // 2024-06-30 .. 2025-06-30 is 366 days: allowed.
  ok("unbilled_time", {{"start_date", "2024-06-30"}, {"end_date", "2025-06-30"}});
}

TEST_P(UnbilledTime, ReportsProgressAndCanBeCancelled) {
  if (via_executable()) GTEST_SKIP() << "a ToolContext reaches only in-process handlers";
  std::mutex mutex;
  std::vector<std::pair<double, double>> reports;
  mcp::ToolContext context;
  context.progress = [&](double done, std::optional<double> total, std::string_view) {
    std::lock_guard lock(mutex);
    reports.emplace_back(done, total.value_or(-1));
  };
  auto outcome = harness_->call("unbilled_time", kJune, context);
  ASSERT_FALSE(outcome.is_error) << outcome.error_text;
  ASSERT_FALSE(reports.empty());
  EXPECT_EQ(reports.back().first, 3) << "entries, tickets, currencies";
  EXPECT_EQ(reports.back().first, reports.back().second);
  EXPECT_NE(outcome.human_text.find("Acme"), std::string::npos) << outcome.human_text;
  EXPECT_NE(outcome.human_text.find("682.63"), std::string::npos) << outcome.human_text;

  auto faults = harness_->sim().faults().get();
  faults.latency_ms = 2000;
  harness_->sim().faults().set(faults);
  util::CancellationSource cancel;
  mcp::ToolContext slow;
  slow.cancel = cancel.token();
  const auto started = std::chrono::steady_clock::now();
  auto running = std::async(std::launch::async, [&] { return harness_->call("unbilled_time", kJune, slow); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  cancel.cancel();
  ASSERT_EQ(running.wait_for(std::chrono::seconds(10)), std::future_status::ready) << "the call must end";
  auto cancelled = running.get();
  EXPECT_TRUE(cancelled.is_error);
  EXPECT_NE(cancelled.error_text.find("cancelled"), std::string::npos) << cancelled.error_text;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(1900));
}

// In Europe/London (UTC+1 in June) June is 05-31T23:00Z .. 06-30T23:00Z: e3 (05-31 23:59:59Z =
// 06-01 00:59:59 there) is in, e2 (06-30 23:59:59Z = 07-01 00:59:59 there) is out. Cobb: c1 60 + e1
// 10 + e3 1000 = 1070.00, hours 1 + 1 + 2 = 4.0, oldest 2025-06-01 (e3's local day).
TEST(UnbilledTimeZone, TheWindowEdgesAreTheMspsDays) {
  const std::string path = "/tmp/tools_unbilled_zone_" + std::to_string(::getpid()) + ".json";
  std::ofstream(path) << dataset().dump();
  HarnessOptions options;
  options.dataset_file = path;
  options.timezone = "Europe/London";
  options.today = kToday;
  Harness h(options);
  ASSERT_TRUE(h.ok()) << h.error();
  auto outcome = h.call("unbilled_time", kJune);
  std::remove(path.c_str());
  ASSERT_FALSE(outcome.is_error) << outcome.error_text;
  const Json* cobb = row_of(outcome.structured, 3);
  ASSERT_NE(cobb, nullptr);
  EXPECT_DOUBLE_EQ((*cobb)["value"].get<double>(), 1070.0);
  EXPECT_DOUBLE_EQ((*cobb)["hours"].get<double>(), 4.0);
  EXPECT_EQ((*cobb)["entries"], 3);
  EXPECT_EQ((*cobb)["oldest_entry_date"], "2025-06-01");
  EXPECT_EQ(outcome.structured["time_zone"], "Europe/London");
}

// Over the generated company: the simulator serves invoiced and unbilled billable actions, some
// valued by their amount, some by hours x rate, a few by neither; the tool's GBP and other totals
// stay apart and the rows add up to the totals to the cent.
using UnbilledTimeGenerated = tools_test::SimSuite;
INSTANTIATE_TEST_SUITE_P(Via, UnbilledTimeGenerated, ::testing::Values(Via::kInProcess), tools_test::via_name);

TEST_P(UnbilledTimeGenerated, TheSimulatorServesBillingFieldsAndRowsAddUp) {
  int invoiced = 0, unbilled = 0, rate_only = 0, neither = 0;
  for (const auto& a : data("actions")) {
    if (!(a["actionchargehours"].get<double>() > 0) || !a["actisbillable"].get<bool>()) continue;
    const std::string number = a["actioninvoicenumber"];
    const bool billed = (!number.empty() && number != "0") || a["invoice_id"].get<int>() > 0;
    (billed ? invoiced : unbilled) += 1;
    if (a["actionchargeamount"].get<double>() == 0) (a["chargerate"].get<double>() > 0 ? rate_only : neither) += 1;
  }
  EXPECT_GT(invoiced, 20);
  EXPECT_GT(unbilled, 20);
  EXPECT_GT(rate_only, 5);
  EXPECT_GT(neither, 0);
  Json r = ok("unbilled_time", Json::object());
  std::map<std::string, std::int64_t> cents;
  for (const auto& row : r["clients"]) cents[row["currency"]] += std::llround(row["value"].get<double>() * 100);
  ASSERT_FALSE(r["totals"].empty());
  for (const auto& t : r["totals"]) EXPECT_EQ(std::llround(t["value"].get<double>() * 100), cents[t["currency"]]);
}

}  // namespace

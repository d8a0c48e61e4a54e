// receivables_aging and list_invoices' unpaid_only / overdue_only / days_overdue end to end
// against a hand-made Halo, in-process and through the real executable. Every expected figure is
// worked out by hand below from the dataset, never by the code under test.
//
// Today (and the default as_of) is 2025-06-30. Days before it: 05-31 = 30, 05-30 = 31,
// 05-01 = 60 (May has 31 days), 04-30 = 61, 04-01 = 90 (April has 30), 03-31 = 91,
// 01-15 = 16 (rest of Jan) + 28 + 31 + 30 + 31 + 30 = 166.
//
// Clients: Acme (1, GBP, invoices in "GBP"), Beta (2, GBP, invoices in "£"), Yankee (3, USD,
// invoices in "$": its currencyisocode decides, one GET Client/3).
// Invoice date = due date - 30 unless given.
//   id  client due          days  amountdue  note                                  bucket
//   1   Acme   2025-05-31    30   100.00                                           1_30
//   2   Acme   2025-05-30    31   200.00                                           31_60
//   3   Acme   2025-05-01    60   300.00                                           31_60
//   4   Acme   2025-04-30    61   400.00                                           61_90
//   5   Acme   2025-04-01    90   500.00                                           61_90
//   6   Acme   2025-03-31    91   600.00                                           over_90
//   7   Acme   2025-06-30     0    70.00   due on as_of                            current
//   8   Acme   2025-07-15   -15    80.00   due in the future                       current
//   9   Acme   (none)        20    90.00   no due date: invoice date 2025-06-10    1_30
//   10  Acme   2025-04-15         999.00   voided: ignored (a warning counts it)
//   11  Acme   2025-06-20    10   750.00   part-paid: total 1000, paid 250         1_30
//   12  Acme   2025-06-05    25   -50.00   credit note of 13 (negative amounts)    1_30 as -50.00
//   13  Acme   2025-02-01           0.00   paid: listed nowhere
//   21  Beta   2025-06-01    29  1234.56                                           1_30
//   22  Beta   2025-01-15   166     0.01   one cent                                over_90
//   23  Beta   2025-06-20    10    20.00   credit note of 21 (positive amounts)    1_30 as -20.00
//   31  Yank.  2025-06-25     5  5000.00                                           1_30 (USD)
//
// receivables_aging, as_of 2025-06-30:
//   Acme GBP  current 70 + 80 = 150.00; 1_30 100 + 90 + 750 - 50 = 890.00; 31_60 200 + 300 = 500.00;
//             61_90 400 + 500 = 900.00; over_90 600.00; outstanding 150 + 890 + 500 + 900 + 600 =
//             3040.00; invoices 1-9 and 11 = 10; credit_notes 1; oldest due 2025-03-31.
//   Beta GBP  1_30 1234.56 - 20 = 1214.56; over_90 0.01; outstanding 1214.57; invoices 2;
//             credit_notes 1; oldest due 2025-01-15.
//   Yankee USD 1_30 5000.00; outstanding 5000.00; invoices 1; oldest due 2025-06-25.
//   Order by outstanding: Yankee 5000.00, Acme 3040.00, Beta 1214.57 (never added across currencies).
//   Totals GBP: current 150.00; 1_30 890 + 1214.56 = 2104.56; 31_60 500.00; 61_90 900.00;
//             over_90 600 + 0.01 = 600.01; outstanding 3040 + 1214.57 = 4254.57
//             (= 150 + 2104.56 + 500 + 900 + 600.01); invoices 12; credit_notes 2; oldest 2025-01-15.
//   Totals USD: 1_30 5000.00, outstanding 5000.00, invoices 1.
//   Requests: one invoice page (17 documents: 1-13, 21-23, 31) + GET Client/3 = 2.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "sim_suite.hpp"

namespace {

using tools_test::Via;
using util::Json;

constexpr const char* kNoDate = "1900-01-01T00:00:00";

Json invoice(int id, int client, const char* due, double amountdue, double total) {
  static const char* names[] = {"", "Acme", "Beta", "Yankee"};
  static const char* currencies[] = {"", "GBP", "\xC2\xA3", "$"};
  // Invoice date = due - 30 days, computed by hand below where needed; set by the caller.
  return Json{{"id", id},
              {"invoicenumber", "INV-" + std::to_string(id)},
              {"client_id", client},
              {"client_name", names[client]},
              {"invoice_date", kNoDate},
              {"duedate", due ? due : kNoDate},
              {"voided", false},
              {"posted", true},
              {"revenue", total},
              {"tax_total", 0.0},
              {"total", total},
              {"amountpaid", total - amountdue},
              {"amountdue", amountdue},
              {"currency", currencies[client]},
              {"creditlinkedtoinvoiceid", 0},
              {"contract_id", 0},
              {"ticket_id", 0},
              {"recurring_invoice_id", 0}};
}

Json dated(Json i, const char* invoice_date) {
  i["invoice_date"] = invoice_date;
  return i;
}

Json dataset() {
  Json d = Json::object();
  d["clients"] = Json::array({{{"id", 1}, {"name", "Acme"}, {"inactive", false}, {"currencyisocode", "GBP"}},
                              {{"id", 2}, {"name", "Beta"}, {"inactive", false}, {"currencyisocode", "GBP"}},
                              {{"id", 3}, {"name", "Yankee"}, {"inactive", false}, {"currencyisocode", "USD"}}});
  Json voided = dated(invoice(10, 1, "2025-04-15T00:00:00", 999.0, 999.0), "2025-03-16T00:00:00");
  voided["voided"] = true;
  Json credit12 = dated(invoice(12, 1, "2025-06-05T00:00:00", -50.0, -50.0), "2025-06-05T00:00:00");
  credit12["creditlinkedtoinvoiceid"] = 13;
  Json credit23 = dated(invoice(23, 2, "2025-06-20T00:00:00", 20.0, 20.0), "2025-06-20T00:00:00");
  credit23["creditlinkedtoinvoiceid"] = 21;
  d["invoices"] = Json::array({
      dated(invoice(1, 1, "2025-05-31T00:00:00", 100.0, 100.0), "2025-05-01T00:00:00"),
      dated(invoice(2, 1, "2025-05-30T00:00:00", 200.0, 200.0), "2025-04-30T00:00:00"),
      dated(invoice(3, 1, "2025-05-01T00:00:00", 300.0, 300.0), "2025-04-01T00:00:00"),
      dated(invoice(4, 1, "2025-04-30T00:00:00", 400.0, 400.0), "2025-03-31T00:00:00"),
      dated(invoice(5, 1, "2025-04-01T00:00:00", 500.0, 500.0), "2025-03-02T00:00:00"),
      dated(invoice(6, 1, "2025-03-31T00:00:00", 600.0, 600.0), "2025-03-01T00:00:00"),
      dated(invoice(7, 1, "2025-06-30T00:00:00", 70.0, 70.0), "2025-05-31T00:00:00"),
      dated(invoice(8, 1, "2025-07-15T00:00:00", 80.0, 80.0), "2025-06-15T00:00:00"),
      dated(invoice(9, 1, nullptr, 90.0, 90.0), "2025-06-10T00:00:00"),
      voided,
      dated(invoice(11, 1, "2025-06-20T00:00:00", 750.0, 1000.0), "2025-05-21T00:00:00"),
      credit12,
      dated(invoice(13, 1, "2025-02-01T00:00:00", 0.0, 400.0), "2025-01-02T00:00:00"),
      dated(invoice(21, 2, "2025-06-01T00:00:00", 1234.56, 1234.56), "2025-05-02T00:00:00"),
      dated(invoice(22, 2, "2025-01-15T00:00:00", 0.01, 0.01), "2024-12-16T00:00:00"),
      credit23,
      dated(invoice(31, 3, "2025-06-25T00:00:00", 5000.0, 5000.0), "2025-05-26T00:00:00"),
  });
  for (const char* key : {"tickets", "projects", "actions", "contracts", "recurring_invoices", "agents"}) {
    d[key] = Json::array();
  }
  return d;
}

constexpr const char* kToday = "2025-06-30";
const char* today() { return kToday; }
using Receivables = tools_test::DatasetSuite<dataset, today>;
INSTANTIATE_TEST_SUITE_P(Via, Receivables, ::testing::Values(Via::kInProcess, Via::kExecutable), tools_test::via_name);

Json figures(double current, double d1_30, double d31_60, double d61_90, double over_90, double outstanding,
             int invoices, int credit_notes, const char* oldest) {
  return Json{{"current", current}, {"1_30", d1_30}, {"31_60", d31_60}, {"61_90", d61_90},
              {"over_90", over_90}, {"outstanding", outstanding}, {"invoices", invoices},
              {"credit_notes", credit_notes}, {"oldest_due_date", oldest ? Json(oldest) : Json(nullptr)}};
}

/// The key fields first, as the result lists them (util::Json keeps the order of its keys).
Json with_key(const Json& row, Json key) {
  key.update(row);
  return key;
}

TEST_P(Receivables, AgingFollowsEveryRuleAndNeverMixesCurrencies) {
  Json r = ok("receivables_aging", Json::object());
  EXPECT_EQ(r["as_of"], "2025-06-30");
  EXPECT_EQ(r["amount_basis"], "current_amounts");
  ASSERT_EQ(r["clients"].size(), 3u) << r.dump(2);
  EXPECT_EQ(r["clients"][0], with_key(figures(0, 5000.0, 0, 0, 0, 5000.0, 1, 0, "2025-06-25"),
                                      {{"client_id", 3}, {"client_name", "Yankee"}, {"currency", "USD"}}));
  EXPECT_EQ(r["clients"][1], with_key(figures(150.0, 890.0, 500.0, 900.0, 600.0, 3040.0, 10, 1, "2025-03-31"),
                                      {{"client_id", 1}, {"client_name", "Acme"}, {"currency", "GBP"}}));
  EXPECT_EQ(r["clients"][2], with_key(figures(0, 1214.56, 0, 0, 0.01, 1214.57, 2, 1, "2025-01-15"),
                                      {{"client_id", 2}, {"client_name", "Beta"}, {"currency", "GBP"}}));
  ASSERT_EQ(r["totals"].size(), 2u);
  EXPECT_EQ(r["totals"][0], with_key(figures(150.0, 2104.56, 500.0, 900.0, 600.01, 4254.57, 12, 2, "2025-01-15"),
                                     {{"currency", "GBP"}}));
  EXPECT_EQ(r["totals"][1], with_key(figures(0, 5000.0, 0, 0, 0, 5000.0, 1, 0, "2025-06-25"), {{"currency", "USD"}}));
  // The voided invoice with 999.00 due is in no figure, and said so.
  ASSERT_EQ(r["warnings"].size(), 1u) << r["warnings"].dump();
  EXPECT_EQ(r["warnings"][0]["kind"], "voided_ignored");
  // One invoice page (17 documents, every type, up to as_of) and Yankee's currency: 2 requests.
  EXPECT_EQ(r["sources"]["requests"], 2);
  EXPECT_EQ(r["sources"]["records_read"], 18);  // 17 documents + 1 client
  EXPECT_EQ(api_requests(), 2u);
  EXPECT_EQ(requests("/api/Invoice"), 1u);
  for (const auto& req : harness_->sim().stats().recent) {
    if (req.path != "/api/Invoice") continue;
    EXPECT_EQ(req.params.count("includecredits"), 1u) << req.target;
    ASSERT_EQ(req.params.count("invoicedateend"), 1u) << req.target;
    EXPECT_EQ(req.params.find("invoicedateend")->second, "2025-06-30") << req.target;
  }
}

// as_of 2025-05-31: documents dated after it (8, 9, 12, 23) did not exist yet.
//   Acme: 1 (due 05-31) 0 days current 100; 7 (dated 05-31, due 06-30) -30 current 70;
//         11 (due 06-20) current 750 -> current 920.00; 2 (1 day) 200 + 3 (30 days) 300 = 1_30 500.00;
//         4 (31) 400 + 5 (60) 500 = 31_60 900.00; 6 (61) 61_90 600.00; outstanding 2920.00;
//         invoices 1-7 and 11 = 8; oldest 2025-03-31.
//   Beta: 21 (due 06-01) -1 current 1234.56; 22 (due 01-15: 16 + 28 + 31 + 30 + 31 = 136) over_90
//         0.01; outstanding 1234.57.  Yankee: 31 (due 06-25) current 5000.00.
TEST_P(Receivables, AgingAtAPastDayLeavesOutLaterDocuments) {
  Json r = ok("receivables_aging", {{"as_of", "2025-05-31"}});
  ASSERT_EQ(r["clients"].size(), 3u);
  EXPECT_EQ(r["clients"][1], with_key(figures(920.0, 500.0, 900.0, 600.0, 0, 2920.0, 8, 0, "2025-03-31"),
                                      {{"client_id", 1}, {"client_name", "Acme"}, {"currency", "GBP"}}));
  EXPECT_EQ(r["clients"][2]["current"], 1234.56);
  EXPECT_EQ(r["clients"][2]["over_90"], 0.01);
  EXPECT_EQ(r["clients"][0]["current"], 5000.0);
  // GBP: current 920 + 1234.56 = 2154.56; outstanding 2920 + 1234.57 = 4154.57.
  EXPECT_EQ(r["totals"][0]["current"], 2154.56);
  EXPECT_EQ(r["totals"][0]["outstanding"], 4154.57);
}

// A Halo that ignores invoicedateend: more documents arrive, the same answer.
TEST_P(Receivables, AgingIsTheSameWhenHaloIgnoresTheDateFilter) {
  auto faults = harness_->sim().faults().get();
  faults.ignore_date_filters = true;
  harness_->sim().faults().set(faults);
  Json r = ok("receivables_aging", {{"as_of", "2025-05-31"}});
  EXPECT_EQ(r["totals"][0]["outstanding"], 4154.57);
  EXPECT_EQ(r["totals"][1]["outstanding"], 5000.0);
}

// Beta only: Halo is asked for client 2's invoices; "£" names GBP itself, so no client is read.
TEST_P(Receivables, AgingForOneClient) {
  Json r = ok("receivables_aging", {{"client_id", 2}});
  ASSERT_EQ(r["clients"].size(), 1u);
  EXPECT_EQ(r["clients"][0]["client_id"], 2);
  ASSERT_EQ(r["totals"].size(), 1u);
  EXPECT_EQ(r["totals"][0], with_key(figures(0, 1214.56, 0, 0, 0.01, 1214.57, 2, 1, "2025-01-15"),
                                     {{"currency", "GBP"}}));
  EXPECT_EQ(r["sources"]["requests"], 1);
  for (const auto& req : harness_->sim().stats().recent) {
    if (req.path != "/api/Invoice") continue;
    ASSERT_EQ(req.params.count("client_id"), 1u) << req.target;
    EXPECT_EQ(req.params.find("client_id")->second, "2");
  }
}

TEST_P(Receivables, BadAsOfIsRefusedBeforeAnyRequest) {
  EXPECT_NE(error("receivables_aging", {{"as_of", "2025-02-30"}}).find("as_of"), std::string::npos);
  EXPECT_NE(error("receivables_aging", {{"as_of", "30/06/2025"}}).find("as_of"), std::string::npos);
  EXPECT_NE(error("receivables_aging", {{"client_id", 0}}).find("client_id"), std::string::npos);
  EXPECT_EQ(api_requests(), 0u);
}

std::vector<int> ids_of(const Json& list) {
  std::vector<int> ids;
  for (const auto& item : list["items"]) ids.push_back(item["id"].get<int>());
  return ids;
}

// unpaid_only: not voided, amountdue > 0: 1-9, 11, 21, 22, 31 = 13 (newest first: by invoice date
// 06-15 8, 06-10 9, 05-31 7, 05-26 31, 05-21 11, 05-02 21, 05-01 1, 04-30 2, 04-01 3, 03-31 4,
// 03-02 5, 03-01 6, 12-16 22). With include_credits, the unapplied credit notes 23 (06-20) and
// 12 (06-05) too: 15. One invoice page each, the whole list filtered here.
TEST_P(Receivables, ListInvoicesUnpaidOnly) {
  Json r = ok("list_invoices", {{"unpaid_only", true}, {"page_size", 50}});
  EXPECT_EQ(ids_of(r), (std::vector<int>{8, 9, 7, 31, 11, 21, 1, 2, 3, 4, 5, 6, 22}));
  EXPECT_EQ(r["record_count"], 13);
  EXPECT_EQ(requests("/api/Invoice"), 1u);
  Json c = ok("list_invoices", {{"unpaid_only", true}, {"include_credits", true}, {"page_size", 50}});
  EXPECT_EQ(ids_of(c), (std::vector<int>{23, 8, 9, 12, 7, 31, 11, 21, 1, 2, 3, 4, 5, 6, 22}));
}

// overdue_only: owed and due before today: 1 (30 days), 2, 3, 4, 5, 6, 9 (20, by its invoice
// date), 11 (10), 21 (29), 22 (166), 31 (5) = 11. Not 7 (due today), 8 (due 07-15).
TEST_P(Receivables, ListInvoicesOverdueOnly) {
  Json r = ok("list_invoices", {{"overdue_only", true}, {"page_size", 50}});
  EXPECT_EQ(ids_of(r), (std::vector<int>{9, 31, 11, 21, 1, 2, 3, 4, 5, 6, 22}));
  EXPECT_EQ(r["record_count"], 11);
  // With a window: invoice dates 2025-05-01..2025-05-31 -> 31 (05-26), 11 (05-21), 21 (05-02), 1 (05-01).
  Json w = ok("list_invoices", {{"overdue_only", true}, {"start_date", "2025-05-01"}, {"end_date", "2025-05-31"}});
  EXPECT_EQ(ids_of(w), (std::vector<int>{31, 11, 21, 1}));
}

// Every item: amountdue, duedate, days_overdue (today - due date, else invoice date, while owed).
TEST_P(Receivables, ListInvoicesItemsCarryDaysOverdue) {
  Json r = ok("list_invoices", {{"include_credits", true}, {"page_size", 50}});
  std::map<int, Json> by_id;
  for (const auto& item : r["items"]) by_id[item["id"].get<int>()] = item;
  ASSERT_EQ(by_id.size(), 17u);
  EXPECT_EQ(by_id[1]["days_overdue"], 30);
  EXPECT_EQ(by_id[6]["days_overdue"], 91);
  EXPECT_EQ(by_id[7]["days_overdue"], 0);
  EXPECT_EQ(by_id[8]["days_overdue"], -15);  // due 07-15: not due yet
  EXPECT_EQ(by_id[9]["days_overdue"], 20);   // no due date: from its invoice date 06-10
  EXPECT_EQ(by_id[9]["duedate"], nullptr);
  EXPECT_EQ(by_id[22]["days_overdue"], 166);
  EXPECT_EQ(by_id[10]["days_overdue"], nullptr);  // voided
  EXPECT_EQ(by_id[12]["days_overdue"], nullptr);  // credit note
  EXPECT_EQ(by_id[13]["days_overdue"], nullptr);  // paid
  EXPECT_EQ(by_id[11]["amountdue"], 750.0);
  EXPECT_EQ(by_id[11]["duedate"], "2025-06-20");
}

}  // namespace

namespace {

using tools_test::SimSuite;
using GeneratedReceivables = SimSuite;
INSTANTIATE_TEST_SUITE_P(Via, GeneratedReceivables, ::testing::Values(Via::kInProcess), tools_test::via_name);

// The generated company (today 2025-06-15) owes money in every GBP bucket, has voided invoices still showing an amount due, part-paid invoices and unapplied credit
// notes; the rows add up to the totals to the cent.
TEST_P(GeneratedReceivables, EveryBucketHasDebtsAndRowsAddUpToTotals) {
  Json r = ok("receivables_aging", Json::object());
  Json gbp;
  for (const auto& t : r["totals"]) {
    if (t["currency"] == "GBP") gbp = t;
  }
  ASSERT_TRUE(gbp.is_object()) << r["totals"].dump();
  for (const char* bucket : {"current", "1_30", "31_60", "61_90", "over_90"}) {
    EXPECT_GT(gbp[bucket].get<double>(), 0.0) << bucket;
  }
  EXPECT_GT(gbp["credit_notes"].get<int>(), 0);
  bool voided_seen = false;
  for (const auto& w : r["warnings"]) voided_seen = voided_seen || w["kind"] == "voided_ignored";
  EXPECT_TRUE(voided_seen);
  // Rows add up to the totals, per currency, in cents.
  std::map<std::string, std::int64_t> cents;
  for (const auto& c : r["clients"]) {
    cents[c["currency"].get<std::string>()] += std::llround(c["outstanding"].get<double>() * 100);
  }
  for (const auto& t : r["totals"]) {
    EXPECT_EQ(cents[t["currency"].get<std::string>()], std::llround(t["outstanding"].get<double>() * 100));
  }
  // Part-paid invoices exist: something paid and something still due.
  const auto part_paid = count("invoices", [](const Json& i) {
    return !i["voided"].get<bool>() && i["amountdue"].get<double>() > 0 && i["amountpaid"].get<double>() > 0;
  });
  EXPECT_GT(part_paid, 0);
}

// overdue_only lists the invoices the dataset says are owed (not voided, not a credit note,
// amountdue > 0) and due before today (due date, else invoice date, before 2025-06-15).
TEST_P(GeneratedReceivables, OverdueOnlyMatchesTheDataset) {
  const auto expected = count("invoices", [](const Json& i) {
    if (i["voided"].get<bool>() || i["creditlinkedtoinvoiceid"].get<int>() > 0) return false;
    if (i["amountdue"].get<double>() <= 0) return false;
    std::string due = i["duedate"].get<std::string>().substr(0, 10);
    if (due < "1901") due = i["invoice_date"].get<std::string>().substr(0, 10);
    return due < "2025-06-15";
  });
  ASSERT_GT(expected, 0);
  Json r = ok("list_invoices", {{"overdue_only", true}, {"page_size", 1}});
  EXPECT_EQ(r["record_count"], expected);
}

// Progress: the generated company's invoices up to today take several pages (about 1000
// documents, 100 a page), each reported as it is read; a cancelled call stops with a sentence
// that says so.
TEST_P(GeneratedReceivables, ReportsPagesAndStopsWhenCancelled) {
  std::vector<double> seen;
  mcp::ToolContext context;
  context.progress = [&](double done, std::optional<double>, std::string_view) { seen.push_back(done); };
  mcp::ToolOutcome a = harness_->call("receivables_aging", Json::object(), context);
  ASSERT_FALSE(a.is_error) << a.error_text;
  EXPECT_GT(seen.size(), 2u);
  EXPECT_GE(static_cast<int>(seen.size()), a.structured["sources"]["requests"].get<int>() - 1);

  util::CancellationSource source;
  source.cancel();
  mcp::ToolContext cancelled;
  cancelled.cancel = source.token();
  mcp::ToolOutcome b = harness_->call("receivables_aging", Json::object(), cancelled);
  EXPECT_TRUE(b.is_error);
  EXPECT_NE(b.error_text.find("cancelled"), std::string::npos) << b.error_text;
}

}  // namespace

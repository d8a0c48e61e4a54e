// Pins the generated dataset and the answers of representative endpoints byte for byte, so a change
// that was meant to be a pure reshuffle of the simulator (moving code, splitting files) cannot
// silently move a random draw or an answer: every figure downstream of a moved draw changes.
// When the dataset or an answer is changed on purpose, update the pinned hash below together with
// that change and say so; the record counts are worked out from the generator's scale formulas
// and say whether a hash mismatch comes from different counts or from different values.
//
// Last changed on purpose: the service-desk analytics data. Tickets and projects gained Halo's SLA
// fields, agents their cost price, charge rate and working hours, a few unbilled time entries keep
// their charge hours, the SLA-by-priority report is computed from the tickets, and five reports
// were added (Monthly SLA, two near-duplicates, Tickets Closed per Day, one that fails to load).
// All of it draws from side streams, so every other field of every record kept its value.
// Then: billable actions gained their billing (actioninvoicenumber, invoice_id, chargerate,
// some amounts 0), from the action's own side stream: only the actions changed.
// Then: contracts and recurring-invoice templates gained renewal-horizon and short-lived records
// (contract_renewals, mrr_trend), each from its own side stream and left out of invoicing: only
// the contracts and recurring_invoices collections changed.
#include <cstdint>

#include "sim_test_support.hpp"

namespace sim::testing {
namespace {

/// FNV-1a, 64 bits: the same value on every platform (std::hash is not).
std::uint64_t fnv1a(const std::string& text, std::uint64_t hash = 14695981039346656037ull) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

TEST(SimGolden, HashingTellsTextsApart) {
  EXPECT_EQ(fnv1a(""), 14695981039346656037ull);
  EXPECT_EQ(fnv1a("a"), 0xaf63dc4c8601ec8cull);  // the published FNV-1a test vector
  EXPECT_NE(fnv1a("ab"), fnv1a("ba"));
}

TEST(SimGolden, DatasetAtScaleOneForAFixedTodayIsUnchanged) {
  auto d = generate_dataset({42, 1.0, kToday});
  ASSERT_TRUE(d);
  // Scale 1: 25 clients, 300 tickets, 15 projects each with 2 tasks (45 records), 150 assets, lround(8 * sqrt(1)) = 8 agents,
  // 30 contracts plus the lapsed copy of the first plus 8 renewal/short-lived ones (4 ending over
  // the coming year, 4 that started and ended within two years), 7 statuses, 3 teams, 11 saved reports.
  EXPECT_EQ((*d)["clients"].size(), 25u);
  EXPECT_EQ((*d)["tickets"].size(), 300u);
  EXPECT_EQ((*d)["projects"].size(), 45u);
  EXPECT_EQ((*d)["assets"].size(), 150u);
  EXPECT_EQ((*d)["agents"].size(), 8u);
  EXPECT_EQ((*d)["contracts"].size(), 39u);
  EXPECT_EQ((*d)["statuses"].size(), 7u);
  EXPECT_EQ((*d)["teams"].size(), 3u);
  EXPECT_EQ((*d)["reports"].size(), 11u);
  EXPECT_EQ(fnv1a(d->dump()), 0xde61c1fb81eda9b0ull) << "seed 42, scale 1, today " << kToday;
}

TEST(SimGolden, DatasetForAnotherSeedScaleAndLeapDayIsUnchanged) {
  auto d = generate_dataset({7, 2.5, "2024-02-29"});
  ASSERT_TRUE(d);
  EXPECT_EQ((*d)["clients"].size(), 63u);  // lround(25 * 2.5) = 62.5 rounded away from zero
  EXPECT_EQ(fnv1a(d->dump()), 0xdbdc3620d28204d4ull) << "seed 7, scale 2.5, today 2024-02-29";
}

using GoldenEndpoints = SimFixture;

// Lists with filters and dates, paging and its cap, envelopes and bare arrays, list vs detail
// forms, 404s, and reports run with loadreport=true, over the seed-42 dataset at scale 1.
TEST_F(GoldenEndpoints, AnswersAreUnchanged) {
  const char* const paths[] = {
      "/api/Tickets?pageinate=true&page_size=10&page_no=3",
      "/api/Tickets?pageinate=true&page_size=500&page_no=2",
      "/api/Tickets?count=7&includedetails=true",
      "/api/Tickets?client_id=14&open_only=true",
      "/api/Tickets?closed_only=true&order=dateoccurred&orderdesc=true&count=40",
      "/api/Tickets?status_id=1,2,3&order=priority_id",
      "/api/Tickets?ticketids=1001,1005,1301",
      "/api/Tickets?search=PRINTER",
      "/api/Tickets?datesearch=dateoccured&startdate=2025-05-01&enddate=2025-05-31",
      "/api/Tickets?datesearch=datecleared&startdate=2025-01-01&enddate=2025-03-31T12:00:00",
      "/api/Tickets?includeprojects=true&pageinate=true&page_size=100&page_no=3",
      "/api/Tickets/1001",
      "/api/tickets/1301",
      "/api/Tickets/99999",
      "/api/Projects?pageinate=true&page_size=5&page_no=2",
      "/api/Projects/1301",
      "/api/Actions?ticket_id=1001",
      "/api/Actions?ticket_id=1003&timeentriesonly=true&excludeprivate=true",
      "/api/Actions?startdate=2025-06-01&enddate=2025-06-10&order=datetime&orderdesc=true",
      "/api/TimesheetEvent?agent_id=5&start_date=2025-05-01&end_date=2025-05-31",
      "/api/TimesheetEvent?agents=2,3&order=start_date&orderdesc=true",
      "/api/Client?includeinactive=true&toplevel_id=1",
      "/api/Client/12",
      "/api/Site?client_id=12&includeinactive=true",
      "/api/Users?search=example&pageinate=true&page_size=100&page_no=2",
      "/api/Asset?assettype_id=2&order=warranty_end",
      "/api/ClientContract?includeinactive=true&order=start_date&orderdesc=true",
      "/api/ClientContract/8",
      "/api/Invoice?includecredits=true&order=invoice_date&orderdesc=true&pageinate=true&page_size=100&page_no=5",
      "/api/Invoice?client_ids=12,13&postedonly=true&includelines=true",
      "/api/Invoice?search=cn-&includecredits=true",
      "/api/Invoice/1",
      "/api/RecurringInvoice?includelines=true",
      "/api/RecurringInvoice/1",
      "/api/Agent?includedisabled=true&team_id=1",
      "/api/Agent/me",
      "/api/Report?search=revenue",
      "/api/Report/1?loadreport=true",
      "/api/Report/2?loadreport=true",
      "/api/Report/4?loadreport=true",
      "/api/Report/5?loadreport=true",
      "/api/Report/6?loadreport=true",
      "/api/Status",
      "/api/Team",
      "/api/Project",
  };
  std::uint64_t hash = fnv1a("");
  for (const char* path : paths) {
    Reply r = api(path);
    ASSERT_GT(r.status, 0) << path;
    hash = fnv1a(std::string(path) + " " + std::to_string(r.status) + "\n" + r.body + "\n", hash);
  }
  EXPECT_EQ(hash, 0x2889d160b3afb197ull);
}

}  // namespace
}  // namespace sim::testing

// Paging, envelopes, bare arrays, details, ordering and Halo's quirks, as Halo answers them.
#include "sim_test_support.hpp"

namespace sim::testing {
namespace {

using ListingTest = SimFixture;

TEST_F(ListingTest, PagingIsOneBasedCappedAndCountsAllMatches) {
  Reply all = api("/api/Tickets?pageinate=true&page_size=100&page_no=1");
  ASSERT_EQ(all.status, 200);
  const int total = all.json["record_count"];
  EXPECT_GT(total, 150);
  EXPECT_EQ(all.json["tickets"].size(), 100u);
  EXPECT_EQ(all.json["page_no"], 1);

  Reply capped = api("/api/Tickets?pageinate=true&page_size=500&page_no=1");
  EXPECT_EQ(capped.json["tickets"].size(), 100u) << "page_size is capped at 100";
  EXPECT_EQ(capped.json["record_count"], total);

  Reply p1 = api("/api/Tickets?pageinate=true&page_size=7&page_no=1");
  Reply p2 = api("/api/Tickets?pageinate=true&page_size=7&page_no=2");
  ASSERT_EQ(p1.json["tickets"].size(), 7u);
  EXPECT_NE(p1.json["tickets"][0]["id"], p2.json["tickets"][0]["id"]);
  EXPECT_EQ(p2.json["tickets"][0]["id"], all.json["tickets"][7]["id"]);

  const int last_page = (total + 99) / 100;
  Reply last = api("/api/Tickets?pageinate=true&page_size=100&page_no=" + std::to_string(last_page));
  EXPECT_EQ(last.json["tickets"].size(), static_cast<std::size_t>(total - (last_page - 1) * 100));
  Reply beyond = api("/api/Tickets?pageinate=true&page_size=100&page_no=" + std::to_string(last_page + 1));
  EXPECT_TRUE(beyond.json["tickets"].empty());
}

TEST_F(ListingTest, UnpagedListsReturnAboutFiftyOrCount) {
  Reply r = api("/api/Tickets?page_size=10");
  EXPECT_EQ(r.json["tickets"].size(), 50u) << "page_size is ignored without pageinate";
  EXPECT_FALSE(r.json.contains("page_no"));
  EXPECT_EQ(api("/api/Tickets?count=12").json["tickets"].size(), 12u);
}

TEST_F(ListingTest, EnvelopesAndBareArrays) {
  const std::pair<const char*, const char*> enveloped[] = {
      {"/api/Tickets", "tickets"},     {"/api/Client", "clients"},          {"/api/Site", "sites"},
      {"/api/Users", "users"},         {"/api/Asset", "assets"},            {"/api/ClientContract", "contracts"},
      {"/api/Invoice", "invoices"},    {"/api/RecurringInvoice", "invoices"}, {"/api/Projects", "tickets"},
      {"/api/Report", "reports"},      {"/api/Actions?ticket_id=1001", "actions"}};
  for (const auto& [path, key] : enveloped) {
    Reply r = api(path);
    ASSERT_EQ(r.status, 200) << path;
    ASSERT_TRUE(r.json.is_object()) << path;
    EXPECT_TRUE(r.json[key].is_array()) << path;
    EXPECT_FALSE(r.json[key].empty()) << path;
    EXPECT_TRUE(r.json["record_count"].is_number_integer()) << path;
  }
  for (const char* path : {"/api/Agent", "/api/Status", "/api/TimesheetEvent"}) {
    Reply r = api(path);
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_TRUE(r.json.is_array()) << path;
    EXPECT_FALSE(r.json.empty()) << path;
  }
}

TEST_F(ListingTest, PathsAreCaseInsensitive) {
  EXPECT_EQ(api("/API/clientcontract").json["contracts"].size(), api("/api/ClientContract").json["contracts"].size());
  EXPECT_EQ(api("/api/Project").status, 404) << "only /Projects exists";
}

TEST_F(ListingTest, DetailIsBareObjectOr404) {
  Reply t = api("/api/Tickets/1001");
  ASSERT_EQ(t.status, 200);
  EXPECT_EQ(t.json["id"], 1001);
  EXPECT_TRUE(t.json.contains("details"));
  EXPECT_TRUE(t.json.contains("status_name"));
  Reply missing = api("/api/Tickets/999999");
  EXPECT_EQ(missing.status, 404);
  EXPECT_TRUE(missing.json.contains("Message"));
  EXPECT_EQ(api("/api/Invoice/abc").status, 404);
  EXPECT_EQ(api("/api/Client/1").status, 404);
}

TEST_F(ListingTest, TicketListOmitsNamesUnlessDetailsAsked) {
  Reply plain = api("/api/Tickets?count=5");
  EXPECT_FALSE(plain.json["tickets"][0].contains("status_name"));
  EXPECT_FALSE(plain.json["tickets"][0].contains("agent_name"));
  Reply detailed = api("/api/Tickets?count=5&includedetails=true");
  EXPECT_TRUE(detailed.json["tickets"][0].contains("status_name"));
  EXPECT_TRUE(detailed.json["tickets"][0].contains("agent_name"));
}

TEST_F(ListingTest, ContractDetailAddsBillingPeriodString) {
  Reply list = api("/api/ClientContract?includeinactive=true");
  ASSERT_FALSE(list.json["contracts"].empty());
  for (const auto& c : list.json["contracts"]) EXPECT_FALSE(c.contains("billing_period_string"));
  const int id = list.json["contracts"][0]["id"];
  Reply detail = api("/api/ClientContract/" + std::to_string(id));
  EXPECT_TRUE(detail.json.contains("billing_period_string"));
  EXPECT_TRUE(detail.json.contains("billingperiod"));
}

TEST_F(ListingTest, InvoiceLinesOnlyWhenAskedAndAlwaysOnDetail) {
  Reply plain = api("/api/Invoice?count=3");
  EXPECT_FALSE(plain.json["invoices"][0].contains("lines"));
  Reply lines = api("/api/Invoice?count=3&includelines=true");
  EXPECT_FALSE(lines.json["invoices"][0]["lines"].empty());
  const int id = plain.json["invoices"][0]["id"];
  EXPECT_FALSE(api("/api/Invoice/" + std::to_string(id)).json["lines"].empty());
}

TEST_F(ListingTest, InvoicesOrderByDateDescending) {
  Reply r = api("/api/Invoice?pageinate=true&page_size=100&page_no=1&order=invoice_date&orderdesc=true");
  const auto& items = r.json["invoices"];
  ASSERT_EQ(items.size(), 100u);
  for (std::size_t i = 1; i < items.size(); ++i) {
    EXPECT_GE(items[i - 1]["invoice_date"].get<std::string>(), items[i]["invoice_date"].get<std::string>());
  }
  EXPECT_LE(items[0]["invoice_date"].get<std::string>().substr(0, 10), std::string(kToday));
}

// Halo reads includeinvoices / includecredits as a set of types (its own web UI sends both):
// invoices only by default, credit notes only with includecredits alone, both with both.
TEST_F(ListingTest, InvoiceTypeFlagsAreASet) {
  auto count_credits = [](const util::Json& items) {
    int n = 0;
    for (const auto& i : items) n += i["creditlinkedtoinvoiceid"].get<int>() > 0;
    return n;
  };
  const std::string base = "/api/Invoice?pageinate=true&page_size=100&page_no=1&order=invoice_date&orderdesc=true";
  Reply plain = api(base);
  Reply credits_only = api(base + "&includecredits=true");
  Reply invoices_only = api(base + "&includeinvoices=true");
  Reply both = api(base + "&includeinvoices=true&includecredits=true");
  const int invoices = plain.json["record_count"], credits = credits_only.json["record_count"];
  EXPECT_GT(credits, 0);
  EXPECT_GT(invoices, credits);
  EXPECT_EQ(invoices_only.json["record_count"].get<int>(), invoices);
  EXPECT_EQ(both.json["record_count"].get<int>(), invoices + credits);
  EXPECT_EQ(count_credits(plain.json["invoices"]), 0);
  EXPECT_EQ(count_credits(credits_only.json["invoices"]), static_cast<int>(credits_only.json["invoices"].size()))
      << "includecredits alone: credit notes only";
}

TEST_F(ListingTest, HaloQuirksArePresent) {
  bool sentinel = false, seven_digits = false;
  Reply tickets = api("/api/Tickets?count=100");
  for (const auto& t : tickets.json["tickets"]) {
    sentinel |= t["dateclosed"] == "1900-01-01T00:00:00";
    const std::string d = t["dateoccurred"];
    seven_digits |= d.size() == 28 && d[19] == '.' && d.back() == 'Z';
  }
  EXPECT_TRUE(sentinel);
  EXPECT_TRUE(seven_digits);
  Reply sites = api("/api/Site?count=1");
  EXPECT_TRUE(sites.json["sites"][0]["client_id"].is_number_float()) << "Site.client_id is a double";
  Reply inv = api("/api/Invoice?count=1");
  EXPECT_TRUE(inv.json["invoices"][0]["revenue"].is_number_float());
}

TEST_F(ListingTest, SavedReportRunsAsStrings) {
  Reply list = api("/api/Report");
  ASSERT_GE(list.json["reports"].size(), 6u);
  EXPECT_FALSE(list.json["reports"][0].contains("rows"));
  Reply run = api("/api/Report/1?loadreport=true");
  ASSERT_EQ(run.status, 200);
  EXPECT_EQ(run.json["report"]["loaded"], true);
  ASSERT_FALSE(run.json["report"]["rows"].empty());
  for (const auto& [k, v] : run.json["report"]["rows"][0].items()) EXPECT_TRUE(v.is_string()) << k;
  EXPECT_FALSE(api("/api/Report/1").json.contains("report"));
}

}  // namespace
}  // namespace sim::testing

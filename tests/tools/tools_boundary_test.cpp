// Paging at the boundaries for every paging flow, on a hand-built dataset, in-process and through
// the real executable: an empty result, exactly 100 records (one full page, no more) and 101
// (has_more, then a page of one). The flows: Halo-paged lists (clients, assets, sites), the
// filtered walk over every page (recurring invoices without the disabled ones), the invoice-date
// window, unpaged lists sliced here (agents, ticket actions) and the time-entries fold. Also
// Halo's odd types.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <set>
#include <string>

#include "sim_suite.hpp"

namespace {

using tools_test::DatasetSuite;
using tools_test::Harness;
using tools_test::Via;
using util::Json;

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

/// A date-time in `month` of 2025, distinct for each i (0..) so the order is total.
std::string stamp(int month, int i) {
  return "2025-" + two(month) + "-" + two(1 + i % 28) + "T" + two(i / 28) + ":00:00";
}

Json boundary_dataset() {
  Json dataset = Json::object();
  dataset["clients"] = Json::array();
  for (int i = 1; i <= 101; ++i) {
    dataset["clients"].push_back(Json{{"id", i}, {"name", "Client " + std::to_string(i)}, {"inactive", false},
                                      {"toplevel_id", 1}, {"toplevel_name", "Customers"}});
  }
  dataset["assets"] = Json::array();
  for (int i = 1; i <= 100; ++i) {
    dataset["assets"].push_back(Json{{"id", i}, {"inventory_number", "A-" + std::to_string(i)},
                                     {"client_id", 1.0}, {"client_name", "Client 1"}, {"site_id", "1"},
                                     {"site_name", "HQ"}, {"assettype_name", "Laptop"}, {"inactive", false},
                                     {"warranty_end", "1900-01-01T00:00:00"}});
  }
  dataset["sites"] = Json::array();
  dataset["contracts"] = Json::array({Json{{"id", 1}, {"client_id", 1}, {"client_name", "Client 1"}, {"ref", "C-1"},
                                           {"billingperiod", 77}, {"periodchargeamount", 120.0}, {"active", true},
                                           {"start_date", "2024-01-01T00:00:00.1234567Z"},
                                           {"end_date", "1900-01-01T00:00:00"}}});
  // Templates: client 1 has 100 enabled (and 3 disabled), client 2 has 101, client 3 only disabled.
  dataset["recurring_invoices"] = Json::array();
  int id = 1;
  auto add_template = [&](int client, bool disabled) {
    dataset["recurring_invoices"].push_back(Json{{"id", id++}, {"client_id", client},
                                                 {"client_name", "Client " + std::to_string(client)},
                                                 {"period", 2}, {"periodname", "Monthly"}, {"revenue", 10.0},
                                                 {"tax_total", 2.0}, {"total", 12.0}, {"disabled", disabled},
                                                 {"startdate", "2024-01-01T00:00:00"}, {"contract_id", 0},
                                                 {"reference", "T-" + std::to_string(id)}});
  };
  for (int i = 0; i < 103; ++i) add_template(1, i % 34 == 33);
  for (int i = 0; i < 101; ++i) add_template(2, false);
  for (int i = 0; i < 2; ++i) add_template(3, true);
  // Invoices: in March 2025 client 1 has 100 and client 2 has 101; client 3 has none (January
  // and May ones, on both sides of the window, for every client).
  dataset["invoices"] = Json::array();
  id = 1;
  auto add_invoice = [&](int client, const std::string& date) {
    dataset["invoices"].push_back(Json{{"id", id}, {"invoicenumber", "INV-" + std::to_string(id)},
                                       {"client_id", client}, {"client_name", "Client " + std::to_string(client)},
                                       {"invoice_date", date}, {"revenue", 100.0}, {"tax_total", 20.0},
                                       {"total", 120.0}, {"currency", "GBP"}, {"creditlinkedtoinvoiceid", 0}});
    ++id;
  };
  for (int client = 1; client <= 3; ++client) {
    for (int i = 0; i < 5; ++i) add_invoice(client, stamp(1, i));
    for (int i = 0; i < 5; ++i) add_invoice(client, stamp(5, i));
  }
  for (int i = 0; i < 100; ++i) add_invoice(1, stamp(3, i));
  for (int i = 0; i < 101; ++i) add_invoice(2, stamp(3, i));
  // Agents: 100 enabled and one disabled.
  dataset["agents"] = Json::array();
  for (int i = 1; i <= 101; ++i) {
    dataset["agents"].push_back(Json{{"id", i}, {"name", "Agent " + std::to_string(i)},
                                     {"email", "a" + std::to_string(i) + "@example.com"}, {"team", "Support"},
                                     {"isdisabled", i == 101}});
  }
  // Actions with time: ticket 1 has 100, ticket 2 has 101, ticket 3 none.
  dataset["actions"] = Json::array();
  id = 1;
  auto add_action = [&](int ticket, int i, double hours) {
    dataset["actions"].push_back(Json{{"id", id++}, {"ticket_id", ticket}, {"who", "Agent 1"}, {"who_agentid", 1},
                                      {"datetime", stamp(4, i)}, {"note", "work " + std::to_string(i)},
                                      {"outcome", "Note"}, {"timetaken", hours}, {"actionchargehours", hours},
                                      {"action_systemid", 0}, {"hiddenfromuser", false}});
  };
  for (int i = 0; i < 100; ++i) add_action(1, i, 0.5);
  for (int i = 0; i < 101; ++i) add_action(2, i, 0.25);
  return dataset;
}

class ToolsBoundary : public DatasetSuite<boundary_dataset> {
 protected:
  /// Pages of 100 of a result that holds `total` records: counts, has_more, the page of the
  /// remainder and the page past the end; no record on two pages.
  void expect_pages(const std::string& tool, Json args, std::size_t total) {
    SCOPED_TRACE(tool + " " + args.dump());
    args["page_size"] = 100;
    Json first = ok(tool, args);
    EXPECT_EQ(first["record_count"], total);
    EXPECT_EQ(first["items"].size(), std::min<std::size_t>(total, 100));
    EXPECT_EQ(first["has_more"], total > 100);
    args["page_no"] = 2;
    Json second = ok(tool, args);
    EXPECT_EQ(second["record_count"], total);
    EXPECT_EQ(second["items"].size(), total > 100 ? total - 100 : 0);
    EXPECT_FALSE(second["has_more"].get<bool>());
    std::set<std::int64_t> ids;
    for (const Json* page : {&first, &second}) {
      for (const auto& item : (*page)["items"]) ids.insert(item["id"].get<std::int64_t>());
    }
    EXPECT_EQ(ids.size(), total);
  }
};

INSTANTIATE_TEST_SUITE_P(Via, ToolsBoundary, ::testing::Values(Via::kInProcess, Via::kExecutable),
                         tools_test::via_name);

const Json kMarch{{"start_date", "2025-03-01"}, {"end_date", "2025-03-31"}};

Json with(Json base, const Json& more) {
  for (auto& [key, value] : more.items()) base[key] = value;
  return base;
}

TEST_P(ToolsBoundary, HaloPagedLists) {
  expect_pages("list_sites", Json::object(), 0);
  expect_pages("list_assets", Json::object(), 100);
  expect_pages("list_clients", Json::object(), 101);
  Json second = ok("list_clients", {{"page_size", 100}, {"page_no", 2}});
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_EQ(second["items"][0]["id"], 101);
}

TEST_P(ToolsBoundary, FilteredWalkOverEveryPage) {
  expect_pages("list_recurring_invoices", {{"client_id", 3}}, 0);
  expect_pages("list_recurring_invoices", {{"client_id", 1}}, 100);  // 103 in Halo, 3 disabled
  expect_pages("list_recurring_invoices", {{"client_id", 2}}, 101);
  expect_pages("list_recurring_invoices", {{"client_id", 1}, {"include_disabled", true}}, 103);
}

TEST_P(ToolsBoundary, InvoiceDateWindow) {
  expect_pages("list_invoices", with(kMarch, {{"client_id", 3}}), 0);
  expect_pages("list_invoices", with(kMarch, {{"client_id", 1}}), 100);
  expect_pages("list_invoices", with(kMarch, {{"client_id", 2}}), 101);
  // Held in a named value: a range-for over ok(...)["items"] would iterate a destroyed temporary.
  const Json page = ok("list_invoices", with(kMarch, {{"client_id", 2}, {"page_size", 100}}));
  ASSERT_EQ(page["items"].size(), 100u);
  for (const auto& i : page["items"]) {
    EXPECT_EQ(i["invoice_date"].get<std::string>().substr(0, 7), "2025-03");
  }
}

TEST_P(ToolsBoundary, UnpagedListsSlicedHere) {
  expect_pages("list_agents", {{"search", "nobody"}}, 0);
  expect_pages("list_agents", Json::object(), 100);  // the disabled one left out
  expect_pages("list_agents", {{"include_disabled", true}}, 101);
  expect_pages("list_ticket_actions", {{"ticket_id", 3}}, 0);
  expect_pages("list_ticket_actions", {{"ticket_id", 1}}, 100);
  expect_pages("list_ticket_actions", {{"ticket_id", 2}}, 101);
}

TEST_P(ToolsBoundary, TimeEntriesFold) {
  expect_pages("list_time_entries", {{"ticket_id", 3}}, 0);
  expect_pages("list_time_entries", {{"ticket_id", 1}}, 100);
  expect_pages("list_time_entries", {{"ticket_id", 2}}, 101);
  // The totals cover every entry, not the page.
  Json empty = ok("list_time_entries", {{"ticket_id", 3}});
  EXPECT_EQ(empty["total_hours"], 0.0);
  Json last = ok("list_time_entries", {{"ticket_id", 2}, {"page_size", 100}, {"page_no", 2}});
  EXPECT_DOUBLE_EQ(last["total_hours"].get<double>(), 25.25);
  EXPECT_DOUBLE_EQ(ok("list_time_entries", {{"ticket_id", 1}})["total_hours"].get<double>(), 50.0);
}

TEST_P(ToolsBoundary, HaloOddTypesComeOutUniform) {
  Json r = ok("list_assets", {{"page_size", 100}});
  ASSERT_FALSE(r["items"].empty());
  EXPECT_TRUE(r["items"][0]["client_id"].is_number_integer());  // 1.0 in Halo
  EXPECT_EQ(r["items"][0]["site_id"], 1);                       // "1" in Halo
}

TEST_P(ToolsBoundary, UnknownPeriodIsNullNotGuessed) {
  Json r = ok("list_contracts", Json::object());
  ASSERT_EQ(r["items"].size(), 1u);
  const Json& c = r["items"][0];
  EXPECT_TRUE(c["billing_period"].is_null());
  EXPECT_TRUE(c["monthly_value"].is_null());
  EXPECT_EQ(c["period_amount"], 120.0);
  EXPECT_EQ(c["start_date"], "2024-01-01");
  EXPECT_TRUE(c["end_date"].is_null());
}

}  // namespace

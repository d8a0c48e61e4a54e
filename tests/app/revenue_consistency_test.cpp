// revenue_breakdown over the generated demo company at scale, through the real executable: the
// figures must be internally consistent whatever the data. Totals per currency equal the sum of
// the rows to the cent, arr is 12 x mrr, every row's mrr equals its counted items, and no
// contract or template is counted twice (a contract billed through a template counts 0).
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "support/process.hpp"

using nlohmann::json;
using testsupport::build_path;
using testsupport::run;

namespace {

long long cents(const json& v) { return std::llround(v.get<double>() * 100.0); }

class RevenueAtScale : public ::testing::TestWithParam<const char*> {};

TEST_P(RevenueAtScale, TotalsAreSumsOfRowsAndNothingIsCountedTwice) {
  auto r = run({build_path("halo-psa-mcp"), "--demo", "--demo-scale", GetParam(), "call", "revenue_breakdown",
                R"({"include_all_items":true})", "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  const json out = json::parse(r.out);
  ASSERT_FALSE(out["clients"].empty());
  EXPECT_EQ(out["clients_total"].get<std::size_t>(), out["clients"].size());

  struct Sums { long long mrr = 0, arr = 0, recurring = 0, non_recurring = 0; std::set<long long> clients; };
  std::map<std::string, Sums> by_currency;
  std::set<std::pair<std::string, long long>> counted;
  for (const auto& row : out["clients"]) {
    auto& sums = by_currency[row["currency"].get<std::string>()];
    sums.clients.insert(row["client_id"].get<long long>());
    ASSERT_FALSE(row["mrr"].is_null()) << "no source failed, so no figure may be null";
    sums.mrr += cents(row["mrr"]);
    sums.arr += cents(row["arr"]);
    sums.recurring += cents(row["recurring_invoiced"]);
    sums.non_recurring += cents(row["non_recurring_total"]);
    EXPECT_EQ(cents(row["arr"]), 12 * cents(row["mrr"])) << row.dump();
    EXPECT_EQ(cents(row["non_recurring_total"]), cents(row["project_total"]) + cents(row["ad_hoc_total"])) << row.dump();

    long long counted_monthly = 0;  // exact item values are rounded per item: allow a cent per item
    int counted_items = 0;
    for (const auto& item : row["recurring_items"]) {
      const std::string status = item["status"];
      if (status == "billed_via_recurring_invoice") {
        EXPECT_EQ(cents(item["monthly_value"]), 0) << item.dump();
      }
      if (status != "counted") continue;
      ++counted_items;
      counted_monthly += cents(item["monthly_value"]);
      EXPECT_TRUE(counted.emplace(item["kind"].get<std::string>(), item["id"].get<long long>()).second)
          << "counted twice: " << item.dump();
    }
    EXPECT_LE(std::llabs(counted_monthly - cents(row["mrr"])), counted_items) << row.dump();
  }
  for (const auto& total : out["totals"]) {
    const auto& sums = by_currency[total["currency"].get<std::string>()];
    EXPECT_EQ(cents(total["mrr"]), sums.mrr) << total.dump();
    EXPECT_EQ(cents(total["arr"]), sums.arr) << total.dump();
    EXPECT_EQ(cents(total["recurring_invoiced"]), sums.recurring) << total.dump();
    EXPECT_EQ(cents(total["non_recurring_total"]), sums.non_recurring) << total.dump();
    EXPECT_EQ(total["clients"].get<std::size_t>(), sums.clients.size()) << total.dump();
  }
  EXPECT_EQ(out["totals"].size(), by_currency.size());
  EXPECT_GT(out["sources"]["invoices"].get<long long>(), 0);
}

// The demo company and one about ten times its size (about 10k invoices).
INSTANTIATE_TEST_SUITE_P(Demo, RevenueAtScale, ::testing::Values("1", "10"));

}  // namespace

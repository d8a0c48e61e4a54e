// revenue_breakdown on a tenant with thousands of clients, end to end against the simulator: the
// MCP message stays bounded, the cut is marked where the model reads it, and the totals are still
// the exact totals over every client (worked out here from how the dataset is built, not from
// the tool).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "tools/result_bounds.hpp"
#include "sim_fixture.hpp"
#include "util/json.hpp"

namespace {

using util::Json;

constexpr int kClients = 2500;

// Client i (1..kClients), GBP: two monthly contracts of (10 + i) and 5.00, one ad hoc invoice of
// (100 + i) dated inside the default window, and for every 4th client a contract with an
// unmappable period code (not counted; an unknown_period warning each).
Json big_tenant() {
  Json data;
  Json clients = Json::array(), contracts = Json::array(), invoices = Json::array();
  for (int i = 1; i <= kClients; ++i) {
    const std::string name = "Client number " + std::to_string(i) + " Holdings Limited";
    clients.push_back({{"id", i}, {"name", name}, {"currencyisocode", "GBP"}, {"inactive", false}});
    auto contract = [&](int id, int code, double amount) {
      return Json{{"id", id}, {"client_id", i}, {"client_name", name}, {"ref", "C-" + std::to_string(id)},
                  {"start_date", "2024-01-01T00:00:00"}, {"end_date", "1900-01-01T00:00:00"}, {"expired", false},
                  {"active", true}, {"billingperiod", code}, {"periodchargeamount", amount}};
    };
    contracts.push_back(contract(100000 + i, 2, 10.0 + i));
    contracts.push_back(contract(200000 + i, 2, 5.0));
    if (i % 4 == 0) contracts.push_back(contract(300000 + i, 12, 7.0));  // code 12: no period, not counted
    invoices.push_back({{"id", 500000 + i}, {"invoicenumber", "INV-" + std::to_string(i)}, {"client_id", i},
                        {"client_name", name}, {"invoice_date", "2025-05-01T09:00:00"}, {"voided", false},
                        {"revenue", 100.0 + i}, {"tax_total", 0.0}, {"total", 100.0 + i}, {"contract_id", 0},
                        {"ticket_id", 0}, {"recurring_invoice_id", 0}, {"creditlinkedtoinvoiceid", 0}});
  }
  data["clients"] = clients;
  data["contracts"] = contracts;
  data["recurring_invoices"] = Json::array();
  data["invoices"] = invoices;
  data["projects"] = Json::array();
  return data;
}

class RevenueBoundsE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() / ("revenue_bounds_e2e_" + std::to_string(::getpid()) + ".json");
    std::ofstream(path_) << big_tenant().dump();
    harness_ = std::make_unique<tools_test::Harness>(path_.string());
    ASSERT_TRUE(harness_->ok()) << harness_->error();
  }
  void TearDown() override {
    harness_.reset();
    std::filesystem::remove(path_);
  }

  /// Through the protocol layer's checks: arguments and the outputSchema are validated.
  mcp::ToolOutcome call(const Json& args) { return harness_->call("revenue_breakdown", args); }

  std::filesystem::path path_;
  std::unique_ptr<tools_test::Harness> harness_;
};

double sum_of_rows(const Json& rows, const char* key) {
  double sum = 0;
  for (const auto& r : rows) sum += r[key].get<double>();
  return sum;
}

TEST_F(RevenueBoundsE2E, ThousandsOfClientsAreCutVisiblyWithExactTotals) {
  auto outcome = call({{"as_of", "2025-06-15"}});
  ASSERT_FALSE(outcome.is_error) << outcome.error_text;
  const Json& out = outcome.structured;

  // The whole MCP result carries structuredContent and its text mirror: each under the bound.
  EXPECT_LE(out.dump().size(), tools::kMaxResultBytes);
  EXPECT_LE(mcp::detail::outcome_to_result(outcome).dump().size(), 2 * tools::kMaxResultBytes + 1024);

  // Totals over all clients, in cents: mrr = sum(10 + i) + 5 per client; invoices sum(100 + i).
  const long long sum_i = static_cast<long long>(kClients) * (kClients + 1) / 2;
  const long long mrr_cents = (sum_i + 15LL * kClients) * 100;
  const long long invoiced_cents = (sum_i + 100LL * kClients) * 100;
  ASSERT_EQ(out["totals"].size(), 1u);
  const Json& total = out["totals"][0];
  EXPECT_EQ(total["currency"], "GBP");
  EXPECT_EQ(total["clients"], kClients);
  EXPECT_EQ(std::llround(total["mrr"].get<double>() * 100), mrr_cents);
  EXPECT_EQ(std::llround(total["arr"].get<double>() * 100), 12 * mrr_cents);
  EXPECT_EQ(std::llround(total["non_recurring_total"].get<double>() * 100), invoiced_cents);
  EXPECT_EQ(std::llround(total["ad_hoc_total"].get<double>() * 100), invoiced_cents);
  EXPECT_EQ(out["clients_total"], kClients);

  // Rows: the largest first, the cut ones counted, and the shown ones do not add up to the totals.
  const Json& rows = out["clients"];
  ASSERT_GT(rows.size(), 50u);
  ASSERT_LT(rows.size(), static_cast<std::size_t>(kClients));
  EXPECT_EQ(rows[0]["client_id"], kClients);
  EXPECT_EQ(out["truncated"]["rows_omitted"].get<std::size_t>() + rows.size(), static_cast<std::size_t>(kClients));
  EXPECT_LT(sum_of_rows(rows, "mrr") * 100, static_cast<double>(mrr_cents));
  EXPECT_GT(out["truncated"]["warnings_omitted"].get<int>(), 0);

  // The marker the model reads first, naming the real arguments.
  ASSERT_FALSE(out["warnings"].empty());
  EXPECT_EQ(out["warnings"][0]["kind"], "result_truncated");
  const std::string note = out["truncated"]["note"];
  EXPECT_EQ(out["warnings"][0]["detail"], note);
  EXPECT_NE(note.find("client_id="), std::string::npos) << note;
  EXPECT_NE(note.find("top=N"), std::string::npos) << note;
}

TEST_F(RevenueBoundsE2E, NarrowingAsTheNoteSaysGivesAnUncutAnswer) {
  const int client = 1234;
  auto one = call({{"as_of", "2025-06-15"}, {"client_id", client}});
  ASSERT_FALSE(one.is_error) << one.error_text;
  EXPECT_FALSE(one.structured.contains("truncated"));
  ASSERT_EQ(one.structured["clients"].size(), 1u);
  const Json& r = one.structured["clients"][0];
  EXPECT_EQ(r["client_id"], client);
  EXPECT_EQ(r["mrr"].get<double>(), 10.0 + client + 5.0);
  EXPECT_EQ(r["recurring_items"].size(), 2u);
  EXPECT_FALSE(r.contains("recurring_items_omitted"));

  auto top = call({{"as_of", "2025-06-15"}, {"top", 20}});
  ASSERT_FALSE(top.is_error) << top.error_text;
  ASSERT_EQ(top.structured["clients"].size(), 20u);
  EXPECT_FALSE(top.structured.contains("truncated")) << top.structured["truncated"].dump();
  EXPECT_EQ(top.structured["totals"][0]["clients"], kClients);
}

}  // namespace

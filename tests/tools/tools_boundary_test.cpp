// Paging at the boundaries, on a hand-built dataset: an empty list, exactly 100 records (one
// full page, no more), 101 records (has_more, then a page of one), and Halo's odd types.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "sim_fixture.hpp"

namespace {

using tools_test::Harness;
using util::Json;

class ToolsBoundary : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
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
    path_ = new std::string("/tmp/tools_boundary_" + std::to_string(::getpid()) + ".json");
    std::ofstream(*path_) << dataset.dump();
    harness_ = new Harness(*path_);
  }
  static void TearDownTestSuite() {
    delete harness_;
    std::remove(path_->c_str());
    delete path_;
  }
  void SetUp() override { ASSERT_TRUE(harness_->ok()) << harness_->error(); }

  Json ok(const std::string& tool, const Json& args) {
    mcp::ToolOutcome outcome = harness_->call(tool, args);
    EXPECT_FALSE(outcome.is_error) << tool << ": " << outcome.error_text;
    return outcome.structured;
  }

  static Harness* harness_;
  static std::string* path_;
};

Harness* ToolsBoundary::harness_ = nullptr;
std::string* ToolsBoundary::path_ = nullptr;

TEST_F(ToolsBoundary, EmptyList) {
  Json r = ok("list_sites", Json::object());
  EXPECT_TRUE(r["items"].empty());
  EXPECT_EQ(r["record_count"], 0);
  EXPECT_FALSE(r["has_more"].get<bool>());
}

TEST_F(ToolsBoundary, ExactlyOneHundred) {
  Json r = ok("list_assets", {{"page_size", 100}});
  EXPECT_EQ(r["items"].size(), 100u);
  EXPECT_EQ(r["record_count"], 100);
  EXPECT_FALSE(r["has_more"].get<bool>());
  // Halo's odd types come out uniform.
  EXPECT_TRUE(r["items"][0]["client_id"].is_number_integer());
  EXPECT_EQ(r["items"][0]["site_id"], 1);
}

TEST_F(ToolsBoundary, OneHundredAndOne) {
  Json first = ok("list_clients", {{"page_size", 100}});
  EXPECT_EQ(first["items"].size(), 100u);
  EXPECT_EQ(first["record_count"], 101);
  EXPECT_TRUE(first["has_more"].get<bool>());
  Json second = ok("list_clients", {{"page_size", 100}, {"page_no", 2}});
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_EQ(second["items"][0]["id"], 101);
  EXPECT_FALSE(second["has_more"].get<bool>());
}

TEST_F(ToolsBoundary, UnknownPeriodIsNullNotGuessed) {
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

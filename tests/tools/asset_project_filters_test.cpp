// list_assets' warranty filters and list_projects' over_estimate, against a hand-made Halo, in-process
// and through the real executable. Halo filters on neither, so both read every page and filter here;
// the expected items are picked by hand below.
//
// Today is 2025-06-15 (UTC; the harness's now is noon that day).
// Assets (warranty_end):
//   1  2025-06-15  today: still running, ends within any N          2  2025-06-14  yesterday: expired
//   3  2025-07-15  today + 30 (June has 30 days: 15 + 15 = 30 Jun, + 15 = 15 Jul)
//   4  2025-07-16  today + 31                                        5  1900-01-01  no warranty: in no filter
//   6  2023-01-01  expired long ago                                  7  2027-06-15  today + 730 (365 + 365, no 29 Feb)
//   8  2025-06-20  inactive: only with include_inactive
//   within 30  -> 1, 3            within 29 -> 1            within 730 -> 1, 3, 4, 7
//   expired    -> 2, 6            within 30 + include_inactive -> 1, 3, 8
// Projects (estimate, timetaken -> percent_of_estimate = timetaken / estimate x 100, 1 decimal):
//   10  10, 12   -> 120.0, over          11  10, 10  -> 100.0, not over (equal is not over)
//   12   0,  5   -> null, not over (no estimate)
//   13   3,  1   -> 33.333.. -> 33.3     14   8, 8.5 -> 106.25 -> 106.3 (half away from zero), over
//   over_estimate -> 10, 14
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "sim_suite.hpp"

namespace {

using tools_test::Via;
using util::Json;

constexpr const char* kToday = "2025-06-15";

Json asset(int id, const char* warranty_end, bool inactive = false) {
  return Json{{"id", id},
              {"inventory_number", "A-" + std::to_string(id)},
              {"client_id", 1},
              {"client_name", "Acme"},
              {"inactive", inactive},
              {"warranty_end", std::string(warranty_end) + "T00:00:00"}};
}

Json project(int id, double estimate, double timetaken) {
  return Json{{"id", id},           {"summary", "Project " + std::to_string(id)},
              {"client_id", 1},     {"client_name", "Acme"},
              {"estimate", estimate}, {"timetaken", timetaken},
              {"dateoccurred", "2025-01-0" + std::to_string(id - 9) + "T09:00:00"}};
}

Json dataset() {
  Json d = Json::object();
  d["clients"] = Json::array({{{"id", 1}, {"name", "Acme"}, {"inactive", false}}});
  d["assets"] = Json::array({asset(1, "2025-06-15"), asset(2, "2025-06-14"), asset(3, "2025-07-15"),
                             asset(4, "2025-07-16"), asset(5, "1900-01-01"), asset(6, "2023-01-01"),
                             asset(7, "2027-06-15"), asset(8, "2025-06-20", true)});
  d["projects"] = Json::array(
      {project(10, 10, 12), project(11, 10, 10), project(12, 0, 5), project(13, 3, 1), project(14, 8, 8.5)});
  return d;
}

const char* today() { return kToday; }
using AssetProjectFilters = tools_test::DatasetSuite<dataset, today>;
INSTANTIATE_TEST_SUITE_P(Via, AssetProjectFilters, ::testing::Values(Via::kInProcess, Via::kExecutable),
                         tools_test::via_name);

std::vector<int> ids(const Json& list) {
  std::vector<int> out;
  for (const auto& item : list["items"]) out.push_back(item["id"].get<int>());
  return out;
}

TEST_P(AssetProjectFilters, WarrantyEndingWithinDaysCountsTodayAndTheLastDay) {
  Json r = ok("list_assets", {{"warranty_expires_within_days", 30}});
  EXPECT_EQ(ids(r), (std::vector<int>{1, 3}));
  EXPECT_EQ(r["record_count"], 2);
  EXPECT_EQ(r["items"][1]["warranty_end"], "2025-07-15");
  EXPECT_EQ(ids(ok("list_assets", {{"warranty_expires_within_days", 29}})), (std::vector<int>{1}));
  EXPECT_EQ(ids(ok("list_assets", {{"warranty_expires_within_days", 730}})), (std::vector<int>{1, 3, 4, 7}));
}

TEST_P(AssetProjectFilters, WarrantyExpiredKeepsOnlyPastEndsAndNeverAssetsWithoutAWarranty) {
  Json r = ok("list_assets", {{"warranty_expired", true}});
  EXPECT_EQ(ids(r), (std::vector<int>{2, 6}));
  // Without a filter every active asset is listed, the one without a warranty showing null.
  Json all = ok("list_assets", Json::object());
  EXPECT_EQ(all["record_count"], 7);
  EXPECT_TRUE(all["items"][4]["warranty_end"].is_null()) << all["items"][4].dump();
}

TEST_P(AssetProjectFilters, WarrantyFiltersKeepHalosOtherFiltersAndPaging) {
  EXPECT_EQ(ids(ok("list_assets", {{"warranty_expires_within_days", 30}, {"include_inactive", true}})),
            (std::vector<int>{1, 3, 8}));
  // 4 kept (1, 3, 4, 7); page 2 of size 2 is the last two, and nothing is after it.
  Json page = ok("list_assets", {{"warranty_expires_within_days", 730}, {"page_size", 2}, {"page_no", 2}});
  EXPECT_EQ(ids(page), (std::vector<int>{4, 7}));
  EXPECT_EQ(page["record_count"], 4);
  EXPECT_EQ(page["has_more"], false);
}

TEST_P(AssetProjectFilters, ContradictoryOrOutOfRangeWarrantyFiltersAreRefusedBeforeAnyRequest) {
  std::string both = error("list_assets", {{"warranty_expires_within_days", 30}, {"warranty_expired", true}});
  EXPECT_NE(both.find("warranty_expires_within_days"), std::string::npos) << both;
  EXPECT_NE(both.find("warranty_expired"), std::string::npos) << both;
  for (int days : {0, 731}) {
    std::string text = error("list_assets", {{"warranty_expires_within_days", days}});
    EXPECT_NE(text.find("warranty_expires_within_days"), std::string::npos) << text;
  }
  EXPECT_EQ(api_requests(), 0u);
}

TEST_P(AssetProjectFilters, OverEstimateKeepsProjectsPastAPositiveEstimate) {
  Json r = ok("list_projects", {{"over_estimate", true}});
  EXPECT_EQ(ids(r), (std::vector<int>{10, 14}));
  EXPECT_EQ(r["record_count"], 2);
  EXPECT_EQ(r["items"][0]["percent_of_estimate"], 120.0);
  EXPECT_EQ(r["items"][1]["percent_of_estimate"], 106.3);
}

TEST_P(AssetProjectFilters, PercentOfEstimateIsNullWithoutAnEstimate) {
  Json r = ok("list_projects", Json::object());
  ASSERT_EQ(r["items"].size(), 5u) << r.dump();
  std::map<int, Json> percent;
  for (const auto& p : r["items"]) percent[p["id"].get<int>()] = p["percent_of_estimate"];
  EXPECT_EQ(percent[10], 120.0);
  EXPECT_EQ(percent[11], 100.0);
  EXPECT_TRUE(percent[12].is_null());
  EXPECT_EQ(percent[13], 33.3);
  EXPECT_EQ(percent[14], 106.3);
}

}  // namespace

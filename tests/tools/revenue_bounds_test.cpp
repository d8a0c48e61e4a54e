// The revenue_breakdown size bound on hand-built results: what is cut (rows from the end, then
// recurring_items, then non-essential warnings), what never is (totals, source_unavailable), and
// that every cut is marked where the model reads (truncated + a result_truncated warning).
#include <gtest/gtest.h>

#include <string>

#include "tools/revenue_bounds.hpp"

namespace tools {
namespace {

using util::Json;

Json item(int id) {
  return Json{{"kind", "contract"}, {"id", id},           {"ref", "C-" + std::to_string(id)}, {"period", "monthly"},
              {"amount", 10.0},     {"monthly_value", 10.0}, {"status", "counted"}};
}

Json row(int client, int items) {
  Json r{{"client_id", client}, {"client_name", "Client " + std::to_string(client)}, {"currency", "GBP"},
         {"mrr", 10.0 * items}, {"arr", 120.0 * items}, {"recurring_invoiced", 0.0}, {"non_recurring_total", 0.0},
         {"project_total", 0.0}, {"ad_hoc_total", 0.0}, {"recurring_share", nullptr}};
  r["recurring_items"] = Json::array();
  for (int i = 0; i < items; ++i) r["recurring_items"].push_back(item(client * 1000 + i));
  return r;
}

Json result_of(int rows, int items_per_row, int warnings = 0) {
  Json out{{"as_of", "2025-06-15"}, {"start_date", "2024-06-16"}, {"end_date", "2025-06-15"}};
  out["clients"] = Json::array();
  for (int c = 1; c <= rows; ++c) out["clients"].push_back(row(c, items_per_row));
  out["clients_total"] = rows;
  out["totals"] = Json::array({Json{{"currency", "GBP"}, {"mrr", 12345.67}, {"arr", 148148.04},
                                    {"recurring_invoiced", 1.0}, {"non_recurring_total", 2.0}, {"clients", rows}}});
  out["warnings"] = Json::array();
  for (int w = 0; w < warnings; ++w) {
    out["warnings"].push_back(Json{{"kind", "unknown_period"}, {"id", w}, {"client_id", 1},
                                   {"detail", "contract " + std::to_string(w) + " has billing period code 12"}});
  }
  out["sources"] = Json{{"requests", 7}, {"contracts", 1}, {"recurring_invoices", 0}, {"invoices", 0}, {"elapsed_ms", 3}};
  return out;
}

constexpr ResultLimits kSmall{32 * 1024, 4 * 1024};

TEST(RevenueBounds, SmallResultsAreUntouched) {
  Json out = result_of(5, 3, 2);
  const Json before = out;
  EXPECT_FALSE(bound_revenue_result(out, kSmall));
  EXPECT_EQ(out, before);
}

TEST(RevenueBounds, ManyRowsKeepTheLargestInOrderAndTotalsUntouched) {
  Json out = result_of(2000, 1);
  const Json totals = out["totals"];
  ASSERT_TRUE(bound_revenue_result(out, kSmall));
  EXPECT_LE(out.dump().size(), kSmall.max_bytes);
  EXPECT_EQ(out["totals"], totals);
  EXPECT_EQ(out["clients_total"], 2000);
  const auto shown = out["clients"].size();
  ASSERT_GT(shown, 10u);
  ASSERT_LT(shown, 2000u);
  for (std::size_t i = 0; i < shown; ++i) ASSERT_EQ(out["clients"][i]["client_id"], static_cast<int>(i + 1));
  EXPECT_EQ(out["truncated"]["rows_omitted"], 2000 - shown);
  EXPECT_EQ(out["truncated"]["limit_bytes"], kSmall.max_bytes);
  const std::string note = out["truncated"]["note"];
  EXPECT_NE(note.find("client_id="), std::string::npos) << note;
  EXPECT_NE(note.find("top=N"), std::string::npos) << note;
  EXPECT_NE(note.find("first " + std::to_string(shown) + " of 2000 rows"), std::string::npos) << note;
  ASSERT_FALSE(out["warnings"].empty());
  EXPECT_EQ(out["warnings"][0]["kind"], "result_truncated");
  EXPECT_EQ(out["warnings"][0]["detail"], note);
  EXPECT_TRUE(out["warnings"][0]["id"].is_null());
}

TEST(RevenueBounds, RowsKeepTheirFiguresBeforeTheLowerRowsKeepTheirItems) {
  Json out = result_of(40, 200);  // ~40 x 200 items: items cannot all fit, the 40 rows can
  ASSERT_TRUE(bound_revenue_result(out, kSmall));
  EXPECT_LE(out.dump().size(), kSmall.max_bytes);
  ASSERT_EQ(out["clients"].size(), 40u);
  EXPECT_EQ(out["truncated"]["rows_omitted"], 0);
  std::size_t omitted = 0;
  bool seen_cut = false;
  for (const auto& r : out["clients"]) {
    if (r.contains("recurring_items_omitted")) {
      seen_cut = true;
      EXPECT_EQ(r["recurring_items"].size() + r["recurring_items_omitted"].get<std::size_t>(), 200u);
      omitted += r["recurring_items_omitted"].get<std::size_t>();
    } else {
      EXPECT_FALSE(seen_cut) << "items are kept for the top rows first";
      EXPECT_EQ(r["recurring_items"].size(), 200u);
    }
  }
  EXPECT_TRUE(seen_cut);
  EXPECT_EQ(out["truncated"]["recurring_items_omitted"], omitted);
  EXPECT_NE(out["truncated"]["note"].get<std::string>().find("recurring_items_omitted"), std::string::npos);
}

TEST(RevenueBounds, OneHugeClientKeepsItsFiguresAndAPrefixOfItsItems) {
  Json out = result_of(1, 5000);
  ASSERT_TRUE(bound_revenue_result(out, kSmall));
  EXPECT_LE(out.dump().size(), kSmall.max_bytes);
  ASSERT_EQ(out["clients"].size(), 1u);
  const Json& r = out["clients"][0];
  EXPECT_EQ(r["mrr"], 50000.0);
  ASSERT_GT(r["recurring_items"].size(), 0u);
  EXPECT_EQ(r["recurring_items"][0]["id"], 1000);
  EXPECT_EQ(r["recurring_items"].size() + r["recurring_items_omitted"].get<std::size_t>(), 5000u);
  EXPECT_NE(out["truncated"]["note"].get<std::string>().find("client_id=1"), std::string::npos);
}

TEST(RevenueBounds, SourceUnavailableWarningsSurviveOthersAreCut) {
  Json out = result_of(3, 1, 3000);
  out["warnings"].push_back(Json{{"kind", "source_unavailable"}, {"id", nullptr}, {"client_id", nullptr},
                                 {"detail", "invoices: 403"}, {"source", "invoices"}, {"status", 403}});
  ASSERT_TRUE(bound_revenue_result(out, kSmall));
  EXPECT_LE(out.dump().size(), kSmall.max_bytes);
  EXPECT_EQ(out["clients"].size(), 3u) << "rows are small: they all stay";
  int unavailable = 0, unknown = 0;
  for (const auto& w : out["warnings"]) {
    unavailable += w["kind"] == "source_unavailable";
    unknown += w["kind"] == "unknown_period";
  }
  EXPECT_EQ(unavailable, 1);
  EXPECT_GT(unknown, 0);
  EXPECT_EQ(out["truncated"]["warnings_omitted"], 3000 - unknown);
  EXPECT_EQ(out["warnings"][0]["kind"], "result_truncated");
}

TEST(RevenueBounds, LongClientNamesAreClippedAndCounted) {
  Json out = result_of(2, 1);
  std::string name;
  while (name.size() < 20 * 1024) name += "Ωmega ";
  out["clients"][1]["client_name"] = name;
  ASSERT_TRUE(bound_revenue_result(out, kSmall));
  EXPECT_EQ(out["truncated"]["strings_clipped"], 1);
  EXPECT_EQ(out["truncated"]["rows_omitted"], 0);
  const std::string clipped = out["clients"][1]["client_name"];
  EXPECT_LT(clipped.size(), kSmall.max_string_bytes + 100);
  EXPECT_NE(clipped.find("[clipped: "), std::string::npos);
  EXPECT_NO_THROW((void)out.dump());  // no split UTF-8 character
}

TEST(RevenueBounds, CuttingTwiceLeavesOneTruncationWarning) {
  Json out = result_of(2000, 1);
  ASSERT_TRUE(bound_revenue_result(out, kSmall));
  ASSERT_TRUE(bound_revenue_result(out, ResultLimits{16 * 1024, 4 * 1024}));
  EXPECT_LE(out.dump().size(), 16u * 1024);
  int marks = 0;
  for (const auto& w : out["warnings"]) marks += w["kind"] == "result_truncated";
  EXPECT_EQ(marks, 1);
}

}  // namespace
}  // namespace tools

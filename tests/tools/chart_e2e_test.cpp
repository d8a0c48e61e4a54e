// `chart: true` through the real executable against a real simulator: the picture comes as an
// image block after the unchanged text and structuredContent, is a real PNG of 800x450 under
// 100 KB, one per currency; a tool that draws nothing has no such argument; a chart that
// cannot be drawn is refused before Halo is asked. And `call --chart FILE` for people.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "drill_support.hpp"
#include "util/base64.hpp"

namespace {

using drills::json;
using drills::Mcp;

/// {width, height} from a PNG's IHDR chunk (bytes 16-23, big-endian), or {0, 0} if not a PNG.
std::pair<int, int> png_size(const std::string& png) {
  static const std::string kSignature("\x89PNG\r\n\x1a\n", 8);
  if (png.size() < 24 || png.compare(0, 8, kSignature) != 0 || png.compare(12, 4, "IHDR") != 0) return {0, 0};
  auto be32 = [&](std::size_t at) {
    int v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(png[at + i]);
    return v;
  };
  return {be32(16), be32(20)};
}

class ChartE2e : public drills::SimSuite {
 protected:
  static testsupport::ProcessOptions env() {
    return drills::server_env(sim_->url(), {{"HALO_MCP_NOW", "2025-06-30T10:00:00"}, {"HALO_CACHE_TTL_S", "60"}});
  }
};

TEST_F(ChartE2e, RevenueChartIsAnImageBlockAfterTheUnchangedResultOnePerCurrency) {
  Mcp mcp(env());
  auto plain = mcp.call("revenue_breakdown", json::object());
  auto drawn = mcp.call("revenue_breakdown", {{"chart", true}});
  ASSERT_TRUE(plain && drawn);
  const json& result = (*drawn)["result"];
  ASSERT_FALSE(result.value("isError", true)) << result.dump().substr(0, 400);
  // The same figures (sources differ: the second call is answered from the cache).
  json figures = result["structuredContent"], plain_figures = (*plain)["result"]["structuredContent"];
  figures.erase("sources");
  plain_figures.erase("sources");
  EXPECT_TRUE(figures == plain_figures) << "the chart changes nothing else";
  const json& content = result["content"];
  ASSERT_GE(content.size(), 2u);
  EXPECT_EQ(content[0]["type"], "text");
  EXPECT_EQ(json::parse(content[0]["text"].get<std::string>()), result["structuredContent"]);
  std::size_t images = 0;
  for (std::size_t i = 1; i < content.size(); ++i) {
    ASSERT_EQ(content[i]["type"], "image") << content[i].dump().substr(0, 300);
    EXPECT_EQ(content[i]["mimeType"], "image/png");
    auto png = util::base64_decode(content[i]["data"].get<std::string>());
    ASSERT_TRUE(png) << "image data is not base64";
    EXPECT_EQ(png_size(*png), (std::pair<int, int>{800, 450}));
    EXPECT_LT(png->size(), 100u * 1024u);
    ++images;
  }
  // One chart per currency the totals report (the simulator bills one client in USD).
  EXPECT_EQ(images, result["structuredContent"]["totals"].size());
  EXPECT_GE(images, 2u);
}

TEST_F(ChartE2e, EveryDrawingToolDrawsAndAToolThatCannotRefusesTheArgument) {
  Mcp mcp(env());
  for (const auto& [tool, args] : std::vector<std::pair<std::string, json>>{
           {"mrr_trend", {{"months", 6}}},
           {"receivables_aging", json::object()},
           {"agent_utilisation", json::object()},
           {"ticket_stats", {{"interval", "week"}}},
           {"ticket_stats", {{"group_by", "client"}}}}) {
    json with_chart = args;
    with_chart["chart"] = true;
    auto r = mcp.call(tool, with_chart);
    ASSERT_TRUE(r) << tool;
    const json& content = (*r)["result"]["content"];
    ASSERT_GE(content.size(), 2u) << tool << " " << r->dump().substr(0, 300);
    EXPECT_EQ(content[1]["type"], "image") << tool << " " << content[1].dump().substr(0, 300);
  }
  auto unknown = mcp.call("list_tickets", {{"chart", true}});
  ASSERT_TRUE(unknown);
  EXPECT_TRUE((*unknown)["result"]["isError"].get<bool>());
  EXPECT_NE((*unknown)["result"]["content"][0]["text"].get<std::string>().find("chart"), std::string::npos);
}

TEST_F(ChartE2e, TicketTotalsAloneAreNoPictureAndHaloIsNotAsked) {
  Mcp mcp(env());
  sim_->reset_stats();
  auto r = mcp.call("ticket_stats", {{"chart", true}});
  ASSERT_TRUE(r);
  EXPECT_TRUE((*r)["result"]["isError"].get<bool>());
  EXPECT_EQ((*r)["result"]["content"][0]["text"].get<std::string>().rfind("chart: ", 0), 0u)
      << "the error names the argument: " << r->dump();
  EXPECT_EQ(sim_->stats()["per_path"].value("/api/Tickets", 0), 0);
}

TEST_F(ChartE2e, CallWritesTheChartToTheFileItWasGiven) {
  const auto dir = std::filesystem::temp_directory_path() / ("halo-chart-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "aging.png";
  auto run = testsupport::run({testsupport::build_path("halo-psa-mcp"), "call", "receivables_aging", "{}", "--chart",
                               file.string()},
                              env());
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.err.find("chart written to " + file.string()), std::string::npos) << run.err;
  std::ifstream in(file, std::ios::binary);
  const std::string png((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(png_size(png), (std::pair<int, int>{800, 450}));
  EXPECT_TRUE(json::parse(run.out, nullptr, false).is_object()) << "stdout keeps the JSON result";

  auto refused = testsupport::run({testsupport::build_path("halo-psa-mcp"), "call", "list_clients", "{}", "--chart",
                                   (dir / "x.png").string()},
                                  env());
  EXPECT_EQ(refused.status, 2);
  EXPECT_NE(refused.err.find("list_clients draws no chart (these do: revenue_breakdown"), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "x.png"));
  std::filesystem::remove_all(dir);
}

}  // namespace

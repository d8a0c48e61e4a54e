// The PNG itself: a real PNG of the asked size, small, and the same bytes every time.
#include <gtest/gtest.h>

#include <cstdint>
#include <thread>

#include "charts/chart.hpp"
#include "charts/samples.hpp"

namespace charts {
namespace {

std::string render_ok(const Chart& chart, int width = kDefaultWidth, int height = kDefaultHeight) {
  util::Result<std::string> png = render_png(chart, width, height);
  EXPECT_TRUE(png.has_value()) << (png ? "" : png.error().message);
  return png ? *png : std::string();
}

// A big-endian 32-bit number at `offset`, as PNG stores them.
std::uint32_t big_endian(const std::string& bytes, std::size_t offset) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) value = value << 8 | static_cast<unsigned char>(bytes[offset + i]);
  return value;
}

// The PNG signature (8 bytes), then the IHDR chunk: its length (4), "IHDR" (4), the width at
// bytes 16-19 and the height at 20-23.
void expect_png_of_size(const std::string& png, std::uint32_t width, std::uint32_t height) {
  ASSERT_GE(png.size(), 24u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(png.substr(12, 4), "IHDR");
  EXPECT_EQ(big_endian(png, 16), width);
  EXPECT_EQ(big_endian(png, 20), height);
}

TEST(Png, IsAPngOfTheDefaultSize) { expect_png_of_size(render_ok(samples::daily_tickets()), 800, 450); }

TEST(Png, HonoursAnotherSize) {
  expect_png_of_size(render_ok(samples::mrr_trend(), 1200, 675), 1200, 675);
}

TEST(Png, ThirtyClientsByFourSeriesStaysUnder100KB) {
  const std::string png = render_ok(samples::clients_stacked());
  expect_png_of_size(png, 800, 450);
  EXPECT_LT(png.size(), 100u * 1024);
}

TEST(Png, TheSameChartGivesTheSameBytes) {
  for (const Chart& chart : {samples::clients_stacked(), samples::mrr_trend(), samples::daily_tickets()}) {
    EXPECT_EQ(render_ok(chart), render_ok(chart)) << chart.title;
  }
}

TEST(Png, RendersAtOnceOnSeveralThreadsGiveTheSameBytes) {
  // Tools render on a worker pool: each render has its own cairo context and measuring
  // surface, and cairo's font cache is shared safely.
  const Chart chart = samples::clients_stacked();
  const std::string expected = render_ok(chart);
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (std::string& result : results) {
    threads.emplace_back([&chart, &result] { result = render_ok(chart); });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& result : results) EXPECT_EQ(result, expected);
}

TEST(Png, DifferentValuesGiveDifferentPixels) {
  // Guards the test above: rendering is not returning something fixed.
  Chart chart = samples::daily_tickets();
  const std::string before = render_ok(chart);
  chart.panels[0].series[0].values[3] = 1.0;
  EXPECT_NE(render_ok(chart), before);
}

TEST(Png, InvalidUtf8IsDrawnNotRefused) {
  Chart chart = samples::daily_tickets();
  chart.title = "Tickets \xff per day";
  chart.categories[0] = "\xe2\x82";
  expect_png_of_size(render_ok(chart), 800, 450);
}

}  // namespace
}  // namespace charts

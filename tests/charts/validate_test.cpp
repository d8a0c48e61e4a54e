// Malformed charts are refused with kBadInput, naming what is wrong.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "charts/chart.hpp"

namespace charts {
namespace {

Chart valid_chart() {
  Chart chart{.title = "Tickets", .categories = {"Mon", "Tue", "Wed"}};
  chart.panels.push_back({.value_label = "Tickets", .series = {{.name = "Opened", .values = {1, 2, 3}}}});
  return chart;
}

void expect_bad_input(const Chart& chart, const std::string& says, int width = kDefaultWidth,
                      int height = kDefaultHeight) {
  const util::Result<std::string> png = render_png(chart, width, height);
  ASSERT_FALSE(png.has_value());
  EXPECT_EQ(png.error().kind, util::ErrorKind::kBadInput);
  EXPECT_NE(png.error().message.find(says), std::string::npos) << png.error().message;
  // The layout query refuses the same chart the same way.
  const auto boxes = category_label_boxes(chart, width, height);
  ASSERT_FALSE(boxes.has_value());
  EXPECT_EQ(boxes.error().message, png.error().message);
}

TEST(Validate, AValidChartRenders) { EXPECT_TRUE(render_png(valid_chart()).has_value()); }

TEST(Validate, ASeriesWithTheWrongNumberOfValuesIsNamed) {
  Chart chart = valid_chart();
  chart.panels[0].series.push_back({.name = "Closed", .values = {1, 2}});
  expect_bad_input(chart, "the series \"Closed\" has 2 values for 3 categories");
}

TEST(Validate, NoPanel) {
  Chart chart = valid_chart();
  chart.panels.clear();
  expect_bad_input(chart, "no panel");
}

TEST(Validate, HorizontalWithTwoPanels) {
  Chart chart = valid_chart();
  chart.horizontal = true;
  chart.panels.push_back(chart.panels[0]);
  expect_bad_input(chart, "a horizontal chart has one panel, this one has 2");
}

TEST(Validate, ValuesThatAreNotFinite) {
  for (const double bad : {std::nan(""), std::numeric_limits<double>::infinity(),
                           -std::numeric_limits<double>::infinity()}) {
    Chart chart = valid_chart();
    chart.panels[0].series[0].values[1] = bad;
    expect_bad_input(chart, "\"Opened\" has a value that is not a finite number (category \"Tue\")");
  }
}

TEST(Validate, AWeightThatIsNotPositive) {
  Chart chart = valid_chart();
  chart.panels[0].weight = 0;
  expect_bad_input(chart, "weight");
}

TEST(Validate, ASizeOutOfRange) {
  expect_bad_input(valid_chart(), "not 10x450", 10, 450);
  expect_bad_input(valid_chart(), "not 800x100000", 800, 100000);
}

TEST(Validate, NoCategoriesIsNotAnError) {
  Chart chart{.title = "Tickets"};
  chart.panels.push_back({.series = {{.name = "Opened"}}});
  EXPECT_TRUE(render_png(chart).has_value());
}

}  // namespace
}  // namespace charts

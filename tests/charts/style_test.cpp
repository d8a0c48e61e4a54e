// Series never differ by colour alone.
#include <gtest/gtest.h>

#include <set>

#include "charts/style.hpp"

namespace charts {
namespace {

Series series(const char* name, Mark mark) { return {.name = name, .mark = mark, .values = {1}}; }

TEST(AssignStyles, BarSeriesDifferInFillAndLineSeriesInMarker) {
  Chart chart{.categories = {"x"}};
  chart.panels.push_back({.series = {series("a", Mark::kBar), series("b", Mark::kBar),
                                     series("c", Mark::kBar), series("d", Mark::kBar)}});
  chart.panels.push_back({.series = {series("e", Mark::kLine), series("f", Mark::kLine),
                                     series("g", Mark::kLine), series("h", Mark::kLine)}});
  const std::vector<SeriesStyle> styles = assign_styles(chart);
  ASSERT_EQ(styles.size(), 8u);
  std::set<Fill> fills;
  std::set<Marker> markers;
  std::set<std::tuple<double, double, double>> colours;
  for (std::size_t i = 0; i < 4; ++i) fills.insert(styles[i].fill);
  for (std::size_t i = 4; i < 8; ++i) markers.insert(styles[i].marker);
  for (const SeriesStyle& style : styles) colours.insert({style.colour.r, style.colour.g, style.colour.b});
  EXPECT_EQ(fills.size(), 4u);
  EXPECT_EQ(markers.size(), 4u);
  EXPECT_EQ(colours.size(), 7u);  // the palette's seven colours, the eighth series reusing one
  EXPECT_EQ(styles[0].fill, Fill::kSolid);
  EXPECT_EQ(styles[4].mark, Mark::kLine);
}

}  // namespace
}  // namespace charts

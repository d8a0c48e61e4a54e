// The marks render_png() draws, read from the same lay_out(): bars measured from zero and in
// proportion, unknown values drawn as "?" and never as a bar, stacks, lines, panels.
#include <gtest/gtest.h>

#include <algorithm>

#include "charts/layout.hpp"

namespace charts {
namespace {

constexpr double kExact = 1e-9;

Layout lay_out_ok(const Chart& chart) {
  util::Result<Layout> layout = lay_out(chart, kDefaultWidth, kDefaultHeight);
  EXPECT_TRUE(layout.has_value()) << (layout ? "" : layout.error().message);
  return layout ? *layout : Layout{};
}

Chart one_panel(std::vector<std::string> categories, std::vector<Series> series, bool stacked = false) {
  Chart chart{.title = "T", .category_label = "Category", .categories = std::move(categories)};
  chart.panels.push_back({.value_label = "Units", .series = std::move(series), .stacked = stacked});
  return chart;
}

const BarMark& bar_of(const PanelLayout& panel, std::size_t series, std::size_t category) {
  const auto found = std::find_if(panel.bars.begin(), panel.bars.end(), [&](const BarMark& bar) {
    return bar.series == series && bar.category == category;
  });
  EXPECT_NE(found, panel.bars.end()) << "no bar for series " << series << ", category " << category;
  static const BarMark kNone{};
  return found == panel.bars.end() ? kNone : *found;
}

TEST(Geometry, BarsStartAtZeroAndAreInProportion) {
  const Layout layout = lay_out_ok(one_panel({"A", "B"}, {{.name = "Tickets", .values = {100, 50}}}));
  ASSERT_EQ(layout.panels.size(), 1u);
  const PanelLayout& panel = layout.panels[0];
  // All values are positive, so the axis starts at 0 at the plot's bottom edge, and value_ticks
  // (0, 100) ends at 100 exactly (5 steps of 20), so the bar for 100 reaches the plot's top.
  EXPECT_EQ(panel.ticks.front(), 0);
  EXPECT_EQ(panel.ticks.back(), 100);
  EXPECT_NEAR(panel.zero, panel.plot.bottom(), kExact);
  const Rect& hundred = bar_of(panel, 0, 0).rect;
  const Rect& fifty = bar_of(panel, 0, 1).rect;
  EXPECT_NEAR(hundred.bottom(), panel.zero, kExact);
  EXPECT_NEAR(fifty.bottom(), panel.zero, kExact);
  EXPECT_NEAR(hundred.y, panel.plot.y, kExact);
  EXPECT_NEAR(hundred.h, 2 * fifty.h, kExact);  // 100 is twice 50, so twice as tall
  EXPECT_NEAR(hundred.w, fifty.w, kExact);
  EXPECT_LT(hundred.right(), fifty.x);  // category A left of category B
}

TEST(Geometry, AnUnknownValueIsAQuestionMarkNotABar) {
  const Layout layout = lay_out_ok(
      one_panel({"A", "B", "C"}, {{.name = "Hours", .values = {100, std::nullopt, 50}}}));
  const PanelLayout& panel = layout.panels[0];
  ASSERT_EQ(panel.bars.size(), 2u);  // no bar at all for B, not a bar of height 0
  EXPECT_EQ(panel.bars[0].category, 0u);
  EXPECT_EQ(panel.bars[1].category, 2u);
  ASSERT_EQ(panel.unknowns.size(), 1u);
  const UnknownMark& unknown = panel.unknowns[0];
  EXPECT_EQ(unknown.category, 1u);
  EXPECT_EQ(unknown.series, 0u);
  EXPECT_EQ(unknown.glyph.text, "?");
  // On the baseline (just above it, inside the plot) and within B's band, the middle third.
  const double band = panel.plot.w / 3;
  EXPECT_LE(unknown.box.bottom(), panel.zero);
  EXPECT_GT(unknown.box.bottom(), panel.zero - 5);
  EXPECT_GT(unknown.box.x, panel.plot.x + band);
  EXPECT_LT(unknown.box.right(), panel.plot.x + 2 * band);
}

TEST(Geometry, SideBySideBarsShareTheBandWithoutOverlapping) {
  const Layout layout = lay_out_ok(one_panel(
      {"A"}, {{.name = "Opened", .values = {30}}, {.name = "Closed", .values = {60}}}));
  const PanelLayout& panel = layout.panels[0];
  const Rect& opened = bar_of(panel, 0, 0).rect;
  const Rect& closed = bar_of(panel, 1, 0).rect;
  EXPECT_LT(opened.right(), closed.x);
  EXPECT_NEAR(closed.h, 2 * opened.h, kExact);  // 60 is twice 30
  EXPECT_NEAR(opened.bottom(), panel.zero, kExact);
  EXPECT_NEAR(closed.bottom(), panel.zero, kExact);
}

TEST(Geometry, StackedBarsStackUpwardsAndNegativesDownwardsFromZero) {
  // Category P: 30 then 50 stack to 80. Category N: -20 then -10 stack down to -30.
  const Layout layout = lay_out_ok(one_panel(
      {"P", "N"}, {{.name = "First", .values = {30, -20}}, {.name = "Second", .values = {50, -10}}},
      /*stacked=*/true));
  const PanelLayout& panel = layout.panels[0];
  const double per_unit = bar_of(panel, 0, 0).rect.h / 30;  // pixels per unit of value

  const Rect& first_up = bar_of(panel, 0, 0).rect;
  const Rect& second_up = bar_of(panel, 1, 0).rect;
  EXPECT_NEAR(first_up.bottom(), panel.zero, kExact);
  EXPECT_NEAR(second_up.bottom(), first_up.y, kExact);  // the second sits on the first
  EXPECT_NEAR(second_up.h, 50 * per_unit, kExact);
  EXPECT_NEAR(second_up.x, first_up.x, kExact);         // one bar per category

  const Rect& first_down = bar_of(panel, 0, 1).rect;
  const Rect& second_down = bar_of(panel, 1, 1).rect;
  EXPECT_NEAR(first_down.y, panel.zero, kExact);        // hangs from zero
  EXPECT_NEAR(first_down.h, 20 * per_unit, kExact);
  EXPECT_NEAR(second_down.y, first_down.bottom(), kExact);
  EXPECT_NEAR(second_down.h, 10 * per_unit, kExact);
  // The axis spans both: value_ticks(-30, 80) covers -30 and 80 and includes 0.
  EXPECT_LE(panel.ticks.front(), -30);
  EXPECT_GE(panel.ticks.back(), 80);
}

TEST(Geometry, StackedUnknownsQueueBeyondTheStack) {
  // 35 on an axis to 40 (value_ticks(0, 35): steps of 10) leaves room above for two "?".
  const Layout layout = lay_out_ok(one_panel(
      {"A"}, {{.name = "Known", .values = {35}}, {.name = "Lost", .values = {std::nullopt}},
              {.name = "Also lost", .values = {std::nullopt}}},
      /*stacked=*/true));
  const PanelLayout& panel = layout.panels[0];
  ASSERT_EQ(panel.bars.size(), 1u);
  ASSERT_EQ(panel.unknowns.size(), 2u);
  const Rect& known = panel.bars[0].rect;
  const Rect& first = panel.unknowns[0].box;
  const Rect& second = panel.unknowns[1].box;
  EXPECT_EQ(panel.unknowns[0].series, 1u);
  EXPECT_EQ(panel.unknowns[1].series, 2u);
  EXPECT_LE(first.bottom(), known.y);    // above the stack, not hidden in it
  EXPECT_LE(second.bottom(), first.y);   // and above each other
}

TEST(Geometry, AnUnknownBeyondAFullHeightBarStandsAboveThePlot) {
  // 40 is the axis's end (value_ticks(0, 40) = 0, 10, 20, 30, 40): the bar fills the plot's
  // height and the "?" goes just past the plot rather than over the bar.
  const Layout layout = lay_out_ok(one_panel(
      {"A"}, {{.name = "Known", .values = {40}}, {.name = "Lost", .values = {std::nullopt}}},
      /*stacked=*/true));
  const PanelLayout& panel = layout.panels[0];
  ASSERT_EQ(panel.unknowns.size(), 1u);
  EXPECT_NEAR(panel.bars[0].rect.y, panel.plot.y, kExact);
  EXPECT_LE(panel.unknowns[0].box.bottom(), panel.plot.y);
  EXPECT_GT(panel.unknowns[0].box.y, 0);
}

TEST(Geometry, AnUnknownValueBreaksTheLine) {
  const Layout layout = lay_out_ok(one_panel(
      {"Jan", "Feb", "Mar", "Apr"}, {{.name = "MRR", .mark = Mark::kLine, .values = {1, std::nullopt, 3, 4}}}));
  const PanelLayout& panel = layout.panels[0];
  ASSERT_EQ(panel.lines.size(), 1u);
  const auto& runs = panel.lines[0].runs;
  ASSERT_EQ(runs.size(), 2u);  // Jan alone, then Mar-Apr: no segment through Feb
  ASSERT_EQ(runs[0].size(), 1u);
  ASSERT_EQ(runs[1].size(), 2u);
  EXPECT_EQ(runs[1][0].category, 2u);
  // 4 is four times as far from zero as 1.
  EXPECT_NEAR(panel.zero - runs[1][1].y, 4 * (panel.zero - runs[0][0].y), kExact);
  ASSERT_EQ(panel.unknowns.size(), 1u);
  EXPECT_EQ(panel.unknowns[0].category, 1u);
}

TEST(Geometry, PanelsStackByWeightEachFromZeroWithLabelsUnderTheLast) {
  Chart chart{.title = "MRR", .categories = {"2026-01", "2026-02", "2026-03"}};
  chart.panels.push_back({.value_label = "GBP per month",
                          .series = {{.name = "MRR", .mark = Mark::kLine, .values = {9000, 9100, 9300}}},
                          .weight = 2});
  chart.panels.push_back({.value_label = "GBP change",
                          .series = {{.name = "New", .values = {300, -200, 100}}}});
  const Layout layout = lay_out_ok(chart);
  ASSERT_EQ(layout.panels.size(), 2u);
  const PanelLayout& top = layout.panels[0];
  const PanelLayout& bottom = layout.panels[1];
  EXPECT_LT(top.plot.bottom(), bottom.plot.y);
  EXPECT_NEAR(top.plot.h, 2 * bottom.plot.h, 1e-6);  // weight 2 against 1
  EXPECT_NEAR(top.plot.x, bottom.plot.x, kExact);    // one category axis
  EXPECT_NEAR(top.plot.w, bottom.plot.w, kExact);
  EXPECT_EQ(top.ticks.front(), 0);                   // 9000..9300 still drawn from zero
  EXPECT_LT(bottom.ticks.front(), 0);
  EXPECT_GT(bottom.ticks.back(), 0);
  ASSERT_EQ(layout.category_labels.size(), 3u);
  for (const LabelBox& label : layout.category_labels) EXPECT_GE(label.y, bottom.plot.bottom());
}

TEST(Geometry, HorizontalBarsGrowRightwardsWithTheFirstCategoryOnTop) {
  Chart chart = one_panel({"Crown & Anchor Pub Group", "Linden Architects"},
                          {{.name = "MRR", .values = {100, 50}}});
  chart.horizontal = true;
  const Layout layout = lay_out_ok(chart);
  const PanelLayout& panel = layout.panels[0];
  const Rect& hundred = bar_of(panel, 0, 0).rect;
  const Rect& fifty = bar_of(panel, 0, 1).rect;
  EXPECT_NEAR(panel.zero, panel.plot.x, kExact);
  EXPECT_NEAR(hundred.x, panel.zero, kExact);
  EXPECT_NEAR(fifty.x, panel.zero, kExact);
  EXPECT_NEAR(hundred.w, 2 * fifty.w, kExact);
  EXPECT_LT(hundred.bottom(), fifty.y);
  ASSERT_EQ(layout.category_labels.size(), 2u);
  EXPECT_LE(layout.category_labels[0].x + layout.category_labels[0].w, panel.plot.x);
}

TEST(Geometry, LegendNamesEverySeriesAndTheNoteSitsBottomLeft) {
  Chart chart = one_panel({"A"}, {{.name = "Opened", .values = {3}},
                                  {.name = "Trend", .mark = Mark::kLine, .values = {2}}});
  chart.note = "3 tickets without a date are left out";
  const Layout layout = lay_out_ok(chart);
  ASSERT_EQ(layout.legend.size(), 2u);
  EXPECT_EQ(layout.legend[1].series, 1u);
  const auto has_text = [&](const std::string& text) {
    return std::any_of(layout.texts.begin(), layout.texts.end(),
                       [&](const TextItem& item) { return item.text == text; });
  };
  EXPECT_TRUE(has_text("Opened"));
  EXPECT_TRUE(has_text("Trend"));
  const auto note = std::find_if(layout.texts.begin(), layout.texts.end(),
                                 [&](const TextItem& item) { return item.text == chart.note; });
  ASSERT_NE(note, layout.texts.end());
  EXPECT_LT(note->x, 20);
  EXPECT_GT(note->y, kDefaultHeight - 20);
}

TEST(Geometry, NoCategoriesDrawsNoDataInsteadOfFailing) {
  Chart chart{.title = "Tickets per day", .category_label = "Day"};
  chart.panels.push_back({.series = {{.name = "Opened"}}});
  const Layout layout = lay_out_ok(chart);
  EXPECT_TRUE(layout.panels.empty());
  EXPECT_TRUE(layout.category_labels.empty());
  EXPECT_TRUE(std::any_of(layout.texts.begin(), layout.texts.end(),
                          [](const TextItem& item) { return item.text == "No data"; }));
}

}  // namespace
}  // namespace charts

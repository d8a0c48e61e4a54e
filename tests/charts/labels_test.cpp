// Category labels never overlap and stay inside the image: 30 long client names down the
// left, 36 months and 31 days along the bottom.
#include <gtest/gtest.h>

#include "charts/chart.hpp"
#include "charts/samples.hpp"

namespace charts {
namespace {

// Boxes that merely touch do not overlap; the slack absorbs floating-point noise.
constexpr double kSlack = 1e-6;

bool overlap(const LabelBox& a, const LabelBox& b) {
  return a.x + a.w > b.x + kSlack && b.x + b.w > a.x + kSlack && a.y + a.h > b.y + kSlack &&
         b.y + b.h > a.y + kSlack;
}

std::vector<LabelBox> boxes_of(const Chart& chart) {
  util::Result<std::vector<LabelBox>> boxes = category_label_boxes(chart);
  EXPECT_TRUE(boxes.has_value()) << (boxes ? "" : boxes.error().message);
  return boxes ? *boxes : std::vector<LabelBox>{};
}

void expect_apart_and_inside(const std::vector<LabelBox>& boxes) {
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const LabelBox& box = boxes[i];
    EXPECT_GE(box.x, 0) << box.text;
    EXPECT_GE(box.y, 0) << box.text;
    EXPECT_LE(box.x + box.w, kDefaultWidth) << box.text;
    EXPECT_LE(box.y + box.h, kDefaultHeight) << box.text;
    EXPECT_GT(box.w, 0) << box.text;
    EXPECT_GT(box.h, 0) << box.text;
    for (std::size_t j = i + 1; j < boxes.size(); ++j) {
      EXPECT_FALSE(overlap(box, boxes[j])) << "\"" << box.text << "\" overlaps \"" << boxes[j].text << "\"";
    }
  }
}

Chart bars_over(std::vector<std::string> categories) {
  Chart chart{.title = "Tickets", .category_label = "Period", .categories = std::move(categories)};
  chart.panels.push_back({.value_label = "Tickets",
                          .series = {{.name = "Opened", .values = std::vector<std::optional<double>>(
                                                            chart.categories.size(), 12.0)}}});
  return chart;
}

TEST(CategoryLabels, ThirtyLongClientNamesDownTheLeftAllShownApart) {
  const std::vector<LabelBox> boxes = boxes_of(samples::clients_stacked());
  ASSERT_EQ(boxes.size(), 30u);  // every client named: shrinking the font sufficed, no thinning
  expect_apart_and_inside(boxes);
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    EXPECT_EQ(boxes[i].category, i);
    EXPECT_FALSE(boxes[i].rotated);
    if (i > 0) {
      EXPECT_GT(boxes[i].y, boxes[i - 1].y);  // in order, first at the top
    }
  }
  // 9 px letters or more: the font shrinks no further (TextMeasure::letters of 9 px DejaVu Sans
  // are 9 px tall).
  EXPECT_GE(boxes[0].h, 9);
  // "Northgate Veterinary Partnership" (32 characters) is cut to 23 and "…"; "Crown & Anchor
  // Pub Group" (24) stays whole.
  EXPECT_EQ(boxes[3].text, "Northgate Veterinary Pa\u2026");
  EXPECT_EQ(boxes[0].text, "Crown & Anchor Pub Group");
}

TEST(CategoryLabels, ThirtySixMonthsTurnUpwardsAndStayApart) {
  // 36 bands across about 700 px are 19 px wide; "2024-01" is about 45 px: level labels would
  // overlap, so they turn, and a turned label needs only its letters' height (about 10 px).
  const std::vector<LabelBox> boxes = boxes_of(bars_over(samples::month_labels(2024, 36)));
  ASSERT_EQ(boxes.size(), 36u);
  EXPECT_TRUE(boxes[0].rotated);
  EXPECT_EQ(boxes[0].text, "2024-01");
  EXPECT_EQ(boxes[35].text, "2026-12");
  EXPECT_GT(boxes[0].h, boxes[0].w);  // tall and narrow
  expect_apart_and_inside(boxes);
}

TEST(CategoryLabels, ThirtyOneDaysTurnUpwardsAndStayApart) {
  const std::vector<LabelBox> boxes = boxes_of(samples::daily_tickets());
  ASSERT_EQ(boxes.size(), 31u);
  EXPECT_EQ(boxes[0].text, "2026-11-01");
  expect_apart_and_inside(boxes);
}

TEST(CategoryLabels, FewShortLabelsStayLevel) {
  const std::vector<LabelBox> boxes = boxes_of(bars_over({"Alice", "Bob", "Carol"}));
  ASSERT_EQ(boxes.size(), 3u);
  EXPECT_FALSE(boxes[0].rotated);
  EXPECT_GT(boxes[0].w, boxes[0].h);
  expect_apart_and_inside(boxes);
}

TEST(CategoryLabels, TooManyToTurnAreThinnedNotOverlapped) {
  // 200 bands across about 700 px are 3.5 px wide, less than one turned label (about 12 px with
  // its gap): every 4th category is named (ceil(12 / 3.5) = 4 for the widths above, and at most
  // every 5th whatever the exact widths).
  std::vector<std::string> many;
  for (int i = 0; i < 200; ++i) many.push_back("Item " + std::to_string(i));
  const std::vector<LabelBox> boxes = boxes_of(bars_over(many));
  EXPECT_GE(boxes.size(), 40u);
  EXPECT_LT(boxes.size(), 100u);
  const std::size_t step = boxes[1].category - boxes[0].category;
  for (std::size_t k = 0; k < boxes.size(); ++k) EXPECT_EQ(boxes[k].category, k * step);
  expect_apart_and_inside(boxes);
}

TEST(CategoryLabels, SixtyClientsDownTheLeftAreThinnedAtNinePixels) {
  Chart chart = bars_over(std::vector<std::string>(samples::client_names().begin(), samples::client_names().end()));
  for (const std::string& name : samples::client_names()) chart.categories.push_back(name + " (2)");
  chart.panels[0].series[0].values.assign(60, 5.0);
  chart.horizontal = true;
  const std::vector<LabelBox> boxes = boxes_of(chart);
  EXPECT_LT(boxes.size(), 60u);
  EXPECT_GE(boxes.size(), 20u);
  expect_apart_and_inside(boxes);
}

TEST(CategoryLabels, LongLabelsAlongTheBottomAreCutShort) {
  std::vector<std::string> names;
  for (int i = 0; i < 12; ++i) names.push_back("A very long category name number " + std::to_string(i) + " that goes on and on and on");
  const std::vector<LabelBox> boxes = boxes_of(bars_over(names));
  ASSERT_EQ(boxes.size(), 12u);
  EXPECT_TRUE(boxes[0].rotated);
  // Cut to at most 30% of the height (135 px of 450), ending in "…".
  EXPECT_LE(boxes[0].h, 0.3 * kDefaultHeight);
  EXPECT_EQ(boxes[0].text.substr(boxes[0].text.size() - 3), "\u2026");
  expect_apart_and_inside(boxes);
}

}  // namespace
}  // namespace charts

// value_ticks() and format_tick(): the numbers on a value axis.
#include <gtest/gtest.h>

#include "charts/chart.hpp"
#include "charts/number_format.hpp"

namespace charts {
namespace {

using Ticks = std::vector<double>;

TEST(ValueTicks, RoundsUpToNiceStepsFromZero) {
  // 9300 / 5 intervals = 1860 a step at least; the next nice step is 2000, and 9300 / 2000 =
  // 4.65 rounds up to 5 steps: 0 .. 10000.
  EXPECT_EQ(value_ticks(0, 9300), (Ticks{0, 2000, 4000, 6000, 8000, 10000}));
}

TEST(ValueTicks, SpansZeroWhenValuesGoNegative) {
  // A span of 6000 over 5 intervals needs 1200 a step; 2000 is the first nice step that fits:
  // floor(-1200 / 2000) = -1 and ceil(4800 / 2000) = 3, four intervals from -2000 to 6000.
  EXPECT_EQ(value_ticks(-1200, 4800), (Ticks{-2000, 0, 2000, 4000, 6000}));
}

TEST(ValueTicks, StartsAtZeroWhenAllValuesArePositive) {
  // (3, 7) is scaled as (0, 7): 7 / 5 = 1.4 a step at least, so 2; ceil(7 / 2) = 4 steps.
  EXPECT_EQ(value_ticks(3, 7), (Ticks{0, 2, 4, 6, 8}));
}

TEST(ValueTicks, EndsAtZeroWhenAllValuesAreNegative) {
  // (-7, -3) is scaled as (-7, 0): the mirror image of the case above.
  EXPECT_EQ(value_ticks(-7, -3), (Ticks{-8, -6, -4, -2, 0}));
}

TEST(ValueTicks, NothingToScaleGivesOneUnit) {
  EXPECT_EQ(value_ticks(0, 0), (Ticks{0, 1}));
  EXPECT_EQ(value_ticks(0, std::numeric_limits<double>::infinity()), (Ticks{0, 1}));
}

TEST(ValueTicks, UsesTwoAndAHalfAndFractionalSteps) {
  // With four ticks (3 intervals) 10 / 3 = 3.33 a step needs more than 2.5, so 5: 0, 5, 10.
  EXPECT_EQ(value_ticks(0, 10, 4), (Ticks{0, 5, 10}));
  // 0.9 / 5 = 0.18: steps of 0.2 reach 1.0 in 5 steps (ceil(0.9 / 0.2) = ceil(4.5) = 5).
  EXPECT_EQ(value_ticks(0, 0.9), (Ticks{0, 0.2, 0.4, 0.6, 0.8, 1.0}));
  // 22 / 5 = 4.4: 5 needs ceil(4.4) = 5 steps; 2.5 would need 9. With 10 ticks (9 intervals),
  // 22 / 9 = 2.44 and 2.5 fits: ceil(22 / 2.5) = ceil(8.8) = 9.
  EXPECT_EQ(value_ticks(0, 22), (Ticks{0, 5, 10, 15, 20, 25}));
  EXPECT_EQ(value_ticks(0, 22, 10), (Ticks{0, 2.5, 5, 7.5, 10, 12.5, 15, 17.5, 20, 22.5}));
}

TEST(ValueTicks, ABoundOnAStepGetsNoEmptyInterval) {
  // 0.07 / 0.01 is 7.0000000000000009 in doubles; taken literally it needs an 8th interval,
  // which 8 ticks do not allow, and the axis would jump to steps of 0.02. It must end at 0.07.
  const Ticks ticks = value_ticks(0, 0.07, 8);
  ASSERT_EQ(ticks.size(), 8u);
  EXPECT_EQ(ticks[1], 0.01);
  EXPECT_EQ(ticks.back(), 0.07);
  // 100 / 5 = 20 exactly: six ticks, no seventh at 120.
  EXPECT_EQ(value_ticks(0, 100), (Ticks{0, 20, 40, 60, 80, 100}));
}

TEST(ValueTicks, KeepsAtLeastTwoTicks) {
  // max_ticks below 2 is read as 2: one interval from 0 to a step covering 9300, which is 10000.
  EXPECT_EQ(value_ticks(0, 9300, 0), (Ticks{0, 10000}));
}

TEST(FormatTick, GroupsThousandsAndKeepsTheStepsDecimals) {
  EXPECT_EQ(format_tick(12500, 2500), "12,500");
  EXPECT_EQ(format_tick(1234567, 1000000), "1,234,567");
  EXPECT_EQ(format_tick(100, 20), "100");
  EXPECT_EQ(format_tick(0.75, 0.25), "0.75");
  EXPECT_EQ(format_tick(1, 0.25), "1.00");  // the same precision as its neighbours
  EXPECT_EQ(format_tick(7.5, 2.5), "7.5");
  EXPECT_EQ(format_tick(1500.5, 0.5), "1,500.5");
}

TEST(FormatTick, WritesATrueMinusAndNeverMinusZero) {
  EXPECT_EQ(format_tick(-2000, 1000), "\u22122,000");
  EXPECT_EQ(format_tick(-0.0001, 1), "0");
}

}  // namespace
}  // namespace charts

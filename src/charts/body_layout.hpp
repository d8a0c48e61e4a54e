// The plot and its axes inside `body` (what the header and note leave), in each orientation.
#pragma once
#include "charts/layout.hpp"

namespace charts {

/// Categories along the bottom, panels stacked top to bottom by weight, each with its value
/// axis on the left; category labels only under the bottom panel.
void lay_out_vertical(const Chart& chart, Rect body, const TextMeasure& measure, Layout& out);

/// Categories down the left (the first at the top), one panel, values across.
void lay_out_horizontal(const Chart& chart, Rect body, const TextMeasure& measure, Layout& out);

// Spacing shared by both orientations, in pixels.
inline constexpr double kTickLabelGap = 6;   ///< between the plot's edge and its tick labels
inline constexpr double kAxisLabelGap = 6;   ///< between tick or category labels and the axis label
inline constexpr double kRightPad = 10;      ///< right of the plot
inline constexpr double kCategoryLabelGap = 5;  ///< between the plot and its category labels
inline constexpr int kMostTicks = 6;

}  // namespace charts

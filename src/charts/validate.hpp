// Whether a Chart can be drawn at all; everything after this may rely on its answer.
#pragma once
#include "charts/chart.hpp"
#include "util/result.hpp"

namespace charts {

inline constexpr int kSmallestSide = 160;   ///< pixels; smaller leaves no room for a plot
inline constexpr int kLargestSide = 4096;   ///< pixels; larger is a mistake, not a chart

/// kBadInput, naming the culprit, when: the size is outside [kSmallestSide, kLargestSide]; there
/// is no panel; a horizontal chart has more than one panel; a panel's weight is not a positive
/// number; a series has a different number of values than there are categories, or a value
/// that is not finite. Zero categories is valid (drawn as "No data").
[[nodiscard]] util::Result<void> validate(const Chart& chart, int width, int height);

}  // namespace charts

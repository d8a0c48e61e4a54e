// The marks of one panel: bars (side by side or stacked), lines with their points, and a "?"
// wherever a value is unknown, so an unknown is never drawn as a bar of height zero.
#pragma once
#include <cstddef>
#include <utility>
#include <vector>

#include "charts/layout.hpp"
#include "charts/scales.hpp"

namespace charts {

struct PanelFrame {
  bool horizontal = false;
  ValueScale scale;      ///< value -> pixel along the value axis
  CategoryBands bands;   ///< category -> pixels across
  Rect plot;
};

/// The lowest and highest values the panel draws (0 when nothing is below or above it): stacked
/// bars count as their stacks' totals, positives and negatives apart.
[[nodiscard]] std::pair<double, double> value_extent(const Panel& panel);

/// Adds the panel's bars, lines and "?" marks to `out`. first_series is the index (in `styles`)
/// of the panel's first series.
void place_marks(const Panel& panel, std::size_t first_series,
                 const std::vector<SeriesStyle>& styles, const PanelFrame& frame,
                 const TextMeasure& measure, PanelLayout& out);

}  // namespace charts

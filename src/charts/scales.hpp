// From chart coordinates (a value, a category) to pixels. "Along" is the value axis (y on a
// vertical chart, x on a horizontal one), "across" the category axis; code that places marks
// works in along/across and span_rect() turns that into x/y, so one piece of code serves both
// orientations.
#pragma once
#include <algorithm>
#include <cstddef>

#include "charts/layout.hpp"

namespace charts {

struct ValueScale {
  double lo = 0, hi = 1;        ///< the values at the axis's two ends
  double px_lo = 0, px_hi = 1;  ///< their pixels (px_lo > px_hi on a vertical chart: y grows down)
  [[nodiscard]] double at(double value) const {
    return px_lo + (value - lo) / (hi - lo) * (px_hi - px_lo);
  }
  /// +1 when larger values lie at larger pixels, -1 when at smaller ones.
  [[nodiscard]] double direction() const { return px_hi >= px_lo ? 1.0 : -1.0; }
};

/// Equal bands, one per category, starting at `start` (the left or top of the plot).
struct CategoryBands {
  double start = 0, size = 1;
  [[nodiscard]] double begin(std::size_t i) const { return start + static_cast<double>(i) * size; }
  [[nodiscard]] double centre(std::size_t i) const { return begin(i) + size / 2; }
};

/// The rectangle from across_a to across_b across the categories and along_a to along_b along
/// the values, in either order.
[[nodiscard]] inline Rect span_rect(bool horizontal, double across_a, double across_b,
                                    double along_a, double along_b) {
  const double across = std::min(across_a, across_b), across_size = std::max(across_a, across_b) - across;
  const double along = std::min(along_a, along_b), along_size = std::max(along_a, along_b) - along;
  if (horizontal) return {along, across, along_size, across_size};
  return {across, along, across_size, along_size};
}

}  // namespace charts

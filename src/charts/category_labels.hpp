// Category labels that never overlap. Below a vertical chart: level when every label fits its
// band, else turned to read upwards (cut short with "…" past a depth), else also thinned to
// every k-th. Left of a horizontal chart: level, cut to 24 characters and a width, in the
// largest font from 11 px down to 9 px whose letters fit a band, else thinned at 9 px.
// Fitting (which font, which labels, how much room) comes first because the plot's size depends
// on it; placing them follows once the plot is known.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "charts/layout.hpp"
#include "charts/scales.hpp"

namespace charts {

struct LabelFit {
  Font font;
  bool rotated = false;
  std::vector<std::size_t> shown;   ///< the categories that get a label, in order
  std::vector<std::string> texts;   ///< as drawn, one per shown category
  std::vector<double> widths;       ///< their advance widths in font
  double depth = 0;  ///< room taken away from the plot: a height below it, a width left of it
};

inline constexpr std::size_t kMaxLeftLabelChars = 24;  ///< client names, "…" after

/// Labels under a vertical chart whose bands are `band` pixels wide; rotated labels are cut to
/// max_depth pixels.
[[nodiscard]] LabelFit fit_labels_below(const std::vector<std::string>& categories, double band,
                                        double max_depth, const TextMeasure& measure);
/// Labels left of a horizontal chart whose bands are `band` pixels high, at most max_width wide.
[[nodiscard]] LabelFit fit_labels_left(const std::vector<std::string>& categories, double band,
                                       double max_width, const TextMeasure& measure);

/// Adds the labels' boxes and texts to `out`, hanging from `top`.
void place_labels_below(const LabelFit& fit, const CategoryBands& bands, double top,
                        const TextMeasure& measure, Layout& out);
/// Adds the labels' boxes and texts to `out`, right-aligned at `right`.
void place_labels_left(const LabelFit& fit, const CategoryBands& bands, double right,
                       const TextMeasure& measure, Layout& out);

}  // namespace charts

// A panel's value axis: its gridlines and their labels, measured so the layout can size the
// gutter they need before it knows the plot's size.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "charts/layout.hpp"
#include "charts/scales.hpp"

namespace charts {

struct ValueAxis {
  std::vector<double> ticks;          ///< value_ticks()
  std::vector<std::string> labels;    ///< format_tick() of each
  std::vector<double> label_widths;   ///< in kTickFont
  [[nodiscard]] double widest_label() const;
  /// The scale putting the first tick at px_first and the last at px_last.
  [[nodiscard]] ValueScale scale(double px_first, double px_last) const;
};

/// The axis for values from extent.first to extent.second (zero is always included).
[[nodiscard]] ValueAxis make_value_axis(std::pair<double, double> extent, int max_ticks,
                                        const TextMeasure& measure);

/// A panel with its plot, gridlines and zero line in place, marks still to come.
[[nodiscard]] PanelLayout start_panel(Rect plot, const ValueAxis& axis, const ValueScale& scale);

}  // namespace charts

#include "charts/value_axis.hpp"

#include <algorithm>

#include "charts/number_format.hpp"

namespace charts {

double ValueAxis::widest_label() const {
  return label_widths.empty() ? 0 : *std::max_element(label_widths.begin(), label_widths.end());
}

ValueScale ValueAxis::scale(double px_first, double px_last) const {
  return {.lo = ticks.front(), .hi = ticks.back(), .px_lo = px_first, .px_hi = px_last};
}

ValueAxis make_value_axis(std::pair<double, double> extent, int max_ticks,
                          const TextMeasure& measure) {
  ValueAxis axis;
  axis.ticks = value_ticks(extent.first, extent.second, max_ticks);
  const double step = axis.ticks[1] - axis.ticks[0];
  for (const double tick : axis.ticks) {
    axis.labels.push_back(format_tick(tick, step));
    axis.label_widths.push_back(measure.width(axis.labels.back(), kTickFont));
  }
  return axis;
}

PanelLayout start_panel(Rect plot, const ValueAxis& axis, const ValueScale& scale) {
  PanelLayout panel{.plot = plot, .ticks = axis.ticks, .zero = scale.at(0)};
  for (const double tick : axis.ticks) panel.tick_positions.push_back(scale.at(tick));
  return panel;
}

}  // namespace charts

#include <algorithm>

#include "charts/body_layout.hpp"
#include "charts/category_labels.hpp"
#include "charts/marks.hpp"
#include "charts/text_items.hpp"
#include "charts/value_axis.hpp"

namespace charts {
namespace {

constexpr double kLabelColumnShare = 0.3;  ///< of the width, at most, for the category labels
constexpr double kTickLabelSpace = 8;      ///< the least room between neighbouring tick labels

// Whether the tick labels, centred on their gridlines across plot_width, keep apart.
bool tick_labels_fit(const ValueAxis& axis, double plot_width) {
  const double spacing = plot_width / static_cast<double>(axis.ticks.size() - 1);
  for (std::size_t i = 0; i + 1 < axis.ticks.size(); ++i) {
    if ((axis.label_widths[i] + axis.label_widths[i + 1]) / 2 + kTickLabelSpace > spacing) return false;
  }
  return true;
}

}  // namespace

void lay_out_horizontal(const Chart& chart, Rect body, const TextMeasure& measure, Layout& out) {
  const Panel& panel = chart.panels.front();
  const double tick_line = measure.line_height(kTickFont);
  const double axis_label_line = measure.line_height(kAxisLabelFont);
  const double below_plot = kTickLabelGap / 2 + tick_line +
                            (panel.value_label.empty() ? 0 : kAxisLabelGap + axis_label_line);

  Rect plot{0, body.y, 0, std::max(body.h - below_plot, 1.0)};
  const CategoryBands bands{plot.y, plot.h / static_cast<double>(chart.categories.size())};
  const LabelFit labels = fit_labels_left(chart.categories, bands.size, body.w * kLabelColumnShare, measure);
  plot.x = body.x + labels.depth + kCategoryLabelGap +
           (chart.category_label.empty() ? 0 : axis_label_line + kAxisLabelGap);

  // As many ticks as keep their labels apart; the last label is centred on the plot's right
  // edge, so half of it must fit in the margin.
  ValueAxis axis;
  for (int max_ticks = kMostTicks;; --max_ticks) {
    axis = make_value_axis(value_extent(panel), max_ticks, measure);
    const double right_pad = std::max(kRightPad, axis.label_widths.back() / 2 + 2);
    plot.w = std::max(body.right() - right_pad - plot.x, 1.0);
    if (max_ticks == 2 || tick_labels_fit(axis, plot.w)) break;
  }
  const ValueScale scale = axis.scale(plot.x, plot.right());
  PanelLayout layout = start_panel(plot, axis, scale);
  const double tick_labels_centre = plot.bottom() + kTickLabelGap / 2 + tick_line / 2;
  for (std::size_t t = 0; t < axis.ticks.size(); ++t) {
    out.texts.push_back(text_at(axis.labels[t], layout.tick_positions[t], Align::kCentre,
                                tick_labels_centre, kTickFont, kMutedInk, measure));
  }
  if (!panel.value_label.empty()) {
    out.texts.push_back(text_at(fit_width(sanitize_utf8(panel.value_label), plot.w, kAxisLabelFont, measure),
                                plot.x + plot.w / 2, Align::kCentre,
                                body.bottom() - axis_label_line / 2, kAxisLabelFont, kInk, measure));
  }
  if (!chart.category_label.empty()) {
    const std::string label = fit_width(sanitize_utf8(chart.category_label), plot.h, kAxisLabelFont, measure);
    out.texts.push_back(upward_text(label, body.x,
                                    plot.y + plot.h / 2 - measure.width(label, kAxisLabelFont) / 2,
                                    kAxisLabelFont, kInk, measure));
  }
  place_marks(panel, 0, out.styles, {.horizontal = true, .scale = scale, .bands = bands, .plot = plot},
              measure, layout);
  out.panels.push_back(std::move(layout));
  place_labels_left(labels, bands, plot.x - kCategoryLabelGap, measure, out);
}

}  // namespace charts

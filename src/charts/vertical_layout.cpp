#include <algorithm>
#include <numeric>

#include "charts/body_layout.hpp"
#include "charts/category_labels.hpp"
#include "charts/marks.hpp"
#include "charts/text_items.hpp"
#include "charts/value_axis.hpp"

namespace charts {
namespace {

constexpr double kPanelGap = 18;         ///< between stacked panels: room for both tick labels
constexpr double kTickSpacing = 36;      ///< the fewest pixels between gridlines that read easily
constexpr double kLabelDepthShare = 0.3; ///< of the height, at most, for rotated category labels
constexpr double kSmallestPlot = 10;     ///< a panel keeps some height even on a tiny image

int max_ticks_for(double pixels) {
  return std::clamp(static_cast<int>(pixels / kTickSpacing) + 1, 2, kMostTicks);
}

}  // namespace

void lay_out_vertical(const Chart& chart, Rect body, const TextMeasure& measure, Layout& out) {
  const double total_weight = std::accumulate(
      chart.panels.begin(), chart.panels.end(), 0.0,
      [](double sum, const Panel& panel) { return sum + panel.weight; });
  const double gaps = kPanelGap * static_cast<double>(chart.panels.size() - 1);

  // The ticks decide the gutter, the gutter the plot's width, the width how the category labels
  // fit and those the plot's height; so the ticks come first, counted for an estimated height
  // (three quarters of the body; a few pixels either way change a tick count rarely and harmlessly).
  std::vector<ValueAxis> axes;
  double widest_tick_label = 0;
  bool any_value_label = false;
  for (const Panel& panel : chart.panels) {
    const double estimated = (body.h * 0.75 - gaps) * panel.weight / total_weight;
    axes.push_back(make_value_axis(value_extent(panel), max_ticks_for(estimated), measure));
    widest_tick_label = std::max(widest_tick_label, axes.back().widest_label());
    any_value_label = any_value_label || !panel.value_label.empty();
  }
  const double axis_label_line = measure.line_height(kAxisLabelFont);
  const double gutter = widest_tick_label + kTickLabelGap +
                        (any_value_label ? axis_label_line + kAxisLabelGap : 0);

  // The top tick label is centred on the plot's top edge: leave it half a line above.
  Rect plots{body.x + gutter, body.y + measure.line_height(kTickFont) / 2, body.w - gutter - kRightPad, 0};
  const CategoryBands bands{plots.x, plots.w / static_cast<double>(chart.categories.size())};
  const LabelFit labels = fit_labels_below(chart.categories, bands.size,
                                           static_cast<double>(out.height) * kLabelDepthShare, measure);
  const double category_axis = chart.category_label.empty() ? 0 : axis_label_line + kAxisLabelGap;
  plots.h = std::max(body.bottom() - plots.y - kCategoryLabelGap - labels.depth - category_axis,
                     kSmallestPlot * static_cast<double>(chart.panels.size()) + gaps);

  double y = plots.y;
  std::size_t first_series = 0;
  for (std::size_t p = 0; p < chart.panels.size(); ++p) {
    const Panel& panel = chart.panels[p];
    const Rect plot{plots.x, y, plots.w, (plots.h - gaps) * panel.weight / total_weight};
    const ValueScale scale = axes[p].scale(plot.bottom(), plot.y);
    PanelLayout layout = start_panel(plot, axes[p], scale);
    for (std::size_t t = 0; t < axes[p].ticks.size(); ++t) {
      out.texts.push_back(text_at(axes[p].labels[t], plot.x - kTickLabelGap, Align::kEnd,
                                  layout.tick_positions[t], kTickFont, kMutedInk, measure));
    }
    if (!panel.value_label.empty()) {
      const std::string label = fit_width(sanitize_utf8(panel.value_label), plot.h, kAxisLabelFont, measure);
      const double centre = plot.y + plot.h / 2;
      out.texts.push_back(upward_text(label, body.x, centre - measure.width(label, kAxisLabelFont) / 2,
                                      kAxisLabelFont, kInk, measure));
    }
    place_marks(panel, first_series, out.styles,
                {.horizontal = false, .scale = scale, .bands = bands, .plot = plot}, measure, layout);
    first_series += panel.series.size();
    out.panels.push_back(std::move(layout));
    y = plot.bottom() + kPanelGap;
  }

  const double labels_top = out.panels.back().plot.bottom() + kCategoryLabelGap;
  place_labels_below(labels, bands, labels_top, measure, out);
  if (!chart.category_label.empty()) {
    out.texts.push_back(text_at(fit_width(sanitize_utf8(chart.category_label), plots.w, kAxisLabelFont, measure),
                                plots.x + plots.w / 2, Align::kCentre,
                                labels_top + labels.depth + kAxisLabelGap + axis_label_line / 2,
                                kAxisLabelFont, kInk, measure));
  }
}

}  // namespace charts

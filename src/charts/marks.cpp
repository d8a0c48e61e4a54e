#include "charts/marks.hpp"

#include <algorithm>

#include "charts/text_items.hpp"

namespace charts {
namespace {

constexpr double kGroupShare = 0.8;    ///< of a band for a category's side-by-side bars
constexpr double kStackShare = 0.6;    ///< of a band for a stacked bar
constexpr double kBarGapShare = 0.12;  ///< of a side-by-side slot, parting neighbouring bars
constexpr double kUnknownPad = 2;      ///< pixels between a "?" and what it sits on

// Places the "?" of unknown values. A "?" goes in its bar's own slot when the slot is wide enough
// for it; otherwise (stacked bars, narrow slots, lines) the category's "?"s queue outwards from
// the end of its longest bar, one after another, so neither a bar nor another "?" covers one.
class UnknownPlacer {
 public:
  UnknownPlacer(const PanelFrame& frame, const TextMeasure& measure)
      : frame_(frame), ink_(measure.ink("?", kUnknownFont)) {
    // Outwards: towards the side of zero that has room on the axis.
    const double value_outwards = frame.scale.hi > 0 ? 1.0 : -1.0;
    outwards_ = value_outwards * frame.scale.direction();
    along_size_ = frame.horizontal ? ink_.width : ink_.height;
    across_size_ = frame.horizontal ? ink_.height : ink_.width;
  }

  [[nodiscard]] double across_size() const { return across_size_; }

  // The queue_position-th "?" from along_start (a pixel), centred on `across`.
  [[nodiscard]] UnknownMark place(std::size_t series, std::size_t category, double across,
                                  double along_start, std::size_t queue_position,
                                  Rgb colour) const {
    double near = along_start + outwards_ * (kUnknownPad + static_cast<double>(queue_position) *
                                                               (along_size_ + kUnknownPad));
    double far = near + outwards_ * along_size_;
    // A "?" beyond a bar that reaches the axis's end may stand in the margin past the plot, by
    // one "?" at most (the layouts leave that much room); any further it is pulled back in.
    const double bleed = kUnknownPad + along_size_;
    const double plot_low = (frame_.horizontal ? frame_.plot.x : frame_.plot.y) - bleed;
    const double plot_high = (frame_.horizontal ? frame_.plot.right() : frame_.plot.bottom()) + bleed;
    const double shift = std::max(0.0, plot_low - std::min(near, far)) -
                         std::max(0.0, std::max(near, far) - plot_high);
    near += shift;
    far += shift;
    const Rect box = span_rect(frame_.horizontal, across - across_size_ / 2,
                               across + across_size_ / 2, near, far);
    // The ink's top-left corner is the pen position plus the bearings.
    TextItem glyph{.text = "?", .x = box.x - ink_.x_bearing, .y = box.y - ink_.y_bearing,
                   .font = kUnknownFont, .colour = colour};
    return {.series = series, .category = category, .box = box, .glyph = std::move(glyph)};
  }

 private:
  const PanelFrame& frame_;
  InkExtents ink_;
  double outwards_ = 1, along_size_ = 0, across_size_ = 0;
};

std::size_t count_bars(const Panel& panel) {
  return static_cast<std::size_t>(std::count_if(panel.series.begin(), panel.series.end(),
                                                [](const Series& s) { return s.mark == Mark::kBar; }));
}

LinePoint line_point(const PanelFrame& frame, std::size_t category, double value) {
  const double across = frame.bands.centre(category), along = frame.scale.at(value);
  if (frame.horizontal) return {.category = category, .x = along, .y = across};
  return {.category = category, .x = across, .y = along};
}

}  // namespace

std::pair<double, double> value_extent(const Panel& panel) {
  double lowest = 0, highest = 0;
  const std::size_t categories = panel.series.empty() ? 0 : panel.series.front().values.size();
  for (std::size_t c = 0; c < categories; ++c) {
    double stack_up = 0, stack_down = 0;
    for (const Series& series : panel.series) {
      if (!series.values[c]) continue;
      const double value = *series.values[c];
      if (series.mark == Mark::kBar && panel.stacked) {
        (value >= 0 ? stack_up : stack_down) += value;
        lowest = std::min(lowest, stack_down);
        highest = std::max(highest, stack_up);
      } else {
        lowest = std::min(lowest, value);
        highest = std::max(highest, value);
      }
    }
  }
  return {lowest, highest};
}

void place_marks(const Panel& panel, std::size_t first_series,
                 const std::vector<SeriesStyle>& styles, const PanelFrame& frame,
                 const TextMeasure& measure, PanelLayout& out) {
  const UnknownPlacer unknowns(frame, measure);
  const ValueScale& scale = frame.scale;
  const double band = frame.bands.size;
  const std::size_t bar_count = count_bars(panel);
  const double slot = band * kGroupShare / static_cast<double>(std::max<std::size_t>(bar_count, 1));
  const bool unknowns_fit_slots = !panel.stacked && slot >= unknowns.across_size() + 1;
  const std::size_t categories = panel.series.empty() ? 0 : panel.series.front().values.size();

  // One LineMark per line series; a new run starts after each unknown value.
  std::vector<LineMark> lines;
  std::vector<bool> run_broken;
  for (std::size_t s = 0; s < panel.series.size(); ++s) {
    if (panel.series[s].mark == Mark::kLine) {
      lines.push_back({.series = first_series + s});
      run_broken.push_back(true);
    }
  }

  for (std::size_t c = 0; c < categories; ++c) {
    const double band_start = frame.bands.begin(c), centre = frame.bands.centre(c);
    double stack_up = 0, stack_down = 0;
    double reach_up = 0, reach_down = 0;  // the farthest the category's bars go either way
    std::vector<std::size_t> queued;  // series whose "?" queue in the shared lane
    std::size_t bar_index = 0, line_index = 0;
    for (std::size_t s = 0; s < panel.series.size(); ++s) {
      const Series& series = panel.series[s];
      const std::size_t index = first_series + s;
      const std::optional<double>& value = series.values[c];
      if (series.mark == Mark::kLine) {
        LineMark& line = lines[line_index];
        if (value) {
          if (run_broken[line_index]) line.runs.emplace_back();
          line.runs.back().push_back(line_point(frame, c, *value));
        } else {
          queued.push_back(index);
        }
        run_broken[line_index++] = !value;
        continue;
      }
      // A bar: where it lies across the band.
      double across_from = centre - band * kStackShare / 2, across_to = centre + band * kStackShare / 2;
      if (!panel.stacked) {
        const double slot_start = band_start + band * (1 - kGroupShare) / 2 +
                                  static_cast<double>(bar_index) * slot;
        const double gap = bar_count > 1 ? slot * kBarGapShare : 0;
        across_from = slot_start + gap / 2;
        across_to = slot_start + slot - gap / 2;
      }
      ++bar_index;
      if (!value) {
        if (unknowns_fit_slots) {
          out.unknowns.push_back(unknowns.place(index, c, (across_from + across_to) / 2,
                                                scale.at(0), 0, darker(styles[index].colour)));
        } else {
          queued.push_back(index);
        }
        continue;
      }
      // Stacked bars start where the stack on their side of zero ends.
      double start = 0;
      if (panel.stacked) {
        double& stack = *value >= 0 ? stack_up : stack_down;
        start = stack;
        stack += *value;
      }
      reach_up = std::max(reach_up, start + *value);
      reach_down = std::min(reach_down, start + *value);
      out.bars.push_back({.series = index, .category = c, .value = *value,
                          .rect = span_rect(frame.horizontal, across_from, across_to,
                                            scale.at(start), scale.at(start + *value))});
    }
    // Queued "?"s start beyond the category's bars, where no bar hides them.
    const double queue_start = scale.at(scale.hi > 0 ? reach_up : reach_down);
    for (std::size_t k = 0; k < queued.size(); ++k) {
      out.unknowns.push_back(
          unknowns.place(queued[k], c, centre, queue_start, k, darker(styles[queued[k]].colour)));
    }
  }
  for (LineMark& line : lines) out.lines.push_back(std::move(line));
}

}  // namespace charts

#include "charts/header.hpp"

#include <algorithm>

#include "charts/text_items.hpp"

namespace charts {
namespace {

constexpr double kSwatchSize = 12;       ///< a bar series' sample square
constexpr double kLineSwatchWidth = 22;  ///< a line series' sample: a stretch of line, a marker
constexpr double kSwatchTextGap = 5;
constexpr double kEntryGap = 14;         ///< between legend entries
constexpr double kTitleLegendGap = 24;   ///< the least room between the title and the legend
constexpr double kLineGap = 3;           ///< between the header's lines
constexpr double kNoteGap = 6;           ///< between the plot's surroundings and the note

struct LegendItem {
  std::size_t series = 0;
  std::string text;
  double swatch_width = 0, text_width = 0;
  [[nodiscard]] double width() const { return swatch_width + kSwatchTextGap + text_width; }
};

std::vector<LegendItem> legend_items(const Chart& chart, const Layout& out, double max_width,
                                     const TextMeasure& measure) {
  std::vector<LegendItem> items;
  for (const Panel& panel : chart.panels) {
    for (const Series& series : panel.series) {
      LegendItem item{.series = items.size()};
      item.swatch_width = out.styles[item.series].mark == Mark::kLine ? kLineSwatchWidth : kSwatchSize;
      item.text = fit_width(sanitize_utf8(series.name),
                            max_width - item.swatch_width - kSwatchTextGap, kLegendFont, measure);
      item.text_width = measure.width(item.text, kLegendFont);
      items.push_back(std::move(item));
    }
  }
  return items;
}

double row_width(const std::vector<LegendItem>& items, std::size_t begin, std::size_t end) {
  double width = 0;
  for (std::size_t i = begin; i < end; ++i) width += (i > begin ? kEntryGap : 0) + items[i].width();
  return width;
}

// Entries [begin, end) in a row starting at x, centred on centre_y.
void place_legend_row(const std::vector<LegendItem>& items, std::size_t begin, std::size_t end,
                      double x, double centre_y, const TextMeasure& measure, Layout& out) {
  for (std::size_t i = begin; i < end; ++i) {
    const LegendItem& item = items[i];
    out.legend.push_back({.series = item.series,
                          .swatch = {x, centre_y - kSwatchSize / 2, item.swatch_width, kSwatchSize}});
    out.texts.push_back(text_at(item.text, x + item.swatch_width + kSwatchTextGap, Align::kStart,
                                centre_y, kLegendFont, kInk, measure));
    x += item.width() + kEntryGap;
  }
}

// The legend in as many rows as it needs from `top`, each row as full as fits; returns the y
// below it.
double place_legend_rows(const std::vector<LegendItem>& items, Rect content, double top,
                         const TextMeasure& measure, Layout& out) {
  const double row_height = std::max(measure.line_height(kLegendFont), kSwatchSize);
  double y = top;
  for (std::size_t begin = 0; begin < items.size();) {
    std::size_t end = begin + 1;  // a row holds at least one entry (fit to the width above)
    while (end < items.size() && row_width(items, begin, end + 1) <= content.w) ++end;
    place_legend_row(items, begin, end, content.x, y + row_height / 2, measure, out);
    y += row_height + kLineGap;
    begin = end;
  }
  return y;
}

}  // namespace

double place_header(const Chart& chart, Rect content, const TextMeasure& measure, Layout& out) {
  const std::vector<LegendItem> items = legend_items(chart, out, content.w, measure);
  const double legend_width = row_width(items, 0, items.size());
  const std::string title = sanitize_utf8(chart.title);
  double y = content.y;
  bool legend_placed = items.empty();

  if (!title.empty()) {
    const double line = measure.line_height(kTitleFont);
    const bool legend_beside = !items.empty() && measure.width(title, kTitleFont) + kTitleLegendGap +
                                                         legend_width <= content.w;
    const double room = legend_beside ? content.w - legend_width - kTitleLegendGap : content.w;
    out.texts.push_back(text_at(fit_width(title, room, kTitleFont, measure), content.x,
                                Align::kStart, y + line / 2, kTitleFont, kInk, measure));
    if (legend_beside) {
      place_legend_row(items, 0, items.size(), content.right() - legend_width, y + line / 2,
                       measure, out);
      legend_placed = true;
    }
    y += line + kLineGap;
  }
  if (!chart.subtitle.empty()) {
    const double line = measure.line_height(kSubtitleFont);
    out.texts.push_back(text_at(fit_width(sanitize_utf8(chart.subtitle), content.w, kSubtitleFont, measure),
                                content.x, Align::kStart, y + line / 2, kSubtitleFont, kMutedInk,
                                measure));
    y += line + kLineGap;
  }
  if (!legend_placed) y = place_legend_rows(items, content, y + kLineGap, measure, out);
  return y;
}

double place_note(const std::string& note, Rect content, const TextMeasure& measure, Layout& out) {
  if (note.empty()) return content.bottom();
  const double line = measure.line_height(kNoteFont);
  out.texts.push_back(text_at(fit_width(sanitize_utf8(note), content.w, kNoteFont, measure),
                              content.x, Align::kStart, content.bottom() - line / 2, kNoteFont,
                              kMutedInk, measure));
  return content.bottom() - line - kNoteGap;
}

}  // namespace charts

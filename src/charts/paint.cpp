#include "charts/paint.hpp"

#include <cmath>
#include <numbers>
#include <vector>

#include "charts/cairo_library.hpp"
#include "charts/fill_patterns.hpp"
#include "charts/markers.hpp"

namespace charts {
namespace {

constexpr double kHairline = 1;
constexpr double kBarOutline = 0.8;
constexpr double kLineWidth = 2;

void set_colour(cairo_t* cr, Rgb colour) { cairo().set_source_rgb(cr, colour.r, colour.g, colour.b); }

// The centre of the pixel row or column holding `position`, so a 1-pixel line is crisp rather
// than smeared over two.
double snap(double position) { return std::floor(position) + 0.5; }

// A hairline across the plot at `position` along the value axis.
void rule(cairo_t* cr, const Rect& plot, bool horizontal, double position, Rgb colour) {
  const double at = snap(position);
  if (horizontal) {
    cairo().move_to(cr, at, plot.y);
    cairo().line_to(cr, at, plot.bottom());
  } else {
    cairo().move_to(cr, plot.x, at);
    cairo().line_to(cr, plot.right(), at);
  }
  set_colour(cr, colour);
  cairo().set_line_width(cr, kHairline);
  cairo().stroke(cr);
}

void paint_text(cairo_t* cr, const TextItem& item) {
  use_font(cr, item.font);
  set_colour(cr, item.colour);
  cairo().save(cr);
  cairo().translate(cr, item.x, item.y);
  if (item.vertical) cairo().rotate(cr, -std::numbers::pi / 2);
  cairo().move_to(cr, 0, 0);
  cairo().show_text(cr, item.text.c_str());
  cairo().restore(cr);
}

void paint_bar(cairo_t* cr, const Rect& rect, cairo_pattern_t* fill, Rgb colour) {
  cairo().rectangle(cr, rect.x, rect.y, rect.w, rect.h);
  cairo().set_source(cr, fill);
  cairo().fill_preserve(cr);
  set_colour(cr, darker(colour));
  cairo().set_line_width(cr, kBarOutline);
  cairo().stroke(cr);
}

void paint_marker(cairo_t* cr, const SeriesStyle& style, double x, double y) {
  trace_marker(cr, style.marker, x, y);
  set_colour(cr, style.colour);
  cairo().fill_preserve(cr);
  set_colour(cr, {1, 1, 1});  // a white rim parts the marker from the line under it
  cairo().set_line_width(cr, kHairline);
  cairo().stroke(cr);
}

void paint_line(cairo_t* cr, const LineMark& line, const SeriesStyle& style) {
  set_colour(cr, style.colour);
  cairo().set_line_width(cr, kLineWidth);
  cairo().set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  for (const std::vector<LinePoint>& run : line.runs) {
    cairo().move_to(cr, run.front().x, run.front().y);
    for (const LinePoint& point : run) cairo().line_to(cr, point.x, point.y);
  }
  cairo().stroke(cr);
  for (const std::vector<LinePoint>& run : line.runs) {
    for (const LinePoint& point : run) paint_marker(cr, style, point.x, point.y);
  }
}

void paint_panel(cairo_t* cr, const PanelLayout& panel, bool horizontal,
                 const std::vector<SeriesStyle>& styles, const std::vector<PatternHandle>& fills) {
  for (const double position : panel.tick_positions) rule(cr, panel.plot, horizontal, position, kGridline);
  for (const BarMark& bar : panel.bars) {
    paint_bar(cr, bar.rect, fills[bar.series].get(), styles[bar.series].colour);
  }
  rule(cr, panel.plot, horizontal, panel.zero, kZeroLine);
  for (const LineMark& line : panel.lines) paint_line(cr, line, styles[line.series]);
  for (const UnknownMark& unknown : panel.unknowns) paint_text(cr, unknown.glyph);
}

void paint_swatch(cairo_t* cr, const LegendEntry& entry, const SeriesStyle& style,
                  cairo_pattern_t* fill) {
  const Rect& swatch = entry.swatch;
  if (style.mark == Mark::kBar) {
    paint_bar(cr, swatch, fill, style.colour);
    return;
  }
  const double middle = swatch.y + swatch.h / 2;
  cairo().move_to(cr, swatch.x, middle);
  cairo().line_to(cr, swatch.right(), middle);
  set_colour(cr, style.colour);
  cairo().set_line_width(cr, kLineWidth);
  cairo().stroke(cr);
  paint_marker(cr, style, swatch.x + swatch.w / 2, middle);
}

}  // namespace

void paint(cairo_t* cr, const Layout& layout) {
  set_colour(cr, {1, 1, 1});
  cairo().paint(cr);
  std::vector<PatternHandle> fills;
  for (const SeriesStyle& style : layout.styles) fills.push_back(make_fill_pattern(style.fill, style.colour));

  for (const PanelLayout& panel : layout.panels) paint_panel(cr, panel, layout.horizontal, layout.styles, fills);
  for (const LegendEntry& entry : layout.legend) {
    paint_swatch(cr, entry, layout.styles[entry.series], fills[entry.series].get());
  }
  for (const TextItem& text : layout.texts) paint_text(cr, text);
}

}  // namespace charts

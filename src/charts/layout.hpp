// Where everything goes: the layout computes every position, every string as drawn and every
// mark, and the painter (paint.hpp) only draws what it is given. render_png(),
// category_label_boxes() and the tests read this same Layout, so what a test checks about
// positions is what the PNG shows.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "charts/chart.hpp"
#include "charts/style.hpp"
#include "charts/text.hpp"
#include "util/result.hpp"

namespace charts {

struct Rect {
  double x = 0, y = 0, w = 0, h = 0;
  [[nodiscard]] double right() const { return x + w; }
  [[nodiscard]] double bottom() const { return y + h; }
};

struct TextItem {
  std::string text;
  double x = 0, y = 0;  ///< the pen's start on the baseline (for vertical text, before turning)
  Font font;
  Rgb colour;
  bool vertical = false;  ///< turned a quarter anticlockwise: reads upwards
};

/// Indices: `series` counts across panels in order (it indexes Layout::styles); `category`
/// indexes Chart::categories.
struct BarMark {
  std::size_t series = 0, category = 0;
  double value = 0;
  Rect rect;  ///< from the value's start (zero, or the stack below it) to its end
};

/// A "?" drawn instead of a value that is not known.
struct UnknownMark {
  std::size_t series = 0, category = 0;
  Rect box;        ///< the ink of the "?"
  TextItem glyph;  ///< the "?" positioned to fill box
};

struct LinePoint {
  std::size_t category = 0;
  double x = 0, y = 0;
};

struct LineMark {
  std::size_t series = 0;
  std::vector<std::vector<LinePoint>> runs;  ///< unbroken stretches; an unknown value ends one
};

struct PanelLayout {
  Rect plot;
  std::vector<double> ticks;           ///< gridline values; the first and last bound the axis
  std::vector<double> tick_positions;  ///< their pixel: y on a vertical chart, x on a horizontal
  double zero = 0;                     ///< the pixel of the value 0 (y, or x when horizontal)
  std::vector<BarMark> bars;
  std::vector<LineMark> lines;
  std::vector<UnknownMark> unknowns;
};

struct LegendEntry {
  std::size_t series = 0;
  Rect swatch;  ///< the sample of the fill, or of the line and its marker
};

struct Layout {
  int width = 0, height = 0;
  bool horizontal = false;
  std::vector<SeriesStyle> styles;  ///< one per series, across panels in order
  std::vector<PanelLayout> panels;  ///< empty when the chart has no categories ("No data")
  std::vector<LegendEntry> legend;
  std::vector<TextItem> texts;      ///< every word drawn except the "?" of unknown values
  std::vector<LabelBox> category_labels;
};

/// The layout of `chart` at width x height pixels, or validate()'s kBadInput.
[[nodiscard]] util::Result<Layout> lay_out(const Chart& chart, int width, int height);

}  // namespace charts

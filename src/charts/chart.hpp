// A chart as data: what to draw, independent of any tool and of how it is drawn. Tools build
// one from their structured result (tools/*_chart.cpp); render_png() draws it with cairo.
//
// Honest by construction: every value axis starts at zero (or spans it when values go
// negative); a value that cannot be known is nullopt and is drawn as a "?" at the baseline,
// never as 0; series differ by pattern or marker shape as well as colour, and the legend names
// them; money axes name their currency in `value_label`, so one chart never mixes two.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace charts {

enum class Mark {
  kBar,   ///< a bar per category (side by side with the panel's other bar series, or stacked)
  kLine,  ///< a line through the categories, a marker on each value
};

struct Series {
  std::string name;  ///< legend text: "MRR", "New", "0-30 days"
  Mark mark = Mark::kBar;
  std::vector<std::optional<double>> values;  ///< one per category; nullopt: unknown ("?")
};

/// One value axis and what is drawn against it. Most charts have one panel; mrr_trend has two
/// (the MRR line above, the new and churned bars below), so neither squashes the other.
struct Panel {
  std::string value_label;  ///< the value axis, with its unit: "GBP per month", "Tickets", "Hours"
  std::vector<Series> series;
  bool stacked = false;     ///< bar series stacked per category instead of side by side
  double weight = 1.0;      ///< share of the plot height among panels
};

struct Chart {
  std::string title;           ///< "MRR by client (GBP)"
  std::string subtitle;        ///< "as of 2026-12-04, top 10 of 24 clients"; may be empty
  std::string category_label;  ///< the category axis: "Client", "Month", "Agent"
  std::vector<std::string> categories;
  std::vector<Panel> panels;   ///< at least one; every series has one value per category
  /// Categories down the left, values across (long names such as clients and agents). Only
  /// with a single panel.
  bool horizontal = false;
  std::string note;            ///< a footnote: what is left out and why; may be empty
};

inline constexpr int kDefaultWidth = 800;
inline constexpr int kDefaultHeight = 450;

/// The chart as PNG bytes, width x height pixels. kBadInput when the chart is malformed (no
/// panel, a series whose value count differs from the categories', horizontal with several
/// panels); kInternal when cairo fails.
[[nodiscard]] util::Result<std::string> render_png(const Chart& chart, int width = kDefaultWidth,
                                                   int height = kDefaultHeight);

// --- Layout queries: the same layout code render_png() draws from, for tests and callers that
// need to know where things went. A chart without categories renders a "No data" message (the
// header and note still drawn) rather than failing, so these then return no labels.

/// The value axis's gridlines: "nice" steps (1, 2, 2.5 or 5 x 10^k), always including zero, from
/// at or below min(0, lo) to at or above max(0, hi), at most max_ticks values (at least 2 are
/// kept). (0, 9300) gives 0, 2000, ..., 10000. With nothing to scale ((0, 0), or a bound that is
/// not finite) it gives {0, 1}.
[[nodiscard]] std::vector<double> value_ticks(double lo, double hi, int max_ticks = 6);

/// Where one category label is drawn: the box it occupies in pixels (x, y the top-left corner),
/// the text as drawn (perhaps cut short with "…") and which category it names. A rotated label
/// (reading upwards) has a tall, narrow box.
struct LabelBox {
  double x = 0, y = 0, w = 0, h = 0;
  std::string text;
  std::size_t category = 0;
  bool rotated = false;
};

/// The category labels render_png() would draw, in category order. Labels thinned out to avoid
/// overlap are absent. Fails as render_png() does on a malformed chart.
[[nodiscard]] util::Result<std::vector<LabelBox>> category_label_boxes(
    const Chart& chart, int width = kDefaultWidth, int height = kDefaultHeight);

}  // namespace charts

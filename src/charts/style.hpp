// How the chart looks: the palette, each series' fill pattern or marker, the fonts and the
// greys. Series never differ by colour alone: bar series also differ by fill pattern, line
// series by marker shape, so the chart survives colour blindness and greyscale printing.
#pragma once
#include <cstddef>
#include <vector>

#include "charts/chart.hpp"
#include "charts/text.hpp"

namespace charts {

struct Rgb {
  double r = 0, g = 0, b = 0;
};

enum class Fill { kSolid, kDiagonal, kDots, kCrossHatch, kBackDiagonal, kHorizontal };
enum class Marker { kCircle, kSquare, kTriangle, kDiamond, kTriangleDown };

struct SeriesStyle {
  Mark mark = Mark::kBar;
  Rgb colour;
  Fill fill = Fill::kSolid;          ///< bar series
  Marker marker = Marker::kCircle;   ///< line series
};

/// A style per series, numbered across the panels in order (panel 0's series first). Colours
/// follow the Okabe-Ito palette in series order; fills and markers go in order among the bar
/// and the line series respectively, so the first bar series is solid and the second hatched.
[[nodiscard]] std::vector<SeriesStyle> assign_styles(const Chart& chart);

/// The colour of the marks drawn over a fill (hatching, dots): white on a dark colour, a darker
/// shade of the colour on a light one, whichever shows.
[[nodiscard]] Rgb pattern_ink(Rgb colour);
/// A darker shade, for the outline of a bar so that adjacent stacked segments stay apart.
[[nodiscard]] Rgb darker(Rgb colour);

inline constexpr Rgb kInk{0.13, 0.13, 0.13};        ///< titles, labels
inline constexpr Rgb kMutedInk{0.40, 0.40, 0.40};   ///< subtitle, tick labels, note
inline constexpr Rgb kGridline{0.87, 0.87, 0.87};
inline constexpr Rgb kZeroLine{0.25, 0.25, 0.25};

inline constexpr Font kTitleFont{16, true};
inline constexpr Font kSubtitleFont{12};
inline constexpr Font kLegendFont{11};
inline constexpr Font kAxisLabelFont{11};
inline constexpr Font kTickFont{10};
inline constexpr Font kCategoryFont{11};
inline constexpr double kSmallestCategoryFontSize = 9;  ///< below this, labels are thinned
inline constexpr Font kNoteFont{10};
inline constexpr Font kUnknownFont{11, true};           ///< the "?" of an unknown value
inline constexpr Font kNoDataFont{14};

}  // namespace charts

#include "charts/style.hpp"

#include <array>

namespace charts {
namespace {

// Okabe & Ito's palette, told apart under the common colour-vision deficiencies; black is left
// out (it is the text colour) and yellow comes last (faint on white).
constexpr std::array<Rgb, 7> kPalette{{
    {0x00 / 255.0, 0x72 / 255.0, 0xB2 / 255.0},  // blue
    {0xE6 / 255.0, 0x9F / 255.0, 0x00 / 255.0},  // orange
    {0x00 / 255.0, 0x9E / 255.0, 0x73 / 255.0},  // bluish green
    {0xD5 / 255.0, 0x5E / 255.0, 0x00 / 255.0},  // vermilion
    {0xCC / 255.0, 0x79 / 255.0, 0xA7 / 255.0},  // reddish purple
    {0x56 / 255.0, 0xB4 / 255.0, 0xE9 / 255.0},  // sky blue
    {0xF0 / 255.0, 0xE4 / 255.0, 0x42 / 255.0},  // yellow
}};
constexpr std::array<Fill, 6> kFills{Fill::kSolid,      Fill::kDiagonal,     Fill::kDots,
                                     Fill::kCrossHatch, Fill::kBackDiagonal, Fill::kHorizontal};
constexpr std::array<Marker, 5> kMarkers{Marker::kCircle, Marker::kSquare, Marker::kTriangle,
                                         Marker::kDiamond, Marker::kTriangleDown};

double luminance(Rgb c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; }

}  // namespace

std::vector<SeriesStyle> assign_styles(const Chart& chart) {
  std::vector<SeriesStyle> styles;
  std::size_t bars = 0, lines = 0;
  for (const Panel& panel : chart.panels) {
    for (const Series& series : panel.series) {
      SeriesStyle style{.mark = series.mark, .colour = kPalette[styles.size() % kPalette.size()]};
      if (series.mark == Mark::kBar) {
        style.fill = kFills[bars++ % kFills.size()];
      } else {
        style.marker = kMarkers[lines++ % kMarkers.size()];
      }
      styles.push_back(style);
    }
  }
  return styles;
}

Rgb pattern_ink(Rgb colour) {
  if (luminance(colour) < 0.5) return {1, 1, 1};
  return {colour.r * 0.45, colour.g * 0.45, colour.b * 0.45};
}

Rgb darker(Rgb colour) { return {colour.r * 0.7, colour.g * 0.7, colour.b * 0.7}; }

}  // namespace charts

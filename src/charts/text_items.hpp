// Positioning a line of text by its box rather than by its baseline, which is how the layout
// thinks (centre this label on that gridline, end that one at the plot's edge).
#pragma once
#include <string>

#include "charts/layout.hpp"

namespace charts {

enum class Align { kStart, kCentre, kEnd };

/// Text reading left to right whose start, centre or end (align) is at x and whose line box
/// (ascent + descent) is centred on centre_y.
[[nodiscard]] TextItem text_at(std::string text, double x, Align align, double centre_y, Font font,
                               Rgb colour, const TextMeasure& measure);

/// Text reading upwards whose line box starts at left_x and whose last letter ends at top_y.
[[nodiscard]] TextItem upward_text(std::string text, double left_x, double top_y, Font font,
                                   Rgb colour, const TextMeasure& measure);

}  // namespace charts

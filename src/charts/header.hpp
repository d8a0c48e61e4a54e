// What frames the plot: title, subtitle and legend at the top, the note at the bottom.
#pragma once
#include <string>

#include "charts/layout.hpp"

namespace charts {

/// Places the title (bold), the subtitle and the legend at the top of `content`: the legend on
/// the title's line, right-aligned, when both fit there, else in rows under the subtitle.
/// Returns the y just below what it placed. out.styles must already be assigned.
double place_header(const Chart& chart, Rect content, const TextMeasure& measure, Layout& out);

/// Places the note, small and grey, at the bottom-left of `content`; returns the y just above it
/// (content.bottom() when there is no note).
double place_note(const std::string& note, Rect content, const TextMeasure& measure, Layout& out);

}  // namespace charts

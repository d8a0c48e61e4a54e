#include "charts/layout.hpp"

#include <algorithm>

#include "charts/body_layout.hpp"
#include "charts/cairo_library.hpp"
#include "charts/header.hpp"
#include "charts/text_items.hpp"
#include "charts/validate.hpp"

namespace charts {
namespace {

constexpr double kMargin = 10;     ///< around the whole chart
constexpr double kHeaderGap = 8;   ///< between the header and the plot

}  // namespace

util::Result<Layout> lay_out(const Chart& chart, int width, int height) {
  if (auto valid = validate(chart, width, height); !valid) return util::Unexpected(valid.error());
  // cairo is loaded on the first chart (cairo_library.hpp); every entry point passes here first.
  if (const auto& library = cairo_api(); !library) return util::Unexpected(library.error());
  const TextMeasure measure;
  Layout out{.width = width, .height = height, .horizontal = chart.horizontal,
             .styles = assign_styles(chart)};
  const Rect content{kMargin, kMargin, width - 2 * kMargin, height - 2 * kMargin};
  const double top = place_header(chart, content, measure, out) + kHeaderGap;
  const double bottom = place_note(chart.note, content, measure, out);
  const Rect body{content.x, top, content.w, std::max(bottom - top, 1.0)};

  if (chart.categories.empty()) {
    // Nothing to plot is an answer too (no tickets this month): say so rather than fail.
    out.texts.push_back(text_at("No data", body.x + body.w / 2, Align::kCentre,
                                body.y + body.h / 2, kNoDataFont, kMutedInk, measure));
  } else if (chart.horizontal) {
    lay_out_horizontal(chart, body, measure, out);
  } else {
    lay_out_vertical(chart, body, measure, out);
  }
  return out;
}

}  // namespace charts

#include "charts/text_items.hpp"

#include <utility>

namespace charts {

TextItem text_at(std::string text, double x, Align align, double centre_y, Font font, Rgb colour,
                 const TextMeasure& measure) {
  const double width = measure.width(text, font);
  const double start = align == Align::kStart    ? x
                       : align == Align::kCentre ? x - width / 2
                                                 : x - width;
  const double baseline = centre_y - measure.line_height(font) / 2 + measure.ascent(font);
  return {.text = std::move(text), .x = start, .y = baseline, .font = font, .colour = colour};
}

TextItem upward_text(std::string text, double left_x, double top_y, Font font, Rgb colour,
                     const TextMeasure& measure) {
  // Turned anticlockwise, the pen moves up the page and the ascent points left: the baseline
  // sits one ascent right of the box's left edge, and the text starts one width below its end.
  const double width = measure.width(text, font);
  return {.text = std::move(text), .x = left_x + measure.ascent(font), .y = top_y + width,
          .font = font, .colour = colour, .vertical = true};
}

}  // namespace charts

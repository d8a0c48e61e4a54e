#include "charts/category_labels.hpp"

#include <algorithm>
#include <cmath>


namespace charts {
namespace {

// Gaps between the letter bands (TextMeasure::letters) of neighbouring labels.
constexpr double kLevelLabelGap = 6;   ///< between level labels side by side
constexpr double kRotatedLabelGap = 2; ///< between rotated labels side by side
constexpr double kRowGap = 1;          ///< between rows of labels down the left

// Show every k-th category, with k the fewest bands that hold one label's `need` of pixels.
std::vector<std::size_t> every_kth(std::size_t count, double need, double band) {
  const double k = need <= band ? 1.0 : std::ceil(need / band);
  const auto step = static_cast<std::size_t>(k);
  std::vector<std::size_t> shown;
  for (std::size_t i = 0; i < count; i += step) shown.push_back(i);
  return shown;
}

// Fills texts (cut by `cut`) and widths for the shown categories, and the widest as depth.
template <class Cut>
void measure_shown(LabelFit& fit, const std::vector<std::string>& categories, Cut cut,
                   const TextMeasure& measure) {
  fit.depth = 0;
  for (const std::size_t i : fit.shown) {
    fit.texts.push_back(cut(sanitize_utf8(categories[i])));
    fit.widths.push_back(measure.width(fit.texts.back(), fit.font));
    fit.depth = std::max(fit.depth, fit.widths.back());
  }
}

}  // namespace

LabelFit fit_labels_below(const std::vector<std::string>& categories, double band,
                          double max_depth, const TextMeasure& measure) {
  LabelFit fit{.font = kCategoryFont};
  const double line = measure.letters(fit.font).height;
  double widest = 0;
  for (const std::string& category : categories) {
    widest = std::max(widest, measure.width(sanitize_utf8(category), fit.font));
  }
  if (widest + kLevelLabelGap <= band) {
    fit.shown = every_kth(categories.size(), 0, band);
    measure_shown(fit, categories, [](std::string text) { return text; }, measure);
    fit.depth = line;
    return fit;
  }
  fit.rotated = true;
  fit.shown = every_kth(categories.size(), line + kRotatedLabelGap, band);
  measure_shown(
      fit, categories,
      [&](const std::string& text) { return fit_width(text, max_depth, fit.font, measure); },
      measure);
  return fit;
}

LabelFit fit_labels_left(const std::vector<std::string>& categories, double band,
                         double max_width, const TextMeasure& measure) {
  LabelFit fit{.font = kCategoryFont};
  while (fit.font.size > kSmallestCategoryFontSize &&
         measure.letters(fit.font).height + kRowGap > band) {
    fit.font.size -= 1;
  }
  fit.shown = every_kth(categories.size(), measure.letters(fit.font).height + kRowGap, band);
  measure_shown(
      fit, categories,
      [&](const std::string& text) {
        return fit_width(truncate_chars(text, kMaxLeftLabelChars), max_width, fit.font, measure);
      },
      measure);
  return fit;
}

// The boxes are the labels' letter bands (TextMeasure::letters), and each text's baseline is
// put where its letters fill the box.
void place_labels_below(const LabelFit& fit, const CategoryBands& bands, double top,
                        const TextMeasure& measure, Layout& out) {
  const InkExtents letters = measure.letters(fit.font);
  for (std::size_t k = 0; k < fit.shown.size(); ++k) {
    const std::size_t category = fit.shown[k];
    const double centre = bands.centre(category);
    const double width = fit.widths[k];
    LabelBox box{.text = fit.texts[k], .category = category, .rotated = fit.rotated};
    TextItem text{.text = fit.texts[k], .font = fit.font, .colour = kInk, .vertical = fit.rotated};
    if (fit.rotated) {
      // Turned anticlockwise the letters' top points left, and the text ends at `top`.
      box.x = centre - letters.height / 2, box.y = top, box.w = letters.height, box.h = width;
      text.x = box.x - letters.y_bearing, text.y = top + width;
    } else {
      box.x = centre - width / 2, box.y = top, box.w = width, box.h = letters.height;
      text.x = box.x, text.y = top - letters.y_bearing;
    }
    out.category_labels.push_back(std::move(box));
    out.texts.push_back(std::move(text));
  }
}

void place_labels_left(const LabelFit& fit, const CategoryBands& bands, double right,
                       const TextMeasure& measure, Layout& out) {
  const InkExtents letters = measure.letters(fit.font);
  for (std::size_t k = 0; k < fit.shown.size(); ++k) {
    const std::size_t category = fit.shown[k];
    const double top = bands.centre(category) - letters.height / 2;
    const double width = fit.widths[k];
    out.category_labels.push_back({.x = right - width, .y = top, .w = width, .h = letters.height,
                                   .text = fit.texts[k], .category = category});
    out.texts.push_back({.text = fit.texts[k], .x = right - width, .y = top - letters.y_bearing,
                         .font = fit.font, .colour = kInk});
  }
}

}  // namespace charts

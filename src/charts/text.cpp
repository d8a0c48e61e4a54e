#include "charts/text.hpp"

#include <vector>

#include "charts/cairo_library.hpp"

namespace charts {
namespace {

constexpr std::string_view kEllipsis = "\u2026";
constexpr std::string_view kReplacement = "\uFFFD";

// The length of the valid UTF-8 sequence starting at text[i], or 0 when it is not one (a stray
// continuation byte, a truncated sequence, an overlong form, a surrogate, beyond U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

// Byte offsets at which each code point of (already valid) `text` ends.
std::vector<std::size_t> code_point_ends(std::string_view text) {
  std::vector<std::size_t> ends;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    i += length == 0 ? 1 : length;
    ends.push_back(i);
  }
  return ends;
}

cairo_text_extents_t text_extents(cairo_t* cr, std::string_view text, Font font) {
  use_font(cr, font);
  const std::string terminated(text);  // cairo wants a terminated string
  cairo_text_extents_t extents;
  cairo().text_extents(cr, terminated.c_str(), &extents);
  return extents;
}

cairo_font_extents_t font_extents(cairo_t* cr, Font font) {
  use_font(cr, font);
  cairo_font_extents_t extents;
  cairo().font_extents(cr, &extents);
  return extents;
}

std::string with_ellipsis(std::string_view start) {
  while (!start.empty() && start.back() == ' ') start.remove_suffix(1);
  return std::string(start) + std::string(kEllipsis);
}

}  // namespace

void use_font(cairo_t* cr, Font font) {
  cairo().select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                         font.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo().set_font_size(cr, font.size);
  cairo_font_options_t* options = cairo().font_options_create();
  cairo().font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
  cairo().font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT);
  cairo().font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_ON);
  cairo().set_font_options(cr, options);
  cairo().font_options_destroy(options);
}

TextMeasure::TextMeasure()
    : surface_(cairo().image_surface_create(CAIRO_FORMAT_RGB24, 1, 1)), cr_(cairo().create(surface_)) {}

TextMeasure::~TextMeasure() {
  cairo().destroy(cr_);
  cairo().surface_destroy(surface_);
}

double TextMeasure::width(std::string_view text, Font font) const {
  return text_extents(cr_, text, font).x_advance;
}

double TextMeasure::ascent(Font font) const { return font_extents(cr_, font).ascent; }

double TextMeasure::descent(Font font) const { return font_extents(cr_, font).descent; }

InkExtents TextMeasure::ink(std::string_view text, Font font) const {
  const cairo_text_extents_t extents = text_extents(cr_, text, font);
  return {extents.x_bearing, extents.y_bearing, extents.width, extents.height};
}

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += kReplacement;
      ++i;
    } else {
      out += text.substr(i, length);
      i += length;
    }
  }
  return out;
}

std::string truncate_chars(std::string_view text, std::size_t max_chars) {
  const std::vector<std::size_t> ends = code_point_ends(text);
  if (ends.size() <= max_chars) return std::string(text);
  if (max_chars == 0) return {};
  return with_ellipsis(text.substr(0, max_chars == 1 ? 0 : ends[max_chars - 2]));
}

std::string fit_width(std::string_view text, double max_width, Font font,
                      const TextMeasure& measure) {
  if (text.empty() || measure.width(text, font) <= max_width) return std::string(text);
  // Widths grow with the number of code points kept, so binary search for the most that fit.
  const std::vector<std::size_t> ends = code_point_ends(text);
  std::size_t fits = 0;  // code points kept; 0 keeps none (just "…")
  std::size_t low = 1, high = ends.size() - 1;
  while (low <= high) {
    const std::size_t mid = low + (high - low) / 2;
    if (measure.width(with_ellipsis(text.substr(0, ends[mid - 1])), font) <= max_width) {
      fits = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  if (fits > 0) return with_ellipsis(text.substr(0, ends[fits - 1]));
  return measure.width(kEllipsis, font) <= max_width ? std::string(kEllipsis) : std::string();
}

}  // namespace charts

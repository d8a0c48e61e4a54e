// Text: the one font face, measuring with exactly the settings used for drawing (so what the
// layout measured is what the painter draws), and cutting text to fit.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

// cairo's own types, declared as cairo.h does, so this header (included by tests through
// layout.hpp) does not need cairo's include path.
struct _cairo;
struct _cairo_surface;

namespace charts {

struct Font {
  double size = 11;  ///< pixels
  bool bold = false;
};

/// Selects `font` in DejaVu Sans on `cr`, with fixed hinting and antialiasing so the pixels do
/// not depend on the machine's fontconfig settings (the same chart gives the same bytes).
void use_font(_cairo* cr, Font font);

/// Where a string's ink falls relative to its origin on the baseline (cairo_text_extents).
struct InkExtents {
  double x_bearing = 0, y_bearing = 0, width = 0, height = 0;
};

/// Measures text on a private one-pixel surface with use_font(). Not thread-safe; cheap to make.
class TextMeasure {
 public:
  TextMeasure();
  ~TextMeasure();
  TextMeasure(const TextMeasure&) = delete;
  TextMeasure& operator=(const TextMeasure&) = delete;

  /// How far the text advances the pen: the width the layout reserves for it.
  [[nodiscard]] double width(std::string_view text, Font font) const;
  [[nodiscard]] double ascent(Font font) const;
  [[nodiscard]] double descent(Font font) const;
  /// The height of a line of this font: ascent + descent, the box a label occupies.
  [[nodiscard]] double line_height(Font font) const { return ascent(font) + descent(font); }
  [[nodiscard]] InkExtents ink(std::string_view text, Font font) const;
  /// The band a line's letters occupy, from the top of the tallest ascender (b, d, l) to the
  /// bottom of the deepest descender (g, p, y): the ink of ordinary text, tighter than the
  /// line box (which also holds room for accents). y_bearing is its top relative to the
  /// baseline (negative: above), height its height. Labels stacked in rows this far apart never
  /// touch, which is what lets 30 client names share 450 pixels.
  [[nodiscard]] InkExtents letters(Font font) const { return ink("Hbdfghjklpqy", font); }

 private:
  _cairo_surface* surface_;
  _cairo* cr_;
};

/// `text` with every byte that is not part of valid UTF-8 replaced by U+FFFD, because cairo
/// refuses a whole string over one bad byte (and Halo's data is not ours to trust).
[[nodiscard]] std::string sanitize_utf8(std::string_view text);

/// At most `max_chars` characters (code points), the last of them "…" when any were cut.
[[nodiscard]] std::string truncate_chars(std::string_view text, std::size_t max_chars);

/// The longest start of `text` that fits in `max_width` pixels, with "…" when cut short
/// (trailing spaces dropped before it); "" when not even "…" fits.
[[nodiscard]] std::string fit_width(std::string_view text, double max_width, Font font,
                                    const TextMeasure& measure);

}  // namespace charts

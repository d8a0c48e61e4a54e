// cairo opened at run time (dlopen) instead of linked: libcairo pulls in some fifteen shared
// libraries (pixman, freetype, fontconfig, png, X11/xcb, ...) whose loading would cost every
// start of the server, although most sessions never draw a chart. The first chart loads it;
// <cairo.h> still gives the types, constants and the signatures the table is declared from.
#pragma once
#include <cairo.h>

#include "util/result.hpp"

namespace charts {

/// The soname loaded: cairo's stable ABI (Debian's package libcairo2).
inline constexpr const char* kCairoSoname = "libcairo.so.2";

// Every cairo function the renderer calls. The slot takes cairo's own declaration as its type,
// so a mismatch cannot compile; names drop the cairo_ prefix (call as cairo().move_to(...)).
#define HALO_CAIRO_FUNCTIONS(X) \
  X(arc) \
  X(close_path) \
  X(create) \
  X(destroy) \
  X(fill) \
  X(fill_preserve) \
  X(font_extents) \
  X(font_options_create) \
  X(font_options_destroy) \
  X(font_options_set_antialias) \
  X(font_options_set_hint_metrics) \
  X(font_options_set_hint_style) \
  X(image_surface_create) \
  X(line_to) \
  X(move_to) \
  X(new_sub_path) \
  X(paint) \
  X(pattern_create_for_surface) \
  X(pattern_create_rgb) \
  X(pattern_destroy) \
  X(pattern_set_extend) \
  X(pattern_set_filter) \
  X(rectangle) \
  X(restore) \
  X(rotate) \
  X(save) \
  X(select_font_face) \
  X(set_font_options) \
  X(set_font_size) \
  X(set_line_join) \
  X(set_line_width) \
  X(set_source) \
  X(set_source_rgb) \
  X(show_text) \
  X(status) \
  X(status_to_string) \
  X(stroke) \
  X(surface_destroy) \
  X(surface_flush) \
  X(surface_write_to_png_stream) \
  X(text_extents) \
  X(translate)

struct CairoApi {
#define HALO_CAIRO_SLOT(name) decltype(&::cairo_##name) name = nullptr;
  HALO_CAIRO_FUNCTIONS(HALO_CAIRO_SLOT)
#undef HALO_CAIRO_SLOT
};

/// libcairo.so.2, loaded and resolved once per process, thread-safely; later calls return the
/// same table or the same kConfig error (naming the library and the package to install).
[[nodiscard]] const util::Result<const CairoApi*>& cairo_api();

/// The loaded table; only valid after cairo_api() succeeded (render_png checks first).
[[nodiscard]] const CairoApi& cairo();

}  // namespace charts

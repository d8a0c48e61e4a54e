#include "charts/fill_patterns.hpp"

#include "charts/cairo_library.hpp"

namespace charts {
namespace {

constexpr int kTile = 6;                ///< pixels; small enough to show in a thin bar
constexpr double kStrokeWidth = 1.4;
constexpr double kDotRadius = 1.3;

// A diagonal across the tile, with the pieces that wrap in from the neighbouring tiles, so the
// repeat shows one unbroken line. rising: bottom-left to top-right.
void trace_diagonal(cairo_t* cr, bool rising) {
  const double t = kTile;
  for (const double offset : {-t, 0.0, t}) {
    if (rising) {
      cairo().move_to(cr, offset - 1, t + 1);
      cairo().line_to(cr, offset + t + 1, -1);
    } else {
      cairo().move_to(cr, offset - 1, -1);
      cairo().line_to(cr, offset + t + 1, t + 1);
    }
  }
}

void draw_marks(cairo_t* cr, Fill fill) {
  cairo().set_line_width(cr, kStrokeWidth);
  switch (fill) {
    case Fill::kSolid:
      return;
    case Fill::kDiagonal:
      trace_diagonal(cr, true);
      break;
    case Fill::kBackDiagonal:
      trace_diagonal(cr, false);
      break;
    case Fill::kCrossHatch:
      trace_diagonal(cr, true);
      trace_diagonal(cr, false);
      break;
    case Fill::kHorizontal:
      cairo().move_to(cr, 0, kTile / 2.0);
      cairo().line_to(cr, kTile, kTile / 2.0);
      break;
    case Fill::kDots:
      cairo().arc(cr, kTile / 2.0, kTile / 2.0, kDotRadius, 0, 6.283185307179586);
      cairo().fill(cr);
      return;
  }
  cairo().stroke(cr);
}

}  // namespace

PatternHandle make_fill_pattern(Fill fill, Rgb colour) {
  if (fill == Fill::kSolid) return PatternHandle(cairo().pattern_create_rgb(colour.r, colour.g, colour.b));
  const SurfaceHandle tile(cairo().image_surface_create(CAIRO_FORMAT_RGB24, kTile, kTile));
  {
    const ContextHandle cr(cairo().create(tile.get()));
    cairo().set_source_rgb(cr.get(), colour.r, colour.g, colour.b);
    cairo().paint(cr.get());
    const Rgb ink = pattern_ink(colour);
    cairo().set_source_rgb(cr.get(), ink.r, ink.g, ink.b);
    draw_marks(cr.get(), fill);
  }
  PatternHandle pattern(cairo().pattern_create_for_surface(tile.get()));
  cairo().pattern_set_extend(pattern.get(), CAIRO_EXTEND_REPEAT);
  // Nearest-neighbour: the tile is drawn at its own size, and blending the wrap would blur it.
  cairo().pattern_set_filter(pattern.get(), CAIRO_FILTER_NEAREST);
  return pattern;
}

}  // namespace charts

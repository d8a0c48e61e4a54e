// Owning handles for cairo objects, so every early return releases what was made.
#pragma once
#include <cairo.h>

#include "charts/cairo_library.hpp"

#include <memory>

namespace charts {

struct CairoRelease {
  void operator()(cairo_t* cr) const { cairo().destroy(cr); }
  void operator()(cairo_surface_t* surface) const { cairo().surface_destroy(surface); }
  void operator()(cairo_pattern_t* pattern) const { cairo().pattern_destroy(pattern); }
};

using ContextHandle = std::unique_ptr<cairo_t, CairoRelease>;
using SurfaceHandle = std::unique_ptr<cairo_surface_t, CairoRelease>;
using PatternHandle = std::unique_ptr<cairo_pattern_t, CairoRelease>;

}  // namespace charts

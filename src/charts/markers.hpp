// The point markers that tell line series apart without colour.
#pragma once
#include <cairo.h>

#include "charts/style.hpp"

namespace charts {

inline constexpr double kMarkerRadius = 4;  ///< pixels from the centre to the shape's edge

/// Adds the outline of `marker` centred on (x, y) to cr's path (fill or stroke it after).
void trace_marker(cairo_t* cr, Marker marker, double x, double y);

}  // namespace charts

// Draws a Layout. Every position and string comes from the layout; painting decides only
// colours, line widths and pixel snapping.
#pragma once
#include <cairo.h>

#include "charts/layout.hpp"

namespace charts {

/// Paints `layout` onto cr (a surface of layout.width x layout.height), white background first.
void paint(cairo_t* cr, const Layout& layout);

}  // namespace charts

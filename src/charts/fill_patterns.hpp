// The fills that tell bar series apart without colour: solid, hatched, dotted...
#pragma once
#include "charts/cairo_handles.hpp"
#include "charts/cairo_library.hpp"
#include "charts/style.hpp"

namespace charts {

/// A source for cairo().fill(): `colour` overlaid with `fill`'s marks in pattern_ink(colour),
/// repeating from the image's origin so neighbouring bars' hatching lines up.
[[nodiscard]] PatternHandle make_fill_pattern(Fill fill, Rgb colour);

}  // namespace charts

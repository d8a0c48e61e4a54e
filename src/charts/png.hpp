// A cairo surface as PNG bytes in memory (tools return them base64-encoded; no file is written).
#pragma once
#include <cairo.h>

#include <string>

#include "util/result.hpp"

namespace charts {

/// The surface as PNG, or kInternal with cairo's reason.
[[nodiscard]] util::Result<std::string> encode_png(cairo_surface_t* surface);

}  // namespace charts

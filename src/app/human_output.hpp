// Renders tool results for a person at a terminal: list results as an aligned table of their
// scalar columns, single records as "key: value" lines. Scripts and pipes get JSON instead.
#pragma once
#include <string>

#include "util/json.hpp"

namespace app {

/// A plain-text rendering of structuredContent (width-limited cells, no colour codes).
std::string render_for_people(const util::Json& structured);

}  // namespace app

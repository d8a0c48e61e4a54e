// What revenue_breakdown returns, as a JSON Schema: rows per client and currency with their
// recurring items, totals per currency, warnings and sources.
#pragma once
#include "util/json.hpp"

namespace tools {

[[nodiscard]] util::Json revenue_output_schema();

}  // namespace tools

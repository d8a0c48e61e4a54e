// A small JSON Schema 2020-12 validator covering the subset our tool schemas use: type (with
// integer vs number), properties, required, additionalProperties (false or a schema), enum, const,
// minimum/maximum (+ exclusive), minLength/maxLength (code points), pattern, format "date",
// items, minItems/maxItems. Unknown keywords are ignored, as the spec says annotations are.
// Violations come back as values naming the offending argument, for an isError text.
#pragma once
#include <optional>
#include <string>

#include "util/json.hpp"

namespace mcp {

struct SchemaViolation {
  std::string path;     ///< "page_size", "filter.status", "ids[2]"; empty for the root value
  std::string message;  ///< "must be <= 100", "is required", "is not allowed"
};

/// The first violation found, or nullopt when `value` satisfies `schema`.
[[nodiscard]] std::optional<SchemaViolation> validate_against_schema(const util::Json& schema,
                                                                     const util::Json& value);

/// "Invalid argument 'page_size': must be <= 100" (or "Invalid arguments: must be an object").
[[nodiscard]] std::string describe_argument_violation(const SchemaViolation& violation);

/// True for a real calendar date written YYYY-MM-DD.
[[nodiscard]] bool is_calendar_date(std::string_view text);

}  // namespace mcp

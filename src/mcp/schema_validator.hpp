// A small JSON Schema 2020-12 validator covering the subset our tool schemas use: type (with
// integer vs number), properties, required, additionalProperties (false or a schema), enum, const,
// minimum/maximum (+ exclusive), minLength/maxLength (code points), pattern, format "date",
// items, minItems/maxItems. Unknown keywords are ignored, as the spec says annotations are.
// Violations come back as values naming the offending argument, for an isError text. Every
// problem is reported at once, so a model fixes its arguments in one retry rather than one per
// problem.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/json.hpp"

namespace mcp {

struct SchemaViolation {
  std::string path;     ///< "page_size", "filter.status", "ids[2]"; empty for the root value
  std::string message;  ///< "must be <= 100", "is required", "is not a known argument"
  /// The offending value as JSON text ("\"yes\"", "101"), cut short; empty when the message
  /// already shows it, or for a missing or unknown argument, an array or an object.
  std::string got;
};

/// How many violations a tool-call error lists; validation stops looking after one more.
inline constexpr std::size_t kMaxListedViolations = 20;

/// Every violation of `schema` by `value`, at most `limit` of them; empty when it satisfies it.
/// Stable order: an object's declared properties in the schema's order (a missing required one
/// where it is declared), then required names it does not declare, then the value's other
/// members (unknown arguments) in their order; array items in index order. Each location reports
/// its first failing keyword only (a wrong type is not also "too long").
[[nodiscard]] std::vector<SchemaViolation> schema_violations(const util::Json& schema, const util::Json& value,
                                                             std::size_t limit = kMaxListedViolations + 1);

/// The first of schema_violations, or nullopt when `value` satisfies `schema`.
[[nodiscard]] std::optional<SchemaViolation> validate_against_schema(const util::Json& schema,
                                                                     const util::Json& value);

/// "Invalid argument 'page_size': must be <= 100" (or "Invalid arguments: must be an object").
[[nodiscard]] std::string describe_argument_violation(const SchemaViolation& violation);

/// One violation: describe_argument_violation's text. Several: "Invalid arguments: 'ticket_id' is
/// required; 'include_actions' must be a boolean (got \"yes\")", listing at most
/// kMaxListedViolations and then "and more". Empty for no violation.
[[nodiscard]] std::string describe_argument_violations(const std::vector<SchemaViolation>& violations);

/// True for a real calendar date written YYYY-MM-DD.
[[nodiscard]] bool is_calendar_date(std::string_view text);

}  // namespace mcp

// The JSON Schemas a model sees, derived from a tool's declaration: the inputSchema from its
// argument table (plus what its form adds), the outputSchema from its fields (list envelope or
// {item}) or from the tool's own builder.
#pragma once
#include <span>

#include "tools/tool_def.hpp"
#include "util/json.hpp"

namespace tools {

[[nodiscard]] util::Json input_schema(const ToolDef& tool);
[[nodiscard]] util::Json output_schema(const ToolDef& tool);

/// {"type": "object", "properties": {...}} of fields (detail_only ones included when `detail`).
[[nodiscard]] util::Json fields_schema(std::span<const Field> fields, bool detail);

/// The schema of one field's value (every kind allows null: Halo omits fields freely and a
/// projection says null rather than guess).
[[nodiscard]] util::Json field_schema(const Field& field);

}  // namespace tools

// Halo records turned into the compact items tools return, driven by the tool's field table: each
// field read the lenient way (domain/halo_fields.hpp) or computed, in table order, missing values
// null. `full: true` returns the record as Halo sent it; `fields: [..]` adds raw Halo fields.
#pragma once
#include <span>

#include "domain/record.hpp"
#include "tools/tool_args.hpp"
#include "tools/tool_def.hpp"
#include "util/json.hpp"

namespace tools {

/// The item: every field of `fields` (detail_only ones too when `detail`).
[[nodiscard]] util::Json project(const domain::Record& record, std::span<const Field> fields, bool detail,
                                 const ProjectionEnv& env);

/// The record as the caller asked for it: raw (`full`), else the projection plus the raw `fields`.
[[nodiscard]] util::Json shape_item(const domain::Record& record, const Shape& shape,
                                    std::span<const Field> fields, bool detail, const ProjectionEnv& env);

}  // namespace tools

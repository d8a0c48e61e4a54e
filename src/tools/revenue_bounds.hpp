// Size bound for revenue_breakdown's result. Its `clients` array has one row per client and
// currency, so a tenant with thousands of clients would otherwise hand the model megabytes. The
// generic list bound (result_bounds.hpp) does not fit its shape: here the `totals` are the answer
// that must stay whole and exact, while rows, their recurring_items and the warnings are the
// detail that may be cut, visibly and in a way the model can ask for again.
#pragma once
#include "tools/result_bounds.hpp"
#include "util/json.hpp"

namespace tools {

/// Bounds a revenue_breakdown structuredContent in place so that its serialized size stays under
/// limits.max_bytes. Never touches as_of/start_date/end_date, `totals`, `clients_total`,
/// `sources` or any `source_unavailable` warning. In order of what goes first:
///   - strings longer than limits.max_string_bytes are clipped (marked);
///   - the other warnings beyond a quarter of the space (kept in order);
///   - recurring_items, from the lowest-ranked rows up: the rows that keep their figures but
///     lose items say so with `recurring_items_omitted: N`;
///   - whole rows from the end (rows are ranked, so the largest clients stay).
/// When anything was cut it adds `truncated`: {rows_omitted, recurring_items_omitted,
/// warnings_omitted, strings_clipped, limit_bytes, note} and puts a `result_truncated` warning
/// carrying the same note first in `warnings`. The note names the arguments that narrow the
/// result (client_id, top, include_all_items). Returns true when anything was cut.
bool bound_revenue_result(util::Json& structured, const ResultLimits& limits = {});

/// The output-schema fragments the cut adds, for the tool's declared outputSchema.
[[nodiscard]] util::Json revenue_truncated_schema();
[[nodiscard]] util::Json revenue_row_items_omitted_schema();

}  // namespace tools

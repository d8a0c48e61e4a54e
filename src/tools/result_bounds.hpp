// Size bounds on what a Halo tool hands back to the model. A tenant can hold a 10 MB pasted
// ticket note or a page of 100 raw 100 KB records; sent whole, that floods the model's context
// and the transport. Results are cut here, in the tools layer, so the cut is explicit: a
// `truncated` object in structuredContent says what was left out and how to ask for the rest.
#pragma once
#include <cstddef>

#include "mcp/tool.hpp"
#include "util/json.hpp"

namespace tools {

/// The documented limits (SECURITY.md): serialized structuredContent stays under
/// kMaxResultBytes; any single string value longer than kMaxStringBytes is clipped.
inline constexpr std::size_t kMaxResultBytes = 256 * 1024;
inline constexpr std::size_t kMaxStringBytes = 32 * 1024;

struct ResultLimits {
  std::size_t max_bytes = kMaxResultBytes;
  std::size_t max_string_bytes = kMaxStringBytes;
};

/// Bounds a list result ({items: [...], has_more, ...}) or a get result ({item: {...}}) in place:
/// clips long strings (at a UTF-8 boundary, with a visible marker), then drops trailing items
/// until the serialized result fits, sets has_more, and adds `truncated`:
///   {items_omitted, strings_clipped, limit_bytes, note}
/// Other shapes are left alone. Returns true when anything was cut.
bool bound_result(util::Json& structured, const ResultLimits& limits = {});

/// Clips every string inside `value` longer than `max_string_bytes` (at a UTF-8 boundary, with a
/// visible "[clipped: N more bytes not shown]" marker). Returns how many were clipped.
int clip_long_strings(util::Json& value, std::size_t max_string_bytes);

/// Bytes of `value` as it goes on the wire (compact, invalid UTF-8 replaced).
[[nodiscard]] std::size_t serialized_size(const util::Json& value);

/// Wraps a tool handler so every successful outcome goes through bound_result.
[[nodiscard]] mcp::ToolHandler bounded_handler(mcp::ToolHandler handler, ResultLimits limits = {});

}  // namespace tools

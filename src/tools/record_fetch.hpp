// One Halo record by id, for get tools that do more than project it (get_ticket embeds actions):
// errors come back already phrased for the model, and a tenant that answers an unknown id with
// 200 and an empty object is read as "not found".
#pragma once
#include <cstdint>

#include "halo/client.hpp"
#include "tools/tool_def.hpp"

namespace tools {

[[nodiscard]] tl::expected<halo::Document, mcp::ToolOutcome> fetch_record(ToolCall& call, const Source& source,
                                                                           std::int64_t id,
                                                                           const halo::Params& params);

}  // namespace tools

// Halo clients by name, for the prompts that are about one client: completing a name as a person
// types it, and turning the name they chose into the id the tools take. One Halo request per
// distinct text (a list page, so the client's response cache answers a repeat).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mcp/tool.hpp"
#include "tools/tool_deps.hpp"
#include "util/result.hpp"

namespace prompts {

struct ClientName {
  std::int64_t id = 0;
  std::string name;
};

/// Active clients whose name contains `text` (Halo's search), names starting with it first, at
/// most `limit` of them. `total` gets Halo's count of matches.
[[nodiscard]] util::Result<std::vector<ClientName>> clients_named(tools::ToolDeps& deps, mcp::ToolContext& context,
                                                                  std::string_view text, int limit,
                                                                  std::int64_t& total);

/// The one client `text` means: an id (digits), the exact name (any case), or the only match.
/// kBadInput naming the argument when nothing or several clients match (with the candidates).
[[nodiscard]] util::Result<ClientName> resolve_client(tools::ToolDeps& deps, mcp::ToolContext& context,
                                                      std::string_view text, std::string_view argument);

}  // namespace prompts

// What people read about the catalogue, generated from the declarations so it cannot drift: the
// `tools` command's text, the README's tool and permission tables (a test compares them with the
// README), and the sources `check` probes with the tools that need each.
#pragma once
#include <string>
#include <vector>

#include "tools/tool_def.hpp"
#include "tools/toolsets.hpp"

namespace tools {

/// `halo-psa-mcp tools`: the toolsets on, then each offered tool with its toolset, title and
/// arguments (type, default, one line of help).
[[nodiscard]] std::string tools_text(const ToolSelection& selection);

/// The README's tool table (every tool, whatever the selection).
[[nodiscard]] std::string tools_markdown();
/// The README's permission table: each Halo source, the tools that read it and what to grant.
[[nodiscard]] std::string permissions_markdown();

/// A source `check` probes and the offered tools that read it ("list_tickets, get_ticket").
struct SourceUse {
  const Source* source;
  std::string tools;
};
/// The sources the offered tools read, in kAllSources order.
[[nodiscard]] std::vector<SourceUse> sources_in_use(const ToolSelection& selection);

}  // namespace tools

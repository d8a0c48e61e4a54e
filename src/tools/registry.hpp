// Every Halo tool, in the stable order tools/list shows them (cursors depend on it). Each tool is
// defined in the file of its area; adding one is that file plus one line in registry.cpp.
#pragma once
#include <span>
#include <string_view>

#include "tools/tool_def.hpp"

namespace tools {

[[nodiscard]] std::span<const ToolDef* const> all_tools();
[[nodiscard]] const ToolDef* find_tool(std::string_view name);

}  // namespace tools

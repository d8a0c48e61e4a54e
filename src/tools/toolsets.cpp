// Toolset names and the selection of offered tools (see toolsets.hpp).
#include "tools/toolsets.hpp"

#include <algorithm>

#include "tools/registry.hpp"

namespace tools {
namespace {

constexpr std::string_view kNames[] = {"tickets", "customers", "billing", "projects",
                                       "assets",  "team",      "reports", "analytics"};

}  // namespace

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::string_view toolset_name(Toolset toolset) { return kNames[static_cast<int>(toolset)]; }

std::string toolset_names() {
  std::string out;
  for (std::string_view name : kNames) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

std::optional<Toolset> toolset_named(std::string_view name) {
  for (Toolset t : kAllToolsets) {
    if (toolset_name(t) == name) return t;
  }
  return std::nullopt;
}

bool ToolSelection::offers(const ToolDef& tool) const {
  const std::string name(tool.name);
  if (exclude_tools.count(name) != 0) return false;
  if (include_tools.count(name) != 0) return true;
  return toolsets.empty() || toolsets.count(tool.toolset) != 0;
}

std::string ToolSelection::describe() const {
  std::string out;
  if (toolsets.empty()) {
    out = "all";
  } else {
    for (Toolset t : kAllToolsets) {
      if (toolsets.count(t) != 0) out += (out.empty() ? "" : ",") + std::string(toolset_name(t));
    }
  }
  for (const auto& name : include_tools) out += " +" + name;
  for (const auto& name : exclude_tools) out += " -" + name;
  return out;
}

util::Result<ToolSelection> parse_tool_selection(std::string_view toolsets, std::string_view include_tools,
                                                 std::string_view exclude_tools) {
  ToolSelection selection;
  for (const auto& name : split_list(toolsets)) {
    if (name == "all") {
      selection.toolsets.clear();
      return parse_tool_selection("", include_tools, exclude_tools);
    }
    auto toolset = toolset_named(name);
    if (!toolset) {
      return util::fail(util::ErrorKind::kConfig, "HALO_MCP_TOOLSETS: unknown toolset '" + name +
                                                      "' (allowed: all, " + toolset_names() + ")");
    }
    selection.toolsets.insert(*toolset);
  }
  auto read_tools = [](std::string_view text, std::string_view setting,
                       std::set<std::string>& into) -> util::Result<void> {
    for (const auto& name : split_list(text)) {
      if (find_tool(name) == nullptr) {
        return util::fail(util::ErrorKind::kConfig, std::string(setting) + ": unknown tool '" + name +
                                                        "' (`halo-psa-mcp tools` lists them)");
      }
      into.insert(name);
    }
    return {};
  };
  if (auto ok = read_tools(include_tools, "HALO_MCP_TOOLS", selection.include_tools); !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto ok = read_tools(exclude_tools, "HALO_MCP_EXCLUDE_TOOLS", selection.exclude_tools); !ok) {
    return tl::unexpected(ok.error());
  }
  return selection;
}

}  // namespace tools

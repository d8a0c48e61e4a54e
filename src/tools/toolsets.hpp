// Which tools a deployment offers: toolsets (--toolsets / HALO_MCP_TOOLSETS, default all) narrowed
// by single tools (--tools adds, --exclude-tools removes). A tool left out is not registered at
// all, so calling it by name is refused exactly like an unknown tool.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tools/tool_def.hpp"
#include "util/result.hpp"

namespace tools {

inline constexpr Toolset kAllToolsets[] = {Toolset::kTickets, Toolset::kCustomers, Toolset::kBilling,
                                           Toolset::kProjects, Toolset::kAssets,    Toolset::kTeam,
                                           Toolset::kReports,  Toolset::kAnalytics};

[[nodiscard]] std::string_view toolset_name(Toolset toolset);
[[nodiscard]] std::optional<Toolset> toolset_named(std::string_view name);

/// What the configuration asked for. Empty lists mean "no restriction".
struct ToolSelection {
  std::set<Toolset> toolsets;           ///< empty: every toolset
  std::set<std::string> include_tools;  ///< offered even when their toolset is off
  std::set<std::string> exclude_tools;  ///< never offered

  [[nodiscard]] bool offers(const ToolDef& tool) const;
  [[nodiscard]] bool restricted() const { return !toolsets.empty() || !exclude_tools.empty(); }
  /// "all", or the toolsets on, comma-separated, then "+tool" and "-tool" adjustments.
  [[nodiscard]] std::string describe() const;
};

/// Parses the three settings (comma-separated lists; "all" or empty for every toolset). Unknown
/// toolset or tool names are a kConfig error naming the setting and the allowed values.
[[nodiscard]] util::Result<ToolSelection> parse_tool_selection(std::string_view toolsets,
                                                               std::string_view include_tools,
                                                               std::string_view exclude_tools);

/// Every toolset's name, comma-separated, for messages that list what is allowed.
[[nodiscard]] std::string toolset_names();

/// The items of a comma-separated list, spaces and tabs around each trimmed, empty ones dropped.
[[nodiscard]] std::vector<std::string> split_list(std::string_view text);

}  // namespace tools

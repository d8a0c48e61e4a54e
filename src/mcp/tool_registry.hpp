// The set of tools a server offers, in a stable order (the order of registration), so that
// tools/list pages are deterministic and cursors stay valid.
#pragma once
#include <string_view>
#include <vector>

#include "mcp/tool.hpp"

namespace mcp {

class ToolRegistry {
 public:
  /// Adds a tool; a duplicate or invalid name is a programming error (throws std::logic_error
  /// at start-up, never at request time).
  void add(Tool tool);
  const Tool* find(std::string_view name) const;
  const std::vector<Tool>& all() const { return tools_; }
  /// Whether some tool opens an MCP Apps view (then the view is offered and the extension declared).
  bool links_views() const;

 private:
  std::vector<Tool> tools_;
};

}  // namespace mcp

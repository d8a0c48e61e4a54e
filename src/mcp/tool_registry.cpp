// Tool registration: names are checked once at start-up so that a bad name is a crash in
// development, not a confusing protocol error in production.
#include <algorithm>
#include "mcp/tool_registry.hpp"

#include <stdexcept>

namespace mcp {
namespace {

bool valid_tool_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '/' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

void ToolRegistry::add(Tool tool) {
  if (!valid_tool_name(tool.name)) throw std::logic_error("invalid tool name: " + tool.name);
  if (find(tool.name) != nullptr) throw std::logic_error("duplicate tool name: " + tool.name);
  if (!tool.handler) throw std::logic_error("tool without handler: " + tool.name);
  // A deferred schema is checked where it is built (the tools' schema snapshots test all of them).
  if (!tool.input_schema.pending() && !tool.input_schema.get().is_object()) {
    throw std::logic_error("tool without input schema: " + tool.name);
  }
  tools_.push_back(std::move(tool));
}

const Tool* ToolRegistry::find(std::string_view name) const {
  for (const auto& tool : tools_) {
    if (tool.name == name) return &tool;
  }
  return nullptr;
}

bool ToolRegistry::links_views() const {
  return std::any_of(tools_.begin(), tools_.end(), [](const Tool& t) { return !t.ui_resource_uri.empty(); });
}

}  // namespace mcp

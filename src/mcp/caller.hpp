// Who sent a request, as the transport authenticated it, and which tools they may use. The
// protocol layer only applies it: a tool the caller may not use is absent from tools/list and
// refused by tools/call exactly like an unknown one (so its existence is not disclosed), and so
// are the prompts, resources and templates that rely on such a tool. Who may use what is the
// application's business (an access file mapping bearer tokens to people, for instance).
#pragma once
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace mcp {

struct Caller {
  /// A person or service ("service-desk"); empty for an anonymous caller (stdio, or HTTP with
  /// one shared token), who may use every tool.
  std::string name;
  /// The tools this caller may use; null means every tool.
  std::shared_ptr<const std::set<std::string, std::less<>>> tools;

  [[nodiscard]] bool may_use(std::string_view tool) const { return !tools || tools->contains(tool); }
  /// True when every tool of `needed` may be used (an empty list needs nothing).
  [[nodiscard]] bool may_use_all(const std::vector<std::string>& needed) const {
    for (const auto& tool : needed) {
      if (!may_use(tool)) return false;
    }
    return true;
  }
  /// Whether the answers this caller gets depend on who they are (lists are then cached
  /// privately).
  [[nodiscard]] bool restricted() const { return tools != nullptr; }
};

}  // namespace mcp

// The prompt registry (see prompt_registry.hpp).
#include "mcp/prompt_registry.hpp"

#include <stdexcept>

namespace mcp {

void PromptRegistry::add(Prompt prompt) {
  if (prompt.name.empty() || !prompt.get) throw std::logic_error("prompt needs a name and a handler");
  if (find(prompt.name) != nullptr) throw std::logic_error("duplicate prompt: " + prompt.name);
  prompts_.push_back(std::move(prompt));
}

const Prompt* PromptRegistry::find(std::string_view name) const {
  for (const auto& p : prompts_) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace mcp

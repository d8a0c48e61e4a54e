// Prompts a server offers (prompts/list, prompts/get), in registration order. Declared in
// capabilities only when not empty.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "mcp/reply.hpp"

namespace mcp {

struct PromptArgument {
  std::string name;
  std::string description;
  bool required = false;
};

/// get() answers {description?, messages:[{role, content}, ...]}. Required arguments are checked
/// (-32602) before it runs.
struct Prompt {
  std::string name;
  std::string title;
  std::string description;
  std::vector<PromptArgument> arguments;
  /// The tools its messages tell the model to call: hidden from a caller who may not use them all.
  std::vector<std::string> uses_tools;
  std::function<Reply(const std::map<std::string, std::string>& arguments, ToolContext& context)> get;
};

class PromptRegistry {
 public:
  /// A duplicate name is a programming error (std::logic_error at start-up).
  void add(Prompt prompt);
  const Prompt* find(std::string_view name) const;
  const std::vector<Prompt>& all() const { return prompts_; }
  [[nodiscard]] bool empty() const { return prompts_.empty(); }

 private:
  std::vector<Prompt> prompts_;
};

}  // namespace mcp

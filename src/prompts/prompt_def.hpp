// How a prompt is declared: once, as constant data in its own file. A prompt is a ready-made
// request for the questions people repeat (the month-end revenue pack, a client review): its
// text names the tools to call with concrete arguments (dates worked out from today in the MSP's
// time zone), in order, and what to watch for (warnings, currencies, nulls). `tools` lists every
// tool the text names: the prompt is offered only when all of them are, and a test checks the
// list against the text, so a renamed tool cannot leave a prompt pointing at nothing.
#pragma once
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "mcp/tool.hpp"
#include "tools/tool_deps.hpp"
#include "util/result.hpp"

namespace prompts {

/// What a prompt argument's value can be completed from (completion/complete).
enum class Completes { kNothing, kClientName, kRecentMonth, kRecentQuarter };

struct PromptArg {
  std::string_view name;
  std::string_view help;
  bool required = false;
  Completes completes = Completes::kNothing;
};

/// What rendering may use: the tools' dependencies (Halo client, time zone, "now") and the
/// request's cancellation and deadline.
struct PromptEnv {
  tools::ToolDeps& deps;
  mcp::ToolContext& context;

  /// Today in the MSP's time zone: what "last month" and "this quarter" are measured from.
  [[nodiscard]] domain::Date today() const { return deps.zone.local_date(deps.now()); }
};

using PromptArgs = std::map<std::string, std::string>;

struct PromptDef {
  std::string_view name;
  std::string_view title;
  std::string_view description;
  std::span<const PromptArg> args;
  std::span<const std::string_view> tools;  ///< every tool the text names
  /// The user message. A bad argument is a kBadInput error naming it; Halo trouble keeps its own kind.
  util::Result<std::string> (*render)(const PromptArgs& args, PromptEnv& env) = nullptr;
};

}  // namespace prompts

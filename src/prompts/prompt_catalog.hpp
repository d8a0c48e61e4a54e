// Every prompt, in the order prompts/list shows them, and their wiring into the MCP server:
// prompts/get renders the declaration (prompt_def.hpp), completion/complete completes its
// arguments (client names from Halo, recent months and quarters). Adding a prompt is its file
// plus one line in prompt_catalog.cpp.
#pragma once
#include <span>
#include <string_view>

#include "mcp/prompt_registry.hpp"
#include "mcp/reply.hpp"
#include "prompts/prompt_def.hpp"
#include "tools/toolsets.hpp"

namespace prompts {

[[nodiscard]] std::span<const PromptDef* const> all_prompts();

/// True when `selection` offers every tool the prompt's text names.
[[nodiscard]] bool offered(const PromptDef& prompt, const tools::ToolSelection& selection);

/// The MCP prompt of one declaration. `deps` must outlive it.
[[nodiscard]] mcp::Prompt make_prompt(const PromptDef& def, tools::ToolDeps& deps);

/// Adds every prompt `selection` offers, in catalogue order.
void register_halo_prompts(mcp::PromptRegistry& registry, tools::ToolDeps& deps,
                           const tools::ToolSelection& selection = {});

/// completion/complete for the offered prompts' arguments. `deps` must outlive it.
[[nodiscard]] mcp::CompletionHandler make_completion(tools::ToolDeps& deps, const tools::ToolSelection& selection = {});

}  // namespace prompts

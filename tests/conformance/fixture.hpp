// The conformance fixture: the tools, resources and prompts that the official MCP conformance
// suite (@modelcontextprotocol/conformance) expects a server under test to offer, each returning
// exactly what its scenario describes. Built on the same protocol library as the product.
#pragma once
#include "mcp/prompt_registry.hpp"
#include "mcp/reply.hpp"
#include "mcp/resource_registry.hpp"
#include "mcp/tool_registry.hpp"

namespace fixture {

/// Base64 payloads shared by tools, resources and prompts.
extern const char* const kRedPixelPng;
extern const char* const kSilentWav;

/// Content, logging, progress, error, sampling/elicitation (legacy) and capability tools.
void add_basic_tools(mcp::ToolRegistry& tools);
/// The 2026-07-28 InputRequiredResult (multi round-trip) tools.
void add_input_required_tools(mcp::ToolRegistry& tools);
/// The prompt that asks for input before answering (InputRequiredResult on prompts/get).
void add_input_required_prompt(mcp::PromptRegistry& prompts);

mcp::ResourceRegistry make_resources();
mcp::PromptRegistry make_prompts();
mcp::CompletionHandler make_completion();

}  // namespace fixture

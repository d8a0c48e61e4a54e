// Test tools shared by the in-process server tests and mcp-test-server: echo (argument
// validation), slow (progress + cooperative cancellation), fail, throws, bad_output, log,
// stubborn (ignores cancellation), and
// `noop_count` trivial tools for pagination.
#pragma once
#include <cstddef>

#include "mcp/tool_registry.hpp"

namespace mcp::testing {

inline constexpr std::size_t kNoopTools = 60;

/// Registry with echo, slow, fail, throws, bad_output, log, stubborn, then noop_0 .. noop_{noop_count-1}.
ToolRegistry make_test_registry(std::size_t noop_count = kNoopTools);

}  // namespace mcp::testing

// The MCP log levels by name (RFC 5424 spelling, as logging/setLevel, the 2026-07-28 _meta
// logLevel and notifications/message write them) and their stderr counterpart.
#pragma once
#include <optional>

#include "mcp/tool.hpp"
#include "util/log.hpp"

namespace mcp::detail {

/// "debug", "info", ... "emergency".
[[nodiscard]] const char* level_name(LogLevel level);
/// The level a client named, or nullopt for anything that is not one of the eight names.
[[nodiscard]] std::optional<LogLevel> parse_level(const util::Json& name);
/// The level a tool's log line is written at on stderr.
[[nodiscard]] util::log::Level stderr_level(LogLevel level);

}  // namespace mcp::detail

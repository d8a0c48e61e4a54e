// Process-wide logging to stderr. stdout belongs to the stdio transport and must carry nothing but
// protocol messages, so there is deliberately no way to log to stdout here.
#pragma once
#include <spdlog/spdlog.h>

#include <string_view>

namespace util {

/// Installs the stderr logger. `level` is one of trace, debug, info, warn, error, off
/// (also accepts the MCP/syslog names notice, warning, critical, alert, emergency).
/// Returns false for an unknown level name (the level is left unchanged).
bool init_logging(std::string_view level);

/// Maps a level name (spdlog or MCP/syslog spelling) to spdlog's level; false when unknown.
bool parse_log_level(std::string_view name, spdlog::level::level_enum& out);

}  // namespace util

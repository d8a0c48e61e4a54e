// MCP log level names (see log_levels.hpp).
#include "mcp/log_levels.hpp"

namespace mcp::detail {
namespace {

constexpr const char* kLevelNames[] = {"debug", "info", "notice", "warning", "error", "critical", "alert",
                                       "emergency"};

}  // namespace

const char* level_name(LogLevel level) { return kLevelNames[static_cast<int>(level)]; }

std::optional<LogLevel> parse_level(const util::Json& name) {
  if (!name.is_string()) return std::nullopt;
  for (int i = 0; i < 8; ++i) {
    if (name == kLevelNames[i]) return static_cast<LogLevel>(i);
  }
  return std::nullopt;
}

spdlog::level::level_enum to_spdlog(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return spdlog::level::debug;
    case LogLevel::kInfo:
    case LogLevel::kNotice: return spdlog::level::info;
    case LogLevel::kWarning: return spdlog::level::warn;
    case LogLevel::kError: return spdlog::level::err;
    default: return spdlog::level::critical;
  }
}

}  // namespace mcp::detail

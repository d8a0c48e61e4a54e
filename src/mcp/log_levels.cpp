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

util::log::Level stderr_level(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return util::log::Level::kDebug;
    case LogLevel::kInfo:
    case LogLevel::kNotice: return util::log::Level::kInfo;
    case LogLevel::kWarning: return util::log::Level::kWarn;
    case LogLevel::kError: return util::log::Level::kError;
    default: return util::log::Level::kCritical;
  }
}

}  // namespace mcp::detail

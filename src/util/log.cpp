#include "util/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <string>

namespace util {

bool parse_log_level(std::string_view name, spdlog::level::level_enum& out) {
  using L = spdlog::level::level_enum;
  static const std::pair<std::string_view, L> kNames[] = {
      {"trace", L::trace}, {"debug", L::debug},   {"info", L::info},         {"notice", L::info},
      {"warn", L::warn},   {"warning", L::warn},  {"error", L::err},         {"err", L::err},
      {"critical", L::critical}, {"alert", L::critical}, {"emergency", L::critical}, {"off", L::off},
  };
  for (const auto& [n, l] : kNames) {
    if (n == name) {
      out = l;
      return true;
    }
  }
  return false;
}

bool init_logging(std::string_view level) {
  static auto logger = [] {
    auto l = spdlog::stderr_color_mt("halo-psa-mcp");
    l->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
    spdlog::set_default_logger(l);
    return l;
  }();
  spdlog::level::level_enum parsed;
  if (!parse_log_level(level, parsed)) return false;
  logger->set_level(parsed);
  return true;
}

}  // namespace util

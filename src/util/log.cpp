#include "util/log.hpp"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <mutex>
#include <string>

namespace util {
namespace log {
namespace {

constexpr std::string_view kNames[] = {"trace", "debug", "info", "warning", "error", "critical", "off"};
// ANSI colours for the level's name when stderr is a terminal.
constexpr std::string_view kColours[] = {"\033[37m", "\033[36m", "\033[32m", "\033[33m\033[1m", "\033[31m\033[1m",
                                         "\033[1m\033[41m", ""};

std::atomic<int> g_level{static_cast<int>(Level::kInfo)};

struct Output {
  std::mutex mutex;  // one line at a time, however long, and the destination with it
  Destination destination;
};
Output& output() {
  static Output out;
  return out;
}

void append_line(fmt::memory_buffer& out, long long unix_ms, Level level, std::string_view text, bool colour) {
  using namespace std::chrono;
  const sys_time<milliseconds> when{milliseconds(unix_ms)};
  const auto day = floor<days>(when);
  const year_month_day date{day};
  const hh_mm_ss<milliseconds> time{when - day};
  const auto name = kNames[static_cast<int>(level)];
  fmt::format_to(std::back_inserter(out), "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z ", static_cast<int>(date.year()),
                 static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), time.hours().count(),
                 time.minutes().count(), time.seconds().count(), time.subseconds().count());
  if (colour) {
    fmt::format_to(std::back_inserter(out), "{}{}\033[0m {}\n", kColours[static_cast<int>(level)], name, text);
  } else {
    fmt::format_to(std::back_inserter(out), "{} {}\n", name, text);
  }
}

void write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // nowhere to report a failing stderr
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

}  // namespace

bool enabled(Level level) {
  return level != Level::kOff && static_cast<int>(level) >= g_level.load(std::memory_order_relaxed);
}

void write(Level level, std::string_view text) {
  static const bool terminal = ::isatty(STDERR_FILENO) == 1;
  const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  fmt::memory_buffer line;
  Output& out = output();
  const std::lock_guard lock(out.mutex);
  append_line(line, now.time_since_epoch().count(), level, text, terminal && !out.destination);
  if (out.destination) {
    out.destination(std::string_view(line.data(), line.size()));
  } else {
    write_all(STDERR_FILENO, line.data(), line.size());
  }
}

Destination redirect(Destination destination) {
  Output& out = output();
  const std::lock_guard lock(out.mutex);
  std::swap(out.destination, destination);
  return destination;
}

std::string format_line(long long unix_ms, Level level, std::string_view text) {
  fmt::memory_buffer line;
  append_line(line, unix_ms, level, text, false);
  return fmt::to_string(line);
}

}  // namespace log

bool parse_log_level(std::string_view name, log::Level& out) {
  using L = log::Level;
  static const std::pair<std::string_view, L> kLevelNames[] = {
      {"trace", L::kTrace}, {"debug", L::kDebug},       {"info", L::kInfo},           {"notice", L::kInfo},
      {"warn", L::kWarn},   {"warning", L::kWarn},      {"error", L::kError},         {"err", L::kError},
      {"critical", L::kCritical}, {"alert", L::kCritical}, {"emergency", L::kCritical}, {"off", L::kOff},
  };
  for (const auto& [n, l] : kLevelNames) {
    if (n == name) {
      out = l;
      return true;
    }
  }
  return false;
}

bool init_logging(std::string_view level) {
  log::Level parsed;
  if (!parse_log_level(level, parsed)) return false;
  log::g_level.store(static_cast<int>(parsed), std::memory_order_relaxed);
  return true;
}

}  // namespace util

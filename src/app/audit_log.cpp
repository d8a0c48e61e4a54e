#include "app/audit_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "util/json.hpp"
#include "util/log.hpp"

namespace app {
namespace {

using util::Json;

constexpr std::size_t kMaxStringChars = 200;
constexpr std::size_t kMaxArgumentBytes = 2000;

/// A copy of `value` with long strings cut (marked with "…").
Json bounded(const Json& value) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() <= kMaxStringChars) return value;
    std::size_t cut = kMaxStringChars;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
    return text.substr(0, cut) + "\u2026";
  }
  if (value.is_object()) {
    Json out = Json::object();
    for (const auto& [key, item] : value.items()) out[key] = bounded(item);
    return out;
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (const auto& item : value) out.push_back(bounded(item));
    return out;
  }
  return value;
}

std::string utc_now() {
  const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  const auto day = std::chrono::floor<std::chrono::days>(now);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss time{now - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()), static_cast<int>(time.subseconds().count()));
  return text;
}

}  // namespace

util::Result<std::unique_ptr<AuditLog>> AuditLog::open(std::string_view destination) {
  if (destination == "stderr") return std::unique_ptr<AuditLog>(new AuditLog(stderr, false));
  const std::string path(destination);
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  std::FILE* file = fd >= 0 ? ::fdopen(fd, "a") : nullptr;
  if (file == nullptr) {
    const std::string why = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return util::fail(util::ErrorKind::kConfig, "HALO_MCP_AUDIT_LOG: cannot append to " + path + ": " + why);
  }
  return std::unique_ptr<AuditLog>(new AuditLog(file, true));
}

AuditLog::~AuditLog() {
  if (owned_) std::fclose(out_);
}

std::string AuditLog::line(const mcp::ToolCallRecord& call, std::string_view time) {
  Json arguments = bounded(call.arguments);
  if (std::string dumped = arguments.dump(); dumped.size() > kMaxArgumentBytes) {
    arguments = Json{{"truncated", true}, {"bytes", dumped.size()}};
  }
  Json out = Json::object();
  out["time"] = time;
  out["event"] = "tools/call";
  out["who"] = call.caller.empty() ? "anonymous" : call.caller;
  out["tool"] = bounded(Json(call.tool));
  out["arguments"] = std::move(arguments);
  out["outcome"] = call.outcome;
  out["halo_requests"] = call.upstream_requests;
  out["duration_ms"] = call.duration.count();
  // replace: a client's invalid UTF-8 must not make the line unwritable.
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void AuditLog::record(const mcp::ToolCallRecord& call) {
  std::string text = line(call, utc_now());
  text += '\n';
  std::lock_guard lock(mutex_);
  if (std::fwrite(text.data(), 1, text.size(), out_) != text.size() || std::fflush(out_) != 0) {
    util::log::error("audit log: a line could not be written ({})", std::strerror(errno));
  }
}

}  // namespace app

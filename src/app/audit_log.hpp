// The audit log of calls over HTTP: one JSON line per tools/call (mcp::ToolCallRecord), to stderr
// or appended to a file (HALO_MCP_AUDIT_LOG). A line:
//   {"time":"2026-12-04T09:30:01.250Z","event":"tools/call","who":"service-desk","tool":"list_tickets",
//    "arguments":{"status":"open"},"outcome":"ok","halo_requests":1,"duration_ms":42}
// Nothing secret can reach it: it is written from what the client sent as arguments (never a
// header, so never a token) and what the call cost. Arguments are bounded: a string is cut at 200
// characters and the whole at 2,000 bytes, so a client cannot flood the log.
#pragma once
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "mcp/call_audit.hpp"
#include "util/result.hpp"

namespace app {

class AuditLog {
 public:
  /// "stderr", or a file path (created 0600 when missing, appended to). kConfig when the file
  /// cannot be opened.
  [[nodiscard]] static util::Result<std::unique_ptr<AuditLog>> open(std::string_view destination);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  /// Writes one line (thread-safe; flushed at once, so a crash loses nothing already recorded).
  void record(const mcp::ToolCallRecord& call);

  /// The line `record` writes, without its newline (for tests).
  [[nodiscard]] static std::string line(const mcp::ToolCallRecord& call, std::string_view time);

 private:
  AuditLog(std::FILE* out, bool owned) : out_(out), owned_(owned) {}
  std::mutex mutex_;
  std::FILE* out_;
  bool owned_;
};

}  // namespace app

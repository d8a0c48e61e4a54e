// Per-person access over HTTP: answers "who presents this bearer token, and which tools may they
// use?" from the access file (access_file.hpp), and keeps up with changes to the file without a
// restart: it is read again when its modification time, size or inode changes (looked at on a
// request at most once a second) or at once on SIGHUP. A file that no longer parses keeps the
// last good list in force and is logged (once per version of the file) with the reason.
#pragma once
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mcp/caller.hpp"
#include "tools/toolsets.hpp"
#include "util/result.hpp"

namespace app {

class AccessControl {
 public:
  /// Reads the file; a missing, unreadable or malformed file is a kConfig error (the server does
  /// not start with an access file it cannot apply). `offered`: the deployment's own selection,
  /// which nobody's access can widen. `shared_token`: HALO_MCP_HTTP_TOKEN, still accepted as
  /// "every offered tool" (caller "http-token"); empty for none.
  [[nodiscard]] static util::Result<std::unique_ptr<AccessControl>> open(std::string path,
                                                                         tools::ToolSelection offered,
                                                                         std::string shared_token = {});

  /// The caller a bearer token belongs to, or nullopt (401). Every entry is compared, in time
  /// independent of which one matches.
  [[nodiscard]] std::optional<mcp::Caller> authenticate(std::string_view token);
  /// Reads the file again now (SIGHUP), whatever its modification time.
  void reload();
  [[nodiscard]] std::size_t people() const;

  struct Person {
    std::string token_sha256;
    mcp::Caller caller;
  };

 private:
  struct Stamp {
    long long mtime_ns = 0, size = -1, inode = 0;
    bool operator==(const Stamp&) const = default;
  };
  AccessControl(std::string path, tools::ToolSelection offered, std::string shared_token);
  /// Reads and applies the file when `force` or its stamp changed; false when it failed to.
  util::Result<void> refresh(bool force);

  const std::string path_;
  const tools::ToolSelection offered_;
  const std::string shared_token_;
  mutable std::mutex mutex_;
  std::vector<Person> people_;
  Stamp stamp_;          ///< of the version last read (applied or rejected)
  std::chrono::steady_clock::time_point last_check_;
};

}  // namespace app

// A test-side MCP client over pipes: spawns mcp-test-server, writes lines to its stdin and reads
// its stdout with timeouts, keeping every line so tests can assert stdout cleanliness.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "util/json.hpp"

namespace mcp::testing {

using util::Json;
using namespace std::chrono_literals;

class WireClient {
 public:
  explicit WireClient(std::vector<std::string> extra_args = {});
  ~WireClient();
  WireClient(const WireClient&) = delete;
  WireClient& operator=(const WireClient&) = delete;

  void send_raw(const std::string& bytes);  ///< exactly these bytes
  void send(const Json& message);           ///< one compact line
  /// Sends a request and waits for the response with that id.
  std::optional<Json> request(const Json& id, const std::string& method, Json params = Json::object(),
                              std::chrono::milliseconds timeout = 5s);

  /// Waits for the first message (not yet consumed by an earlier wait) that satisfies `match`.
  std::optional<Json> wait_for(const std::function<bool(const Json&)>& match, std::chrono::milliseconds timeout);
  std::optional<Json> response(const Json& id, std::chrono::milliseconds timeout = 5s);
  /// Reads whatever arrives during `quiet`.
  void collect(std::chrono::milliseconds quiet);

  void close_stdin();
  /// Exit status once the process ends within `timeout`; nullopt if it is still running.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);

  const std::vector<Json>& messages() const { return messages_; }
  const std::vector<std::string>& lines() const { return lines_; }
  std::vector<Json> notifications(const std::string& method) const;
  bool has_response(const Json& id) const;

 private:
  bool read_some(std::chrono::milliseconds timeout);

  pid_t pid_ = -1;
  int in_fd_ = -1;
  int out_fd_ = -1;
  std::string partial_;
  std::vector<std::string> lines_;
  std::vector<Json> messages_;
  std::vector<bool> consumed_;
  std::optional<int> exit_status_;
  bool eof_ = false;
};

/// The 2026-07-28 request envelope.
Json modern_meta(std::optional<std::string> log_level = std::nullopt, std::string version = "2026-07-28");
/// params with the modern envelope merged in.
Json modern_params(Json params = Json::object());

}  // namespace mcp::testing

// A test-side MCP client over pipes: spawns a server (mcp-test-server, or the real halo-psa-mcp
// --demo) as a testsupport::Process, writes lines to its stdin and reads its stdout with timeouts,
// keeping every line so tests can assert stdout cleanliness.
//
// With HALO_WIRE_TRANSCRIPT_DIR set, every client also writes a transcript there (one JSONL file
// per client: {"version", "direction": "sent"|"received", "message"} per line, or "raw" for
// bytes that are not JSON) so that tests/e2e/wire-schema.mjs can validate everything the server
// wrote against the MCP JSON Schema of the protocol version each message belongs to.
#pragma once
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "util/json.hpp"

namespace mcp::testing {

using util::Json;
using namespace std::chrono_literals;

/// What to spawn. The child inherits the environment minus HALO_* variables, plus `env`.
struct ServerCommand {
  std::string executable;
  std::vector<std::string> args;
  std::map<std::string, std::string> env;
};

/// mcp-test-server with these arguments.
ServerCommand test_server_command(std::vector<std::string> args = {});
/// The product: halo-psa-mcp --demo (it starts halo-sim as a child) with these extra arguments.
ServerCommand product_command(std::vector<std::string> args = {});

class WireClient {
 public:
  explicit WireClient(std::vector<std::string> extra_args = {});  ///< mcp-test-server
  explicit WireClient(const ServerCommand& command);
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
  void spawn(const ServerCommand& command);
  /// Reads at most one line within `timeout`; false when none came (eof_ once stdout has ended).
  bool read_some(std::chrono::milliseconds timeout);
  // Transcript: which protocol version each message belongs to (see wire_client.cpp).
  void record_sent(const std::string& bytes);
  void record_received(const std::string& line, const Json& parsed);
  void note_request(const Json& request);
  std::string version_of_received(const Json& message) const;
  void write_record(const std::string& version, const char* direction, const Json& message,
                    const std::string* raw = nullptr);

  std::unique_ptr<testsupport::Process> process_;
  std::vector<std::string> lines_;
  std::vector<Json> messages_;
  std::vector<bool> consumed_;
  bool eof_ = false;

  std::FILE* transcript_ = nullptr;
  std::string session_version_;                       ///< agreed by initialize, empty before
  std::string last_sent_version_;                     ///< of the newest request sent
  std::map<std::string, std::string> request_version_;  ///< id.dump() -> version
  std::map<std::string, std::string> request_method_;   ///< id.dump() -> method
  std::map<std::string, std::string> token_version_;    ///< progressToken.dump() -> version
};

/// The 2026-07-28 request envelope.
Json modern_meta(std::optional<std::string> log_level = std::nullopt, std::string version = "2026-07-28");
/// params with the modern envelope merged in.
Json modern_params(Json params = Json::object());

}  // namespace mcp::testing

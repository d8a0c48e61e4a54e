// One MCP session over stdio with a real server executable (halo-psa-mcp), for the end-to-end
// tests: the initialize handshake, requests matched to their responses by id, and everything else
// the server wrote kept for the test to look at (notifications, responses not yet asked for, the
// raw stdout transcript, lines that were not JSON). Every wait has a timeout.
// Json is nlohmann::json, or nlohmann::ordered_json where a test checks the order of fields as the
// server wrote them. The protocol layer's own wire tests use mcp::testing::WireClient instead,
// which records a per-version transcript for schema validation.
#pragma once
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace testsupport {

template <typename Json>
class BasicMcpSession {
 public:
  using json = Json;

  /// Starts build/halo-psa-mcp with `args` and runs the handshake (2025-11-25); initialized()
  /// says whether it answered.
  explicit BasicMcpSession(const ProcessOptions& options, std::vector<std::string> args = {},
                           std::string client_name = "e2e-test") {
    std::vector<std::string> argv = {build_path("halo-psa-mcp")};
    argv.insert(argv.end(), args.begin(), args.end());
    process_ = std::make_unique<Process>(argv, options);
    send(json{{"jsonrpc", "2.0"}, {"id", 0}, {"method", "initialize"},
              {"params", {{"protocolVersion", "2025-11-25"}, {"capabilities", json::object()},
                          {"clientInfo", {{"name", std::move(client_name)}, {"version", "1"}}}}}});
    auto init = reply(0, std::chrono::seconds(20));
    initialized_ = init.has_value();
    if (init) initialize_ = *init;
    send(json{{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}});
  }
  ~BasicMcpSession() {
    process_->close_stdin();  // a clean end of the session; Process's destructor kills a straggler
    (void)process_->wait(std::chrono::seconds(5));
  }
  BasicMcpSession(const BasicMcpSession&) = delete;
  BasicMcpSession& operator=(const BasicMcpSession&) = delete;

  bool initialized() const { return initialized_; }
  /// The initialize response (null when none came).
  const json& initialize_response() const { return initialize_; }

  void send(const json& message) { process_->write_line(message.dump()); }
  void send_raw(const std::string& text) { process_->write(text); }

  /// The response with this id; other messages read meanwhile are kept in pending().
  std::optional<json> reply(const json& id, std::chrono::milliseconds timeout) {
    auto is_answer = [&](const json& m) {
      return m.is_object() && m.contains("id") && m["id"] == id && !m.contains("method");
    };
    for (auto it = pending_.begin(); it != pending_.end(); ++it) {
      if (is_answer(*it)) {
        json found = std::move(*it);
        pending_.erase(it);
        return found;
      }
    }
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      auto line = process_->read_line(std::max(left, std::chrono::milliseconds(1)));
      if (!line) return std::nullopt;
      transcript_ += *line + "\n";
      json message = json::parse(*line, nullptr, false);
      if (message.is_discarded()) {
        ++unparsable_;
        continue;
      }
      if (is_answer(message)) return message;
      pending_.push_back(std::move(message));
    }
    return std::nullopt;
  }
  /// Any request; its response, or nullopt when none came within `timeout`.
  std::optional<json> request(const std::string& method, const json& params,
                              std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    const int id = next_id_++;
    send(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
    return reply(id, timeout);
  }
  /// tools/call.
  std::optional<json> call(const std::string& tool, const json& arguments,
                           std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    return request("tools/call", json{{"name", tool}, {"arguments", arguments}}, timeout);
  }
  int next_id() { return next_id_++; }

  /// All stdout seen so far plus stderr: what a secret must never appear in.
  std::string everything() { return transcript_ + process_->stderr_text(); }
  std::vector<json>& pending() { return pending_; }
  /// stdout lines that were not JSON (stdout must carry protocol messages only).
  int unparsable() const { return unparsable_; }
  Process& process() { return *process_; }
  std::string& transcript() { return transcript_; }

 private:
  std::unique_ptr<Process> process_;
  std::vector<json> pending_;
  std::string transcript_;
  int next_id_ = 1;
  int unparsable_ = 0;
  bool initialized_ = false;
  json initialize_;
};

using McpSession = BasicMcpSession<nlohmann::json>;

}  // namespace testsupport

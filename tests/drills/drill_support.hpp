// Shared plumbing of the hardening drills: a halo-sim child process with an HTTP handle on its
// control endpoints (faults, stats, request log), and a real halo-psa-mcp child spoken to over
// stdio MCP. Every wait is bounded; the server's own retry and deadline knobs are turned down so
// a drill that fails fails in seconds, not minutes.
#pragma once
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "support/mcp_session.hpp"
#include "support/process.hpp"

namespace drills {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

inline const std::string kSecret = "Dr1ll-S3CRET-7f3a9c0e";
inline const std::string kClientId = "drill-client";
inline const std::string kToday = "2025-06-30";

/// The standalone simulator, with a fixed dataset date so answers are comparable across runs.
class Sim {
 public:
  explicit Sim(std::vector<std::string> extra = {}) {
    std::vector<std::string> argv = {testsupport::build_path("halo-sim"), "--port", "0", "--exit-on-stdin-eof",
                                     "--today", kToday, "--client-id", kClientId, "--client-secret", kSecret};
    argv.insert(argv.end(), extra.begin(), extra.end());
    process_ = std::make_unique<testsupport::Process>(argv);
    auto line = process_->read_line(std::chrono::seconds(30));
    const std::string marker = "listening on ";
    if (line && line->find(marker) != std::string::npos) url_ = line->substr(line->find(marker) + marker.size());
    if (!url_.empty()) {
      http_ = std::make_unique<httplib::Client>(url_);
      http_->set_connection_timeout(5, 0);
      http_->set_read_timeout(10, 0);
    }
  }
  const std::string& url() const { return url_; }
  bool ok() const { return !url_.empty(); }

  /// POST /_sim/faults; true when the simulator accepted the patch.
  bool faults(const json& patch) {
    auto r = http_->Post("/_sim/faults", patch.dump(), "application/json");
    return r && r->status == 200;
  }
  json stats() {
    auto r = http_->Get("/_sim/stats");
    return r && r->status == 200 ? json::parse(r->body) : json();
  }
  /// GET /_sim/faults: the fault state, with what is left of count-based faults.
  json fault_state() {
    auto r = http_->Get("/_sim/faults");
    return r && r->status == 200 ? json::parse(r->body) : json();
  }
  void reset_stats() { http_->Delete("/_sim/stats"); }
  std::string stderr_text() { return process_->stderr_text(); }

 private:
  std::unique_ptr<testsupport::Process> process_;
  std::unique_ptr<httplib::Client> http_;
  std::string url_;
};

/// A test suite that shares one simulator process (started once, its stats reset before each
/// test); its tests start their own server against it.
class SimSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { sim_ = new Sim(); }
  static void TearDownTestSuite() {
    delete sim_;
    sim_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(sim_->ok()) << sim_->stderr_text();
    sim_->reset_stats();
  }
  static inline Sim* sim_ = nullptr;
};

/// Environment for the product pointed at a simulator, with fast retries and short deadlines
/// (HALO_RATE_LIMIT_BACKOFF_MS too: the 30 s floor after a 429 is for real Halo; a drill that
/// wants it passes {"HALO_RATE_LIMIT_BACKOFF_MS", ""}, which leaves the default).
inline testsupport::ProcessOptions server_env(const std::string& url, std::map<std::string, std::string> extra = {}) {
  testsupport::ProcessOptions options;
  options.cwd = "/tmp";
  options.env = {{"HALO_INSTANCE_URL", url},
                 {"HALO_CLIENT_ID", kClientId},
                 {"HALO_CLIENT_SECRET", kSecret},
                 {"HALO_MCP_LOG_LEVEL", "debug"},
                 {"HALO_MAX_ATTEMPTS", "3"},
                 {"HALO_BACKOFF_BASE_MS", "10"},
                 {"HALO_MAX_BACKOFF_MS", "100"},
                 {"HALO_RATE_LIMIT_BACKOFF_MS", "50"},
                 {"HALO_REQUEST_TIMEOUT_MS", "3000"},
                 {"HALO_CALL_DEADLINE_MS", "10000"},
                 {"HALO_CACHE_TTL_S", "0"},
                 {"HALO_RATE_LIMIT", "100000"}};
  for (auto& [k, v] : extra) options.env[k] = v;
  return options;
}

/// One MCP session over stdio with the real executable (shared with the other end-to-end suites).
using Mcp = testsupport::McpSession;

/// The parts of a revenue_breakdown result that must not change under faults (sources and timing
/// do: retries add requests).
inline json revenue_figures(const json& structured) {
  return json{{"clients", structured.value("clients", json())},
              {"totals", structured.value("totals", json())},
              {"warnings", structured.value("warnings", json())}};
}

inline bool is_tool_error(const json& response) {
  return response.contains("error") || response["result"].value("isError", false);
}

inline std::string error_text(const json& response) {
  if (response.contains("error")) return response["error"].dump();
  std::string text;
  for (const auto& block : response["result"].value("content", json::array())) text += block.value("text", "");
  return text;
}

}  // namespace drills

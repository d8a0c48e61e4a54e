// A Halo simulator on loopback and the Halo tool catalogue, for tests that run the tools end to
// end. Two ways to call a tool (Via):
//  - kInProcess: a real halo::Client pointed at the simulator, the handler run through
//    mcp::detail::run_tool (arguments validated against inputSchema, structuredContent against
//    outputSchema, as the protocol layer does); also the only way to pass a ToolContext.
//  - kExecutable: build/halo-psa-mcp as a child over stdio MCP (McpChild), configured through the
//    environment to talk to the same simulator, so simulator stats and faults still apply.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/periods.hpp"
#include "halo/client.hpp"
#include "mcp/tool_call.hpp"
#include "mcp/tool_registry.hpp"
#include "sim/simulator.hpp"
#include "tools/catalog.hpp"
#include "util/json.hpp"
#include "mcp_child.hpp"

namespace tools_test {

using util::Json;

/// How Harness::call reaches a tool.
enum class Via { kInProcess, kExecutable };

inline std::string via_name(const ::testing::TestParamInfo<Via>& info) {
  return info.param == Via::kInProcess ? "InProcess" : "Executable";
}

/// What a Harness differs in; the defaults suit most tests.
struct HarnessOptions {
  std::string dataset_file;  ///< empty = the generated dataset
  double scale = 1.0;
  std::string today = "2025-06-15";
  int max_concurrency = 4;  ///< the client's HALO_MAX_CONCURRENCY
  std::string timezone = "UTC";  ///< HALO_TIMEZONE
  Via via = Via::kInProcess;
  /// The tools' "now" (ToolDeps::fixed_now; HALO_MCP_NOW for the executable), UTC; empty = noon
  /// on `today`.
  std::string now;
  /// HALO_DEFAULT_COST_RATE in cents (ToolDeps::default_cost_rate); nullopt: not set.
  std::optional<std::int64_t> default_cost_rate_cents;
  /// HALO_WORKDAY_HOURS (ToolDeps::workday_hours); nullopt: not set (7.5).
  std::optional<double> workday_hours;
};

/// One simulator + client + registry. `dataset_file` empty = the generated dataset.
class Harness {
 public:
  explicit Harness(const std::string& dataset_file = {}, Via via = Via::kInProcess)
      : Harness(with_via(HarnessOptions{dataset_file}, via)) {}
  explicit Harness(const HarnessOptions& harness) {
    sim::Options options;
    options.seed = 42;
    options.scale = harness.scale;
    options.today = harness.today;
    options.dataset_file = harness.dataset_file;
    options.threads = 8;
    simulator_ = std::make_unique<sim::Simulator>(options);
    port_ = simulator_->start();
    if (port_ <= 0) return;
    halo::Config config;
    config.instance_url = simulator_->base_url();
    config.auth_url = simulator_->base_url() + "/auth";
    config.client_id = "demo-client";
    config.client_secret = "demo-secret";
    config.cache_ttl = std::chrono::seconds(0);  // every call reaches the simulator's stats
    config.max_attempts = 2;
    config.backoff_base = std::chrono::milliseconds(10);
    config.max_backoff = std::chrono::milliseconds(50);
    config.request_timeout = std::chrono::milliseconds(10'000);
    config.max_concurrency = harness.max_concurrency;
    client_ = std::make_unique<halo::Client>(config);
    auto zone = domain::TimeZone::named(harness.timezone);
    if (!zone) {
      port_ = -1;
      return;
    }
    deps_ = std::make_unique<tools::ToolDeps>(tools::ToolDeps{*client_, periods_, "GBP", std::move(*zone)});
    const std::string now = harness.now.empty() ? harness.today + "T12:00:00Z" : harness.now;
    deps_->fixed_now = domain::parse_halo_instant(now);
    deps_->default_cost_rate = harness.default_cost_rate_cents;
    if (harness.workday_hours) deps_->workday_hours = *harness.workday_hours;
    tools::register_halo_tools(registry_, *deps_);
    if (harness.via == Via::kExecutable) {
      // The same settings as the in-process client above, through the variables a deployment sets.
      std::map<std::string, std::string> env{
          {"HALO_INSTANCE_URL", config.instance_url},
          {"HALO_AUTH_URL", config.auth_url},
          {"HALO_CLIENT_ID", config.client_id},
          {"HALO_CLIENT_SECRET", config.client_secret},
          {"HALO_CACHE_TTL_S", "0"},
          {"HALO_MAX_ATTEMPTS", "2"},
          {"HALO_BACKOFF_BASE_MS", "10"},
          {"HALO_MAX_BACKOFF_MS", "50"},
          {"HALO_RATE_LIMIT_BACKOFF_MS", "50"},
          {"HALO_REQUEST_TIMEOUT_MS", "10000"},
          {"HALO_MAX_CONCURRENCY", std::to_string(harness.max_concurrency)},
          {"HALO_DEFAULT_CURRENCY", "GBP"},
          {"HALO_TIMEZONE", harness.timezone},
          {"HALO_MCP_NOW", now}};
      if (harness.default_cost_rate_cents) {
        const std::int64_t c = *harness.default_cost_rate_cents;
        env["HALO_DEFAULT_COST_RATE"] = std::to_string(c / 100) + "." + (c % 100 < 10 ? "0" : "") + std::to_string(c % 100);
      }
      if (harness.workday_hours) env["HALO_WORKDAY_HOURS"] = std::to_string(*harness.workday_hours);
      child_ = std::make_unique<McpChild>(std::move(env));
    }
  }
  ~Harness() {
    child_.reset();  // first: its calls use the simulator
    registry_ = mcp::ToolRegistry();
    deps_.reset();
    client_.reset();
    if (simulator_) simulator_->stop();
  }

  bool ok() const { return port_ > 0 && (!child_ || child_->ok()); }
  std::string error() const { return child_ && !child_->ok() ? child_->error() : simulator_->last_error(); }
  bool via_executable() const { return child_ != nullptr; }
  sim::Simulator& sim() { return *simulator_; }
  const mcp::ToolRegistry& registry() const { return registry_; }

  /// The tools/list entries (name, title, description, inputSchema, outputSchema, annotations):
  /// the child's answer, or the in-process registry described the same way.
  std::vector<Json> tools() const {
    if (child_) return child_->tools();
    std::vector<Json> out;
    for (const auto& tool : registry_.all()) out.push_back(mcp::detail::describe_tool(tool, false));
    return out;
  }

  /// Runs a tool as a client would see it: through the child, or as the protocol layer would
  /// (input + output validation).
  mcp::ToolOutcome call(const std::string& name, const Json& args) {
    if (child_) return child_->call(name, args);
    mcp::ToolContext context;
    context.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    return call(name, args, context);
  }
  /// Always in-process: a ToolContext (cancellation, deadline) cannot cross the child's stdio.
  mcp::ToolOutcome call(const std::string& name, const Json& args, mcp::ToolContext& context) {
    const mcp::Tool* tool = registry_.find(name);
    if (!tool) return mcp::ToolOutcome::error("no tool " + name);
    return mcp::detail::run_tool(*tool, args, context, /*validate_output=*/true);
  }

  /// Requests the simulator saw for a stats key ("/api/Tickets", "/api/Tickets/{id}").
  std::uint64_t requests(const std::string& key) {
    auto stats = simulator_->stats();
    auto it = stats.per_path.find(key);
    return it == stats.per_path.end() ? 0 : it->second;
  }

 private:
  static HarnessOptions with_via(HarnessOptions options, Via via) {
    options.via = via;
    return options;
  }

  std::unique_ptr<sim::Simulator> simulator_;
  int port_ = -1;
  domain::PeriodTable periods_ = domain::PeriodTable::defaults();
  std::unique_ptr<halo::Client> client_;
  std::unique_ptr<tools::ToolDeps> deps_;
  mcp::ToolRegistry registry_;
  std::unique_ptr<McpChild> child_;
};

}  // namespace tools_test

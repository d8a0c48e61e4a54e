// A Halo simulator on loopback, a real halo::Client pointed at it, and the Halo tool catalogue,
// for tests that run tool handlers end to end below the MCP transport. Calls go through
// mcp::detail::run_tool, so arguments are validated against inputSchema and structuredContent
// against outputSchema exactly as the protocol layer does.
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "domain/periods.hpp"
#include "halo/client.hpp"
#include "mcp/tool_call.hpp"
#include "mcp/tool_registry.hpp"
#include "sim/simulator.hpp"
#include "tools/catalog.hpp"
#include "util/json.hpp"

namespace tools_test {

using util::Json;

/// What a Harness differs in; the defaults suit most tests.
struct HarnessOptions {
  std::string dataset_file;  ///< empty = the generated dataset
  double scale = 1.0;
  std::string today = "2025-06-15";
  int max_concurrency = 4;  ///< the client's HALO_MAX_CONCURRENCY
};

/// One simulator + client + registry. `dataset_file` empty = the generated dataset.
class Harness {
 public:
  explicit Harness(const std::string& dataset_file = {}) : Harness(HarnessOptions{dataset_file}) {}
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
    deps_ = std::make_unique<tools::ToolDeps>(tools::ToolDeps{*client_, periods_, "GBP"});
    tools::register_halo_tools(registry_, *deps_);
  }
  ~Harness() {
    registry_ = mcp::ToolRegistry();
    deps_.reset();
    client_.reset();
    if (simulator_) simulator_->stop();
  }

  bool ok() const { return port_ > 0; }
  std::string error() const { return simulator_->last_error(); }
  sim::Simulator& sim() { return *simulator_; }
  const mcp::ToolRegistry& registry() const { return registry_; }

  /// Runs a tool as the protocol layer would (input + output validation).
  mcp::ToolOutcome call(const std::string& name, const Json& args) {
    mcp::ToolContext context;
    context.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    return call(name, args, context);
  }
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
  std::unique_ptr<sim::Simulator> simulator_;
  int port_ = -1;
  domain::PeriodTable periods_ = domain::PeriodTable::defaults();
  std::unique_ptr<halo::Client> client_;
  std::unique_ptr<tools::ToolDeps> deps_;
  mcp::ToolRegistry registry_;
};

}  // namespace tools_test

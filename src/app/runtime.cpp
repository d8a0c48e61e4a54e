#include "app/runtime.hpp"

#include <cstdlib>

#include <spdlog/spdlog.h>

#include "tools/catalog.hpp"
#include "tools/tool_deps.hpp"

#ifndef HALO_VERSION
#define HALO_VERSION "0.0.0"
#endif

namespace app {

mcp::ServerInfo server_info() {
  return mcp::ServerInfo{
      "halo-psa-mcp",
      "Halo PSA",
      HALO_VERSION,
      "Read-only access to a Halo PSA instance: tickets, clients, contracts, invoices, projects, "
      "assets, agents, reports, and recurring versus non-recurring revenue per client.",
      "Tools read live data from the MSP's Halo PSA. Start broad with list_* tools (they page: "
      "page_size up to 100, page_no from 1; has_more says whether to ask for the next page), "
      "then use get_* for one record. Use filters (client_id, dates YYYY-MM-DD) rather than "
      "paging through everything: Halo allows about 300 requests per 5 minutes. For revenue "
      "questions (MRR, ARR, recurring share, what a client is worth) call revenue_breakdown, "
      "which already cross-references contracts, recurring invoices and invoices without double "
      "counting; read its warnings before quoting figures. Amounts are in the currency named "
      "beside them; time is in hours."};
}

util::Result<std::unique_ptr<Runtime>> Runtime::create(const RuntimeOptions& options) {
  std::unique_ptr<Runtime> rt(new Runtime());

  halo::ConfigSources sources;
  sources.overrides = options.overrides;
  sources.env_file = options.env_file;
  sources.require_credentials = !options.demo;
  auto config = halo::load_config(sources);
  if (!config) return tl::unexpected(config.error());
  rt->config_ = std::move(*config);

  if (options.demo) {
    auto simulator = DemoSimulator::launch(DemoSimulatorOptions{options.demo_seed, options.demo_scale});
    if (!simulator) return tl::unexpected(simulator.error());
    rt->simulator_ = std::move(*simulator);
    rt->config_.instance_url = rt->simulator_->base_url();
    rt->config_.auth_url = rt->simulator_->base_url() + "/auth";
    rt->config_.client_id = rt->simulator_->client_id();
    rt->config_.client_secret = rt->simulator_->client_secret();
    rt->config_.tenant.clear();
    spdlog::info("demo mode: Halo simulator at {}", rt->simulator_->base_url());
  }
  if (auto valid = halo::validate(rt->config_); !valid) return tl::unexpected(valid.error());

  auto periods = domain::PeriodTable::defaults();
  if (!rt->config_.period_codes.empty()) {
    auto custom = periods.with_overrides(rt->config_.period_codes);
    if (!custom) {
      auto error = custom.error();
      error.message = "HALO_PERIOD_CODES: " + error.message;
      return tl::unexpected(error);
    }
    periods = std::move(*custom);
  }
  rt->periods_ = std::move(periods);

  rt->client_ = std::make_unique<halo::Client>(rt->config_);
  mcp::ToolRegistry registry;
  // Handlers may keep a reference to the deps: they live as long as the runtime.
  rt->deps_ = std::make_unique<tools::ToolDeps>(
      tools::ToolDeps{*rt->client_, *rt->periods_, rt->config_.default_currency});
  tools::register_halo_tools(registry, *rt->deps_);

  mcp::ServerOptions server_options;
  server_options.call_timeout = rt->config_.call_deadline;
  // Environment only, for tests: a small tools/list page makes clients really follow nextCursor
  // (the catalogue fits in one page of the default 50).
  if (const char* page = std::getenv("HALO_MCP_TOOLS_PAGE_SIZE"); page && *page) {
    const long long n = std::atoll(page);
    if (n >= 1 && n <= 1000) server_options.page_size = static_cast<std::size_t>(n);
  }
  rt->server_ = std::make_unique<mcp::Server>(server_info(), std::move(registry), server_options);
  return rt;
}

Runtime::~Runtime() {
  // The server goes first: it waits for running calls, which use the client and the simulator.
  server_.reset();
  deps_.reset();
  client_.reset();
  simulator_.reset();
}

}  // namespace app

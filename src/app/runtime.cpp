#include "app/runtime.hpp"

#include <chrono>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "app/fleet_setup.hpp"
#include "apps/analytics_view.hpp"
#include "domain/revenue_dates.hpp"
#include "halo/errors.hpp"
#include "prompts/prompt_catalog.hpp"
#include "tools/catalog.hpp"
#include "tools/record_resources.hpp"
#include "tools/tool_deps.hpp"
#include "util/log.hpp"

#ifndef HALO_VERSION
#define HALO_VERSION "0.0.0"
#endif

namespace app {
namespace {

/// The shortest bearer token accepted for HTTP (16 random bytes is what `openssl rand -hex 8` gives).
constexpr std::size_t kMinHttpTokenBytes = 16;

/// HALO_MCP_HTTP_TOKEN, or the contents of HALO_MCP_HTTP_TOKEN_FILE (container secrets), from
/// the same sources as the Halo settings: a token in the .env file is honoured, not silently
/// dropped. The higher-priority source wins; from one source the token itself wins.
util::Result<std::string> resolve_http_bearer_token(const halo::Settings& settings) {
  const auto token = settings.get("HALO_MCP_HTTP_TOKEN");
  const auto file = settings.get("HALO_MCP_HTTP_TOKEN_FILE");
  if (token && (!file || settings.source_of("HALO_MCP_HTTP_TOKEN") <=
                             settings.source_of("HALO_MCP_HTTP_TOKEN_FILE"))) {
    return *token;
  }
  if (!file) return std::string();
  auto from_file = halo::read_secret_file("HALO_MCP_HTTP_TOKEN_FILE", *file);
  if (from_file && from_file->empty()) {
    return util::fail(util::ErrorKind::kConfig, "HALO_MCP_HTTP_TOKEN_FILE: " + *file + " is empty");
  }
  return from_file;
}

/// A bearer token short enough to guess, or made of blanks, protects nothing: refuse it at start
/// (the message gives its length, never its text). An empty HALO_MCP_HTTP_TOKEN means "none".
util::Result<void> check_http_bearer_token(const std::string& token) {
  if (token.empty()) return {};
  const bool blank = token.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank || token.size() < kMinHttpTokenBytes) {
    return util::fail(util::ErrorKind::kConfig,
                      "HALO_MCP_HTTP_TOKEN must be at least " + std::to_string(kMinHttpTokenBytes) +
                          " characters and not blank (got " + std::to_string(token.size()) +
                          (blank ? " blank" : "") + " characters); make one with: openssl rand -hex 32");
  }
  return {};
}

}  // namespace

std::optional<std::string> configured(const RuntimeOptions& options, const std::string& name) {
  halo::ConfigSources sources;
  sources.overrides = options.overrides;
  sources.env_file = options.env_file;
  auto settings = halo::Settings::load(sources);
  return settings ? settings->get(name) : std::nullopt;
}

mcp::ServerInfo server_info() {
  return mcp::ServerInfo{
      "halo-psa-mcp",
      "Halo PSA",
      HALO_VERSION,
      "Read-only access to a Halo PSA instance: tickets, clients, contracts, invoices, projects, "
      "assets, agents, reports, and recurring versus non-recurring revenue per client.",
      "Tools read live data from the MSP's Halo PSA. Conventions shared by every tool: list_* tools "
      "page (page_size 1-100, default 25; page_no from 1; record_count is the total; has_more says "
      "whether to ask for page_no+1); their items are compact, `fields: [..]` adds raw Halo fields and "
      "`full: true` returns Halo's raw records (large: avoid). get_* tools return one record as "
      "{item}; an unknown id is an error '<thing> N not found'. Ids are integers (client_id, "
      "ticket_id, ...); dates are YYYY-MM-DD, inclusive. Prefer filters to paging through "
      "everything: Halo allows about 300 requests per 5 minutes. For revenue questions call "
      "revenue_breakdown (it cross-references contracts, recurring invoices and invoices without "
      "double counting); read `warnings` before quoting figures: null means unknown, never zero. "
      "Amounts are in the currency named beside them and never added across currencies; time is "
      "in hours."};
}

util::Result<std::unique_ptr<Runtime>> Runtime::create(const RuntimeOptions& options) {
  std::unique_ptr<Runtime> rt(new Runtime());

  halo::ConfigSources sources;
  sources.overrides = options.overrides;
  sources.env_file = options.env_file;
  const bool needs_halo = !options.catalogue_only;
  auto settings = halo::Settings::load(sources);
  if (!settings) return tl::unexpected(settings.error());
  auto config = halo::load_config(*settings, /*require_credentials=*/needs_halo && !options.demo);
  if (!config) return tl::unexpected(config.error());
  rt->config_ = std::move(*config);
  auto selection = tools::parse_tool_selection(settings->get("HALO_MCP_TOOLSETS").value_or(""),
                                               settings->get("HALO_MCP_TOOLS").value_or(""),
                                               settings->get("HALO_MCP_EXCLUDE_TOOLS").value_or(""));
  if (!selection) return tl::unexpected(selection.error());
  rt->selection_ = std::move(*selection);
  if (options.http) {
    auto token = resolve_http_bearer_token(*settings);
    if (!token) return tl::unexpected(token.error());
    if (auto usable = check_http_bearer_token(*token); !usable) return tl::unexpected(usable.error());
    rt->http_bearer_token_ = std::move(*token);
    if (auto file = settings->get("HALO_MCP_ACCESS_FILE")) {
      auto access = AccessControl::open(*file, rt->selection_, rt->http_bearer_token_);
      if (!access) return tl::unexpected(access.error());
      rt->access_ = std::move(*access);
    }
    const std::string audit = settings->get("HALO_MCP_AUDIT_LOG").value_or("stderr");
    if (audit != "off") {
      auto log = AuditLog::open(audit);
      if (!log) return tl::unexpected(log.error());
      rt->audit_ = std::move(*log);
    }
  }

  // Environment only, for tests: a fixed "now" (UTC, YYYY-MM-DDTHH:MM:SS) so that figures measured
  // from the present (an SLA's hours left) can be worked out by hand. The demo's data is generated
  // around the same day.
  std::optional<domain::Instant> fixed_now;
  std::string fixed_today;
  if (const char* now = std::getenv("HALO_MCP_NOW"); now && *now) {
    fixed_now = domain::parse_halo_instant(now);
    if (!fixed_now) return util::fail(util::ErrorKind::kConfig, std::string("HALO_MCP_NOW: not a date-time: ") + now);
    fixed_today = domain::format_date(domain::Date{std::chrono::floor<std::chrono::days>(*fixed_now)});
  }

  if (options.demo && needs_halo) {
    auto simulator =
        DemoSimulator::launch(DemoSimulatorOptions{options.demo_seed, options.demo_scale, fixed_today});
    if (!simulator) return tl::unexpected(simulator.error());
    rt->simulator_ = std::move(*simulator);
    rt->config_.instance_url = rt->simulator_->base_url();
    rt->config_.auth_url = rt->simulator_->base_url() + "/auth";
    rt->config_.client_id = rt->simulator_->client_id();
    rt->config_.client_secret = rt->simulator_->client_secret();
    rt->config_.tenant.clear();
    util::log::info("demo mode: Halo simulator at {}", rt->simulator_->base_url());
  }
  if (needs_halo) {
    if (auto valid = halo::validate(rt->config_); !valid) return tl::unexpected(valid.error());
    if (rt->config_.client_secret.size() < halo::kMinRedactableSecret) {
      util::log::warn("HALO_CLIENT_SECRET is shorter than {} characters; Halo's own error texts will be withheld "
                      "(a secret that short cannot be redacted from them safely)",
                      halo::kMinRedactableSecret);
    }
  }

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
  // A configured label wins over the built-in parser and over any code, as every label does.
  if (!rt->config_.period_labels.empty()) {
    auto custom = periods.with_label_overrides(rt->config_.period_labels);
    if (!custom) {
      auto error = custom.error();
      error.message = "HALO_PERIOD_LABELS: " + error.message;
      return tl::unexpected(error);
    }
    periods = std::move(*custom);
  }
  rt->periods_ = std::move(periods);

  halo::FleetLink fleet;
  if (needs_halo) {
    auto joined = join_fleet(*settings, rt->config_);
    if (!joined) return tl::unexpected(joined.error());
    fleet = std::move(*joined);
  }
  rt->client_ = std::make_unique<halo::Client>(rt->config_, std::move(fleet));
  mcp::ToolRegistry registry;
  // Handlers may keep a reference to the deps: they live as long as the runtime.
  auto zone = domain::TimeZone::named(rt->config_.timezone);
  if (!zone) return tl::unexpected(zone.error());
  rt->deps_ = std::make_unique<tools::ToolDeps>(tools::ToolDeps{*rt->client_, *rt->periods_,
                                                                rt->config_.default_currency, std::move(*zone)});
  rt->deps_->workday_hours = rt->config_.workday_hours;
  rt->deps_->default_cost_rate = rt->config_.default_cost_rate_cents;
  rt->deps_->fixed_now = fixed_now;
  tools::register_halo_tools(registry, *rt->deps_, rt->selection_);

  mcp::ServerOptions server_options;
  server_options.call_timeout = rt->config_.call_deadline;
  if (rt->audit_) {
    server_options.on_tool_call = [audit = rt->audit_](const mcp::ToolCallRecord& call) { audit->record(call); };
  }
  // Environment only, for tests and development: check every result against its outputSchema.
  if (const char* validate = std::getenv("HALO_MCP_VALIDATE_OUTPUT"); validate && std::string_view(validate) == "1") {
    server_options.validate_output = true;
  }
  // Environment only, for tests: a small tools/list page makes clients really follow nextCursor
  // (the catalogue fits in one page of the default 50).
  if (const char* page = std::getenv("HALO_MCP_TOOLS_PAGE_SIZE"); page && *page) {
    const long long n = std::atoll(page);
    if (n >= 1 && n <= 1000) server_options.page_size = static_cast<std::size_t>(n);
  }
  rt->server_ = std::make_unique<mcp::Server>(server_info(), std::move(registry), server_options);
  // Records to attach (halo://tickets/{id}) and the prompts for repeated questions, each offered
  // only with the tools it uses.
  mcp::ResourceRegistry resources;
  tools::register_record_resources(resources, *rt->deps_, rt->selection_);
  // The MCP Apps view, when some offered tool links to it.
  if (rt->server_->tools().links_views()) {
    resources.add(apps::analytics_view_resource());
  }
  rt->server_->set_resources(std::move(resources));
  mcp::PromptRegistry prompt_registry;
  prompts::register_halo_prompts(prompt_registry, *rt->deps_, rt->selection_);
  // Only prompt arguments complete: with no prompt offered, no completions capability either.
  if (!prompt_registry.empty()) rt->server_->set_completion(prompts::make_completion(*rt->deps_, rt->selection_));
  rt->server_->set_prompts(std::move(prompt_registry));
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

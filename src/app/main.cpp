// halo-psa-mcp: the command line. Serves MCP over stdio (default) or Streamable HTTP;
// `tools` prints the catalogue; `call` runs one tool for people and scripts.
// `check` probes every data source. Configuration comes from flags > environment > .env, through
// one lookup (halo::Settings) for every setting, the HTTP bearer token included. Configuration
// errors are reported on stderr with the variable's name, exit status 2, before anything is
// served. `tools`, --help and --version need no credentials.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <cstdint>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "app/access_command.hpp"
#include "app/check_command.hpp"
#include "app/commands.hpp"
#include "app/runtime.hpp"
#include "mcp/transport/http.hpp"
#include "mcp/transport/stdio.hpp"
#include "util/log.hpp"

namespace {

constexpr int kConfigError = 2;

std::string env_or(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  // libcurl (and OpenSSL behind it) is initialised by the Halo client on its first request
  // (halo/http_engine.cpp), so initialize and tools/list never pay for it.

  CLI::App cli{"halo-psa-mcp: an MCP server for Halo PSA (read-only).", "halo-psa-mcp"};
  cli.fallthrough();
  cli.set_version_flag("--version", std::string("halo-psa-mcp ") + app::server_info().version);

  app::RuntimeOptions options;
  std::string transport = "stdio";
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string env_file;
  std::string log_level;
  cli.add_flag("--demo", options.demo,
               "Serve the bundled Halo simulator's demo company (halo-sim, started as a child process; no credentials needed)");
  cli.add_option("--transport", transport, "stdio (default) or http")
      ->check(CLI::IsMember({"stdio", "http"}));
  cli.add_option("--host", host, "HTTP bind address (default 127.0.0.1)");
  cli.add_option("--port", port, "HTTP port (default 8080; 0 = any free port, logged at start)")
      ->check(CLI::Range(0, 65535));
  bool http_stateless = false;
  std::vector<std::string> allowed_hosts, allowed_origins;
  cli.add_flag("--stateless", http_stateless,
               "HTTP without sessions: any replica can serve any request (no Mcp-Session-Id)");
  cli.add_option("--allowed-host", allowed_hosts,
                 "HTTP: also accept this Host header (e.g. mcp.example.com behind a proxy); repeatable")
      ->take_all();
  cli.add_option("--allowed-origin", allowed_origins,
                 "HTTP: also accept this Origin (e.g. https://app.example.com); repeatable")
      ->take_all();
  cli.add_option("--env-file", env_file, "Read configuration from this .env file (default ./.env if present)");
  // Configuration flags: the same settings as the HALO_* variables, and the highest precedence
  // (flags > environment > .env). There is deliberately no flag for the secret itself: a
  // command line is visible to every user of the machine (/proc/PID/cmdline, ps).
  struct ConfigFlag {
    const char* flag;
    const char* variable;
    const char* help;
  };
  const ConfigFlag config_flags[] = {
      {"--instance-url", "HALO_INSTANCE_URL", "Halo web address, e.g. https://company.halopsa.com"},
      {"--client-id", "HALO_CLIENT_ID", "The API application's client ID"},
      {"--client-secret-file", "HALO_CLIENT_SECRET_FILE", "Read the client secret from this file"},
      {"--tenant", "HALO_TENANT", "Tenant (hosted multi-tenant instances)"},
      {"--auth-url", "HALO_AUTH_URL", "Authorisation server (default {instance}/auth)"},
      {"--scope", "HALO_SCOPE", "Token scope (default all)"},
      {"--max-concurrency", "HALO_MAX_CONCURRENCY", "Halo requests in flight at once (1-64, default 4)"},
      {"--http-token-file", "HALO_MCP_HTTP_TOKEN_FILE", "HTTP: read the bearer token clients must send from this file"},
      {"--toolsets", "HALO_MCP_TOOLSETS",
       "Toolsets offered, comma-separated: tickets, customers, billing, projects, assets, team, reports, "
       "analytics (default all)"},
      {"--tools", "HALO_MCP_TOOLS", "Also offer these tools, comma-separated, whatever their toolset"},
      {"--exclude-tools", "HALO_MCP_EXCLUDE_TOOLS", "Never offer these tools, comma-separated"},
      {"--access-file", "HALO_MCP_ACCESS_FILE",
       "HTTP: per-person bearer tokens and the toolsets each may use (made with `access add`)"},
      {"--audit-log", "HALO_MCP_AUDIT_LOG", "HTTP: the audit log of tool calls: stderr (default), a file, or off"},
      {"--redis-url", "HALO_MCP_REDIS_URL",
       "Replicas: share the Halo rate budget and cache on this Redis (redis://host[:port][/db])"},
      {"--replicas", "HALO_MCP_REPLICAS",
       "Replicas: how many serve this Halo; each keeps to HALO_RATE_LIMIT / this when Redis is not there (default 1)"},
  };
  for (const auto& flag : config_flags) {
    auto* option = cli.add_option(flag.flag, options.overrides[flag.variable],
                                  std::string(flag.help) + " [$" + flag.variable + "]");
    if (std::string_view(flag.flag) == "--max-concurrency") option->check(CLI::Range(1, 64));
  }
  cli.add_option("--log-level", log_level,
                 "trace, debug, info, warning, error or off (stderr; default info, or $HALO_MCP_LOG_LEVEL)");
  cli.add_option("--demo-scale", options.demo_scale, "Size of the demo dataset (1 = a small MSP)")
      ->check(CLI::Range(0.01, 200.0));

  auto* tools_cmd = cli.add_subcommand("tools", "Print the tool catalogue");
  bool tools_json = false, tools_markdown = false;
  tools_cmd->add_flag("--json", tools_json, "As JSON (names, descriptions, schemas)");
  tools_cmd->add_flag("--markdown", tools_markdown, "The README's tool and permission tables");

  auto* call_cmd = cli.add_subcommand("call", "Run one tool and print its result");
  std::string tool_name, tool_args;
  bool call_json = false;
  call_cmd->add_option("tool", tool_name, "Tool name (see `halo-psa-mcp tools`)")->required();
  call_cmd->add_option("arguments", tool_args, "Arguments as one JSON object, e.g. '{\"page_size\":5}'");
  call_cmd->add_flag("--json", call_json, "Print JSON even on a terminal");
  std::string chart_path;
  call_cmd->add_option("--chart", chart_path,
                       "Write the result's chart to this PNG file (implies \"chart\":true; a second "
                       "currency's chart goes to FILE-2.png, ...)");

  auto* check_cmd = cli.add_subcommand("check", "Probe every Halo data source the tools need and print what works");
  bool check_json = false;
  check_cmd->add_flag("--json", check_json, "As JSON");

  auto* access_cmd = cli.add_subcommand(
      "access", "Keep the HTTP access file: add NAME --toolsets LIST (prints a new token once), remove NAME, list");
  app::AccessCommand access;
  access_cmd->add_option("action", access.action, "add, remove or list")
      ->required()
      ->check(CLI::IsMember({"add", "remove", "list"}));
  access_cmd->add_option("name", access.name, "The person or service (add, remove)");
  access_cmd->add_option("--toolsets", access.toolsets,
                         "add: the toolsets they may use, comma-separated (tickets, customers, billing, projects, "
                         "assets, team, reports, analytics) or all");
  access_cmd->add_option("--file", access.file, "The access file (default $HALO_MCP_ACCESS_FILE)");

  CLI11_PARSE(cli, argc, argv);
  if (!env_file.empty()) options.env_file = env_file;

  const bool one_shot = tools_cmd->parsed() || call_cmd->parsed() || check_cmd->parsed() || access_cmd->parsed();
  if (log_level.empty()) log_level = env_or("HALO_MCP_LOG_LEVEL", one_shot ? "warning" : "info");
  if (!util::init_logging(log_level)) {
    std::cerr << "halo-psa-mcp: --log-level / HALO_MCP_LOG_LEVEL: unknown level '" << log_level << "'\n";
    return kConfigError;
  }

  if (access_cmd->parsed()) {
    if (access.file.empty()) access.file = app::configured(options, "HALO_MCP_ACCESS_FILE").value_or("");
    if ((access.action == "add" || access.action == "remove") && access.name.empty()) {
      std::cerr << "halo-psa-mcp access " << access.action << ": NAME is required\n";
      return kConfigError;
    }
    if (access.action == "add" && access.toolsets.empty()) {
      std::cerr << "halo-psa-mcp access add: --toolsets is required (e.g. --toolsets tickets,customers, or all)\n";
      return kConfigError;
    }
    return app::run_access_command(access);
  }

  // `tools` never reaches Halo: it works before any credentials exist.
  options.catalogue_only = tools_cmd->parsed();
  options.http = !one_shot && transport == "http";
  auto runtime = app::Runtime::create(options);
  if (!runtime) {
    std::cerr << "halo-psa-mcp: " << util::describe(runtime.error()) << '\n';
    return runtime.error().kind == util::ErrorKind::kConfig ? kConfigError : 1;
  }
  auto& server = (*runtime)->server();

  if (tools_cmd->parsed()) {
    return app::print_tools(server, (*runtime)->tool_selection(),
                            tools_markdown ? app::ToolsFormat::kMarkdown
                                           : tools_json ? app::ToolsFormat::kJson : app::ToolsFormat::kText);
  }
  if (call_cmd->parsed()) return app::call_tool(server, tool_name, tool_args, call_json, chart_path);
  if (check_cmd->parsed()) return app::run_check((*runtime)->deps(), (*runtime)->tool_selection(), check_json);

  if (transport == "http") {
    mcp::HttpOptions http;
    http.host = host;
    http.port = static_cast<std::uint16_t>(port);
    http.stateless = http_stateless;
    http.bearer_token = (*runtime)->http_bearer_token();
    if (auto* access_control = (*runtime)->access_control()) {
      http.authenticate = [access_control](std::string_view token) { return access_control->authenticate(token); };
      http.on_hangup = [access_control] { access_control->reload(); };
    }
    http.allowed_hosts = allowed_hosts;
    http.allowed_origins = allowed_origins;
    spdlog::info("halo-psa-mcp {} starting the HTTP transport ({} tools, {}{})", app::server_info().version,
                 server.tools().all().size(), http.stateless ? "stateless" : "sessions",
                 http.authenticate ? ", per-person access" : http.bearer_token.empty() ? "" : ", bearer token required");
    return mcp::run_http(server, std::move(http));
  }

  spdlog::info("halo-psa-mcp {} serving MCP on stdio ({} tools)", app::server_info().version,
               server.tools().all().size());
  return mcp::run_stdio(server);
}

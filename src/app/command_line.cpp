// The command line's declaration (CLI11).
#include "app/command_line.hpp"

#include <CLI/CLI.hpp>

#include <string_view>

namespace app {
namespace {

// Configuration flags: the same settings as the HALO_* variables, and the highest precedence
// (flags > environment > .env). There is deliberately no flag for the secret itself: a command
// line is visible to every user of the machine (/proc/PID/cmdline, ps).
struct ConfigFlag {
  const char* flag;
  const char* variable;
  const char* help;
};
constexpr ConfigFlag kConfigFlags[] = {
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

}  // namespace

std::variant<CommandLine, int> parse_command_line(int argc, char** argv) {
  CommandLine line;
  // Nothing to parse: how an MCP client starts the server (its configuration in the environment).
  // Building the parser below costs about 0.4 ms, 6% of a cold start, and would leave every field
  // as it is: CLI11 writes only the options that are given.
  if (argc <= 1) return line;

  CLI::App cli{"halo-psa-mcp: an MCP server for Halo PSA (read-only).", "halo-psa-mcp"};
  cli.fallthrough();
  cli.set_version_flag("--version", std::string("halo-psa-mcp ") + server_info().version);

  RuntimeOptions& options = line.options;
  std::string env_file;
  cli.add_flag("--demo", options.demo,
               "Serve the bundled Halo simulator's demo company (halo-sim, started as a child process; no credentials needed)");
  cli.add_option("--transport", line.transport, "stdio (default) or http")->check(CLI::IsMember({"stdio", "http"}));
  cli.add_option("--host", line.host, "HTTP bind address (default 127.0.0.1)");
  cli.add_option("--port", line.port, "HTTP port (default 8080; 0 = any free port, logged at start)")
      ->check(CLI::Range(0, 65535));
  cli.add_flag("--stateless", line.http_stateless,
               "HTTP without sessions: any replica can serve any request (no Mcp-Session-Id)");
  cli.add_option("--allowed-host", line.allowed_hosts,
                 "HTTP: also accept this Host header (e.g. mcp.example.com behind a proxy); repeatable")
      ->take_all();
  cli.add_option("--allowed-origin", line.allowed_origins,
                 "HTTP: also accept this Origin (e.g. https://app.example.com); repeatable")
      ->take_all();
  cli.add_option("--env-file", env_file, "Read configuration from this .env file (default ./.env if present)");
  for (const auto& flag : kConfigFlags) {
    auto* option = cli.add_option(flag.flag, options.overrides[flag.variable],
                                  std::string(flag.help) + " [$" + flag.variable + "]");
    if (std::string_view(flag.flag) == "--max-concurrency") option->check(CLI::Range(1, 64));
  }
  cli.add_option("--log-level", line.log_level,
                 "trace, debug, info, warning, error or off (stderr; default info, or $HALO_MCP_LOG_LEVEL)");
  cli.add_option("--demo-scale", options.demo_scale, "Size of the demo dataset (1 = a small MSP)")
      ->check(CLI::Range(0.01, 200.0));

  auto* tools_cmd = cli.add_subcommand("tools", "Print the tool catalogue");
  tools_cmd->add_flag("--json", line.tools_json, "As JSON (names, descriptions, schemas)");
  tools_cmd->add_flag("--markdown", line.tools_markdown, "The README's tool and permission tables");

  auto* call_cmd = cli.add_subcommand("call", "Run one tool and print its result");
  call_cmd->add_option("tool", line.tool_name, "Tool name (see `halo-psa-mcp tools`)")->required();
  call_cmd->add_option("arguments", line.tool_arguments, "Arguments as one JSON object, e.g. '{\"page_size\":5}'");
  call_cmd->add_flag("--json", line.call_json, "Print JSON even on a terminal");
  call_cmd->add_option("--chart", line.chart_path,
                       "Write the result's chart to this PNG file (implies \"chart\":true; a second "
                       "currency's chart goes to FILE-2.png, ...)");

  auto* check_cmd = cli.add_subcommand("check", "Probe every Halo data source the tools need and print what works");
  check_cmd->add_flag("--json", line.check_json, "As JSON");

  auto* access_cmd = cli.add_subcommand(
      "access", "Keep the HTTP access file: add NAME --toolsets LIST (prints a new token once), remove NAME, list");
  AccessCommand& access = line.access;
  access_cmd->add_option("action", access.action, "add, remove or list")
      ->required()
      ->check(CLI::IsMember({"add", "remove", "list"}));
  access_cmd->add_option("name", access.name, "The person or service (add, remove)");
  access_cmd->add_option("--toolsets", access.toolsets,
                         "add: the toolsets they may use, comma-separated (tickets, customers, billing, projects, "
                         "assets, team, reports, analytics) or all");
  access_cmd->add_option("--file", access.file, "The access file (default $HALO_MCP_ACCESS_FILE)");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  if (!env_file.empty()) options.env_file = env_file;
  if (tools_cmd->parsed()) line.command = CommandLine::Command::kTools;
  if (call_cmd->parsed()) line.command = CommandLine::Command::kCall;
  if (check_cmd->parsed()) line.command = CommandLine::Command::kCheck;
  if (access_cmd->parsed()) line.command = CommandLine::Command::kAccess;
  return line;
}

}  // namespace app

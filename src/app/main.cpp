// halo-psa-mcp: the command line. Serves MCP over stdio (default) or Streamable HTTP;
// `tools` prints the catalogue; `call` runs one tool for people and scripts.
// `check` probes every data source. Configuration comes from flags > environment > .env, through
// one lookup (halo::Settings) for every setting, the HTTP bearer token included. Configuration
// errors are reported on stderr with the variable's name, exit status 2, before anything is
// served. `tools`, --help and --version need no credentials.
#include <cstdlib>
#include <cstdint>
#include <iostream>
#include <string>
#include <string_view>
#include <variant>

#include "app/access_command.hpp"
#include "app/check_command.hpp"
#include "app/command_line.hpp"
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
  auto parsed = app::parse_command_line(argc, argv);
  if (const int* status = std::get_if<int>(&parsed)) return *status;
  auto& line = std::get<app::CommandLine>(parsed);
  using Command = app::CommandLine::Command;
  app::RuntimeOptions& options = line.options;
  auto& log_level = line.log_level;
  auto& access = line.access;

  const bool one_shot = line.one_shot();
  if (log_level.empty()) log_level = env_or("HALO_MCP_LOG_LEVEL", one_shot ? "warning" : "info");
  if (!util::init_logging(log_level)) {
    std::cerr << "halo-psa-mcp: --log-level / HALO_MCP_LOG_LEVEL: unknown level '" << log_level << "'\n";
    return kConfigError;
  }

  if (line.command == Command::kAccess) {
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
  options.catalogue_only = line.command == Command::kTools;
  options.http = !one_shot && line.transport == "http";
  auto runtime = app::Runtime::create(options);
  if (!runtime) {
    std::cerr << "halo-psa-mcp: " << util::describe(runtime.error()) << '\n';
    return runtime.error().kind == util::ErrorKind::kConfig ? kConfigError : 1;
  }
  auto& server = (*runtime)->server();

  switch (line.command) {
    case Command::kTools:
      return app::print_tools(server, (*runtime)->tool_selection(),
                              line.tools_markdown ? app::ToolsFormat::kMarkdown
                              : line.tools_json   ? app::ToolsFormat::kJson
                                                  : app::ToolsFormat::kText);
    case Command::kCall:
      return app::call_tool(server, line.tool_name, line.tool_arguments, line.call_json, line.chart_path);
    case Command::kCheck: return app::run_check((*runtime)->deps(), (*runtime)->tool_selection(), line.check_json);
    case Command::kServe:
    case Command::kAccess: break;
  }

  if (line.transport == "http") {
    mcp::HttpOptions http;
    http.host = line.host;
    http.port = static_cast<std::uint16_t>(line.port);
    http.stateless = line.http_stateless;
    http.bearer_token = (*runtime)->http_bearer_token();
    if (auto* access_control = (*runtime)->access_control()) {
      http.authenticate = [access_control](std::string_view token) { return access_control->authenticate(token); };
      http.on_hangup = [access_control] { access_control->reload(); };
    }
    http.allowed_hosts = line.allowed_hosts;
    http.allowed_origins = line.allowed_origins;
    util::log::info("halo-psa-mcp {} starting the HTTP transport ({} tools, {}{})", app::server_info().version,
                    server.tools().all().size(), http.stateless ? "stateless" : "sessions",
                    http.authenticate ? ", per-person access" : http.bearer_token.empty() ? "" : ", bearer token required");
    return mcp::run_http(server, std::move(http));
  }

  util::log::info("halo-psa-mcp {} serving MCP on stdio ({} tools)", app::server_info().version,
                  server.tools().all().size());
  return mcp::run_stdio(server);
}

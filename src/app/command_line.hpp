// The command line: what to do (serve, `tools`, `call`, `check`, `access`) and how, from argv.
// Configuration flags land in RuntimeOptions::overrides under their HALO_* names, where they take
// precedence over the environment and .env (halo::Settings).
#pragma once
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "app/access_command.hpp"
#include "app/runtime.hpp"

namespace app {

struct CommandLine {
  enum class Command { kServe, kTools, kCall, kCheck, kAccess };
  Command command = Command::kServe;
  RuntimeOptions options;
  std::string log_level;  ///< --log-level; empty: HALO_MCP_LOG_LEVEL or the command's default

  // Serving
  std::string transport = "stdio";
  std::string host = "127.0.0.1";
  int port = 8080;
  bool http_stateless = false;
  std::vector<std::string> allowed_hosts, allowed_origins;

  // `tools`
  bool tools_json = false, tools_markdown = false;
  // `call`
  std::string tool_name, tool_arguments, chart_path;
  bool call_json = false;
  // `check`
  bool check_json = false;
  // `access`
  AccessCommand access;

  /// A command that runs once and exits (anything but serving).
  [[nodiscard]] bool one_shot() const { return command != Command::kServe; }
};

/// The command line, or the exit status when there is nothing more to do: --help and --version
/// (0, printed) and a command-line error (printed on stderr by the parser, non-zero).
[[nodiscard]] std::variant<CommandLine, int> parse_command_line(int argc, char** argv);

}  // namespace app

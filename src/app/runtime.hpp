// Builds the running product from configuration: in --demo mode the bundled Halo simulator (a
// child process, see demo_simulator.hpp) on a free loopback port, then the real Halo client pointed at it (so the demo exercises the real
// HTTP, OAuth and paging code), the period table, the tool catalogue and the MCP server.
// Owns everything the tools reference, so it must outlive the server's use.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "domain/periods.hpp"
#include "halo/client.hpp"
#include "mcp/server.hpp"
#include "app/access_control.hpp"
#include "app/audit_log.hpp"
#include "app/demo_simulator.hpp"
#include "tools/tool_deps.hpp"
#include "tools/toolsets.hpp"
#include "util/result.hpp"

namespace app {

struct RuntimeOptions {
  bool demo = false;
  std::optional<std::string> env_file;
  std::map<std::string, std::string> overrides;  ///< configuration given as flags (HALO_* names)
  double demo_scale = 1.0;
  std::uint64_t demo_seed = 42;
  /// Only the tool catalogue is wanted (`tools`): nothing will reach Halo, so credentials are
  /// not required and --demo starts no simulator.
  bool catalogue_only = false;
  /// Serving over HTTP: resolve the bearer token (HALO_MCP_HTTP_TOKEN or _FILE), the access file
  /// (HALO_MCP_ACCESS_FILE) and the audit log (HALO_MCP_AUDIT_LOG).
  bool http = false;
};

class Runtime {
 public:
  /// Loads and validates the configuration (errors name the variable), starts the simulator in
  /// demo mode, and registers every tool. Nothing is served yet.
  [[nodiscard]] static util::Result<std::unique_ptr<Runtime>> create(const RuntimeOptions& options);
  ~Runtime();

  mcp::Server& server() { return *server_; }
  halo::Client& client() { return *client_; }
  tools::ToolDeps& deps() { return *deps_; }
  const halo::Config& config() const { return config_; }
  /// The token HTTP clients must present; empty when none is configured (or not serving HTTP).
  const std::string& http_bearer_token() const { return http_bearer_token_; }
  /// Per-person access over HTTP (HALO_MCP_ACCESS_FILE); null when not configured.
  AccessControl* access_control() { return access_.get(); }
  /// The tools offered (HALO_MCP_TOOLSETS, HALO_MCP_TOOLS, HALO_MCP_EXCLUDE_TOOLS).
  const tools::ToolSelection& tool_selection() const { return selection_; }

 private:
  Runtime() = default;
  std::unique_ptr<DemoSimulator> simulator_;
  halo::Config config_;
  std::string http_bearer_token_;
  std::unique_ptr<AccessControl> access_;
  std::shared_ptr<AuditLog> audit_;  // shared with the server's on_tool_call
  tools::ToolSelection selection_;
  std::unique_ptr<halo::Client> client_;
  std::optional<domain::PeriodTable> periods_;
  std::unique_ptr<tools::ToolDeps> deps_;
  std::unique_ptr<mcp::Server> server_;
};

/// One setting as the server would read it (flags > environment > .env), for commands that need
/// a single value without building a runtime (`access`). nullopt when unset or unreadable.
[[nodiscard]] std::optional<std::string> configured(const RuntimeOptions& options, const std::string& name);

/// Who we are, for initialize / server/discover and --version.
mcp::ServerInfo server_info();

}  // namespace app

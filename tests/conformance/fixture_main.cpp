// mcp-conformance-fixture: a server offering exactly what the MCP conformance suite expects
// (see fixture.hpp), over the same transports and flags as halo-psa-mcp:
//   mcp-conformance-fixture --transport http --port 3001 [--host 127.0.0.1] [--stateless]
//   mcp-conformance-fixture                      # stdio
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

#include "fixture.hpp"
#include "mcp/server.hpp"
#include "mcp/transport/http.hpp"
#include "mcp/transport/stdio.hpp"
#include "util/log.hpp"

int main(int argc, char** argv) {
  CLI::App cli{"mcp-conformance-fixture: the MCP conformance suite's fixture server", "mcp-conformance-fixture"};
  std::string transport = "stdio";
  mcp::HttpOptions http;
  int port = 3001;
  std::string log_level = "warning";
  cli.add_option("--transport", transport, "stdio (default) or http")->check(CLI::IsMember({"stdio", "http"}));
  cli.add_option("--host", http.host, "HTTP bind address (default 127.0.0.1)");
  cli.add_option("--port", port, "HTTP port (0 = any free port)")->check(CLI::Range(0, 65535));
  cli.add_flag("--stateless", http.stateless, "HTTP without sessions");
  cli.add_option("--log-level", log_level, "stderr log level (default warning)");
  CLI11_PARSE(cli, argc, argv);
  if (!util::init_logging(log_level)) {
    std::cerr << "mcp-conformance-fixture: unknown log level '" << log_level << "'\n";
    return 2;
  }
  http.port = static_cast<std::uint16_t>(port);
  if (const char* token = std::getenv("HALO_MCP_HTTP_TOKEN"); token != nullptr && *token != '\0') http.bearer_token = token;

  mcp::ToolRegistry tools;
  fixture::add_basic_tools(tools);
  fixture::add_input_required_tools(tools);
  mcp::PromptRegistry prompts = fixture::make_prompts();
  fixture::add_input_required_prompt(prompts);

  mcp::ServerOptions options;
  options.page_size = 100;
  mcp::Server server({"mcp-conformance-fixture", "MCP conformance fixture", "1.0.0",
                      "Offers the tools, resources and prompts the MCP conformance suite exercises.",
                      "Test fixture: tools named test_* return fixed content."},
                     std::move(tools), options);
  server.set_resources(fixture::make_resources());
  server.set_prompts(std::move(prompts));
  server.set_completion(fixture::make_completion());

  if (transport == "http") return mcp::run_http(server, http);
  return mcp::run_stdio(server);
}

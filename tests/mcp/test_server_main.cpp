// mcp-test-server: the MCP layer with test tools over stdio, for the wire tests and for trying
// third-party clients against the protocol layer alone.
//   mcp-test-server [--page-size N] [--max-concurrent N] [--max-line-bytes N] [--validate-output]
#include <cstdlib>
#include <string_view>

#include "mcp/server.hpp"
#include "mcp/transport/stdio.hpp"
#include "test_tools.hpp"
#include "util/log.hpp"

int main(int argc, char** argv) {
  util::init_logging(std::getenv("MCP_TEST_LOG_LEVEL") ? std::getenv("MCP_TEST_LOG_LEVEL") : "warn");
  mcp::ServerOptions options;
  mcp::StdioOptions stdio;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto next = [&]() -> long { return i + 1 < argc ? std::strtol(argv[++i], nullptr, 10) : 0; };
    if (arg == "--page-size") options.page_size = static_cast<std::size_t>(next());
    else if (arg == "--max-concurrent") options.max_concurrent_calls = static_cast<std::size_t>(next());
    else if (arg == "--max-line-bytes") stdio.max_line_bytes = static_cast<std::size_t>(next());
    else if (arg == "--validate-output") options.validate_output = true;
  }
  mcp::ServerInfo info{"mcp-test-server", "MCP test server", "0.1.0",
                       "Test tools for the halo-psa-mcp protocol layer.",
                       "Use echo to check arguments, slow for progress and cancellation."};
  mcp::Server server(std::move(info), mcp::testing::make_test_registry(), options);
  return mcp::run_stdio(server, 0, 1, stdio);
}

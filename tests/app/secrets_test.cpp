// The client secret (and anything derived from a wrong one) must never appear in anything the
// process writes: stdout, stderr at the most verbose log level, tool results, error messages.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sim_process.hpp"

using nlohmann::json;
using namespace testsupport;

namespace {

const std::string kSecret = "Zq8-TOPSECRET-5e1f0c";
const std::string kWrongSecret = "Wr0ng-SECRET-9a7b3d";

ProcessOptions env_for(const std::string& url, const std::string& secret) {
  ProcessOptions options;
  options.cwd = "/tmp";
  options.env = {{"HALO_INSTANCE_URL", url}, {"HALO_CLIENT_ID", "acme-id"},
                 {"HALO_CLIENT_SECRET", secret}, {"HALO_MCP_LOG_LEVEL", "trace"},
                 {"HALO_MAX_ATTEMPTS", "1"}};
  return options;
}

TEST(Secrets, NeverWrittenAnywhereInAWholeSession) {
  SimProcess sim({"--client-id", "acme-id", "--client-secret", kSecret});
  ASSERT_FALSE(sim.url().empty()) << sim.stderr_text();

  Process server({build_path("halo-psa-mcp")}, env_for(sim.url(), kSecret));
  std::string everything;
  auto send = [&](const std::string& line) {
    server.write_line(line);
    auto reply = server.read_line(std::chrono::seconds(20));
    EXPECT_TRUE(reply) << "no reply to " << line;
    if (reply) everything += *reply + "\n";
    return reply ? json::parse(*reply) : json();
  };
  send(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})");
  auto ok = send(R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_clients","arguments":{"page_size":2}}})");
  EXPECT_FALSE(ok["result"]["isError"].get<bool>()) << ok.dump();
  auto missing = send(R"({"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get_ticket","arguments":{"ticket_id":99999999}}})");
  EXPECT_TRUE(missing["result"]["isError"].get<bool>());
  send(R"({"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"revenue_breakdown","arguments":{"top":3}}})");
  server.close_stdin();
  server.wait(std::chrono::seconds(10));
  everything += server.drain_stdout(std::chrono::milliseconds(200));
  everything += server.stderr_text();

  EXPECT_NE(everything.find("/api/Client"), std::string::npos) << "trace logging produced nothing?";
  EXPECT_EQ(everything.find(kSecret), std::string::npos) << "the client secret leaked";
}

TEST(Secrets, AWrongSecretIsReportedWithoutEchoingIt) {
  SimProcess sim({"--client-id", "acme-id", "--client-secret", kSecret});
  ASSERT_FALSE(sim.url().empty());
  auto r = run({build_path("halo-psa-mcp"), "call", "list_clients"}, env_for(sim.url(), kWrongSecret));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("HALO_CLIENT_SECRET"), std::string::npos) << "the error should say what to check: " << r.err;
  EXPECT_EQ((r.out + r.err).find(kWrongSecret), std::string::npos) << "the wrong secret was echoed";
  EXPECT_EQ((r.out + r.err).find(kSecret), std::string::npos);
}

}  // namespace

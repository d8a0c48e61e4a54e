// End-to-end tests of the real executable's command line: configuration errors before anything is
// served, `tools`, `call` (JSON for pipes), and serving MCP over stdio against the demo simulator.
#include <gtest/gtest.h>

#include <signal.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "support/process.hpp"

using nlohmann::json;
using testsupport::build_path;
using testsupport::ProcessOptions;
using testsupport::run;

namespace {

const std::string kServer = build_path("halo-psa-mcp");

ProcessOptions in_empty_dir() {
  ProcessOptions options;
  options.cwd = "/tmp";  // no ./.env there
  return options;
}

TEST(Cli, VersionPrintsAndExitsZero) {
  auto r = run({kServer, "--version"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("halo-psa-mcp "), std::string::npos);
}

TEST(Cli, MissingCredentialsNameTheVariableAndServeNothing) {
  auto r = run({kServer}, in_empty_dir(), R"({"jsonrpc":"2.0","id":1,"method":"ping"})" "\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("HALO_INSTANCE_URL"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << "stdout must stay clean: " << r.out;
}

TEST(Cli, PlainHttpToARemoteHostIsRefused) {
  auto options = in_empty_dir();
  options.env = {{"HALO_INSTANCE_URL", "http://halo.example.com"},
                 {"HALO_CLIENT_ID", "id"},
                 {"HALO_CLIENT_SECRET", "s3cr3t-value"}};
  auto r = run({kServer}, options);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("HALO_INSTANCE_URL"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("https"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("s3cr3t-value"), std::string::npos) << "the secret leaked: " << r.err;
}

TEST(Cli, MissingSecretIsNamed) {
  auto options = in_empty_dir();
  options.env = {{"HALO_INSTANCE_URL", "https://halo.example.com"}, {"HALO_CLIENT_ID", "id"}};
  auto r = run({kServer}, options);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("HALO_CLIENT_SECRET"), std::string::npos) << r.err;
}

TEST(Cli, EnvFileIsRead) {
  // A .env file naming a non-https remote instance: the error proves the file was read.
  char path[] = "/tmp/halo-env-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  std::string text = "# comment\nHALO_INSTANCE_URL=http://from-env-file.example.com\nHALO_CLIENT_ID=a\nHALO_CLIENT_SECRET=b\n";
  ASSERT_EQ(write(fd, text.data(), text.size()), ssize_t(text.size()));
  close(fd);
  auto r = run({kServer, "--env-file", path}, in_empty_dir());
  unlink(path);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("HALO_INSTANCE_URL"), std::string::npos) << r.err;
}

TEST(Cli, UnknownLogLevelIsAConfigError) {
  auto r = run({kServer, "--demo", "--log-level", "chatty", "tools"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("log"), std::string::npos);
}

TEST(Cli, ToolsListsTheCatalogue) {
  auto r = run({kServer, "--demo", "tools", "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto tools = json::parse(r.out);
  std::set<std::string> names;
  for (const auto& t : tools) names.insert(t["name"].get<std::string>());
  for (const char* expected :
       {"list_tickets", "get_ticket", "list_ticket_actions", "list_time_entries", "list_clients",
        "get_client", "list_sites", "get_site", "list_contracts", "get_contract", "list_invoices",
        "get_invoice", "list_recurring_invoices", "get_recurring_invoice", "list_projects",
        "get_project", "list_assets", "get_asset", "list_agents", "list_reports", "revenue_breakdown"}) {
    EXPECT_TRUE(names.count(expected)) << expected << " missing";
  }
}

TEST(Cli, CallPrintsJsonWhenPiped) {
  auto r = run({kServer, "--demo", "call", "list_clients", R"({"page_size":3})"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto result = json::parse(r.out);
  EXPECT_EQ(result["items"].size(), 3u);
  EXPECT_EQ(result["page_size"], 3);
  EXPECT_TRUE(result["has_more"].get<bool>());
  EXPECT_GT(result["record_count"].get<int>(), 3);
}

TEST(Cli, CallWithAnUnknownArgumentFailsNamingIt) {
  auto r = run({kServer, "--demo", "call", "list_clients", R"({"colour":"red"})"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("colour"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(Cli, CallWithBrokenJsonIsAUsageError) {
  auto r = run({kServer, "--demo", "call", "list_clients", "{page_size:3"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(r.out.empty());
}

TEST(Cli, CallOfAnUnknownToolFails) {
  auto r = run({kServer, "--demo", "call", "drop_database"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("drop_database"), std::string::npos) << r.err;
}

TEST(Stdio, DemoServesMcpAndExitsOnEof) {
  testsupport::Process server({kServer, "--demo", "--log-level", "debug"});
  server.write_line(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})");
  auto line = server.read_line();
  ASSERT_TRUE(line);
  auto init = json::parse(*line);
  EXPECT_EQ(init["result"]["protocolVersion"], "2025-11-25");
  EXPECT_EQ(init["result"]["serverInfo"]["name"], "halo-psa-mcp");
  server.write_line(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  server.write_line(R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_tickets","arguments":{"page_size":2}}})");
  line = server.read_line(std::chrono::seconds(20));
  ASSERT_TRUE(line);
  auto call = json::parse(*line);
  EXPECT_EQ(call["id"], 2);
  EXPECT_FALSE(call["result"]["isError"].get<bool>());
  EXPECT_EQ(call["result"]["structuredContent"]["items"].size(), 2u);
  server.close_stdin();
  auto start = std::chrono::steady_clock::now();
  auto status = server.wait(std::chrono::seconds(5));
  ASSERT_TRUE(status) << "no exit after EOF";
  EXPECT_EQ(*status, 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  // Debug logging was on: it all went to stderr, and stdout held nothing else.
  EXPECT_TRUE(server.drain_stdout(std::chrono::milliseconds(200)).empty());
  EXPECT_FALSE(server.stderr_text().empty());
}

/// The children of `pid` (from /proc; every thread's list).
std::vector<pid_t> children_of(pid_t pid) {
  std::vector<pid_t> out;
  std::ifstream tasks("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
  pid_t child = 0;
  while (tasks >> child) out.push_back(child);
  return out;
}

/// True while `pid` exists and is not a zombie.
bool running(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  const auto close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z';
}

TEST(Demo, DataIsGeneratedAroundTheDayOfHaloMcpNow) {
  // The tools take "today" from HALO_MCP_NOW; the demo's data must be dated around the same day,
  // or an aging, a renewal window or "last month" would look at data that is not there. The
  // simulator dates its invoices up to its anchor day: with HALO_MCP_NOW on 2025-06-30, June 2025
  // has invoices and nothing is dated after it, whatever the real date is.
  ProcessOptions options;
  options.env["HALO_MCP_NOW"] = "2025-06-30T10:00:00";
  auto count = [&](const std::string& start, const std::string& end) {
    auto r = run({kServer, "--demo", "call", "list_invoices",
                  R"({"start_date":")" + start + R"(","end_date":")" + end + R"(","page_size":1})"},
                 options);
    EXPECT_EQ(r.status, 0) << r.err;
    return json::parse(r.out).value("record_count", -1);
  };
  EXPECT_GT(count("2025-06-01", "2025-06-30"), 0) << "no invoices in the month of HALO_MCP_NOW";
  EXPECT_EQ(count("2025-07-01", "2030-12-31"), 0) << "invoices dated after HALO_MCP_NOW's day";
}

TEST(Demo, SimulatorChildStopsWhenTheServerIsKilled) {
  testsupport::Process server({kServer, "--demo"});
  server.write_line(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})");
  ASSERT_TRUE(server.read_line());
  const auto children = children_of(server.pid());
  ASSERT_EQ(children.size(), 1u) << "--demo runs exactly one halo-sim";
  std::ifstream comm("/proc/" + std::to_string(children[0]) + "/comm");
  std::string name;
  comm >> name;
  EXPECT_EQ(name, "halo-sim");
  ::kill(server.pid(), SIGKILL);  // no chance to clean up: the stdin pipe must do it
  ASSERT_TRUE(server.wait(std::chrono::seconds(5)));
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (running(children[0]) && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_FALSE(running(children[0])) << "halo-sim outlived the server";
}

TEST(Demo, MissingSimulatorIsAClearErrorAndNothingIsServed) {
  ProcessOptions options;
  options.env = {{"HALO_SIM_BINARY", "/nonexistent/halo-sim"}};
  auto r = run({kServer, "--demo"}, options, R"({"jsonrpc":"2.0","id":1,"method":"ping"})" "\n");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("/nonexistent/halo-sim"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("HALO_SIM_BINARY"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

}  // namespace

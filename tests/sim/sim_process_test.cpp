// The halo-sim executable as a process: where it takes the accepted secret from (argv, a file,
// or the environment, which is what --demo uses so the secret is not in /proc/PID/cmdline), and
// --no-control, which removes the unauthenticated /_sim endpoints (the demo's simulator runs so).
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace {

using testsupport::build_path;
using testsupport::Process;
using testsupport::ProcessOptions;

const std::string kSimBinary = build_path("halo-sim");

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A started halo-sim and an HTTP client for it.
struct SimProcess {
  SimProcess(std::vector<std::string> extra, ProcessOptions options = {}) {
    std::vector<std::string> argv = {kSimBinary, "--port", "0", "--exit-on-stdin-eof", "--today", "2025-06-15"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    process = std::make_unique<Process>(argv, options);
    auto line = process->read_line(std::chrono::seconds(30));
    const std::string marker = "listening on ";
    if (line && line->find(marker) != std::string::npos) url = line->substr(line->find(marker) + marker.size());
    if (!url.empty()) {
      http = std::make_unique<httplib::Client>(url);
      http->set_read_timeout(10, 0);
    }
  }
  int token_status(const std::string& secret) {
    auto r = http->Post("/auth/token", "grant_type=client_credentials&client_id=demo-client&client_secret=" + secret + "&scope=all",
                        "application/x-www-form-urlencoded");
    return r ? r->status : -1;
  }
  std::unique_ptr<Process> process;
  std::unique_ptr<httplib::Client> http;
  std::string url;
};

TEST(SimProcess, SecretFromTheEnvironmentIsAcceptedAndNotInArgv) {
  const std::string secret = "env-S3cret-9d2e71";
  ProcessOptions options;
  options.env = {{"HALO_SIM_CLIENT_SECRET", secret}};
  SimProcess sim({}, options);
  ASSERT_FALSE(sim.url.empty()) << sim.process->stderr_text();
  EXPECT_EQ(sim.token_status(secret), 200);
  EXPECT_EQ(sim.token_status("demo-secret"), 401) << "the default secret must no longer work";
  const std::string cmdline = read_file("/proc/" + std::to_string(sim.process->pid()) + "/cmdline");
  EXPECT_EQ(cmdline.find(secret), std::string::npos);
}

TEST(SimProcess, SecretFromAFileIsAcceptedWithoutItsNewline) {
  const std::string path = ::testing::TempDir() + "halo-sim-secret-" + std::to_string(::getpid());
  std::ofstream(path) << "file-S3cret-55ab\n";
  SimProcess sim({"--client-secret-file", path});
  std::filesystem::remove(path);
  ASSERT_FALSE(sim.url.empty()) << sim.process->stderr_text();
  EXPECT_EQ(sim.token_status("file-S3cret-55ab"), 200);
  EXPECT_EQ(sim.token_status("demo-secret"), 401);
}

TEST(SimProcess, UnreadableSecretFileIsAnError) {
  auto r = testsupport::run({kSimBinary, "--port", "0", "--client-secret-file", "/nonexistent/secret"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--client-secret-file"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(SimProcess, SecretFlagStillWorksForTests) {
  SimProcess sim({"--client-secret", "flag-S3cret"});
  ASSERT_FALSE(sim.url.empty());
  EXPECT_EQ(sim.token_status("flag-S3cret"), 200);
}

TEST(SimProcess, NoControlRemovesTheControlEndpoints) {
  SimProcess with({});
  ASSERT_FALSE(with.url.empty());
  auto stats = with.http->Get("/_sim/stats");
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->status, 200) << "control endpoints are on by default (tests, benchmarks)";

  SimProcess without({"--no-control"});
  ASSERT_FALSE(without.url.empty());
  for (const char* path : {"/_sim/stats", "/_sim/faults", "/_sim/health"}) {
    auto r = without.http->Get(path);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404) << path;
  }
  auto patch = without.http->Post("/_sim/faults", R"({"token_endpoint_down": true})", "application/json");
  ASSERT_TRUE(patch);
  EXPECT_EQ(patch->status, 404);
  EXPECT_EQ(without.token_status("demo-secret"), 200) << "the fault was not applied";
}

std::vector<pid_t> children_of(pid_t pid) {
  std::vector<pid_t> out;
  std::ifstream tasks("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
  pid_t child = 0;
  while (tasks >> child) out.push_back(child);
  return out;
}

TEST(SimProcess, DemoPassesTheSecretOutsideArgvAndTurnsControlOff) {
  Process server({build_path("halo-psa-mcp"), "--demo"});
  server.write_line(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})");
  ASSERT_TRUE(server.read_line(std::chrono::seconds(30))) << server.stderr_text();
  const auto children = children_of(server.pid());
  ASSERT_EQ(children.size(), 1u);
  const std::string proc = "/proc/" + std::to_string(children[0]);
  const std::string cmdline = read_file(proc + "/cmdline");
  EXPECT_NE(cmdline.find("--no-control"), std::string::npos);
  EXPECT_EQ(cmdline.find("--client-secret"), std::string::npos) << "the secret went in argv";
  const std::string environ = read_file(proc + "/environ");
  const std::string marker = "HALO_SIM_CLIENT_SECRET=";
  const auto at = environ.find(marker);
  ASSERT_NE(at, std::string::npos) << "the demo secret is expected in the child's environment";
  const std::string secret = environ.substr(at + marker.size(), environ.find('\0', at) - at - marker.size());
  EXPECT_EQ(secret.size(), 32u) << "128 random bits as hex";
  EXPECT_EQ(cmdline.find(secret), std::string::npos);
  server.close_stdin();
  EXPECT_TRUE(server.wait(std::chrono::seconds(10)));
}

}  // namespace

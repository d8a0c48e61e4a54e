// Configuration through the real executable: flags > environment > .env (and the secret file
// given as a flag), commands that need no credentials, the HTTP bearer token read from a .env
// file like every other setting, and warnings about .env lines that cannot be used.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "http_raw_client.hpp"
#include "sim_process.hpp"
#include "support/loopback.hpp"

using nlohmann::json;
using namespace testsupport;

namespace {

namespace fs = std::filesystem;

const std::string kServer = build_path("halo-psa-mcp");
const std::string kSecret = "Flag-File-Secret-7f3a";

ProcessOptions in_dir(const TempDir& dir) {
  ProcessOptions options;
  options.cwd = dir.path();
  return options;
}

TEST(CliConfig, ToolsHelpAndVersionNeedNoCredentials) {
  TempDir dir;
  auto tools = run({kServer, "tools"}, in_dir(dir));
  EXPECT_EQ(tools.status, 0) << tools.err;
  EXPECT_NE(tools.out.find("list_clients"), std::string::npos) << tools.out;
  EXPECT_NE(tools.out.find("revenue_breakdown"), std::string::npos) << tools.out;

  auto tools_json = run({kServer, "tools", "--json"}, in_dir(dir));
  ASSERT_EQ(tools_json.status, 0) << tools_json.err;
  EXPECT_GE(json::parse(tools_json.out).size(), 20u);

  auto help = run({kServer, "--help"}, in_dir(dir));
  EXPECT_EQ(help.status, 0) << help.err;
  for (const char* flag : {"--instance-url", "--client-id", "--client-secret-file", "--tenant",
                           "--auth-url", "--scope", "--max-concurrency", "--http-token-file"}) {
    EXPECT_NE(help.out.find(flag), std::string::npos) << flag << " missing from --help";
  }
  EXPECT_EQ(help.out.find("--client-secret "), std::string::npos)
      << "no flag may carry the secret itself (argv is visible in /proc)";

  auto version = run({kServer, "--version"}, in_dir(dir));
  EXPECT_EQ(version.status, 0);
  EXPECT_NE(version.out.find("halo-psa-mcp "), std::string::npos);

  // The commands that do reach Halo still refuse to run without credentials.
  auto call = run({kServer, "call", "list_clients"}, in_dir(dir));
  EXPECT_EQ(call.status, 2);
  EXPECT_NE(call.err.find("HALO_INSTANCE_URL"), std::string::npos) << call.err;
}

TEST(CliConfig, FlagsBeatEnvironmentWhichBeatsDotenv) {
  SimProcess sim({"--client-id", "acme-id", "--client-secret", kSecret});
  ASSERT_FALSE(sim.url().empty()) << sim.stderr_text();
  TempDir dir;
  // Every value the .env file gives is wrong; the environment fixes the client id only; the
  // flags fix the address and the secret.
  const auto env_file = dir.file("halo.env",
                                 "HALO_INSTANCE_URL=http://127.0.0.1:9\n"
                                 "HALO_CLIENT_ID=dotenv-id\n"
                                 "HALO_CLIENT_SECRET=dotenv-secret\n");
  const auto secret_file = dir.file("secret.txt", kSecret + "\n");
  auto options = in_dir(dir);
  options.env = {{"HALO_CLIENT_ID", "acme-id"}, {"HALO_INSTANCE_URL", "http://127.0.0.1:7"},
                 {"HALO_CLIENT_SECRET", "env-secret"}, {"HALO_MAX_ATTEMPTS", "1"}};
  const std::vector<std::string> call = {"call", "list_clients", R"({"page_size":1})"};

  std::vector<std::string> argv = {kServer, "--env-file", env_file, "--instance-url", sim.url(),
                                   "--client-secret-file", secret_file};
  argv.insert(argv.end(), call.begin(), call.end());
  auto r = run(argv, options);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["items"].size(), 1u);

  // Controls: each source really matters.
  auto without_address_flag = argv;
  without_address_flag.erase(without_address_flag.begin() + 3, without_address_flag.begin() + 5);
  EXPECT_EQ(run(without_address_flag, options).status, 1) << "the environment's address should have been used";

  auto without_secret_flag = argv;
  without_secret_flag.erase(without_secret_flag.begin() + 5, without_secret_flag.begin() + 7);
  auto refused = run(without_secret_flag, options);
  EXPECT_EQ(refused.status, 1) << "the environment's (wrong) secret should have been used";
  EXPECT_NE(refused.err.find("rejected"), std::string::npos) << refused.err;

  auto dotenv_id = options;
  dotenv_id.env.erase("HALO_CLIENT_ID");
  EXPECT_EQ(run(argv, dotenv_id).status, 1) << "the .env client id should have been used";
  EXPECT_EQ((r.out + r.err + refused.out + refused.err).find(kSecret), std::string::npos);
}

TEST(CliConfig, OutOfRangeFlagIsAUsageError) {
  TempDir dir;
  auto r = run({kServer, "--max-concurrency", "0", "tools"}, in_dir(dir));
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("--max-concurrency"), std::string::npos) << r.err;
}

// A time zone the system does not know stops start-up with a sentence naming the variable,
// before anything reaches Halo (the instance below would refuse the connection anyway).
TEST(CliConfig, UnknownTimeZoneIsAConfigurationError) {
  TempDir dir;
  auto options = in_dir(dir);
  options.env = {{"HALO_INSTANCE_URL", "http://127.0.0.1:9"}, {"HALO_CLIENT_ID", "id"},
                 {"HALO_CLIENT_SECRET", "a-secret-long-enough"}, {"HALO_TIMEZONE", "Mars/Olympus"}};
  auto r = run({kServer, "call", "list_clients", "{}"}, options);
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("HALO_TIMEZONE: 'Mars/Olympus' is not a time zone"), std::string::npos) << r.err;
  // A zone tzdata knows passes: the call then fails only at Halo (nothing listens there).
  options.env["HALO_TIMEZONE"] = "America/New_York";
  options.env["HALO_MAX_ATTEMPTS"] = "1";
  auto known = run({kServer, "call", "list_clients", "{}"}, options);
  EXPECT_NE(known.status, 2) << known.err;
  EXPECT_EQ(known.err.find("HALO_TIMEZONE"), std::string::npos) << known.err;
}

TEST(CliConfig, WorkdayHoursMustBeHoursOfADay) {
  TempDir dir;
  auto options = in_dir(dir);
  options.env = {{"HALO_INSTANCE_URL", "http://127.0.0.1:9"}, {"HALO_CLIENT_ID", "id"},
                 {"HALO_CLIENT_SECRET", "a-secret-long-enough"}, {"HALO_MAX_ATTEMPTS", "1"}};
  for (const char* bad : {"0", "25", "seven", "7,5", "-1"}) {
    options.env["HALO_WORKDAY_HOURS"] = bad;
    auto r = run({kServer, "call", "list_clients", "{}"}, options);
    EXPECT_EQ(r.status, 2) << bad << ": " << r.err;
    EXPECT_NE(r.err.find("HALO_WORKDAY_HOURS must be a number of hours"), std::string::npos) << r.err;
  }
  options.env["HALO_WORKDAY_HOURS"] = "7.5";
  auto good = run({kServer, "call", "list_clients", "{}"}, options);
  EXPECT_NE(good.status, 2) << good.err;
  EXPECT_EQ(good.err.find("HALO_WORKDAY_HOURS"), std::string::npos) << good.err;
}

TEST(CliConfig, DefaultCostRateMustBeMoneyPerHour) {
  TempDir dir;
  auto options = in_dir(dir);
  options.env = {{"HALO_INSTANCE_URL", "http://127.0.0.1:9"}, {"HALO_CLIENT_ID", "id"},
                 {"HALO_CLIENT_SECRET", "a-secret-long-enough"}, {"HALO_MAX_ATTEMPTS", "1"}};
  for (const char* bad : {"-1", "45.505", "forty", "45,50", "45.", ".5", "1e3", "10000000000"}) {
    options.env["HALO_DEFAULT_COST_RATE"] = bad;
    auto r = run({kServer, "call", "list_clients", "{}"}, options);
    EXPECT_EQ(r.status, 2) << "'" << bad << "': " << r.err;
    EXPECT_NE(r.err.find("HALO_DEFAULT_COST_RATE must be an amount of money per hour"), std::string::npos) << r.err;
  }
  for (const char* good : {"0", "45", "45.5", "45.50", " 38.25 "}) {
    options.env["HALO_DEFAULT_COST_RATE"] = good;
    auto r = run({kServer, "call", "list_clients", "{}"}, options);
    EXPECT_NE(r.status, 2) << good << ": " << r.err;
    EXPECT_EQ(r.err.find("HALO_DEFAULT_COST_RATE"), std::string::npos) << r.err;
  }
}

/// Starts `argv` (which must include --transport http --port 0), returns the port it logged.
int http_port(Process& server) {
  const auto port = served_http_port(server, std::chrono::seconds(15));
  if (!port) ADD_FAILURE() << "the HTTP transport did not start: " << server.stderr_text();
  return port.value_or(0);
}

int post_initialize(int port, const std::map<std::string, std::string>& headers) {
  mcp_test::RawClient client(static_cast<std::uint16_t>(port));
  client.send_raw(mcp_test::post_text(
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})",
      headers));
  return client.read_reply().status;
}

/// The server configured by `env_text` (a .env file) refuses requests without the bearer token.
void expect_token_required(const std::string& env_text, const std::vector<std::string>& extra_args,
                           const std::string& token) {
  TempDir dir;
  const auto env_file = dir.file("halo.env", env_text);
  std::vector<std::string> argv = {kServer, "--env-file", env_file, "--transport", "http",
                                   "--port", "0", "--log-level", "info"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  Process server(argv, in_dir(dir));
  const int port = http_port(server);
  ASSERT_GT(port, 0);
  EXPECT_NE(server.stderr_text().find("bearer token required"), std::string::npos) << server.stderr_text();
  EXPECT_EQ(post_initialize(port, {}), 401) << "a request without the token was served";
  EXPECT_EQ(post_initialize(port, {{"Authorization", "Bearer wrong-token"}}), 401);
  EXPECT_EQ(post_initialize(port, {{"Authorization", "Bearer " + token}}), 200);
  EXPECT_EQ(server.stderr_text().find(token), std::string::npos) << "the token was logged";
}

const std::string kHaloEnv =
    "HALO_INSTANCE_URL=http://127.0.0.1:9\nHALO_CLIENT_ID=id\nHALO_CLIENT_SECRET=secret\n";

TEST(CliConfig, HttpTokenIsReadFromTheEnvFile) {
  expect_token_required(kHaloEnv + "HALO_MCP_HTTP_TOKEN=tok-from-dotenv-51c2\n", {}, "tok-from-dotenv-51c2");
}

TEST(CliConfig, HttpTokenFileFromTheEnvFileOrAFlag) {
  TempDir dir;
  const auto token_file = dir.file("token", "tok-from-file-a9e0\n");
  expect_token_required(kHaloEnv + "HALO_MCP_HTTP_TOKEN_FILE=" + token_file + "\n", {}, "tok-from-file-a9e0");
  expect_token_required(kHaloEnv, {"--http-token-file", token_file}, "tok-from-file-a9e0");
}

TEST(CliConfig, UnreadableHttpTokenFileIsAConfigError) {
  TempDir dir;
  const auto env_file = dir.file("halo.env", kHaloEnv + "HALO_MCP_HTTP_TOKEN_FILE=/nonexistent/token\n");
  auto r = run({kServer, "--env-file", env_file, "--transport", "http", "--port", "0"}, in_dir(dir));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("HALO_MCP_HTTP_TOKEN_FILE"), std::string::npos) << r.err;
}

TEST(CliConfig, ShortOrBlankHttpTokensAreRefusedAtStartWithoutEchoingThem) {
  TempDir dir;
  // 15 characters (one short of the minimum), and blanks only; the exact minimum is accepted by
  // HttpTokenIsReadFromTheEnvFile-style starts elsewhere (tokens of 18 and 20 characters).
  for (const std::string token : {"Abcdefghij12345", "                    "}) {
    const auto env_file = dir.file("halo.env", kHaloEnv + "HALO_MCP_HTTP_TOKEN=\"" + token + "\"\n");
    auto r = run({kServer, "--env-file", env_file, "--transport", "http", "--port", "0"}, in_dir(dir));
    EXPECT_EQ(r.status, 2) << "[" << token << "] " << r.err;
    EXPECT_NE(r.err.find("HALO_MCP_HTTP_TOKEN must be at least 16"), std::string::npos) << r.err;
    if (token.front() != ' ') { EXPECT_EQ(r.err.find(token), std::string::npos) << "the token was echoed"; }
  }
  const auto env_file = dir.file("halo.env", kHaloEnv + "HALO_MCP_HTTP_TOKEN=Abcdefghij123456\n");
  Process server({kServer, "--env-file", env_file, "--transport", "http", "--port", "0", "--log-level", "info"},
                 in_dir(dir));
  EXPECT_GT(http_port(server), 0) << "16 characters is enough";
}

TEST(CliConfig, BrokenLinesOfTheDefaultDotenvAreReportedByFileAndLine) {
  TempDir dir;
  dir.file(".env",
           "# comment\n"
           "HALO_SCOPE=all\n"
           "HALO_CLIENT_SECRET \"hunter2-secret\"\n"  // the '=' forgotten: must not be echoed
           "HALO_TENANT=\"unclosed\n");
  auto r = run({kServer, "tools"}, in_dir(dir));
  EXPECT_EQ(r.status, 0) << "bad lines are warned about, not fatal: " << r.err;
  EXPECT_NE(r.err.find(".env:3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(".env:4:"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(".env:2:"), std::string::npos) << "a good line was reported: " << r.err;
  EXPECT_EQ(r.err.find("hunter2-secret"), std::string::npos) << "a line's text was echoed";
}

TEST(CliConfig, ADefaultDotenvThatIsADirectoryIsReported) {
  TempDir dir;
  fs::create_directory(fs::path(dir.path()) / ".env");
  auto r = run({kServer, "tools"}, in_dir(dir));
  EXPECT_EQ(r.status, 0) << "it may belong to another program: warned about, not fatal. " << r.err;
  EXPECT_NE(r.err.find(".env in the working directory cannot be read"), std::string::npos) << r.err;
  // An explicit --env-file is ours: unreadable is an error.
  auto explicit_file = run({kServer, "--env-file", dir.path() + "/.env", "tools"}, in_dir(dir));
  EXPECT_EQ(explicit_file.status, 2) << explicit_file.err;
  EXPECT_NE(explicit_file.err.find("cannot read the env file"), std::string::npos) << explicit_file.err;
}

TEST(CliConfig, UnreadableDefaultDotenvIsReported) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any file (the directory case above still runs)";
  TempDir dir;
  const auto path = dir.file(".env", "HALO_SCOPE=all\n");
  ::chmod(path.c_str(), 0);
  auto r = run({kServer, "tools"}, in_dir(dir));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find(".env"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cannot be read"), std::string::npos) << r.err;
}

}  // namespace

// The command line (app/command_line.hpp): no arguments means serving on stdio with the defaults
// (without building the parser at all), flags land where the runtime reads them, and --version,
// --help and bad values end the program with the parser's exit status.
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "app/command_line.hpp"

namespace {

using app::CommandLine;

/// Parses `args` as if given after the program's name.
std::variant<CommandLine, int> parse(std::vector<std::string> args) {
  args.insert(args.begin(), "halo-psa-mcp");
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  return app::parse_command_line(static_cast<int>(args.size()), argv.data());
}

CommandLine parsed(std::vector<std::string> args) {
  auto result = parse(std::move(args));
  EXPECT_TRUE(std::holds_alternative<CommandLine>(result)) << "exit status " << std::get<int>(result);
  return std::holds_alternative<CommandLine>(result) ? std::get<CommandLine>(result) : CommandLine{};
}

/// Every field a serving process reads.
void expect_same_serving(const CommandLine& a, const CommandLine& b) {
  EXPECT_EQ(a.command, b.command);
  EXPECT_EQ(a.transport, b.transport);
  EXPECT_EQ(a.host, b.host);
  EXPECT_EQ(a.port, b.port);
  EXPECT_EQ(a.http_stateless, b.http_stateless);
  EXPECT_EQ(a.allowed_hosts, b.allowed_hosts);
  EXPECT_EQ(a.allowed_origins, b.allowed_origins);
  EXPECT_EQ(a.log_level, b.log_level);
  EXPECT_EQ(a.options.demo, b.options.demo);
  EXPECT_EQ(a.options.demo_scale, b.options.demo_scale);
  EXPECT_EQ(a.options.env_file, b.options.env_file);
  // The parser leaves an empty entry for each configuration flag not given; the settings
  // lookup ignores empty ones (halo::Settings), so only the non-empty ones can differ.
  auto given = [](const CommandLine& line) {
    std::map<std::string, std::string> out;
    for (const auto& [name, value] : line.options.overrides) {
      if (!value.empty()) out[name] = value;
    }
    return out;
  };
  EXPECT_EQ(given(a), given(b));
}

TEST(CommandLine, NoArgumentsServesStdioWithTheDefaults) {
  const CommandLine none = parsed({});
  EXPECT_EQ(none.command, CommandLine::Command::kServe);
  EXPECT_FALSE(none.one_shot());
  EXPECT_EQ(none.transport, "stdio");
  EXPECT_EQ(none.port, 8080);
  EXPECT_EQ(none.host, "127.0.0.1");
  EXPECT_FALSE(none.options.demo);
  EXPECT_TRUE(none.options.overrides.empty());
  // The same as what the parser makes of a command line that changes nothing.
  expect_same_serving(none, parsed({"--transport", "stdio"}));
}

TEST(CommandLine, FlagsLandWhereTheRuntimeReadsThem) {
  const CommandLine line = parsed({"--transport", "http", "--port", "0", "--stateless", "--allowed-host",
                                   "mcp.example.com", "--tenant", "acme", "--max-concurrency", "8", "--demo",
                                   "--demo-scale", "2.5", "--env-file", "/etc/halo.env", "--log-level", "debug"});
  EXPECT_EQ(line.command, CommandLine::Command::kServe);
  EXPECT_EQ(line.transport, "http");
  EXPECT_EQ(line.port, 0);
  EXPECT_TRUE(line.http_stateless);
  EXPECT_EQ(line.allowed_hosts, std::vector<std::string>{"mcp.example.com"});
  EXPECT_EQ(line.options.overrides.at("HALO_TENANT"), "acme");
  EXPECT_EQ(line.options.overrides.at("HALO_MAX_CONCURRENCY"), "8");
  EXPECT_TRUE(line.options.demo);
  EXPECT_EQ(line.options.demo_scale, 2.5);
  EXPECT_EQ(line.options.env_file, "/etc/halo.env");
  EXPECT_EQ(line.log_level, "debug");
}

TEST(CommandLine, Subcommands) {
  const CommandLine tools = parsed({"tools", "--markdown"});
  EXPECT_EQ(tools.command, CommandLine::Command::kTools);
  EXPECT_TRUE(tools.tools_markdown);
  EXPECT_TRUE(tools.one_shot());

  const CommandLine call = parsed({"call", "get_ticket", R"({"ticket_id":7})", "--json", "--chart", "t.png"});
  EXPECT_EQ(call.command, CommandLine::Command::kCall);
  EXPECT_EQ(call.tool_name, "get_ticket");
  EXPECT_EQ(call.tool_arguments, R"({"ticket_id":7})");
  EXPECT_TRUE(call.call_json);
  EXPECT_EQ(call.chart_path, "t.png");

  EXPECT_EQ(parsed({"check", "--json"}).command, CommandLine::Command::kCheck);

  const CommandLine access = parsed({"access", "add", "desk", "--toolsets", "tickets"});
  EXPECT_EQ(access.command, CommandLine::Command::kAccess);
  EXPECT_EQ(access.access.action, "add");
  EXPECT_EQ(access.access.name, "desk");
  EXPECT_EQ(access.access.toolsets, "tickets");
}

TEST(CommandLine, VersionHelpAndBadValuesEndWithTheParsersStatus) {
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  const auto version = parse({"--version"});
  const auto help = parse({"--help"});
  const auto bad_port = parse({"--port", "65536"});
  const auto bad_transport = parse({"--transport", "sse"});
  const auto bad_action = parse({"access", "rename"});
  const std::string out = ::testing::internal::GetCapturedStdout();
  const std::string err = ::testing::internal::GetCapturedStderr();

  ASSERT_TRUE(std::holds_alternative<int>(version));
  EXPECT_EQ(std::get<int>(version), 0);
  ASSERT_TRUE(std::holds_alternative<int>(help));
  EXPECT_EQ(std::get<int>(help), 0);
  EXPECT_NE(out.find("halo-psa-mcp 0."), std::string::npos) << out;
  EXPECT_NE(out.find("--instance-url"), std::string::npos) << out;
  for (const auto* bad : {&bad_port, &bad_transport, &bad_action}) {
    ASSERT_TRUE(std::holds_alternative<int>(*bad));
    EXPECT_NE(std::get<int>(*bad), 0);
  }
  EXPECT_NE(err.find("--port"), std::string::npos) << err;
  EXPECT_NE(err.find("--transport"), std::string::npos) << err;
}

}  // namespace

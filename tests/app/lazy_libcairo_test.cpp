// cairo is opened on the first chart, not at start-up: a session that never asks for a picture
// never maps it. A libcairo.so.2 that cannot be used costs the picture, never the answer: the
// result comes back whole with a text block saying why there is no chart and what to install.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "child_process_probe.hpp"
#include "support/process.hpp"

using nlohmann::json;
using testsupport::build_path;

namespace {

const std::string kServer = build_path("halo-psa-mcp");

using app_test::maps_of;

/// Sends one request and returns its response, skipping notifications.
json ask(testsupport::Process& server, int id, const std::string& method, const json& params) {
  server.write_line(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump());
  return app_test::response(server, id);
}

void initialise(testsupport::Process& server) {
  ASSERT_TRUE(ask(server, 1, "initialize",
                  {{"protocolVersion", "2025-11-25"}, {"capabilities", json::object()},
                   {"clientInfo", {{"name", "t"}, {"version", "1"}}}})
                  .contains("result"))
      << server.stderr_text();
  server.write_line(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
}

json call(testsupport::Process& server, int id, const std::string& tool, const json& arguments) {
  return ask(server, id, "tools/call", {{"name", tool}, {"arguments", arguments}});
}

TEST(LazyLibcairo, NotMappedUntilTheFirstChart) {
  testsupport::Process server({kServer, "--demo"});
  initialise(server);
  const json plain = call(server, 2, "agent_utilisation", json::object());
  ASSERT_FALSE(plain["result"].value("isError", true)) << plain.dump().substr(0, 300);
  EXPECT_EQ(maps_of(server.pid()).find("/libcairo.so"), std::string::npos) << "cairo mapped without a chart";

  const json drawn = call(server, 3, "agent_utilisation", {{"chart", true}});
  ASSERT_EQ(drawn["result"]["content"].size(), 2u) << drawn.dump().substr(0, 300);
  EXPECT_EQ(drawn["result"]["content"][1]["type"], "image");
  EXPECT_NE(maps_of(server.pid()).find("/libcairo.so.2"), std::string::npos);
}

TEST(LazyLibcairo, AnUnusableCairoCostsThePictureNeverTheAnswer) {
  testsupport::ProcessOptions options;
  options.env = {{"LD_LIBRARY_PATH", HALO_FAKE_LIBCAIRO_DIR}};
  testsupport::Process server({kServer, "--demo"}, options);
  initialise(server);
  const json drawn = call(server, 2, "agent_utilisation", {{"chart", true}});
  ASSERT_TRUE(drawn.contains("result")) << drawn.dump() << server.stderr_text();
  EXPECT_FALSE(drawn["result"].value("isError", true)) << drawn.dump().substr(0, 300);
  EXPECT_TRUE(drawn["result"]["structuredContent"].contains("agents"));
  const json& content = drawn["result"]["content"];
  ASSERT_EQ(content.size(), 2u) << content.dump().substr(0, 300);
  ASSERT_EQ(content[1]["type"], "text");
  const std::string why = content[1]["text"];
  EXPECT_NE(why.find("could not be drawn: libcairo.so.2 could not be loaded"), std::string::npos) << why;
  EXPECT_NE(why.find("cairo_"), std::string::npos) << "the loader's reason is missing: " << why;
  EXPECT_NE(why.find("libcairo2"), std::string::npos) << "what to install is missing: " << why;
  EXPECT_TRUE(ask(server, 3, "ping", json::object()).contains("result")) << server.stderr_text();
}

}  // namespace

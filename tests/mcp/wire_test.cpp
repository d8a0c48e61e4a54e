// Wire tests: a server is spawned over pipes and driven the way a real MCP client drives it.
// The WireBoth suite runs every rule that does not depend on particular tools against both the
// protocol layer alone (mcp-test-server) and the real product (halo-psa-mcp --demo, which starts
// halo-sim as a child); the Wire suite covers what needs the test tools (slow, stubborn, log...).
// Every test also checks that stdout carried nothing but JSON-RPC messages and that the server
// exits 0 promptly on stdin EOF. With HALO_WIRE_TRANSCRIPT_DIR set, every message is recorded
// for the schema check (tests/e2e/wire-schema.mjs).
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <set>

#include "wire_client.hpp"

namespace mcp::testing {
namespace {

using Clock = std::chrono::steady_clock;

Json call_params(const std::string& name, Json arguments = Json::object()) {
  return Json{{"name", name}, {"arguments", std::move(arguments)}};
}

int error_code(const std::optional<Json>& response) {
  if (!response || !response->contains("error")) return 0;
  return (*response)["error"]["code"].get<int>();
}

/// Spawning, the legacy handshake and the checks every test ends with.
template <class Base>
class WireFixture : public Base {
 protected:
  WireClient& spawn(const ServerCommand& command) {
    clients_.push_back(std::make_unique<WireClient>(command));
    return *clients_.back();
  }

  /// A server after a legacy handshake at `version`.
  WireClient& handshake(const ServerCommand& command, const std::string& version) {
    auto& c = spawn(command);
    auto r = c.request(0, "initialize",
                       Json{{"protocolVersion", version},
                            {"capabilities", Json::object()},
                            {"clientInfo", {{"name", "wire-test"}, {"version", "1"}}}},
                       20s);
    EXPECT_TRUE(r && r->contains("result"));
    c.send(Json{{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}});
    return c;
  }

  void TearDown() override {
    for (auto& c : clients_) {
      c->close_stdin();
      const auto start = Clock::now();
      auto status = c->wait_exit(3s);
      EXPECT_TRUE(status.has_value()) << "server did not exit on stdin EOF";
      if (status) {
        EXPECT_EQ(*status, 0);
      }
      EXPECT_LT(Clock::now() - start, 2500ms);
      for (std::size_t i = 0; i < c->lines().size(); ++i) {
        const Json& m = c->messages()[i];
        ASSERT_TRUE(m.is_object() || m.is_array()) << "stdout line is not JSON-RPC: " << c->lines()[i];
        const Json& first = m.is_array() ? m.at(0) : m;
        EXPECT_EQ(first.value("jsonrpc", ""), "2.0") << c->lines()[i];
        // One compact line per message: what the server wrote is exactly the compact dump.
        EXPECT_EQ(c->lines()[i], m.dump(-1, ' ', false, Json::error_handler_t::replace)) << "not compact";
      }
    }
  }

  std::vector<std::unique_ptr<WireClient>> clients_;
};

/// The test-server-only suite.
class Wire : public WireFixture<::testing::Test> {
 protected:
  WireClient& spawn(std::vector<std::string> args = {}) {
    return WireFixture::spawn(test_server_command(std::move(args)));
  }
  WireClient& legacy(const std::string& version = "2025-11-25", std::vector<std::string> args = {}) {
    return handshake(test_server_command(std::move(args)), version);
  }
};

/// halo-sim behind a wrapper that adds latency to every request, for the demo to start instead
/// of the plain simulator (HALO_SIM_BINARY): its tools then take long enough to report progress
/// more than once. Written once per process, removed at exit.
class SlowSimulator {
 public:
  static const std::string& path() {
    static SlowSimulator instance;
    return instance.path_;
  }
  ~SlowSimulator() { std::remove(path_.c_str()); }

 private:
  SlowSimulator() : path_("/tmp/wire-slow-halo-sim-" + std::to_string(::getpid()) + ".sh") {
    if (std::FILE* f = std::fopen(path_.c_str(), "w")) {
      std::fprintf(f, "#!/bin/sh\nexec '%s' \"$@\" --latency-ms 40\n", MCP_HALO_SIM_PATH);
      std::fclose(f);
      ::chmod(path_.c_str(), 0755);
    }
  }
  std::string path_;
};

/// A server under test, with the facts about its catalogue the tool-independent rules need.
struct Target {
  std::string label;        ///< the gtest parameter name
  bool product = false;     ///< halo-psa-mcp --demo rather than mcp-test-server
  std::string server_name;  ///< serverInfo.name
  std::size_t tool_count = 0;
  std::string quick_tool;   ///< answers quickly with isError false
  Json quick_args;
  std::string failing_tool;  ///< answers with isError true
  Json failing_args;
  std::string progress_tool;  ///< reports progress when given a progressToken
  Json progress_args;
};

std::ostream& operator<<(std::ostream& out, const Target& t) { return out << t.label; }

const Target kTestServer{"test_server", false, "mcp-test-server", 67,
                         "echo", Json{{"text", "x"}},
                         "fail", Json::object(),
                         "slow", Json{{"ms", 100}, {"steps", 5}}};
const Target kProduct{"product", true, "halo-psa-mcp", 29,
                      "list_agents", Json::object(),
                      "get_ticket", Json{{"ticket_id", 987654321}},
                      "revenue_breakdown", Json{{"top", 5}}};

/// The suite run against both servers.
class WireBoth : public WireFixture<::testing::TestWithParam<Target>> {
 protected:
  const Target& target() const { return GetParam(); }

  /// The server under test; a page size makes tools/list page (flag or environment).
  ServerCommand command(std::optional<int> page_size = std::nullopt) const {
    if (!target().product) {
      std::vector<std::string> args;
      if (page_size) args = {"--page-size", std::to_string(*page_size)};
      return test_server_command(args);
    }
    ServerCommand c = product_command();
    if (page_size) c.env["HALO_MCP_TOOLS_PAGE_SIZE"] = std::to_string(*page_size);
    return c;
  }
  /// The product with a slow upstream (SlowSimulator); the test server as it is.
  ServerCommand slow_command() const {
    ServerCommand c = command();
    if (target().product) c.env["HALO_SIM_BINARY"] = SlowSimulator::path();
    return c;
  }
  WireClient& spawn(std::optional<int> page_size = std::nullopt) { return WireFixture::spawn(command(page_size)); }
  WireClient& legacy(const std::string& version = "2025-11-25", std::optional<int> page_size = std::nullopt) {
    return handshake(command(page_size), version);
  }
  Json quick() const { return call_params(target().quick_tool, target().quick_args); }
  Json failing() const { return call_params(target().failing_tool, target().failing_args); }
};

INSTANTIATE_TEST_SUITE_P(Servers, WireBoth, ::testing::Values(kTestServer, kProduct),
                         [](const ::testing::TestParamInfo<Target>& info) { return info.param.label; });

// ---- legacy era: negotiation ----------------------------------------------------------------

TEST_P(WireBoth, InitializeEchoesEachSupportedVersion) {
  for (std::string version : {"2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"}) {
    auto& c = spawn();
    auto r = c.request(1, "initialize", Json{{"protocolVersion", version}, {"capabilities", Json::object()}}, 20s);
    ASSERT_TRUE(r) << version;
    EXPECT_EQ((*r)["result"]["protocolVersion"], version);
    // The session then speaks it: a request without envelope is served.
    c.send(Json{{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}});
    auto list = c.request(2, "tools/list");
    ASSERT_TRUE(list && list->contains("result")) << version;
    EXPECT_FALSE((*list)["result"].contains("resultType")) << version;
  }
}

TEST_P(WireBoth, InitializeCounterOffersLatestForUnknownVersions) {
  for (std::string version : {"1999-01-01", "2026-07-28", "2025-11-24"}) {
    auto& c = spawn();
    auto r = c.request(1, "initialize", Json{{"protocolVersion", version}, {"capabilities", Json::object()}}, 20s);
    ASSERT_TRUE(r) << version;
    ASSERT_TRUE(r->contains("result")) << r->dump();
    EXPECT_EQ((*r)["result"]["protocolVersion"], "2025-11-25");
  }
}

/// What each server implements: the test server tools and logging only; the product also its
/// prompts (with completion of their arguments), its record resource templates and the MCP Apps
/// extension (its analytic tools link to a view).
Json expected_capabilities(const Target& t) {
  Json caps{{"tools", {{"listChanged", false}}}, {"logging", Json::object()}};
  if (t.product) {
    caps["prompts"] = Json{{"listChanged", false}};
    caps["resources"] = Json{{"listChanged", false}};
    caps["completions"] = Json::object();
    caps["extensions"] = Json{{"io.modelcontextprotocol/ui", {{"mimeTypes", Json::array({"text/html;profile=mcp-app"})}}}};
  }
  return caps;
}

TEST_P(WireBoth, InitializeResultDeclaresOnlyImplementedCapabilities) {
  auto& c = spawn();
  auto r = c.request("init", "initialize", Json{{"protocolVersion", "2025-11-25"}, {"capabilities", Json::object()}}, 20s);
  ASSERT_TRUE(r);
  const Json& result = (*r)["result"];
  EXPECT_EQ(result["capabilities"], expected_capabilities(target()));
  EXPECT_EQ(result["serverInfo"]["name"], target().server_name);
  EXPECT_TRUE(result["serverInfo"].contains("title"));
  EXPECT_TRUE(result["serverInfo"].contains("version"));
  EXPECT_TRUE(result["serverInfo"].contains("description"));
  EXPECT_TRUE(result["instructions"].is_string());
  EXPECT_FALSE(result.contains("resultType"));
  EXPECT_EQ((*r)["id"], "init");
}

TEST_P(WireBoth, InitializeWithoutProtocolVersionIsInvalidParams) {
  auto& c = spawn();
  EXPECT_EQ(error_code(c.request(1, "initialize", Json{{"capabilities", Json::object()}}, 20s)), -32602);
}

TEST_P(WireBoth, PingAnswersEmptyObjectBeforeAndAfterInitialize) {
  auto& c = spawn();
  auto before = c.request(1, "ping", Json::object(), 20s);
  ASSERT_TRUE(before);
  EXPECT_EQ((*before)["result"], Json::object());
  auto& d = legacy();
  auto after = d.request(2, "ping");
  ASSERT_TRUE(after);
  EXPECT_EQ((*after)["result"], Json::object());
}

TEST_P(WireBoth, RequestsBeforeInitializeWithoutEnvelopeAreRefused) {
  auto& c = spawn();
  EXPECT_EQ(error_code(c.request(1, "tools/list", Json::object(), 20s)), -32602);
  EXPECT_EQ(error_code(c.request(2, "tools/call", quick())), -32602);
}

// ---- JSON-RPC framing and errors -------------------------------------------------------------

TEST_P(WireBoth, ParseErrorHasNullId) {
  auto& c = legacy();
  c.send_raw("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\n");
  auto r = c.wait_for([](const Json& m) { return m.contains("error"); }, 3s);
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)["error"]["code"], -32700);
  EXPECT_TRUE((*r)["id"].is_null());
  EXPECT_TRUE(c.request(2, "ping"));  // the stream survives
}

// A 200 KB message nested 100,000 deep once killed the server (a recursive copy of params
// overflowed the stack). Nesting is limited to 64 levels before parsing; the limit is exact.
TEST_P(WireBoth, DeepNestingIsRefusedNamingTheLimitAndTheServerLives) {
  auto& c = legacy();
  auto ping_with_params_nested = [](std::size_t depth) {
    // {"x": [[...]]}: params is level 2 of the message, so `depth` arrays sit at levels 3..depth+2.
    return "{\"jsonrpc\":\"2.0\",\"id\":\"deep\",\"method\":\"ping\",\"params\":{\"x\":" +
           std::string(depth, '[') + std::string(depth, ']') + "}}\n";
  };
  c.send_raw(ping_with_params_nested(100000));
  auto refused = c.wait_for([](const Json& m) { return m.contains("error"); }, 10s);
  ASSERT_TRUE(refused) << "no answer to a 100,000-deep message (the server died?)";
  EXPECT_EQ((*refused)["error"]["code"], -32700);
  EXPECT_TRUE((*refused)["id"].is_null());
  EXPECT_NE((*refused)["error"]["message"].get<std::string>().find("64"), std::string::npos)
      << (*refused)["error"]["message"];
  ASSERT_TRUE(c.request(2, "ping", Json::object(), 10s)) << "the server did not survive";

  // 62 arrays + the message object + params = 64 levels: accepted. One more: refused.
  c.send_raw(ping_with_params_nested(62));
  auto at_limit = c.wait_for([](const Json& m) { return m.value("id", Json()) == "deep"; }, 5s);
  ASSERT_TRUE(at_limit);
  EXPECT_TRUE(at_limit->contains("result")) << at_limit->dump();
  c.send_raw(ping_with_params_nested(63));
  auto over = c.wait_for([](const Json& m) { return m.contains("error"); }, 5s);
  ASSERT_TRUE(over);
  EXPECT_EQ((*over)["error"]["code"], -32700);
  // Brackets inside strings are not nesting.
  c.send_raw("{\"jsonrpc\":\"2.0\",\"id\":\"str\",\"method\":\"ping\",\"params\":{\"x\":\"" +
             std::string(1000, '[') + "\\\"" + std::string(1000, '{') + "\"}}\n");
  auto strings = c.wait_for([](const Json& m) { return m.value("id", Json()) == "str"; }, 5s);
  ASSERT_TRUE(strings);
  EXPECT_TRUE(strings->contains("result")) << strings->dump().substr(0, 300);
}

TEST_P(WireBoth, InvalidRequestsGetMinus32600) {
  auto& c = legacy();
  const std::vector<std::pair<std::string, Json>> cases = {
      {R"({"id":1,"method":"ping"})", 1},                                // no jsonrpc
      {R"({"jsonrpc":"1.0","id":2,"method":"ping"})", 2},                // wrong version
      {R"({"jsonrpc":"2.0","id":null,"method":"ping"})", nullptr},       // null id
      {R"({"jsonrpc":"2.0","id":1.5,"method":"ping"})", nullptr},        // fractional id
      {R"({"jsonrpc":"2.0","id":true,"method":"ping"})", nullptr},       // boolean id
      {R"({"jsonrpc":"2.0","id":3,"method":42})", 3},                    // method not a string
      {R"(42)", nullptr},                                                // not an object
  };
  for (const auto& [line, id] : cases) {
    c.send_raw(line + "\n");
    auto r = c.wait_for([](const Json& m) { return m.contains("error"); }, 3s);
    ASSERT_TRUE(r) << line;
    EXPECT_EQ((*r)["error"]["code"], -32600) << line;
    EXPECT_EQ((*r)["id"], id) << line;
  }
}

TEST_P(WireBoth, UnknownMethodIsMinus32601) {
  auto& c = legacy();
  if (!target().product) {  // the test server offers neither; the product offers both
    EXPECT_EQ(error_code(c.request(1, "resources/list")), -32601);
    EXPECT_EQ(error_code(c.request(4, "prompts/list")), -32601);
  }
  EXPECT_EQ(error_code(c.request(5, "resources/subscribe", Json{{"uri", "halo://tickets/1"}})), -32601);
  EXPECT_EQ(error_code(c.request(2, "no/such/method")), -32601);
  EXPECT_EQ(error_code(c.request(3, "server/discover")), -32601);  // a modern method, legacy request
}

TEST_P(WireBoth, ParamsThatAreNotAnObjectAreMinus32602) {
  auto& c = legacy();
  c.send_raw(R"({"jsonrpc":"2.0","id":7,"method":"tools/list","params":[1,2]})" "\n");
  auto r = c.response(7);
  EXPECT_EQ(error_code(r), -32602);
}

TEST_P(WireBoth, NotificationsGetNoResponse) {
  auto& c = legacy();
  c.send(Json{{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}});
  c.send(Json{{"jsonrpc", "2.0"}, {"method", "notifications/whatever"}, {"params", {{"x", 1}}}});
  c.send(Json{{"jsonrpc", "2.0"}, {"method", "tools/list"}});  // a request without id is a notification
  c.send(Json{{"jsonrpc", "2.0"}, {"id", 99}, {"result", Json::object()}});  // a client response
  ASSERT_TRUE(c.request("after", "ping"));
  c.collect(200ms);
  // initialize's response and the ping's response only.
  EXPECT_EQ(c.messages().size(), 2u);
}

TEST_P(WireBoth, IdsKeepTheirTypeAndValue) {
  auto& c = legacy();
  auto a = c.request("abc", "ping");
  auto b = c.request(1234567890123LL, "ping");
  ASSERT_TRUE(a && b);
  EXPECT_EQ((*a)["id"], "abc");
  EXPECT_EQ((*b)["id"], 1234567890123LL);
}

TEST_P(WireBoth, CrLfLineEndingsAreTolerated) {
  auto& c = legacy();
  c.send_raw(R"({"jsonrpc":"2.0","id":5,"method":"ping"})" "\r\n");
  auto r = c.response(5);
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)["result"], Json::object());
}

TEST_F(Wire, OverlongLineIsAParseErrorAndTheStreamContinues) {
  auto& c = legacy("2025-11-25", {"--max-line-bytes", "1000"});
  c.send_raw(R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":")" + std::string(5000, 'x') + "\"}}\n");
  auto r = c.wait_for([](const Json& m) { return m.contains("error"); }, 3s);
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)["error"]["code"], -32700);
  EXPECT_TRUE((*r)["id"].is_null());
  EXPECT_TRUE(c.request(2, "ping"));
}

// ---- batches --------------------------------------------------------------------------------

TEST_P(WireBoth, BatchesAreRefusedOutside20250326) {
  for (std::string version : {"2025-11-25", "2025-06-18", "2024-11-05"}) {
    auto& c = legacy(version);
    c.send_raw(R"([{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"ping"}])" "\n");
    auto r = c.wait_for([](const Json&) { return true; }, 3s);
    ASSERT_TRUE(r) << version;
    ASSERT_TRUE(r->is_object()) << r->dump();
    EXPECT_EQ((*r)["error"]["code"], -32600) << version;
    EXPECT_TRUE((*r)["id"].is_null());
    c.collect(100ms);
    EXPECT_FALSE(c.has_response(1));
  }
}

TEST_P(WireBoth, BatchesWorkAt20250326) {
  auto& c = legacy("2025-03-26");
  Json batch = Json::array();
  batch.push_back(Json{{"jsonrpc", "2.0"}, {"id", 1}, {"method", "ping"}});
  batch.push_back(Json{{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}});
  batch.push_back(Json{{"jsonrpc", "2.0"}, {"id", 2}, {"method", "tools/call"}, {"params", quick()}});
  batch.push_back(Json{{"jsonrpc", "2.0"}, {"id", 3}, {"method", "nope"}});
  c.send(batch);
  auto r = c.wait_for([](const Json& m) { return m.is_array(); }, 10s);
  ASSERT_TRUE(r);
  std::set<int> ids;
  for (const auto& m : *r) ids.insert(m["id"].get<int>());
  EXPECT_EQ(ids, (std::set<int>{1, 2, 3}));
  for (const auto& m : *r) {
    if (m["id"] == 3) {
      EXPECT_EQ(m["error"]["code"], -32601);
    }
    if (m["id"] == 2) {
      EXPECT_EQ(m["result"]["isError"], false);
      EXPECT_TRUE(m["result"]["structuredContent"].is_object());
    }
  }
  // An empty batch is invalid; a batch of notifications gets nothing back.
  c.send_raw("[]\n");
  auto empty = c.wait_for([](const Json&) { return true; }, 3s);
  ASSERT_TRUE(empty && empty->is_object());
  EXPECT_EQ((*empty)["error"]["code"], -32600);
  const auto before = c.messages().size();
  c.send_raw(R"([{"jsonrpc":"2.0","method":"notifications/initialized"}])" "\n");
  ASSERT_TRUE(c.request(9, "ping"));
  EXPECT_EQ(c.messages().size(), before + 1);
}

// ---- modern era -----------------------------------------------------------------------------

TEST_P(WireBoth, ModernDiscoverShape) {
  auto& c = spawn();
  auto r = c.request("d", "server/discover", modern_params(), 20s);
  ASSERT_TRUE(r);
  const Json& result = (*r)["result"];
  EXPECT_EQ(result["resultType"], "complete");
  EXPECT_EQ(result["supportedVersions"],
            (Json{"2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"}));
  EXPECT_EQ(result["capabilities"], expected_capabilities(target()));
  EXPECT_TRUE(result["instructions"].is_string());
  EXPECT_TRUE(result["ttlMs"].is_number_integer());
  EXPECT_GE(result["ttlMs"].get<long long>(), 0);
  EXPECT_TRUE(result["cacheScope"] == "public" || result["cacheScope"] == "private");
  const Json& info = result["_meta"]["io.modelcontextprotocol/serverInfo"];
  EXPECT_EQ(info["name"], target().server_name);
  EXPECT_TRUE(info["version"].is_string());
}

TEST_P(WireBoth, ModernMissingEnvelopeIsMinus32602) {
  auto& c = spawn();
  EXPECT_EQ(error_code(c.request(1, "server/discover", Json::object(), 20s)), -32602);
  Json no_caps{{"_meta", {{"io.modelcontextprotocol/protocolVersion", "2026-07-28"}}}};
  EXPECT_EQ(error_code(c.request(2, "tools/list", no_caps)), -32602);
  Json bad_version_type{{"_meta", {{"io.modelcontextprotocol/protocolVersion", 2026},
                                   {"io.modelcontextprotocol/clientCapabilities", Json::object()}}}};
  EXPECT_EQ(error_code(c.request(3, "tools/list", bad_version_type)), -32602);
}

TEST_P(WireBoth, ModernUnsupportedVersionIsMinus32022WithData) {
  auto& c = spawn();
  Json params{{"_meta", modern_meta(std::nullopt, "1900-01-01")}};
  auto r = c.request(1, "tools/list", params, 20s);
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)["error"]["code"], -32022);
  EXPECT_EQ((*r)["error"]["data"]["requested"], "1900-01-01");
  const Json& supported = (*r)["error"]["data"]["supported"];
  ASSERT_TRUE(supported.is_array());
  EXPECT_NE(std::find(supported.begin(), supported.end(), Json("2026-07-28")), supported.end());
}

TEST_P(WireBoth, ModernRemovedMethodsAreMinus32601) {
  auto& c = spawn();
  EXPECT_EQ(error_code(c.request(1, "ping", modern_params(), 20s)), -32601);
  EXPECT_EQ(error_code(c.request(2, "logging/setLevel", modern_params({{"level", "info"}}))), -32601);
  EXPECT_EQ(error_code(c.request(3, "initialize", modern_params({{"protocolVersion", "2026-07-28"}}))), -32601);
  EXPECT_EQ(error_code(c.request(4, "resources/subscribe", modern_params({{"uri", "halo://x"}}))), -32601);
  EXPECT_EQ(error_code(c.request(5, "resources/unsubscribe", modern_params({{"uri", "halo://x"}}))), -32601);
}

TEST_P(WireBoth, ModernResultsCarryResultTypeAndListsCarryCacheHints) {
  auto& c = spawn(5);
  auto list = c.request(1, "tools/list", modern_params(), 20s);
  ASSERT_TRUE(list);
  EXPECT_EQ((*list)["result"]["resultType"], "complete");
  EXPECT_TRUE((*list)["result"]["ttlMs"].is_number_integer());
  EXPECT_GE((*list)["result"]["ttlMs"].get<long long>(), 0);
  EXPECT_TRUE((*list)["result"]["cacheScope"] == "public" || (*list)["result"]["cacheScope"] == "private");
  EXPECT_EQ((*list)["result"]["_meta"]["io.modelcontextprotocol/serverInfo"]["name"], target().server_name);
  // A later page carries them too.
  auto next = c.request(4, "tools/list", modern_params({{"cursor", (*list)["result"]["nextCursor"]}}));
  ASSERT_TRUE(next);
  EXPECT_EQ((*next)["result"]["resultType"], "complete");
  EXPECT_TRUE((*next)["result"]["ttlMs"].is_number_integer());
  EXPECT_TRUE((*next)["result"]["cacheScope"].is_string());
  auto call = c.request(2, "tools/call", modern_params(quick()), 20s);
  ASSERT_TRUE(call);
  EXPECT_EQ((*call)["result"]["resultType"], "complete");
  EXPECT_EQ((*call)["result"]["isError"], false);
  EXPECT_TRUE((*call)["result"]["structuredContent"].is_object());
  auto failed = c.request(3, "tools/call", modern_params(failing()), 20s);
  ASSERT_TRUE(failed);
  EXPECT_EQ((*failed)["result"]["resultType"], "complete");
  EXPECT_EQ((*failed)["result"]["isError"], true);
}

TEST_P(WireBoth, BothErasOnTheSameProcess) {
  auto& c = legacy();
  auto legacy_list = c.request(1, "tools/list");
  auto modern_list = c.request(2, "tools/list", modern_params());
  ASSERT_TRUE(legacy_list && modern_list);
  EXPECT_FALSE((*legacy_list)["result"].contains("resultType"));
  EXPECT_FALSE((*legacy_list)["result"].contains("ttlMs"));
  EXPECT_EQ((*modern_list)["result"]["resultType"], "complete");
  EXPECT_EQ((*legacy_list)["result"]["tools"], (*modern_list)["result"]["tools"]);
}

// ---- tools/list pagination ------------------------------------------------------------------

/// Walks tools/list from the first page to the one without nextCursor. `page_sizes` gets the
/// number of tools on each page.
std::vector<std::string> list_all(WireClient& c, bool modern, int* pages, std::vector<std::size_t>* page_sizes = nullptr) {
  std::vector<std::string> names;
  Json params = modern ? modern_params() : Json::object();
  *pages = 0;
  for (int id = 100; id < 200; ++id) {
    auto r = c.request(id, "tools/list", params, 20s);
    if (!r || !r->contains("result")) {
      ADD_FAILURE() << "tools/list failed";
      break;
    }
    ++*pages;
    if (page_sizes) page_sizes->push_back((*r)["result"]["tools"].size());
    for (const auto& t : (*r)["result"]["tools"]) names.push_back(t["name"]);
    if (!(*r)["result"].contains("nextCursor")) break;
    EXPECT_TRUE((*r)["result"]["nextCursor"].is_string());
    params["cursor"] = (*r)["result"]["nextCursor"];
  }
  return names;
}

TEST_F(Wire, PaginationWalksEveryToolOnceInRegistrationOrder) {
  for (bool modern : {false, true}) {
    auto& c = modern ? spawn({"--page-size", "7"}) : legacy("2025-11-25", {"--page-size", "7"});
    int pages = 0;
    auto names = list_all(c, modern, &pages);
    ASSERT_EQ(names.size(), 67u);
    EXPECT_EQ(pages, 10);  // ceil(67 / 7)
    EXPECT_EQ(names[0], "echo");
    EXPECT_EQ(names[1], "slow");
    EXPECT_EQ(names[6], "stubborn");
    EXPECT_EQ(names[7], "noop_0");
    EXPECT_EQ(names[66], "noop_59");
    EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
  }
}

TEST_F(Wire, DefaultPageSizeGivesTwoPages) {
  auto& c = legacy();
  int pages = 0;
  auto names = list_all(c, false, &pages);
  EXPECT_EQ(names.size(), 67u);
  EXPECT_EQ(pages, 2);
}

// Five tools a page: the product's 29 tools span 6 pages (HALO_MCP_TOOLS_PAGE_SIZE), the test
// server's 67 span 14 (--page-size). Full pages but the last, which alone has no nextCursor; the
// order is the same as without paging and the same on every walk, in both eras.
TEST_P(WireBoth, PaginationWithCursorsIsCompleteAndStable) {
  auto& unpaged = legacy();
  int unpaged_pages = 0;
  const auto reference = list_all(unpaged, false, &unpaged_pages);
  ASSERT_EQ(reference.size(), target().tool_count);
  const std::size_t expected_pages = (target().tool_count + 4) / 5;
  for (bool modern : {false, true}) {
    auto& c = modern ? spawn(5) : legacy("2025-11-25", 5);
    for (int walk = 0; walk < 2; ++walk) {
      int pages = 0;
      std::vector<std::size_t> sizes;
      auto names = list_all(c, modern, &pages, &sizes);
      EXPECT_EQ(names, reference) << (modern ? "modern" : "legacy") << " walk " << walk;
      EXPECT_EQ(static_cast<std::size_t>(pages), expected_pages);
      for (std::size_t i = 0; i + 1 < sizes.size(); ++i) EXPECT_EQ(sizes[i], 5u) << "page " << i;
      ASSERT_FALSE(sizes.empty());
      EXPECT_EQ(sizes.back(), target().tool_count - 5 * (expected_pages - 1));
    }
  }
}

TEST_P(WireBoth, ToolEntriesHaveEveryField) {
  auto& c = legacy();
  auto r = c.request(1, "tools/list");
  ASSERT_TRUE(r);
  EXPECT_FALSE((*r)["result"]["tools"].empty());
  for (const auto& t : (*r)["result"]["tools"]) {
    EXPECT_TRUE(t["name"].is_string());
    EXPECT_TRUE(t["title"].is_string());
    EXPECT_TRUE(t["description"].is_string());
    EXPECT_EQ(t["inputSchema"]["type"], "object");
    EXPECT_TRUE(t["outputSchema"].is_object());
    EXPECT_TRUE(t["annotations"].is_object());
  }
}

TEST_P(WireBoth, InvalidCursorIsMinus32602) {
  auto& c = legacy("2025-11-25", 5);
  auto first = c.request(1, "tools/list");
  ASSERT_TRUE(first);
  std::string good = (*first)["result"]["nextCursor"];
  std::string tampered = good;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  for (const Json& cursor : {Json("garbage!"), Json(""), Json(tampered), Json(42)}) {
    EXPECT_EQ(error_code(c.request(2, "tools/list", {{"cursor", cursor}})), -32602) << cursor.dump();
  }
  EXPECT_EQ(error_code(c.request(3, "tools/list", modern_params({{"cursor", "garbage"}}))), -32602);
  EXPECT_EQ(error_code(c.request(4, "tools/list", modern_params({{"cursor", tampered}}))), -32602);
  // The good cursor still works after the bad ones.
  auto second = c.request(5, "tools/list", {{"cursor", good}});
  ASSERT_TRUE(second && second->contains("result"));
  EXPECT_EQ((*second)["result"]["tools"].size(), 5u);
}

// ---- tools/call -----------------------------------------------------------------------------

TEST_F(Wire, ArgumentViolationsAreIsErrorResultsNamingTheArgument) {
  auto& c = legacy();
  struct Case {
    Json args;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {Json::object(), "Invalid argument 'text': is required"},
      {{{"text", "a"}, {"page_size", 101}}, "Invalid argument 'page_size': must be <= 100"},
      {{{"text", "a"}, {"page_size", 0}}, "Invalid argument 'page_size': must be >= 1"},
      {{{"text", "a"}, {"page_size", 2.5}}, "Invalid argument 'page_size': must be an integer"},
      {{{"text", "a"}, {"page_size", "3"}}, "Invalid argument 'page_size': must be an integer"},
      {{{"text", ""}}, "Invalid argument 'text'"},
      {{{"text", "a"}, {"mode", "quiet"}}, "Invalid argument 'mode'"},
      {{{"text", "a"}, {"day", "2023-02-29"}}, "Invalid argument 'day'"},
      {{{"text", "a"}, {"day", "2024-13-01"}}, "Invalid argument 'day'"},
      {{{"text", "a"}, {"code", "abc"}}, "Invalid argument 'code'"},
      {{{"text", "a"}, {"tags", {"x", 1}}}, "Invalid argument 'tags[1]'"},
      {{{"text", "a"}, {"tags", {"a", "b", "c", "d"}}}, "Invalid argument 'tags'"},
      {{{"text", "a"}, {"bogus", 1}}, "Invalid argument 'bogus'"},
      // Several problems: all of them in one answer, in the schema's order.
      {{{"bogus", 1}, {"page_size", 0}}, "Invalid arguments: 'text' is required; 'page_size' must be >= 1 (got 0); "
                                         "'bogus' is not a known argument"},
  };
  int id = 10;
  for (const auto& tc : cases) {
    auto r = c.request(id++, "tools/call", call_params("echo", tc.args));
    ASSERT_TRUE(r && r->contains("result")) << tc.args.dump();
    EXPECT_EQ((*r)["result"]["isError"], true) << tc.args.dump();
    const std::string text = (*r)["result"]["content"][0]["text"];
    EXPECT_EQ(text.rfind(tc.expected, 0), 0u) << text;
    EXPECT_FALSE((*r)["result"].contains("structuredContent"));
  }
  auto ok = c.request(99, "tools/call",
                      call_params("echo", {{"text", "a"}, {"page_size", 100}, {"day", "2024-02-29"}, {"code", "ABC"}}));
  ASSERT_TRUE(ok);
  EXPECT_EQ((*ok)["result"]["isError"], false);
}

TEST_F(Wire, SuccessfulCallMirrorsStructuredContentAsText) {
  auto& c = legacy();
  auto r = c.request(1, "tools/call", call_params("echo", {{"text", "hello"}, {"mode", "loud"}}));
  ASSERT_TRUE(r);
  const Json& result = (*r)["result"];
  EXPECT_EQ(result["isError"], false);
  EXPECT_EQ(result["structuredContent"]["text"], "HELLO");
  ASSERT_EQ(result["content"].size(), 1u);
  EXPECT_EQ(result["content"][0]["type"], "text");
  EXPECT_EQ(Json::parse(result["content"][0]["text"].get<std::string>()), result["structuredContent"]);
}

TEST_P(WireBoth, CallParamsOfTheWrongShapeAreMinus32602) {
  auto& c = legacy();
  EXPECT_EQ(error_code(c.request(1, "tools/call", call_params("no_such_tool"))), -32602);
  EXPECT_EQ(error_code(c.request(2, "tools/call", Json{{"arguments", Json::object()}})), -32602);
  EXPECT_EQ(error_code(c.request(3, "tools/call", Json{{"name", 5}})), -32602);
  EXPECT_EQ(error_code(c.request(4, "tools/call", Json{{"name", target().quick_tool}, {"arguments", {1, 2}}})), -32602);
  EXPECT_EQ(error_code(c.request(5, "tools/call", modern_params(call_params("no_such_tool")))), -32602);
}

TEST_F(Wire, FailingAndThrowingToolsGiveIsError) {
  auto& c = legacy();
  auto fail = c.request(1, "tools/call", call_params("fail"));
  ASSERT_TRUE(fail);
  EXPECT_EQ((*fail)["result"]["isError"], true);
  EXPECT_EQ((*fail)["result"]["content"][0]["text"], "upstream said no (HTTP 503)");
  auto thrown = c.request(2, "tools/call", call_params("throws"));
  ASSERT_TRUE(thrown);
  EXPECT_EQ((*thrown)["result"]["isError"], true);
  const std::string text = (*thrown)["result"]["content"][0]["text"];
  EXPECT_EQ(text, "internal error");
  EXPECT_TRUE(c.request(3, "ping"));
}

TEST_F(Wire, OutputValidationTurnsAMismatchIntoIsError) {
  auto& strict = legacy("2025-11-25", {"--validate-output"});
  auto r = strict.request(1, "tools/call", call_params("bad_output"));
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)["result"]["isError"], true);
  auto good = strict.request(2, "tools/call", call_params("echo", {{"text", "a"}}));
  ASSERT_TRUE(good);
  EXPECT_EQ((*good)["result"]["isError"], false);
  auto& lax = legacy();
  auto unchecked = lax.request(1, "tools/call", call_params("bad_output"));
  ASSERT_TRUE(unchecked);
  EXPECT_EQ((*unchecked)["result"]["isError"], false);
}

TEST_F(Wire, DuplicateInFlightIdIsRejected) {
  auto& c = legacy();
  c.send(Json{{"jsonrpc", "2.0"}, {"id", 1}, {"method", "tools/call"}, {"params", call_params("slow", {{"ms", 800}})}});
  auto dup = c.request(1, "tools/call", call_params("echo", {{"text", "x"}}), 2s);
  EXPECT_EQ(error_code(dup), -32600);
  auto slow = c.response(1, 3s);
  ASSERT_TRUE(slow);
  EXPECT_EQ((*slow)["result"]["isError"], false);
}

// ---- concurrency, cancellation, progress, logging ----------------------------------------------

TEST_F(Wire, SlowCallDoesNotBlockPingOrOtherCalls) {
  auto& c = legacy();
  const auto start = Clock::now();
  c.send(Json{{"jsonrpc", "2.0"}, {"id", "slow"}, {"method", "tools/call"}, {"params", call_params("slow", {{"ms", 3000}})}});
  auto ping = c.request("ping", "ping", Json::object(), 2s);
  ASSERT_TRUE(ping);
  auto echo = c.request("echo", "tools/call", call_params("echo", {{"text", "x"}}), 2s);
  ASSERT_TRUE(echo);
  EXPECT_LT(Clock::now() - start, 1500ms);
  EXPECT_FALSE(c.has_response("slow"));
  EXPECT_TRUE(c.response("slow", 5s));
}

TEST_F(Wire, CallsRunConcurrently) {
  auto& c = legacy();
  const auto start = Clock::now();
  for (int i = 0; i < 4; ++i) {
    c.send(Json{{"jsonrpc", "2.0"}, {"id", i}, {"method", "tools/call"}, {"params", call_params("slow", {{"ms", 1000}})}});
  }
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(c.response(i, 4s));
  EXPECT_LT(Clock::now() - start, 2500ms);  // serial would take 4000 ms
}

TEST_F(Wire, CancelWhileRunningSendsNoResponse) {
  auto& c = legacy();
  const auto start = Clock::now();
  c.send(Json{{"jsonrpc", "2.0"}, {"id", "long"}, {"method", "tools/call"},
              {"params", {{"name", "slow"}, {"arguments", {{"ms", 5000}, {"steps", 50}}}, {"_meta", {{"progressToken", "t"}}}}}});
  ASSERT_TRUE(c.wait_for([](const Json& m) { return m.value("method", "") == "notifications/progress"; }, 3s));
  c.send(Json{{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"}, {"params", {{"requestId", "long"}, {"reason", "test"}}}});
  ASSERT_TRUE(c.request("p", "ping"));
  c.collect(600ms);
  EXPECT_FALSE(c.has_response("long"));
  // The handler stopped: no progress after the cancellation had time to land.
  const auto progress_before = c.notifications("notifications/progress").size();
  c.collect(400ms);
  EXPECT_EQ(c.notifications("notifications/progress").size(), progress_before);
  EXPECT_LT(Clock::now() - start, 4000ms);
}

TEST_F(Wire, CancelWhileQueuedSendsNoResponse) {
  auto& c = legacy("2025-11-25", {"--max-concurrent", "1"});
  c.send(Json{{"jsonrpc", "2.0"}, {"id", "a"}, {"method", "tools/call"}, {"params", call_params("slow", {{"ms", 700}})}});
  c.send(Json{{"jsonrpc", "2.0"}, {"id", "b"}, {"method", "tools/call"}, {"params", call_params("echo", {{"text", "b"}})}});
  c.send(Json{{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"}, {"params", {{"requestId", "b"}}}});
  auto a = c.response("a", 3s);
  ASSERT_TRUE(a);
  ASSERT_TRUE(c.request("p", "ping"));
  c.collect(300ms);
  EXPECT_FALSE(c.has_response("b"));
}

TEST_F(Wire, CancelAfterCompletionChangesNothing) {
  auto& c = legacy();
  ASSERT_TRUE(c.request(1, "tools/call", call_params("echo", {{"text", "x"}})));
  c.send(Json{{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"}, {"params", {{"requestId", 1}}}});
  c.send(Json{{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"}, {"params", {{"requestId", "never-sent"}}}});
  ASSERT_TRUE(c.request(2, "ping"));
  c.collect(100ms);
  EXPECT_EQ(c.messages().size(), 3u);  // initialize, echo, ping
  // The id is free again.
  auto again = c.request(1, "tools/call", call_params("echo", {{"text", "y"}}));
  ASSERT_TRUE(again);
  EXPECT_EQ((*again)["result"]["structuredContent"]["text"], "y");
}

TEST_F(Wire, ProgressIsStrictlyIncreasingAndPrecedesTheResponse) {
  for (bool modern : {false, true}) {
    auto& c = modern ? spawn() : legacy();
    Json params = call_params("slow", {{"ms", 100}, {"steps", 5}, {"repeat_progress", true}});
    params["_meta"] = modern ? modern_meta() : Json::object();
    params["_meta"]["progressToken"] = 77;
    auto r = c.request("s", "tools/call", params, 3s);
    ASSERT_TRUE(r);
    auto progress = c.notifications("notifications/progress");
    ASSERT_EQ(progress.size(), 5u);
    double last = -1;
    for (const auto& n : progress) {
      EXPECT_EQ(n["params"]["progressToken"], 77);
      EXPECT_EQ(n["params"]["total"], 5);
      const double p = n["params"]["progress"];
      EXPECT_GT(p, last);
      last = p;
    }
    // Order on the wire: every progress line before the response line.
    std::size_t response_at = 0, last_progress_at = 0;
    for (std::size_t i = 0; i < c.messages().size(); ++i) {
      const auto& m = c.messages()[i];
      if (m.value("method", "") == "notifications/progress") last_progress_at = i;
      if (m.contains("id") && m["id"] == "s") response_at = i;
    }
    EXPECT_LT(last_progress_at, response_at);
  }
}

// The product's progress comes from the Halo pages a tool reads (revenue_breakdown reads four
// sources); the test server's from the slow tool's steps. Either way: strictly increasing, never
// above the total, all before the response, in both eras.
TEST_P(WireBoth, ProgressForACallWithAToken) {
  for (bool modern : {false, true}) {
    auto& c = modern ? WireFixture::spawn(slow_command()) : handshake(slow_command(), "2025-11-25");
    Json params = call_params(target().progress_tool, target().progress_args);
    params["_meta"] = modern ? modern_meta() : Json::object();
    params["_meta"]["progressToken"] = "tok-1";
    auto r = c.request("p", "tools/call", params, 30s);
    ASSERT_TRUE(r && r->contains("result"));
    EXPECT_EQ((*r)["result"]["isError"], false);
    auto progress = c.notifications("notifications/progress");
    ASSERT_GE(progress.size(), 2u) << (modern ? "modern" : "legacy");
    double last = -1;
    for (const auto& n : progress) {
      EXPECT_EQ(n["params"]["progressToken"], "tok-1");
      const double p = n["params"]["progress"];
      EXPECT_GT(p, last);
      if (n["params"].contains("total")) {
        EXPECT_LE(p, n["params"]["total"].get<double>());
      }
      last = p;
    }
    std::size_t response_at = 0, last_progress_at = 0;
    for (std::size_t i = 0; i < c.messages().size(); ++i) {
      const auto& m = c.messages()[i];
      if (m.value("method", "") == "notifications/progress") last_progress_at = i;
      if (m.contains("id") && m["id"] == "p") response_at = i;
    }
    EXPECT_LT(last_progress_at, response_at);
    // Without a token: none.
    const auto before = progress.size();
    Json plain = call_params(target().progress_tool, target().progress_args);
    if (modern) plain["_meta"] = modern_meta();
    ASSERT_TRUE(c.request("q", "tools/call", plain, 30s));
    EXPECT_EQ(c.notifications("notifications/progress").size(), before);
  }
}

TEST_F(Wire, NoProgressWithoutAToken) {
  auto& c = legacy();
  ASSERT_TRUE(c.request(1, "tools/call", call_params("slow", {{"ms", 50}, {"steps", 3}})));
  EXPECT_TRUE(c.notifications("notifications/progress").empty());
}

std::vector<std::string> log_levels(const WireClient& c) {
  std::vector<std::string> out;
  for (const auto& n : c.notifications("notifications/message")) out.push_back(n["params"]["level"]);
  return out;
}

TEST_F(Wire, LegacyLoggingFollowsSetLevel) {
  auto& c = legacy();
  ASSERT_TRUE(c.request(1, "tools/call", call_params("log")));
  EXPECT_TRUE(log_levels(c).empty());  // no level set: nothing sent
  auto set = c.request(2, "logging/setLevel", {{"level", "warning"}});
  ASSERT_TRUE(set);
  EXPECT_EQ((*set)["result"], Json::object());
  ASSERT_TRUE(c.request(3, "tools/call", call_params("log")));
  EXPECT_EQ(log_levels(c), (std::vector<std::string>{"warning", "error"}));
  auto msg = c.notifications("notifications/message").front();
  EXPECT_EQ(msg["params"]["logger"], "log");
  EXPECT_EQ(msg["params"]["data"], "warning message");
  EXPECT_EQ(error_code(c.request(4, "logging/setLevel", {{"level", "loud"}})), -32602);
}

// setLevel and the modern per-request level are accepted and checked by both servers; any log
// notification a call sends respects the level (the test server's log tool proves they are sent).
TEST_P(WireBoth, LoggingLevelsAreValidated) {
  auto& c = legacy();
  auto set = c.request(1, "logging/setLevel", {{"level", "error"}});
  ASSERT_TRUE(set);
  EXPECT_EQ((*set)["result"], Json::object());
  EXPECT_EQ(error_code(c.request(2, "logging/setLevel", {{"level", "loud"}})), -32602);
  EXPECT_EQ(error_code(c.request(3, "logging/setLevel", Json::object())), -32602);
  ASSERT_TRUE(c.request(4, "tools/call", quick(), 20s));
  ASSERT_TRUE(c.request(5, "tools/call", failing(), 20s));
  for (const auto& n : c.notifications("notifications/message")) {
    const std::string level = n["params"]["level"];
    EXPECT_TRUE(level == "error" || level == "critical" || level == "alert" || level == "emergency") << level;
  }
  Json params = quick();
  params["_meta"] = modern_meta("shouting");
  EXPECT_EQ(error_code(c.request(6, "tools/call", params)), -32602);
  params["_meta"] = modern_meta("debug");
  auto ok = c.request(7, "tools/call", params, 20s);
  ASSERT_TRUE(ok);
  EXPECT_EQ((*ok)["result"]["resultType"], "complete");
}

TEST_F(Wire, ModernLoggingOnlyWhenTheRequestAsks) {
  auto& c = spawn();
  ASSERT_TRUE(c.request(1, "tools/call", modern_params(call_params("log"))));
  EXPECT_TRUE(log_levels(c).empty());
  Json params = call_params("log");
  params["_meta"] = modern_meta("info");
  ASSERT_TRUE(c.request(2, "tools/call", params));
  EXPECT_EQ(log_levels(c), (std::vector<std::string>{"info", "warning", "error"}));
  params["_meta"] = modern_meta("shouting");
  EXPECT_EQ(error_code(c.request(3, "tools/call", params)), -32602);
}

// ---- shutdown -------------------------------------------------------------------------------

TEST_F(Wire, EofWithAStuckCallExitsZeroQuicklyWithoutItsResponse) {
  auto& c = legacy();
  c.send(Json{{"jsonrpc", "2.0"}, {"id", "long"}, {"method", "tools/call"}, {"params", call_params("slow", {{"ms", 20000}})}});
  c.collect(100ms);
  const auto start = Clock::now();
  c.close_stdin();
  auto status = c.wait_exit(3s);
  ASSERT_TRUE(status);
  EXPECT_EQ(*status, 0);
  EXPECT_LT(Clock::now() - start, 2000ms);
  EXPECT_FALSE(c.has_response("long"));
}

// A handler that ignores cancellation cannot hold the process: after the drain and the grace
// period the server leaves with status 0 anyway (stdio's exit_when_stuck).
TEST_F(Wire, EofWithAHandlerThatIgnoresCancellationStillExitsZero) {
  auto& c = legacy();
  c.send(Json{{"jsonrpc", "2.0"}, {"id", "stuck"}, {"method", "tools/call"},
              {"params", call_params("stubborn", {{"ms", 30000}})}});
  ASSERT_TRUE(c.request("p", "ping"));
  c.collect(100ms);
  EXPECT_FALSE(c.has_response("stuck"));
  const auto start = Clock::now();
  c.close_stdin();
  auto status = c.wait_exit(5s);
  ASSERT_TRUE(status) << "still running 5 s after EOF";
  EXPECT_EQ(*status, 0);
  EXPECT_LT(Clock::now() - start, 3000ms);  // eof_drain 300 ms + shutdown_grace 1500 ms
  EXPECT_FALSE(c.has_response("stuck"));
}

TEST_F(Wire, ModernCancelWhileRunningSendsNoResponse) {
  auto& c = spawn();
  Json params = call_params("slow", {{"ms", 5000}, {"steps", 50}});
  params["_meta"] = modern_meta();
  params["_meta"]["progressToken"] = "t";
  c.send(Json{{"jsonrpc", "2.0"}, {"id", "long"}, {"method", "tools/call"}, {"params", params}});
  ASSERT_TRUE(c.wait_for([](const Json& m) { return m.value("method", "") == "notifications/progress"; }, 3s));
  c.send(Json{{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"}, {"params", {{"requestId", "long"}}}});
  auto echo = c.request("e", "tools/call", modern_params(call_params("echo", {{"text", "after"}})));
  ASSERT_TRUE(echo);
  EXPECT_EQ((*echo)["result"]["structuredContent"]["text"], "after");
  c.collect(400ms);
  const auto progress_before = c.notifications("notifications/progress").size();
  c.collect(300ms);
  EXPECT_EQ(c.notifications("notifications/progress").size(), progress_before);
  EXPECT_FALSE(c.has_response("long"));
}

TEST_P(WireBoth, EofRightAfterAQuickCallStillAnswersIt) {
  auto& c = legacy();
  c.send(Json{{"jsonrpc", "2.0"}, {"id", "quick"}, {"method", "tools/call"}, {"params", quick()}});
  c.close_stdin();
  ASSERT_TRUE(c.wait_exit(3s));
  EXPECT_TRUE(c.has_response("quick"));
}

TEST_P(WireBoth, EofWhenIdleExitsZeroPromptly) {
  auto& c = legacy();
  ASSERT_TRUE(c.request(1, "tools/call", quick(), 20s));
  const auto start = Clock::now();
  c.close_stdin();
  auto status = c.wait_exit(3s);
  ASSERT_TRUE(status);
  EXPECT_EQ(*status, 0);
  EXPECT_LT(Clock::now() - start, 1000ms);
}

}  // namespace
}  // namespace mcp::testing

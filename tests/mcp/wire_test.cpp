// Wire tests: mcp-test-server is spawned over pipes and driven the way a real MCP client drives
// it. Every test also checks that stdout carried nothing but JSON-RPC messages and that the
// server exits 0 promptly on stdin EOF.
#include <gtest/gtest.h>

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

class Wire : public ::testing::Test {
 protected:
  WireClient& spawn(std::vector<std::string> args = {}) {
    clients_.push_back(std::make_unique<WireClient>(std::move(args)));
    return *clients_.back();
  }

  /// A server after a legacy handshake at `version`.
  WireClient& legacy(const std::string& version = "2025-11-25", std::vector<std::string> args = {}) {
    auto& c = spawn(std::move(args));
    auto r = c.request(0, "initialize",
                       Json{{"protocolVersion", version},
                            {"capabilities", Json::object()},
                            {"clientInfo", {{"name", "wire-test"}, {"version", "1"}}}});
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
      }
    }
  }

  std::vector<std::unique_ptr<WireClient>> clients_;
};

// ---- legacy era: negotiation ----------------------------------------------------------------

TEST_F(Wire, InitializeEchoesEachSupportedVersion) {
  for (std::string version : {"2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"}) {
    auto& c = spawn();
    auto r = c.request(1, "initialize", Json{{"protocolVersion", version}, {"capabilities", Json::object()}});
    ASSERT_TRUE(r) << version;
    EXPECT_EQ((*r)["result"]["protocolVersion"], version);
  }
}

TEST_F(Wire, InitializeCounterOffersLatestForUnknownVersions) {
  for (std::string version : {"1999-01-01", "2026-07-28", "2025-11-24"}) {
    auto& c = spawn();
    auto r = c.request(1, "initialize", Json{{"protocolVersion", version}, {"capabilities", Json::object()}});
    ASSERT_TRUE(r) << version;
    ASSERT_TRUE(r->contains("result")) << r->dump();
    EXPECT_EQ((*r)["result"]["protocolVersion"], "2025-11-25");
  }
}

TEST_F(Wire, InitializeResultDeclaresOnlyImplementedCapabilities) {
  auto& c = spawn();
  auto r = c.request("init", "initialize", Json{{"protocolVersion", "2025-11-25"}, {"capabilities", Json::object()}});
  ASSERT_TRUE(r);
  const Json& result = (*r)["result"];
  EXPECT_EQ(result["capabilities"], (Json{{"tools", {{"listChanged", false}}}, {"logging", Json::object()}}));
  EXPECT_EQ(result["serverInfo"]["name"], "mcp-test-server");
  EXPECT_TRUE(result["serverInfo"].contains("title"));
  EXPECT_TRUE(result["serverInfo"].contains("version"));
  EXPECT_TRUE(result["serverInfo"].contains("description"));
  EXPECT_TRUE(result["instructions"].is_string());
  EXPECT_FALSE(result.contains("resultType"));
  EXPECT_EQ((*r)["id"], "init");
}

TEST_F(Wire, InitializeWithoutProtocolVersionIsInvalidParams) {
  auto& c = spawn();
  EXPECT_EQ(error_code(c.request(1, "initialize", Json{{"capabilities", Json::object()}})), -32602);
}

TEST_F(Wire, PingAnswersEmptyObjectBeforeAndAfterInitialize) {
  auto& c = spawn();
  auto before = c.request(1, "ping");
  ASSERT_TRUE(before);
  EXPECT_EQ((*before)["result"], Json::object());
  auto& d = legacy();
  auto after = d.request(2, "ping");
  ASSERT_TRUE(after);
  EXPECT_EQ((*after)["result"], Json::object());
}

TEST_F(Wire, RequestsBeforeInitializeWithoutEnvelopeAreRefused) {
  auto& c = spawn();
  EXPECT_EQ(error_code(c.request(1, "tools/list")), -32602);
  EXPECT_EQ(error_code(c.request(2, "tools/call", call_params("echo", {{"text", "x"}}))), -32602);
}

// ---- JSON-RPC framing and errors -------------------------------------------------------------

TEST_F(Wire, ParseErrorHasNullId) {
  auto& c = legacy();
  c.send_raw("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\n");
  auto r = c.wait_for([](const Json& m) { return m.contains("error"); }, 3s);
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)["error"]["code"], -32700);
  EXPECT_TRUE((*r)["id"].is_null());
  EXPECT_TRUE(c.request(2, "ping"));  // the stream survives
}

TEST_F(Wire, InvalidRequestsGetMinus32600) {
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

TEST_F(Wire, UnknownMethodIsMinus32601) {
  auto& c = legacy();
  EXPECT_EQ(error_code(c.request(1, "resources/list")), -32601);
  EXPECT_EQ(error_code(c.request(2, "no/such/method")), -32601);
  EXPECT_EQ(error_code(c.request(3, "server/discover")), -32601);  // a modern method, legacy request
}

TEST_F(Wire, ParamsThatAreNotAnObjectAreMinus32602) {
  auto& c = legacy();
  c.send_raw(R"({"jsonrpc":"2.0","id":7,"method":"tools/list","params":[1,2]})" "\n");
  auto r = c.response(7);
  EXPECT_EQ(error_code(r), -32602);
}

TEST_F(Wire, NotificationsGetNoResponse) {
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

TEST_F(Wire, IdsKeepTheirTypeAndValue) {
  auto& c = legacy();
  auto a = c.request("abc", "ping");
  auto b = c.request(1234567890123LL, "ping");
  ASSERT_TRUE(a && b);
  EXPECT_EQ((*a)["id"], "abc");
  EXPECT_EQ((*b)["id"], 1234567890123LL);
}

TEST_F(Wire, CrLfLineEndingsAreTolerated) {
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

TEST_F(Wire, BatchesAreRefusedOutside20250326) {
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

TEST_F(Wire, BatchesWorkAt20250326) {
  auto& c = legacy("2025-03-26");
  c.send_raw(R"([{"jsonrpc":"2.0","id":1,"method":"ping"},)"
             R"({"jsonrpc":"2.0","method":"notifications/initialized"},)"
             R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":"hi"}}},)"
             R"({"jsonrpc":"2.0","id":3,"method":"nope"}])" "\n");
  auto r = c.wait_for([](const Json& m) { return m.is_array(); }, 3s);
  ASSERT_TRUE(r);
  std::set<int> ids;
  for (const auto& m : *r) ids.insert(m["id"].get<int>());
  EXPECT_EQ(ids, (std::set<int>{1, 2, 3}));
  for (const auto& m : *r) {
    if (m["id"] == 3) {
      EXPECT_EQ(m["error"]["code"], -32601);
    }
    if (m["id"] == 2) {
      EXPECT_EQ(m["result"]["structuredContent"]["text"], "hi");
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

TEST_F(Wire, ModernDiscoverShape) {
  auto& c = spawn();
  auto r = c.request("d", "server/discover", modern_params());
  ASSERT_TRUE(r);
  const Json& result = (*r)["result"];
  EXPECT_EQ(result["resultType"], "complete");
  EXPECT_EQ(result["supportedVersions"],
            (Json{"2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"}));
  EXPECT_EQ(result["capabilities"], (Json{{"tools", {{"listChanged", false}}}, {"logging", Json::object()}}));
  EXPECT_TRUE(result["instructions"].is_string());
  EXPECT_TRUE(result["ttlMs"].is_number_integer());
  EXPECT_GE(result["ttlMs"].get<long long>(), 0);
  EXPECT_TRUE(result["cacheScope"] == "public" || result["cacheScope"] == "private");
  const Json& info = result["_meta"]["io.modelcontextprotocol/serverInfo"];
  EXPECT_EQ(info["name"], "mcp-test-server");
  EXPECT_TRUE(info["version"].is_string());
}

TEST_F(Wire, ModernMissingEnvelopeIsMinus32602) {
  auto& c = spawn();
  EXPECT_EQ(error_code(c.request(1, "server/discover")), -32602);
  Json no_caps{{"_meta", {{"io.modelcontextprotocol/protocolVersion", "2026-07-28"}}}};
  EXPECT_EQ(error_code(c.request(2, "tools/list", no_caps)), -32602);
  Json bad_version_type{{"_meta", {{"io.modelcontextprotocol/protocolVersion", 2026},
                                   {"io.modelcontextprotocol/clientCapabilities", Json::object()}}}};
  EXPECT_EQ(error_code(c.request(3, "tools/list", bad_version_type)), -32602);
}

TEST_F(Wire, ModernUnsupportedVersionIsMinus32022WithData) {
  auto& c = spawn();
  Json params{{"_meta", modern_meta(std::nullopt, "1900-01-01")}};
  auto r = c.request(1, "tools/list", params);
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)["error"]["code"], -32022);
  EXPECT_EQ((*r)["error"]["data"]["requested"], "1900-01-01");
  const Json& supported = (*r)["error"]["data"]["supported"];
  ASSERT_TRUE(supported.is_array());
  EXPECT_NE(std::find(supported.begin(), supported.end(), Json("2026-07-28")), supported.end());
}

TEST_F(Wire, ModernRemovedMethodsAreMinus32601) {
  auto& c = spawn();
  EXPECT_EQ(error_code(c.request(1, "ping", modern_params())), -32601);
  EXPECT_EQ(error_code(c.request(2, "logging/setLevel", modern_params({{"level", "info"}}))), -32601);
  EXPECT_EQ(error_code(c.request(3, "initialize", modern_params({{"protocolVersion", "2026-07-28"}}))), -32601);
}

TEST_F(Wire, ModernResultsCarryResultTypeAndListsCarryCacheHints) {
  auto& c = spawn();
  auto list = c.request(1, "tools/list", modern_params());
  ASSERT_TRUE(list);
  EXPECT_EQ((*list)["result"]["resultType"], "complete");
  EXPECT_TRUE((*list)["result"]["ttlMs"].is_number_integer());
  EXPECT_TRUE((*list)["result"]["cacheScope"].is_string());
  auto call = c.request(2, "tools/call", modern_params(call_params("echo", {{"text", "yo"}})));
  ASSERT_TRUE(call);
  EXPECT_EQ((*call)["result"]["resultType"], "complete");
  EXPECT_EQ((*call)["result"]["structuredContent"]["text"], "yo");
  auto failed = c.request(3, "tools/call", modern_params(call_params("fail")));
  ASSERT_TRUE(failed);
  EXPECT_EQ((*failed)["result"]["resultType"], "complete");
  EXPECT_EQ((*failed)["result"]["isError"], true);
}

TEST_F(Wire, BothErasOnTheSameProcess) {
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

std::vector<std::string> list_all(WireClient& c, bool modern, int* pages) {
  std::vector<std::string> names;
  Json params = modern ? modern_params() : Json::object();
  *pages = 0;
  for (int id = 100; id < 200; ++id) {
    auto r = c.request(id, "tools/list", params);
    if (!r || !r->contains("result")) {
      ADD_FAILURE() << "tools/list failed";
      break;
    }
    ++*pages;
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
    ASSERT_EQ(names.size(), 66u);
    EXPECT_EQ(pages, 10);  // ceil(66 / 7)
    EXPECT_EQ(names[0], "echo");
    EXPECT_EQ(names[1], "slow");
    EXPECT_EQ(names[6], "noop_0");
    EXPECT_EQ(names[65], "noop_59");
    EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
  }
}

TEST_F(Wire, DefaultPageSizeGivesTwoPages) {
  auto& c = legacy();
  int pages = 0;
  auto names = list_all(c, false, &pages);
  EXPECT_EQ(names.size(), 66u);
  EXPECT_EQ(pages, 2);
}

TEST_F(Wire, ToolEntriesHaveEveryField) {
  auto& c = legacy();
  auto r = c.request(1, "tools/list");
  ASSERT_TRUE(r);
  for (const auto& t : (*r)["result"]["tools"]) {
    EXPECT_TRUE(t["name"].is_string());
    EXPECT_TRUE(t["title"].is_string());
    EXPECT_TRUE(t["description"].is_string());
    EXPECT_EQ(t["inputSchema"]["type"], "object");
    EXPECT_TRUE(t["outputSchema"].is_object());
    EXPECT_TRUE(t["annotations"].is_object());
  }
}

TEST_F(Wire, InvalidCursorIsMinus32602) {
  auto& c = legacy();
  auto first = c.request(1, "tools/list");
  ASSERT_TRUE(first);
  std::string good = (*first)["result"]["nextCursor"];
  std::string tampered = good;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  for (const Json& cursor : {Json("garbage!"), Json(""), Json(tampered), Json(42)}) {
    EXPECT_EQ(error_code(c.request(2, "tools/list", {{"cursor", cursor}})), -32602) << cursor.dump();
  }
  EXPECT_EQ(error_code(c.request(3, "tools/list", modern_params({{"cursor", "garbage"}}))), -32602);
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

TEST_F(Wire, CallParamsOfTheWrongShapeAreMinus32602) {
  auto& c = legacy();
  EXPECT_EQ(error_code(c.request(1, "tools/call", call_params("no_such_tool"))), -32602);
  EXPECT_EQ(error_code(c.request(2, "tools/call", Json{{"arguments", Json::object()}})), -32602);
  EXPECT_EQ(error_code(c.request(3, "tools/call", Json{{"name", 5}})), -32602);
  EXPECT_EQ(error_code(c.request(4, "tools/call", Json{{"name", "echo"}, {"arguments", {1, 2}}})), -32602);
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

TEST_F(Wire, EofRightAfterAQuickCallStillAnswersIt) {
  auto& c = legacy();
  c.send(Json{{"jsonrpc", "2.0"}, {"id", "quick"}, {"method", "tools/call"}, {"params", call_params("echo", {{"text", "x"}})}});
  c.close_stdin();
  ASSERT_TRUE(c.wait_exit(3s));
  EXPECT_TRUE(c.has_response("quick"));
}

}  // namespace
}  // namespace mcp::testing

// Tests of the Streamable HTTP transport over real loopback sockets: security (Host/Origin,
// bearer token, body cap), sessions (issue, 400/404, DELETE, limit), 202 for notifications, SSE
// ordering, the 2026-07-28 header rules, and cancellation when the client closes the stream.
// Resumable streams (2025-11-25 sessions) are tested in http_resume_test.cpp.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <thread>

#include "mcp/server.hpp"
#include "mcp/transport/http.hpp"
#include "mcp/transport/http_security.hpp"
#include "http_raw_client.hpp"

namespace {

using mcp::Json;
using mcp_test::final_message;
using mcp_test::HttpReply;
using mcp_test::post_text;
using mcp_test::RawClient;
using namespace std::chrono_literals;

std::atomic<bool> g_slow_call_saw_cancel{false};
std::atomic<bool> g_slow_call_started{false};

mcp::ToolRegistry test_tools() {
  mcp::ToolRegistry tools;
  mcp::Tool echo;
  echo.name = "echo";
  echo.title = "Echo";
  echo.description = "Returns its text";
  echo.input_schema = Json{{"type", "object"}, {"properties", {{"text", {{"type", "string"}}}}}};
  echo.output_schema = Json{{"type", "object"}};
  echo.handler = [](const Json& args, mcp::ToolContext&) { return mcp::ToolOutcome::ok(Json{{"text", args.value("text", "")}}); };
  tools.add(echo);

  mcp::Tool slow;
  slow.name = "slow";
  slow.title = "Slow";
  slow.description = "Reports progress, then waits (up to 5 s) until cancelled";
  slow.input_schema = Json{{"type", "object"}};
  slow.output_schema = Json{{"type", "object"}};
  slow.handler = [](const Json&, mcp::ToolContext& context) {
    g_slow_call_started = true;
    context.progress(1, 2, "started");
    const auto until = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < until) {
      if (context.cancel.cancelled()) {
        g_slow_call_saw_cancel = true;
        return mcp::ToolOutcome::error("cancelled");
      }
      std::this_thread::sleep_for(5ms);
    }
    return mcp::ToolOutcome::ok(Json{{"done", true}});
  };
  tools.add(slow);

  mcp::Tool quick;
  quick.name = "quick_progress";
  quick.title = "Quick progress";
  quick.description = "Reports progress twice, then answers";
  quick.input_schema = Json{{"type", "object"}};
  quick.output_schema = Json{{"type", "object"}};
  quick.handler = [](const Json&, mcp::ToolContext& context) {
    context.progress(1, 2, "half");
    context.progress(2, 2, "done");
    return mcp::ToolOutcome::ok(Json{{"ok", true}});
  };
  tools.add(quick);
  return tools;
}

const Json kInitialize = {{"jsonrpc", "2.0"},
                          {"id", 1},
                          {"method", "initialize"},
                          {"params",
                           {{"protocolVersion", "2025-11-25"},
                            {"capabilities", Json::object()},
                            {"clientInfo", {{"name", "http_test"}, {"version", "1"}}}}}};

Json modern_call(int id, const std::string& tool) {
  return Json{{"jsonrpc", "2.0"},
              {"id", id},
              {"method", "tools/call"},
              {"params",
               {{"name", tool},
                {"arguments", Json::object()},
                {"_meta",
                 {{"io.modelcontextprotocol/protocolVersion", "2026-07-28"},
                  {"io.modelcontextprotocol/clientCapabilities", Json::object()}}}}}};
}

class Http : public ::testing::Test {
 protected:
  void start(mcp::HttpOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    server_ = std::make_unique<mcp::Server>(mcp::ServerInfo{"http-test", "HTTP test", "1.0", "", ""}, test_tools());
    auto started = mcp::HttpServer::start(*server_, std::move(options));
    ASSERT_TRUE(started) << started.error().message;
    http_ = std::move(*started);
  }
  void TearDown() override {
    if (http_) http_->stop();
  }

  HttpReply request(const std::string& raw) {
    RawClient client(http_->port());
    EXPECT_TRUE(client.connected());
    client.send_raw(raw);
    return client.read_reply();
  }
  HttpReply post(const Json& body, std::map<std::string, std::string> headers = {},
                 std::string accept = "application/json, text/event-stream") {
    return request(post_text(body.dump(), headers, std::move(accept)));
  }
  std::string open_session() {
    auto reply = post(kInitialize);
    EXPECT_EQ(reply.status, 200);
    return reply.headers["mcp-session-id"];
  }

  std::unique_ptr<mcp::Server> server_;
  std::unique_ptr<mcp::HttpServer> http_;
};

TEST_F(Http, HealthzAnswersWithoutToken) {
  mcp::HttpOptions options;
  options.bearer_token = "s3cret";
  start(options);
  auto reply = request("GET /healthz HTTP/1.1\r\nHost: anything.internal\r\n\r\n");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(Json::parse(reply.body), Json({{"status", "ok"}}));
}

TEST_F(Http, ForeignHostOrOriginIsForbidden) {
  start();
  std::string evil_host = post_text(kInitialize.dump(), {});
  evil_host.replace(evil_host.find("Host: 127.0.0.1"), 15, "Host: evil.example.com");
  EXPECT_EQ(request(evil_host).status, 403);
  EXPECT_EQ(post(kInitialize, {{"Origin", "http://evil.example.com"}}).status, 403);
  EXPECT_EQ(post(kInitialize, {{"Origin", "http://localhost:5173"}}).status, 200);
}

TEST_F(Http, TokenIsRequiredWhenConfigured) {
  mcp::HttpOptions options;
  options.bearer_token = "s3cret";
  start(options);
  auto missing = post(kInitialize);
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(missing.headers["www-authenticate"].rfind("Bearer", 0), 0u);
  auto wrong = post(kInitialize, {{"Authorization", "Bearer nope"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.headers["www-authenticate"].find("invalid_token"), std::string::npos);
  EXPECT_EQ(post(kInitialize, {{"Authorization", "Bearer s3cret"}}).status, 200);
}

TEST_F(Http, NonLoopbackWithoutTokenRefusesToStart) {
  server_ = std::make_unique<mcp::Server>(mcp::ServerInfo{"t", "", "1", "", ""}, test_tools());
  mcp::HttpOptions options;
  options.host = "0.0.0.0";
  options.port = 0;
  auto started = mcp::HttpServer::start(*server_, options);
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().kind, util::ErrorKind::kConfig);
}

TEST_F(Http, OversizedBodyIs413) {
  mcp::HttpOptions options;
  options.max_body_bytes = 1024;
  start(options);
  Json big = kInitialize;
  big["params"]["padding"] = std::string(4096, 'x');
  EXPECT_EQ(post(big).status, 413);
}

TEST_F(Http, SessionsAreRequiredKnownAndDeletable) {
  start();
  const std::string id = open_session();
  ASSERT_EQ(id.size(), 64u);
  const Json list{{"jsonrpc", "2.0"}, {"id", 2}, {"method", "tools/list"}};
  EXPECT_EQ(post(list).status, 400);                                   // no session id
  EXPECT_EQ(post(list, {{"Mcp-Session-Id", "no-such-session"}}).status, 404);
  auto listed = post(list, {{"Mcp-Session-Id", id}});
  EXPECT_EQ(listed.status, 200);
  EXPECT_EQ(final_message(listed)["result"]["tools"].size(), 3u);
  auto deleted = request("DELETE /mcp HTTP/1.1\r\nHost: localhost\r\nMcp-Session-Id: " + id + "\r\n\r\n");
  EXPECT_EQ(deleted.status, 200);
  EXPECT_EQ(post(list, {{"Mcp-Session-Id", id}}).status, 404);
}

// The deep-nesting message that once killed the process: refused with 400/-32700 naming the
// limit, and the same server answers the next request.
TEST_F(Http, DeepNestingIs400NamingTheLimitAndTheServerLives) {
  start();
  const std::string deep = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":" +
                           std::string(100000, '[') + std::string(100000, ']') + "}}";
  auto refused = request(post_text(deep, {}));
  EXPECT_EQ(refused.status, 400);
  const Json error = final_message(refused);
  ASSERT_TRUE(error.is_object()) << refused.body.substr(0, 300);
  EXPECT_EQ(error["error"]["code"], -32700);
  EXPECT_NE(error["error"]["message"].get<std::string>().find("64"), std::string::npos) << error.dump();
  EXPECT_EQ(post(kInitialize).status, 200) << "the server did not survive";
}

TEST_F(Http, NotificationGets202WithoutBody) {
  start();
  const std::string id = open_session();
  auto reply = post(Json{{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}}, {{"Mcp-Session-Id", id}});
  EXPECT_EQ(reply.status, 202);
  EXPECT_TRUE(reply.body.empty());
}

TEST_F(Http, SessionLimitEvictsTheLeastRecentlyUsedIdleSession) {
  mcp::HttpOptions options;
  options.max_sessions = 2;
  start(options);
  const std::string first = open_session();
  const std::string second = open_session();
  const std::string third = open_session();
  EXPECT_EQ(http_->session_count(), 2u);
  const Json ping{{"jsonrpc", "2.0"}, {"id", 5}, {"method", "ping"}};
  EXPECT_EQ(post(ping, {{"Mcp-Session-Id", first}}).status, 404);
  EXPECT_EQ(post(ping, {{"Mcp-Session-Id", second}}).status, 200);
  EXPECT_EQ(post(ping, {{"Mcp-Session-Id", third}}).status, 200);
}

TEST_F(Http, SessionLimitWithEveryoneBusyIs503) {
  mcp::HttpOptions options;
  options.max_sessions = 1;
  start(options);
  const std::string busy = open_session();
  g_slow_call_started = false;
  RawClient streaming(http_->port());
  streaming.send_raw(post_text(Json{{"jsonrpc", "2.0"}, {"id", 9}, {"method", "tools/call"},
                                    {"params", {{"name", "slow"}, {"arguments", Json::object()}}}}
                                   .dump(),
                               {{"Mcp-Session-Id", busy}}));
  for (int i = 0; i < 200 && !g_slow_call_started; ++i) std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(g_slow_call_started);
  EXPECT_EQ(post(kInitialize).status, 503);
  streaming.close();
}

TEST_F(Http, SseCarriesProgressBeforeTheResponse) {
  start();
  const std::string id = open_session();
  Json call{{"jsonrpc", "2.0"},
            {"id", 7},
            {"method", "tools/call"},
            {"params", {{"name", "quick_progress"}, {"arguments", Json::object()}, {"_meta", {{"progressToken", "p1"}}}}}};
  auto reply = post(call, {{"Mcp-Session-Id", id}});
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.headers["content-type"], "text/event-stream");
  const auto progress = reply.body.find("notifications/progress");
  const auto response = reply.body.find("\"id\":7");
  ASSERT_NE(progress, std::string::npos) << reply.body;
  ASSERT_NE(response, std::string::npos) << reply.body;
  EXPECT_LT(progress, response);
  // A client that accepts only JSON gets the bare response.
  auto json_only = post(call, {{"Mcp-Session-Id", id}}, "application/json");
  EXPECT_EQ(json_only.headers["content-type"], "application/json");
  EXPECT_EQ(Json::parse(json_only.body)["id"], 7);
}

TEST_F(Http, ModernHeaderMismatchIs400With32020) {
  start();
  const Json call = modern_call(3, "echo");
  auto wrong_version = post(call, {{"MCP-Protocol-Version", "2025-11-25"}, {"Mcp-Method", "tools/call"}, {"Mcp-Name", "echo"}});
  EXPECT_EQ(wrong_version.status, 400);
  EXPECT_EQ(Json::parse(wrong_version.body)["error"]["code"], -32020);
  auto wrong_method = post(call, {{"MCP-Protocol-Version", "2026-07-28"}, {"Mcp-Method", "tools/list"}, {"Mcp-Name", "echo"}});
  EXPECT_EQ(wrong_method.status, 400);
  EXPECT_EQ(Json::parse(wrong_method.body)["error"]["code"], -32020);
  auto wrong_name = post(call, {{"MCP-Protocol-Version", "2026-07-28"}, {"Mcp-Method", "tools/call"}, {"Mcp-Name", "slow"}});
  EXPECT_EQ(wrong_name.status, 400);
  EXPECT_EQ(Json::parse(wrong_name.body)["error"]["code"], -32020);
  auto good = post(call, {{"MCP-Protocol-Version", "2026-07-28"}, {"Mcp-Method", "tools/call"}, {"Mcp-Name", " echo "}});
  EXPECT_EQ(good.status, 200);
  EXPECT_EQ(Json::parse(good.body)["result"]["resultType"], "complete");
  Json unknown = call;
  unknown["method"] = "no/such";
  auto not_found = post(unknown, {{"MCP-Protocol-Version", "2026-07-28"}, {"Mcp-Method", "no/such"}});
  EXPECT_EQ(not_found.status, 404);
  EXPECT_EQ(Json::parse(not_found.body)["error"]["code"], -32601);
}

TEST_F(Http, ClosingTheStreamCancelsTheCall) {
  start();
  g_slow_call_saw_cancel = false;
  Json call = modern_call(11, "slow");
  call["params"]["_meta"]["progressToken"] = "t";
  RawClient client(http_->port());
  client.send_raw(post_text(call.dump(), {{"MCP-Protocol-Version", "2026-07-28"}, {"Mcp-Method", "tools/call"}, {"Mcp-Name", "slow"}}));
  const std::string seen = client.read_until("notifications/progress");
  ASSERT_NE(seen.find("text/event-stream"), std::string::npos) << seen;
  client.close();
  for (int i = 0; i < 400 && !g_slow_call_saw_cancel; ++i) std::this_thread::sleep_for(5ms);
  EXPECT_TRUE(g_slow_call_saw_cancel);
}

TEST_F(Http, StatelessModeServesLegacyWithoutSessions) {
  mcp::HttpOptions options;
  options.stateless = true;
  start(options);
  auto init = post(kInitialize);
  EXPECT_EQ(init.status, 200);
  EXPECT_EQ(init.headers.count("mcp-session-id"), 0u);
  auto listed = post(Json{{"jsonrpc", "2.0"}, {"id", 2}, {"method", "tools/list"}}, {{"MCP-Protocol-Version", "2025-11-25"}});
  EXPECT_EQ(listed.status, 200);
  EXPECT_EQ(listed.headers["content-type"], "application/json");  // no sessions, no resumable stream
  EXPECT_TRUE(Json::parse(listed.body)["result"]["tools"].is_array());
  EXPECT_EQ(request("DELETE /mcp HTTP/1.1\r\nHost: localhost\r\n\r\n").status, 405);
  EXPECT_EQ(request("GET /mcp HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nLast-Event-ID: 1-0\r\n\r\n").status, 405);
}

TEST(HttpSecurity, HostPortsAreDigitsOnly) {
  using namespace mcp::http_security;
  // Each of these once passed as "localhost": the text after the colon was never checked.
  for (const char* host : {"localhost:18087@evil.com", "localhost:abc", "localhost:", "127.0.0.1:18087, evil.com",
                           "localhost:123456", "[::1]:", "[::1]:80x"}) {
    EXPECT_FALSE(host_allowed(host, {})) << host;
    EXPECT_EQ(host_of_authority(host), "") << host;
  }
  EXPECT_TRUE(host_allowed("localhost:18087", {}));
  EXPECT_TRUE(host_allowed("[::1]:65535", {}));
  EXPECT_FALSE(origin_allowed("http://localhost:80@evil.com", {}));
}

TEST(HttpSecurity, FramingRules) {
  using namespace mcp::http_security;
  auto refusal = [](unsigned version, std::size_t hosts, std::size_t origins, std::string te) {
    return framing_refusal(RequestFraming{version, hosts, origins, std::move(te)});
  };
  EXPECT_FALSE(refusal(11, 1, 0, ""));
  EXPECT_FALSE(refusal(11, 1, 1, "chunked"));
  EXPECT_FALSE(refusal(10, 0, 0, "")) << "HTTP/1.0 has no Host requirement";
  EXPECT_EQ(refusal(11, 0, 0, "")->status, 400);
  EXPECT_EQ(refusal(11, 2, 0, "")->status, 400);
  EXPECT_EQ(refusal(11, 1, 2, "")->status, 400);
  EXPECT_EQ(refusal(11, 1, 0, "gzip, chunked")->status, 501);
  EXPECT_EQ(refusal(11, 1, 0, "chunked,deflate")->status, 501);
  EXPECT_NE(refusal(11, 1, 0, "GZip, chunked")->reason.find("gzip"), std::string::npos);
}

// The same rules through the real transport: each refused before anything reads the body.
TEST_F(Http, BadFramingIsRefusedOnTheWire) {
  start();
  const std::string body = kInitialize.dump();
  auto raw = [&](const std::string& headers) {
    return "POST /mcp HTTP/1.1\r\n" + headers + "Content-Type: application/json\r\n"
           "Accept: application/json, text/event-stream\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n\r\n" + body;
  };
  EXPECT_EQ(request(raw("Host: localhost\r\n")).status, 200);
  EXPECT_EQ(request(raw("")).status, 400) << "HTTP/1.1 without Host";
  EXPECT_EQ(request(raw("Host: localhost\r\nHost: evil.com\r\n")).status, 400);
  EXPECT_EQ(request(raw("Host: localhost\r\nOrigin: http://localhost\r\nOrigin: http://evil.com\r\n")).status, 400);
  EXPECT_EQ(request(raw("Host: localhost:18087@evil.com\r\n")).status, 403);
  EXPECT_EQ(request(raw("Host: localhost:abc\r\n")).status, 403);
  const std::string chunk = [&] {
    char size[16];
    std::snprintf(size, sizeof size, "%zx", body.size());
    return std::string(size) + "\r\n" + body + "\r\n0\r\n\r\n";
  }();
  auto gzip_chunked = request("POST /mcp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                              "Accept: application/json, text/event-stream\r\nTransfer-Encoding: gzip, chunked\r\n\r\n" +
                              chunk);
  EXPECT_EQ(gzip_chunked.status, 501);
  auto chunked = request("POST /mcp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                         "Accept: application/json, text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk);
  EXPECT_EQ(chunked.status, 200);
}

TEST(HttpSecurity, RulesForHostOriginAndToken) {
  using namespace mcp::http_security;
  EXPECT_TRUE(host_allowed("localhost:8080", {}));
  EXPECT_TRUE(host_allowed("[::1]:3000", {}));
  EXPECT_TRUE(host_allowed("127.0.0.1", {}));
  EXPECT_FALSE(host_allowed("evil.example.com", {}));
  EXPECT_FALSE(host_allowed("localhost.evil.com", {}));
  EXPECT_FALSE(host_allowed("", {}));
  EXPECT_TRUE(host_allowed("mcp.example.com", {"mcp.example.com"}));
  EXPECT_TRUE(origin_allowed("", {}));
  EXPECT_TRUE(origin_allowed("http://127.0.0.1:5173", {}));
  EXPECT_FALSE(origin_allowed("null", {}));
  EXPECT_FALSE(origin_allowed("http://evil.example.com", {}));
  EXPECT_TRUE(origin_allowed("https://app.example.com", {"https://app.example.com"}));
  EXPECT_TRUE(bearer_matches("Bearer abc", "abc"));
  EXPECT_TRUE(bearer_matches("bearer abc", "abc"));
  EXPECT_FALSE(bearer_matches("Bearer abcd", "abc"));
  EXPECT_FALSE(bearer_matches("Bearer ab", "abc"));
  EXPECT_FALSE(bearer_matches("Basic abc", "abc"));
  EXPECT_FALSE(bearer_matches("Bearer ", ""));
  const std::string id = random_session_id();
  EXPECT_EQ(id.size(), 64u);
  EXPECT_NE(id, random_session_id());
}

}  // namespace

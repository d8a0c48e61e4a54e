// In-process tests of the Server (no pipes): JSON-RPC classification, the call_tool entry point
// used by the command line, and handle()'s return value and write flags that transports rely on.
#include "mcp/server.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "mcp/jsonrpc.hpp"
#include "test_tools.hpp"

namespace mcp {
namespace {

using util::Json;
using namespace std::chrono_literals;

ServerInfo test_info() { return ServerInfo{"t", "T", "1", "d", "i"}; }

/// Collects what the server writes, from any thread.
struct Captured {
  std::mutex mutex;
  std::condition_variable cv;
  std::vector<std::pair<Json, bool>> messages;

  WriteFn writer() {
    return [this](std::string m, bool final) {
      std::lock_guard lock(mutex);
      messages.emplace_back(Json::parse(m), final);
      cv.notify_all();
    };
  }
  bool wait_count(std::size_t n, std::chrono::milliseconds timeout = 3s) {
    std::unique_lock lock(mutex);
    return cv.wait_for(lock, timeout, [&] { return messages.size() >= n; });
  }
};

TEST(JsonRpc, Classify) {
  using jsonrpc::MessageKind;
  EXPECT_EQ(jsonrpc::classify(Json{{"jsonrpc", "2.0"}, {"id", 1}, {"method", "x"}}).kind, MessageKind::kRequest);
  EXPECT_EQ(jsonrpc::classify(Json{{"jsonrpc", "2.0"}, {"method", "x"}}).kind, MessageKind::kNotification);
  EXPECT_EQ(jsonrpc::classify(Json{{"jsonrpc", "2.0"}, {"id", 1}, {"result", Json::object()}}).kind,
            MessageKind::kResponse);
  auto bad = jsonrpc::classify(Json{{"jsonrpc", "2.0"}, {"id", nullptr}, {"method", "x"}});
  EXPECT_EQ(bad.kind, MessageKind::kInvalid);
  EXPECT_EQ(bad.error["error"]["code"], jsonrpc::kInvalidRequest);
  auto bad_params = jsonrpc::classify(Json{{"jsonrpc", "2.0"}, {"id", "a"}, {"method", "x"}, {"params", 3}});
  EXPECT_EQ(bad_params.error["error"]["code"], jsonrpc::kInvalidParams);
  EXPECT_EQ(bad_params.error["id"], "a");
  // A malformed notification has nobody to answer.
  auto bad_note = jsonrpc::classify(Json{{"jsonrpc", "2.0"}, {"method", "x"}, {"params", 3}});
  EXPECT_EQ(bad_note.kind, MessageKind::kInvalid);
  EXPECT_TRUE(bad_note.error.is_null());
  EXPECT_TRUE(jsonrpc::is_valid_id(Json(-5)));
  EXPECT_FALSE(jsonrpc::is_valid_id(Json(1.5)));
}

TEST(ServerCallTool, ValidatesLikeToolsCall) {
  Server server(test_info(), testing::make_test_registry(2));
  ToolContext ctx;
  auto ok = server.call_tool("echo", Json{{"text", "x"}}, ctx);
  EXPECT_FALSE(ok.is_error);
  EXPECT_EQ(ok.structured["text"], "x");
  auto bad = server.call_tool("echo", Json{{"text", "x"}, {"page_size", 500}}, ctx);
  EXPECT_TRUE(bad.is_error);
  EXPECT_EQ(bad.error_text, "Invalid argument 'page_size': must be <= 100");
  auto unknown = server.call_tool("nope", Json::object(), ctx);
  EXPECT_TRUE(unknown.is_error);
  EXPECT_EQ(unknown.error_text, "Unknown tool: nope");
  auto thrown = server.call_tool("throws", Json::object(), ctx);
  EXPECT_TRUE(thrown.is_error);
  EXPECT_EQ(thrown.error_text, "internal error");
  auto not_object = server.call_tool("echo", Json::array(), ctx);
  EXPECT_TRUE(not_object.is_error);
}

TEST(ServerCallTool, InvalidArgumentsNameEveryProblemAtOnce) {
  Server server(test_info(), testing::make_test_registry(2));
  ToolContext ctx;
  // echo declares text (required), mode, page_size, day, code, tags; in that order.
  auto bad = server.call_tool("echo", Json{{"bogus", true}, {"page_size", 0}, {"mode", "quiet"}}, ctx);
  EXPECT_TRUE(bad.is_error);
  EXPECT_EQ(bad.error_text,
            "Invalid arguments: 'text' is required; 'mode' must be one of \"plain\", \"loud\" (got \"quiet\"); "
            "'page_size' must be >= 1 (got 0); 'bogus' is not a known argument");
}

TEST(ServerCallTool, OutputValidationOption) {
  ServerOptions strict;
  strict.validate_output = true;
  Server checked(test_info(), testing::make_test_registry(0), strict);
  ToolContext ctx;
  EXPECT_TRUE(checked.call_tool("bad_output", Json::object(), ctx).is_error);
  EXPECT_FALSE(checked.call_tool("echo", Json{{"text", "x"}}, ctx).is_error);
}

TEST(ServerHandle, ReturnValueAndFinalFlag) {
  Server server(test_info(), testing::make_test_registry(0));
  Session session;
  Captured out;
  EXPECT_TRUE(server.handle(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25"}})",
                            session, out.writer()));
  EXPECT_TRUE(session.initialized());
  EXPECT_EQ(session.negotiated_version(), "2025-11-25");
  EXPECT_FALSE(server.handle(R"({"jsonrpc":"2.0","method":"notifications/initialized"})", session, out.writer()));
  EXPECT_TRUE(server.handle(
      R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"slow","arguments":{"ms":50,"steps":2},"_meta":{"progressToken":"p"}}})",
      session, out.writer()));
  ASSERT_TRUE(out.wait_count(4));  // init response, 2 progress, call response
  ASSERT_TRUE(session.wait_idle(2s));
  std::lock_guard lock(out.mutex);
  ASSERT_EQ(out.messages.size(), 4u);
  EXPECT_TRUE(out.messages[0].second);
  EXPECT_FALSE(out.messages[1].second);
  EXPECT_FALSE(out.messages[2].second);
  EXPECT_TRUE(out.messages[3].second);
  EXPECT_EQ(out.messages[3].first["id"], 2);
}

TEST(ServerHandle, CancelRequestAndCancelAll) {
  Server server(test_info(), testing::make_test_registry(0));
  Session session;
  Captured out;
  server.handle(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25"}})",
                session, out.writer());
  server.handle(R"({"jsonrpc":"2.0","id":"a","method":"tools/call","params":{"name":"slow","arguments":{"ms":10000}}})",
                session, out.writer());
  server.handle(R"({"jsonrpc":"2.0","id":"b","method":"tools/call","params":{"name":"slow","arguments":{"ms":10000}}})",
                session, out.writer());
  EXPECT_EQ(session.in_flight(), 2u);
  EXPECT_TRUE(session.cancel_request(Json("a")));
  EXPECT_FALSE(session.cancel_request(Json("a")));
  EXPECT_FALSE(session.cancel_request(Json("zzz")));
  session.cancel_all();
  EXPECT_TRUE(session.wait_idle(2s));
  std::lock_guard lock(out.mutex);
  EXPECT_EQ(out.messages.size(), 1u);  // only initialize was answered
}

TEST(ServerVersions, NewestFirst) {
  const auto& v = Server::supported_versions();
  ASSERT_EQ(v.size(), 5u);
  EXPECT_EQ(v.front(), "2026-07-28");
  EXPECT_EQ(v[1], "2025-11-25");
  EXPECT_EQ(v.back(), "2024-11-05");
}

TEST(ToolRegistry, RefusesBadNamesAndDuplicates) {
  auto make = [](std::string name) {
    Tool t;
    t.name = std::move(name);
    t.input_schema = Json{{"type", "object"}};
    t.handler = [](const Json&, ToolContext&) { return ToolOutcome::ok(Json::object()); };
    return t;
  };
  ToolRegistry r;
  r.add(make("ok_name-1.x/y"));
  EXPECT_THROW(r.add(make("ok_name-1.x/y")), std::logic_error);
  EXPECT_THROW(r.add(make("has space")), std::logic_error);
  EXPECT_THROW(r.add(make("")), std::logic_error);
  EXPECT_THROW(r.add(make(std::string(65, 'a'))), std::logic_error);
  EXPECT_NE(r.find("ok_name-1.x/y"), nullptr);
  EXPECT_EQ(r.find("missing"), nullptr);
}

}  // namespace
}  // namespace mcp

// Unit tests of what an MCP POST must carry, without sockets: media types, the body, the
// 2026-07-28 routing headers that must mirror the body, a legacy MCP-Protocol-Version, and the
// HTTP status a 2026-07-28 response takes from its JSON-RPC error code.
#include "mcp/transport/http_request_rules.hpp"

#include <gtest/gtest.h>

#include "mcp/jsonrpc.hpp"

namespace mcp::http_transport {
namespace {

using util::Json;
namespace jr = jsonrpc;

PostHeaders json_post() { return PostHeaders{"application/json", "application/json, text/event-stream", "", "", ""}; }

const char* kPing = R"({"jsonrpc":"2.0","id":7,"method":"ping"})";

std::string modern_call(const std::string& tool) {
  return R"({"jsonrpc":"2.0","id":"c1","method":"tools/call","params":{"name":")" + tool +
         R"(","_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}})";
}

TEST(HttpRequestRules, MediaTypesAreChecked) {
  PostHeaders headers = json_post();
  headers.content_type = "text/plain";
  auto refused = read_post(headers, kPing);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 415);
  EXPECT_EQ(refused.error().code, jr::kServerError);
  EXPECT_TRUE(refused.error().id.is_null());

  headers = json_post();
  headers.content_type = "Application/JSON; charset=utf-8";
  headers.accept = "text/html";
  refused = read_post(headers, kPing);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 406);

  for (const char* accept : {"", "*/*", "application/*", "application/json"}) {
    headers.accept = accept;
    auto post = read_post(headers, kPing);
    ASSERT_TRUE(post) << accept;
    EXPECT_FALSE(post->accepts_sse) << accept;
  }
  headers.accept = "text/event-stream";
  auto sse = read_post(headers, kPing);
  ASSERT_TRUE(sse);
  EXPECT_TRUE(sse->accepts_sse);
}

TEST(HttpRequestRules, ABodyThatDoesNotParseIs400) {
  auto refused = read_post(json_post(), "{not json");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 400);
  EXPECT_EQ(refused.error().code, jr::kParseError);
  EXPECT_EQ(refused.error().message, "Parse error: invalid JSON");
}

TEST(HttpRequestRules, LegacyRequestsAreReadWithTheirIds) {
  auto post = read_post(json_post(), kPing);
  ASSERT_TRUE(post);
  EXPECT_EQ(post->id, 7);
  EXPECT_EQ(post->method, "ping");
  EXPECT_FALSE(post->stateless);
  EXPECT_FALSE(post->is_initialize);
  EXPECT_EQ(post->request_ids, std::vector<Json>{7});

  auto init = read_post(json_post(), R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})");
  ASSERT_TRUE(init);
  EXPECT_TRUE(init->is_initialize);

  // A batch: the ids of its requests, not of its notifications or responses.
  auto batch = read_post(json_post(), R"([{"jsonrpc":"2.0","id":1,"method":"ping"},
      {"jsonrpc":"2.0","method":"notifications/initialized"},{"jsonrpc":"2.0","id":"x","result":{}},
      {"jsonrpc":"2.0","id":"b","method":"ping"}])");
  ASSERT_TRUE(batch);
  EXPECT_EQ(batch->request_ids, (std::vector<Json>{1, "b"}));
  EXPECT_TRUE(batch->id.is_null());
}

TEST(HttpRequestRules, AnUnknownLegacyProtocolVersionHeaderIs400) {
  PostHeaders headers = json_post();
  headers.protocol_version = " 2025-06-18 ";
  auto known = read_post(headers, kPing);
  ASSERT_TRUE(known);
  EXPECT_EQ(known->header_version, "2025-06-18");
  headers.protocol_version = "1999-01-01";
  auto refused = read_post(headers, kPing);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 400);
  EXPECT_EQ(refused.error().code, jr::kServerError);
  EXPECT_EQ(refused.error().id, 7);
  EXPECT_EQ(refused.error().message, "Bad Request: unsupported MCP-Protocol-Version: 1999-01-01");
}

TEST(HttpRequestRules, ModernHeadersMustMirrorTheBody) {
  const std::string body = modern_call("echo");
  PostHeaders headers = json_post();
  auto expect_mismatch = [&](const std::string& message) {
    auto refused = read_post(headers, body);
    ASSERT_FALSE(refused) << message;
    EXPECT_EQ(refused.error().status, 400);
    EXPECT_EQ(refused.error().code, jr::kHeaderMismatch);
    EXPECT_EQ(refused.error().id, "c1");
    EXPECT_EQ(refused.error().message, message);
  };
  expect_mismatch("Header mismatch: MCP-Protocol-Version header is missing");
  headers.protocol_version = "2025-11-25";
  expect_mismatch("Header mismatch: MCP-Protocol-Version header does not match _meta");
  headers.protocol_version = "2026-07-28";
  expect_mismatch("Header mismatch: Mcp-Method header is missing");
  headers.method = "tools/list";
  expect_mismatch("Header mismatch: Mcp-Method does not match the body's method");
  headers.method = "tools/call";
  expect_mismatch("Header mismatch: Mcp-Name header is missing");
  headers.name = "other";
  expect_mismatch("Header mismatch: Mcp-Name does not match params.name");
  headers.name = "echo";
  auto post = read_post(headers, body);
  ASSERT_TRUE(post);
  EXPECT_TRUE(post->stateless);
  EXPECT_FALSE(post->is_initialize);
}

TEST(HttpRequestRules, TheModernVersionHeaderAloneMakesARequestStateless) {
  PostHeaders headers = json_post();
  headers.protocol_version = "2026-07-28";
  headers.method = "initialize";
  auto post = read_post(headers, R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})");
  ASSERT_TRUE(post);
  EXPECT_TRUE(post->stateless);
  EXPECT_FALSE(post->is_initialize);  // no session is opened for it
}

TEST(HttpRequestRules, StatelessStatusFollowsTheErrorCode) {
  auto status_of = [](int code) { return status_for_stateless(jr::make_error(1, code, "x").dump()); };
  EXPECT_EQ(status_for_stateless(jr::make_result(1, Json::object()).dump()), 200);
  EXPECT_EQ(status_of(jr::kMethodNotFound), 404);
  for (int code : {jr::kInvalidParams, jr::kInvalidRequest, jr::kParseError, jr::kHeaderMismatch,
                   jr::kMissingClientCapability, jr::kUnsupportedProtocolVersion}) {
    EXPECT_EQ(status_of(code), 400) << code;
  }
  EXPECT_EQ(status_of(jr::kInternalError), 500);
  EXPECT_EQ(status_of(-32099), 200);
  // A result that merely mentions "error" is a result.
  EXPECT_EQ(status_for_stateless(jr::make_result(1, Json{{"error", 1}}).dump()), 200);
}

TEST(HttpRequestRules, SmallPredicates) {
  EXPECT_TRUE(accepts_event_stream(""));
  EXPECT_TRUE(accepts_event_stream("Text/Event-Stream"));
  EXPECT_TRUE(accepts_event_stream("*/*"));
  EXPECT_FALSE(accepts_event_stream("application/json"));
  EXPECT_TRUE(is_error_response(jr::make_error(1, jr::kInternalError, "x").dump()));
  EXPECT_FALSE(is_error_response(jr::make_result(1, Json::object()).dump()));
  EXPECT_EQ(trimmed(" \tab c\t "), "ab c");
}

}  // namespace
}  // namespace mcp::http_transport

// Tests of resumable SSE streams in the Streamable HTTP transport (2025-11-25 sessions): the
// priming event, event ids, a handler closing its stream mid-call (SEP-1699 polling) and the
// client resuming with GET + Last-Event-ID, replay, the 4xx answers for ids that cannot be
// resumed, the bounded event log, and which disconnects cancel a request. Real loopback HTTP.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "http_raw_client.hpp"
#include "mcp/server.hpp"
#include "mcp/transport/http.hpp"

namespace {

using mcp::Json;
using mcp_test::final_message;
using mcp_test::get_text;
using mcp_test::HttpReply;
using mcp_test::parse_sse;
using mcp_test::post_text;
using mcp_test::RawClient;
using mcp_test::SseEvent;
using namespace std::chrono_literals;

/// The "gated" tool: progress 1, optionally close_stream, wait for the test's release (or
/// cancellation), then progress 2, a log message and the result.
std::atomic<bool> g_release{false};
std::atomic<bool> g_gated_started{false};
std::atomic<bool> g_gated_saw_cancel{false};

bool wait_for(const std::atomic<bool>& flag, std::chrono::milliseconds limit = 5s) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!flag && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(2ms);
  return flag;
}

mcp::ToolRegistry resume_tools() {
  mcp::ToolRegistry tools;
  mcp::Tool gated;
  gated.name = "gated";
  gated.title = "Gated";
  gated.description = "Reports progress, may close its stream, waits for the test, then answers";
  gated.input_schema = Json{{"type", "object"}, {"properties", {{"close", {{"type", "boolean"}}}}}};
  gated.output_schema = Json{{"type", "object"}};
  gated.handler = [](const Json& args, mcp::ToolContext& context) {
    context.progress(1, 2, "before");
    if (args.value("close", false)) context.close_stream();
    g_gated_started = true;
    const auto until = std::chrono::steady_clock::now() + 5s;
    while (!g_release && std::chrono::steady_clock::now() < until) {
      if (context.cancel.cancelled()) {
        g_gated_saw_cancel = true;
        return mcp::ToolOutcome::error("cancelled");
      }
      std::this_thread::sleep_for(2ms);
    }
    context.progress(2, 2, "after");
    context.log(mcp::LogLevel::kWarning, "after the close");
    return mcp::ToolOutcome::ok(Json{{"done", true}});
  };
  tools.add(gated);

  mcp::Tool chatty;
  chatty.name = "chatty";
  chatty.title = "Chatty";
  chatty.description = "Reports progress `count` times, then answers";
  chatty.input_schema = Json{{"type", "object"}, {"properties", {{"count", {{"type", "integer"}}}}}};
  chatty.output_schema = Json{{"type", "object"}};
  chatty.handler = [](const Json& args, mcp::ToolContext& context) {
    const int count = args.value("count", 3);
    for (int i = 1; i <= count; ++i) context.progress(i, count, "step");
    return mcp::ToolOutcome::ok(Json{{"steps", count}});
  };
  tools.add(chatty);
  return tools;
}

Json initialize(const std::string& version) {
  return Json{{"jsonrpc", "2.0"},
              {"id", 1},
              {"method", "initialize"},
              {"params",
               {{"protocolVersion", version},
                {"capabilities", Json::object()},
                {"clientInfo", {{"name", "http_resume_test"}, {"version", "1"}}}}}};
}

Json call(int id, const std::string& tool, Json arguments = Json::object()) {
  return Json{{"jsonrpc", "2.0"},
              {"id", id},
              {"method", "tools/call"},
              {"params", {{"name", tool}, {"arguments", std::move(arguments)}, {"_meta", {{"progressToken", "tok"}}}}}};
}

/// "<stream>-<seq>" split, for checking id order.
std::pair<long, long> split_id(const std::string& id) {
  const auto dash = id.find('-');
  return {std::stol(id.substr(0, dash)), std::stol(id.substr(dash + 1))};
}

bool is_progress(const SseEvent& e, double value) {
  const Json m = Json::parse(e.data, nullptr, false);
  return m.is_object() && m.value("method", "") == "notifications/progress" && m["params"]["progress"] == value;
}

class HttpResume : public ::testing::Test {
 protected:
  void start(mcp::HttpOptions options = {}) {
    g_release = false;
    g_gated_started = false;
    g_gated_saw_cancel = false;
    options.host = "127.0.0.1";
    options.port = 0;
    server_ = std::make_unique<mcp::Server>(mcp::ServerInfo{"resume-test", "", "1.0", "", ""}, resume_tools());
    auto started = mcp::HttpServer::start(*server_, std::move(options));
    ASSERT_TRUE(started) << started.error().message;
    http_ = std::move(*started);
  }
  void TearDown() override {
    g_release = true;
    if (http_) http_->stop();
  }

  HttpReply request(const std::string& raw) {
    RawClient client(http_->port());
    EXPECT_TRUE(client.connected());
    client.send_raw(raw);
    return client.read_reply();
  }
  HttpReply post(const Json& body, std::string accept = "application/json, text/event-stream") {
    return request(post_text(body.dump(), {{"Mcp-Session-Id", session_}}, std::move(accept)));
  }
  HttpReply resume(const std::string& last_event_id) {
    return request(get_text({{"Mcp-Session-Id", session_}, {"Last-Event-ID", last_event_id}}));
  }
  void open_session(const std::string& version = "2025-11-25") {
    auto reply = request(post_text(initialize(version).dump(), {}));
    ASSERT_EQ(reply.status, 200);
    EXPECT_EQ(reply.headers["content-type"], "application/json");  // initialize is answered at once
    session_ = reply.headers["mcp-session-id"];
    ASSERT_FALSE(session_.empty());
    // Log messages are sent once the client has asked for them.
    auto level = post(Json{{"jsonrpc", "2.0"}, {"id", 2}, {"method", "logging/setLevel"}, {"params", {{"level", "info"}}}});
    ASSERT_EQ(level.status, 200);
  }

  std::string session_;
  std::unique_ptr<mcp::Server> server_;
  std::unique_ptr<mcp::HttpServer> http_;
};

TEST_F(HttpResume, EveryRequestIsAStreamThatStartsWithAPrimingEvent) {
  mcp::HttpOptions options;
  options.sse_retry = 250ms;
  start(options);
  open_session();
  auto reply = post(call(3, "chatty", {{"count", 2}}));
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.headers["content-type"], "text/event-stream");
  const auto events = parse_sse(reply.body);
  ASSERT_EQ(events.size(), 4u) << reply.body;  // priming, progress 1, progress 2, response
  ASSERT_TRUE(events[0].id.has_value());
  EXPECT_EQ(events[0].retry, "250");
  EXPECT_TRUE(events[0].data.empty());
  for (std::size_t i = 1; i < events.size(); ++i) {
    ASSERT_TRUE(events[i].id.has_value()) << i;
    EXPECT_EQ(split_id(*events[i].id).first, split_id(*events[0].id).first);  // one stream
    EXPECT_GT(split_id(*events[i].id).second, split_id(*events[i - 1].id).second);
    EXPECT_FALSE(events[i].retry.has_value());
  }
  EXPECT_EQ(Json::parse(events.back().data)["result"]["structuredContent"]["steps"], 2);

  // A request that sends nothing before its response is a stream too; its ids are new.
  auto listed = post(Json{{"jsonrpc", "2.0"}, {"id", 4}, {"method", "tools/list"}});
  EXPECT_EQ(listed.headers["content-type"], "text/event-stream");
  const auto list_events = parse_sse(listed.body);
  ASSERT_EQ(list_events.size(), 2u) << listed.body;
  EXPECT_TRUE(list_events[0].data.empty());
  EXPECT_NE(split_id(*list_events[0].id).first, split_id(*events[0].id).first);
  EXPECT_EQ(final_message(listed)["result"]["tools"].size(), 2u);

  // A client that accepts only JSON still gets plain JSON.
  auto json_only = post(Json{{"jsonrpc", "2.0"}, {"id", 5}, {"method", "tools/list"}}, "application/json");
  EXPECT_EQ(json_only.headers["content-type"], "application/json");
  EXPECT_EQ(Json::parse(json_only.body)["id"], 5);
}

TEST_F(HttpResume, OlderSessionsGetNoPrimingEvent) {
  start();
  open_session("2025-06-18");
  auto listed = post(Json{{"jsonrpc", "2.0"}, {"id", 3}, {"method", "tools/list"}});
  EXPECT_EQ(listed.headers["content-type"], "application/json");
  auto streamed = post(call(4, "chatty", {{"count", 1}}));
  ASSERT_EQ(streamed.headers["content-type"], "text/event-stream");
  for (const auto& e : parse_sse(streamed.body)) {
    EXPECT_FALSE(e.data.empty());
    EXPECT_FALSE(e.id.has_value());
  }
}

TEST_F(HttpResume, HandlerClosesTheStreamAndTheClientResumesWithGet) {
  start();
  open_session();
  // The POST stream ends right after what the call sent before close_stream.
  auto first = post(call(3, "gated", {{"close", true}}));
  ASSERT_EQ(first.status, 200);
  const auto before = parse_sse(first.body);
  ASSERT_EQ(before.size(), 2u) << first.body;  // priming, progress 1; no response
  EXPECT_TRUE(before[0].data.empty());
  EXPECT_TRUE(is_progress(before[1], 1));
  ASSERT_TRUE(wait_for(g_gated_started));

  // The GET attaches while the call still runs, then follows it to the end.
  RawClient client(http_->port());
  client.send_raw(get_text({{"Mcp-Session-Id", session_}, {"Last-Event-ID", *before.back().id}}));
  const std::string head = client.read_until("\r\n\r\n");
  ASSERT_NE(head.find("200 OK"), std::string::npos) << head;
  g_release = true;
  auto resumed = client.read_reply();
  ASSERT_EQ(resumed.status, 200);
  EXPECT_EQ(resumed.headers["content-type"], "text/event-stream");
  const auto after = parse_sse(resumed.body);
  ASSERT_EQ(after.size(), 3u) << resumed.body;  // progress 2, the log message, the response
  EXPECT_TRUE(is_progress(after[0], 2));
  EXPECT_EQ(Json::parse(after[1].data)["method"], "notifications/message");
  const Json response = Json::parse(after[2].data);
  EXPECT_EQ(response["id"], 3);
  EXPECT_EQ(response["result"]["structuredContent"]["done"], true);
  EXPECT_GT(split_id(*after[0].id).second, split_id(*before.back().id).second);
  EXPECT_FALSE(g_gated_saw_cancel);  // the server's close did not cancel the call
}

TEST_F(HttpResume, GetReplaysTheEventsAfterTheGivenId) {
  start();
  open_session();
  auto reply = post(call(3, "chatty", {{"count", 3}}));
  const auto events = parse_sse(reply.body);
  ASSERT_EQ(events.size(), 5u) << reply.body;  // priming, 3 progress, response

  auto replay = resume(*events[1].id);
  ASSERT_EQ(replay.status, 200);
  const auto replayed = parse_sse(replay.body);
  ASSERT_EQ(replayed.size(), 3u) << replay.body;
  for (std::size_t i = 0; i < replayed.size(); ++i) {
    EXPECT_EQ(replayed[i].id, events[i + 2].id);
    EXPECT_EQ(replayed[i].data, events[i + 2].data);
  }
  // From the priming event: everything; from the response: nothing left, the stream just ends.
  EXPECT_EQ(parse_sse(resume(*events[0].id).body).size(), 4u);
  auto at_end = resume(*events.back().id);
  EXPECT_EQ(at_end.status, 200);
  EXPECT_TRUE(parse_sse(at_end.body).empty());
  // An event this stream never sent.
  EXPECT_EQ(resume(std::to_string(split_id(*events[0].id).first) + "-999").status, 400);
}

TEST_F(HttpResume, IdsThatCannotBeResumedGetA4xxJsonRpcError) {
  mcp::HttpOptions options;
  options.sse_replay_grace = 0ms;  // a delivered stream is dropped at the next look
  start(options);
  open_session();
  auto reply = post(call(3, "chatty", {{"count", 1}}));
  const auto events = parse_sse(reply.body);
  ASSERT_FALSE(events.empty());
  const long stream = split_id(*events[0].id).first;

  auto expect_error = [](const HttpReply& r, int status) {
    EXPECT_EQ(r.status, status);
    EXPECT_EQ(r.headers.at("content-type"), "application/json");
    const Json body = Json::parse(r.body, nullptr, false);
    EXPECT_TRUE(body.is_object() && body.contains("error")) << r.body;
  };
  expect_error(resume("garbage"), 400);
  expect_error(resume(std::to_string(stream + 100) + "-0"), 400);   // a stream never opened
  expect_error(resume(*events[0].id), 410);                         // delivered, grace over: dropped
  // Without Last-Event-ID there is no standalone stream; an unknown session is 404.
  EXPECT_EQ(request(get_text({{"Mcp-Session-Id", session_}})).status, 405);
  EXPECT_EQ(request(get_text({{"Mcp-Session-Id", "nope"}, {"Last-Event-ID", *events[0].id}})).status, 404);
}

TEST_F(HttpResume, TheEventLogIsBounded) {
  mcp::HttpOptions options;
  options.sse_replay_max_events = 3;
  start(options);
  open_session();
  auto reply = post(call(3, "chatty", {{"count", 8}}));
  const auto events = parse_sse(reply.body);
  ASSERT_EQ(events.size(), 10u) << reply.body;  // a live reader gets them all: priming, 8 progress, response
  // Only the last three events are kept: resuming before them is 410, within them works.
  const std::size_t n = events.size();
  EXPECT_EQ(resume(*events[n - 5].id).status, 410);
  auto kept = resume(*events[n - 4].id);
  ASSERT_EQ(kept.status, 200);
  const auto replayed = parse_sse(kept.body);
  ASSERT_EQ(replayed.size(), 3u);
  EXPECT_EQ(replayed.back().id, events.back().id);
}

TEST_F(HttpResume, AByteCapBelowOneEventStillKeepsTheResponse) {
  mcp::HttpOptions options;
  options.sse_replay_max_bytes = 1;
  start(options);
  open_session();
  // Nobody reads while the call finishes: progress 1 | close | progress 2, log, response.
  const auto before = parse_sse(post(call(4, "gated", {{"close", true}})).body);
  ASSERT_EQ(before.size(), 2u);
  const std::string stream = std::to_string(split_id(*before[0].id).first);
  g_release = true;
  HttpReply last;
  for (int i = 0; i < 200; ++i) {  // until the response (event 4) is logged
    last = resume(stream + "-3");
    if (last.status != 400) break;
    std::this_thread::sleep_for(5ms);
  }
  ASSERT_EQ(last.status, 200);
  EXPECT_EQ(final_message(last)["id"], 4);
  EXPECT_EQ(resume(*before[1].id).status, 410);  // progress 2 and the log message were evicted
}

TEST_F(HttpResume, ClientClosingAResumableStreamDoesNotCancel) {
  start();
  open_session();
  RawClient client(http_->port());
  client.send_raw(post_text(call(3, "gated").dump(), {{"Mcp-Session-Id", session_}}));
  const std::string seen = client.read_until("notifications/progress");
  ASSERT_NE(seen.find("text/event-stream"), std::string::npos) << seen;
  ASSERT_TRUE(wait_for(g_gated_started));
  client.close();
  std::this_thread::sleep_for(100ms);
  EXPECT_FALSE(g_gated_saw_cancel);
  // The priming id is in what was read; resume from it and get the rest.
  const auto id_at = seen.find("id: ");
  ASSERT_NE(id_at, std::string::npos);
  const std::string priming_id = seen.substr(id_at + 4, seen.find('\n', id_at) - id_at - 4);
  g_release = true;
  auto resumed = resume(priming_id);
  ASSERT_EQ(resumed.status, 200);
  EXPECT_EQ(final_message(resumed)["result"]["structuredContent"]["done"], true);
  EXPECT_FALSE(g_gated_saw_cancel);
}

TEST_F(HttpResume, ClientClosingAJsonResponseStillCancels) {
  start();
  open_session();
  RawClient client(http_->port());
  client.send_raw(post_text(call(3, "gated").dump(), {{"Mcp-Session-Id", session_}}, "application/json"));
  ASSERT_TRUE(wait_for(g_gated_started));
  client.close();
  EXPECT_TRUE(wait_for(g_gated_saw_cancel, 2s));
}

TEST_F(HttpResume, ASecondReaderOfALiveStreamIsAConflict) {
  start();
  open_session();
  RawClient client(http_->port());
  client.send_raw(post_text(call(3, "gated").dump(), {{"Mcp-Session-Id", session_}}));
  const std::string seen = client.read_until("notifications/progress");
  const auto id_at = seen.find("id: ");
  ASSERT_NE(id_at, std::string::npos);
  const std::string priming_id = seen.substr(id_at + 4, seen.find('\n', id_at) - id_at - 4);
  EXPECT_EQ(resume(priming_id).status, 409);  // the POST still delivers it
  g_release = true;
  client.read_until("\r\n0\r\n\r\n");
}

TEST_F(HttpResume, DeletingTheSessionEndsAResumedStream) {
  start();
  open_session();
  const auto before = parse_sse(post(call(3, "gated", {{"close", true}})).body);
  ASSERT_EQ(before.size(), 2u);
  RawClient client(http_->port());
  client.send_raw(get_text({{"Mcp-Session-Id", session_}, {"Last-Event-ID", *before.back().id}}));
  ASSERT_NE(client.read_until("\r\n\r\n").find("200 OK"), std::string::npos);
  auto deleted = request("DELETE /mcp HTTP/1.1\r\nHost: localhost\r\nMcp-Session-Id: " + session_ + "\r\n\r\n");
  EXPECT_EQ(deleted.status, 200);
  const auto start = std::chrono::steady_clock::now();
  auto ended = client.read_reply();  // ends cleanly at once: the cancelled call never answers
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_EQ(ended.status, 200);
  EXPECT_TRUE(parse_sse(ended.body).empty()) << ended.body;
  EXPECT_TRUE(wait_for(g_gated_saw_cancel, 2s));
}

}  // namespace

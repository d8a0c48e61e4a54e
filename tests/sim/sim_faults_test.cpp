// Fault injection through POST/DELETE /_sim/faults and Simulator::faults(), plus request stats.
#include <chrono>
#include <future>
#include <thread>

#include "sim_test_support.hpp"

namespace sim::testing {
namespace {

using FaultTest = SimFixture;
using Clock = std::chrono::steady_clock;

TEST_F(FaultTest, LatencyIsPerRequestAndConcurrentRequestsOverlap) {
  const std::string t = token();
  ASSERT_EQ(control("POST", "/_sim/faults", R"({"latency_ms": 300})").status, 200);
  auto start = Clock::now();
  std::vector<std::future<int>> calls;
  for (int i = 0; i < 6; ++i) {
    calls.push_back(std::async(std::launch::async, [&] {
      auto c = make_client();
      auto res = c->Get("/api/Status", httplib::Headers{{"Authorization", "Bearer " + t}});
      return res ? res->status : -1;
    }));
  }
  for (auto& c : calls) EXPECT_EQ(c.get(), 200);
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  EXPECT_GE(elapsed, 300);
  EXPECT_LT(elapsed, 1200) << "6 delayed requests must overlap, not queue";
  EXPECT_GE(sim_->stats().max_concurrent_in_flight, 4);
}

TEST_F(FaultTest, StatusForOnePath) {
  ASSERT_EQ(control("POST", "/_sim/faults", R"({"status_for": {"/api/ClientContract": 403}})").status, 200);
  EXPECT_EQ(api("/api/ClientContract").status, 403);
  EXPECT_EQ(api("/api/clientcontract/1").status, 403);
  EXPECT_EQ(api("/api/Client").status, 200);
  ASSERT_EQ(control("DELETE", "/_sim/faults").status, 200);
  EXPECT_EQ(api("/api/ClientContract").status, 200);
}

TEST_F(FaultTest, RateLimitWithAndWithoutRetryAfter) {
  api("/api/Status");  // token first
  ASSERT_EQ(control("POST", "/_sim/faults", R"({"rate_limit": {"every_n": 2, "retry_after_s": 1}})").status, 200);
  Reply a = api("/api/Status"), b = api("/api/Status");
  EXPECT_EQ(a.status, 200);
  ASSERT_EQ(b.status, 429);
  EXPECT_EQ(b.headers.find("Retry-After")->second, "1");
  ASSERT_EQ(control("POST", "/_sim/faults", R"({"rate_limit": {"every_n": 1, "retry_after_s": null}})").status, 200);
  Reply c = api("/api/Status");
  EXPECT_EQ(c.status, 429);
  EXPECT_EQ(c.headers.count("Retry-After"), 0u);
}

// Per URL the first of every n is refused whatever else is in flight: the retry of a refused
// request is answered, so a storm drill converges by rule, not by scheduling luck.
TEST_F(FaultTest, RateLimitPerUrlRefusesEachDistinctRequestOnceThenAnswersItsRetry) {
  api("/api/Status");
  ASSERT_EQ(control("POST", "/_sim/faults", R"({"rate_limit": {"every_n": 2, "per_url": true}})").status, 200);
  // /api/Client?page_no=1: 1st refused, 2nd answered; page_no=2 is another URL: refused first.
  EXPECT_EQ(api("/api/Client?page_no=1").status, 429);
  EXPECT_EQ(api("/api/Client?page_no=2").status, 429);
  EXPECT_EQ(api("/api/Client?page_no=1").status, 200);
  EXPECT_EQ(api("/api/Client?page_no=2").status, 200);
  EXPECT_EQ(api("/api/Client?page_no=1").status, 429) << "the 3rd is the first of the next pair";
  EXPECT_EQ(control("GET", "/_sim/faults").json["rate_limit"]["per_url"], true);
}

// Halo's own limit: a rolling window over every /api request of the tenant. With 3 per 1 s:
// requests 1-3 are answered, the 4th and 5th refused (not counted), and once the first three are
// more than 1 s old, three more are answered.
TEST_F(FaultTest, RollingWindowLimitRefusesBeyondItsBudgetAndFreesAsTheWindowMoves) {
  api("/api/Status");  // the token, and a request before the window is on
  ASSERT_EQ(control("POST", "/_sim/faults", R"({"rate_limit": {"window_max": 3, "window_s": 1}})").status, 200);
  const auto start = Clock::now();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(api("/api/Status").status, 200) << i;
  Reply refused = api("/api/Status");
  ASSERT_EQ(refused.status, 429);
  // The oldest counted request arrived less than 1 s ago: a place frees within 1 s (ceil).
  EXPECT_EQ(refused.headers.find("Retry-After")->second, "1");
  EXPECT_EQ(api("/api/Status").status, 429);
  std::this_thread::sleep_until(start + std::chrono::milliseconds(1100));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(api("/api/Status").status, 200) << "after the window moved, " << i;
  EXPECT_EQ(api("/api/Status").status, 429);
  const auto state = control("GET", "/_sim/faults").json["rate_limit"];
  EXPECT_EQ(state["window_peak"], 3) << "never more than the budget inside the window";
  EXPECT_EQ(state["window_refusals"], 3);  // two before the wait, one after
  EXPECT_EQ(control("POST", "/_sim/faults", R"({"rate_limit": {"window_max": 3}})").status, 400)
      << "a window needs its length";
}

TEST_F(FaultTest, Fail5xxCountsDown) {
  api("/api/Status");
  ASSERT_EQ(control("POST", "/_sim/faults", R"({"fail_5xx": {"count": 2, "status": 503}})").status, 200);
  EXPECT_EQ(api("/api/Status").status, 503);
  EXPECT_EQ(api("/api/Status").status, 503);
  EXPECT_EQ(api("/api/Status").status, 200);
}

TEST_F(FaultTest, MalformedBodyIs200ButNotJson) {
  api("/api/Status");
  ASSERT_EQ(control("POST", "/_sim/faults", R"({"malformed_body": {"path": "/api/Invoice", "count": 1}})").status, 200);
  EXPECT_TRUE(api("/api/Client").json.is_object());
  Reply bad = api("/api/Invoice");
  EXPECT_EQ(bad.status, 200);
  EXPECT_TRUE(bad.json.is_null());
  EXPECT_TRUE(api("/api/Invoice").json.is_object());
  ASSERT_EQ(control("POST", "/_sim/faults", R"({"malformed_body": {"count": 1, "kind": "html"}})").status, 200);
  Reply html = api("/api/Invoice");
  EXPECT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("<html>"), std::string::npos);
}

TEST_F(FaultTest, TruncatedBodyFailsTheTransfer) {
  api("/api/Status");
  ASSERT_EQ(control("POST", "/_sim/faults", R"({"truncate_body": {"count": 1}})").status, 200);
  Reply cut = api("/api/Invoice");
  EXPECT_TRUE(cut.status == -1 || cut.json.is_null()) << "a short body must not parse";
  client_ = make_client();
  EXPECT_EQ(api("/api/Invoice").status, 200);
}

TEST_F(FaultTest, StallPausesMidBody) {
  api("/api/Status");
  ASSERT_TRUE(sim_->faults().apply_json(util::Json{{"stall_ms", 300}}));
  auto start = Clock::now();
  Reply r = api("/api/Invoice");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.json.is_object());
  EXPECT_GE(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count(), 290);
}

TEST_F(FaultTest, ExtraAndFewerItemsBreakRecordCountPromise) {
  Reply normal = api("/api/Tickets?pageinate=true&page_size=10&page_no=1");
  ASSERT_EQ(control("POST", "/_sim/faults", R"({"extra_items": 3})").status, 200);
  Reply more = api("/api/Tickets?pageinate=true&page_size=10&page_no=1");
  EXPECT_EQ(more.json["tickets"].size(), 13u);
  EXPECT_EQ(more.json["record_count"], normal.json["record_count"]);
  ASSERT_EQ(control("POST", "/_sim/faults", R"({"extra_items": null, "fewer_items": {"count": 4, "path": "/api/Tickets"}})").status, 200);
  EXPECT_EQ(api("/api/Tickets?pageinate=true&page_size=10&page_no=1").json["tickets"].size(), 6u);
  EXPECT_EQ(api("/api/Client?pageinate=true&page_size=10&page_no=1").json["clients"].size(), 10u);
}

TEST_F(FaultTest, TokenEndpointDown) {
  ASSERT_EQ(control("POST", "/_sim/faults", R"({"token_endpoint_down": true})").status, 200);
  EXPECT_EQ(post_token("grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret&scope=all").status, 503);
}

TEST_F(FaultTest, UnknownFaultIsRejected) {
  EXPECT_EQ(control("POST", "/_sim/faults", R"({"latencyms": 5})").status, 400);
  EXPECT_EQ(control("POST", "/_sim/faults", "not json").status, 400);
}

TEST_F(FaultTest, StatsCountRequestsPerPathButNotControlCalls) {
  token();
  api("/api/Invoice");
  api("/api/Invoice?page_no=2");
  api("/api/Invoice/5");
  control("GET", "/_sim/faults");
  Reply stats = control("GET", "/_sim/stats");
  EXPECT_EQ(stats.json["token_requests"], 2);
  EXPECT_EQ(stats.json["requests_total"], 5);
  EXPECT_EQ(stats.json["per_path"]["/api/Invoice"], 2);
  EXPECT_EQ(stats.json["per_path"]["/api/Invoice/{id}"], 1);
  EXPECT_EQ(stats.json["per_path"]["/auth/token"], 2);
  control("DELETE", "/_sim/stats");
  EXPECT_EQ(sim_->stats().requests_total, 0u);
}

}  // namespace
}  // namespace sim::testing

// The rolling-window rate limiter (waits, cancellable, deadline-aware) and the list-page cache
// (hits avoid requests and are counted; TTL 0 disables it).
#include <gtest/gtest.h>

#include "fake_server.hpp"
#include "halo/client.hpp"

namespace {

using namespace halo_test;

struct CountingServer {
  CountingServer() {
    server.add_token_endpoint();
    server.http().Get(R"(/api/Tickets.*)", [this](const httplib::Request&, httplib::Response& res) {
      ++hits;
      res.set_content(page_body("tickets", 1, 2, 2), "application/json");
    });
    server.start();
  }
  std::atomic<int> hits{0};
  // Declared last so it is destroyed first: its handler threads stop before the state they touch dies.
  FakeServer server;
};

TEST(Limiter, SixthRequestInAWindowOfFiveWaits) {
  CountingServer counting;
  auto config = test_config(counting.server);
  config.rate_limit_requests = 5;
  config.rate_limit_window = std::chrono::seconds(1);
  halo::Client client(config);
  const auto start = Clock::now();
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(client.get("Tickets", {}, {}));
  EXPECT_LT(ms_since(start), 900) << "the five that fit were delayed";
  ASSERT_TRUE(client.get("Tickets", {}, {}));
  // The first place frees 1 s after the first answer, which came after `start`.
  EXPECT_GE(ms_since(start), 1000);
  EXPECT_LT(ms_since(start), 3000);
  EXPECT_EQ(counting.hits.load(), 6);
}

TEST(Limiter, WaitPastDeadlineIsRateLimitedAtOnce) {
  CountingServer counting;
  auto config = test_config(counting.server);
  config.rate_limit_requests = 2;
  config.rate_limit_window = std::chrono::seconds(60);
  halo::Client client(config);
  ASSERT_TRUE(client.get("Tickets", {}, {}));
  ASSERT_TRUE(client.get("Tickets", {}, {}));
  halo::CallOptions options;
  options.deadline = Clock::now() + 5s;
  const auto start = Clock::now();
  auto doc = client.get("Tickets", {}, options);
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kRateLimited);
  EXPECT_NE(doc.error().message.find("rate limit"), std::string::npos);
  EXPECT_EQ(doc.error().endpoint, "/api/Tickets");
  EXPECT_LT(ms_since(start), 2000) << "it waited for the 5 s deadline instead of failing at once";
  EXPECT_EQ(counting.hits.load(), 2);
}

TEST(Limiter, WaitIsCancellable) {
  CountingServer counting;
  auto config = test_config(counting.server);
  config.rate_limit_requests = 1;
  config.rate_limit_window = std::chrono::seconds(10);  // inside the 20 s call deadline: it waits
  halo::Client client(config);
  ASSERT_TRUE(client.get("Tickets", {}, {}));
  util::CancellationSource source;
  std::thread canceller([&] {
    std::this_thread::sleep_for(100ms);
    source.cancel();
  });
  const auto start = Clock::now();
  auto doc = client.get("Tickets", {}, {source.token()});
  canceller.join();
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kCancelled);
  EXPECT_LT(ms_since(start), 3000) << "the 10 s window was waited out";
}

TEST(Cache, HitAvoidsARequestAndIsCounted) {
  CountingServer counting;
  auto config = test_config(counting.server);
  config.cache_ttl = std::chrono::seconds(60);
  halo::Client client(config);
  auto first = client.list_page("Tickets", {{"client_id", "3"}}, "tickets", 1, 25, {});
  auto second = client.list_page("Tickets", {{"client_id", "3"}}, "tickets", 1, 25, {});
  ASSERT_TRUE(first && second);
  EXPECT_FALSE(first->from_cache);
  EXPECT_TRUE(second->from_cache);
  EXPECT_EQ(second->items.size(), 2u);
  EXPECT_EQ(second->record_count, 2);
  EXPECT_EQ(counting.hits.load(), 1);
  EXPECT_EQ(client.stats().cache_hits, 1u);

  // A different query is a different page; use_cache=false goes upstream.
  ASSERT_TRUE(client.list_page("Tickets", {{"client_id", "4"}}, "tickets", 1, 25, {}));
  EXPECT_EQ(counting.hits.load(), 2);
  halo::CallOptions fresh;
  fresh.use_cache = false;
  auto bypass = client.list_page("Tickets", {{"client_id", "3"}}, "tickets", 1, 25, fresh);
  ASSERT_TRUE(bypass);
  EXPECT_FALSE(bypass->from_cache);
  EXPECT_EQ(counting.hits.load(), 3);
}

TEST(Cache, ForEachPageReportsCacheHits) {
  CountingServer counting;
  auto config = test_config(counting.server);
  config.cache_ttl = std::chrono::seconds(60);
  halo::Client client(config);
  auto visit = [](const halo::ListPage&) { return halo::Visit::kContinue; };
  auto first = client.for_each_page("Tickets", {}, "tickets", {}, visit);
  auto second = client.for_each_page("Tickets", {}, "tickets", {}, visit);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->requests, 1);
  EXPECT_EQ(first->cache_hits, 0);
  EXPECT_EQ(second->requests, 0);
  EXPECT_EQ(second->cache_hits, 1);
  EXPECT_EQ(second->records, 2);
}

TEST(Cache, ZeroTtlDisablesIt) {
  CountingServer counting;
  auto config = test_config(counting.server);
  config.cache_ttl = std::chrono::seconds(0);
  halo::Client client(config);
  ASSERT_TRUE(client.list_page("Tickets", {}, "tickets", 1, 25, {}));
  ASSERT_TRUE(client.list_page("Tickets", {}, "tickets", 1, 25, {}));
  EXPECT_EQ(counting.hits.load(), 2);
  EXPECT_EQ(client.stats().cache_hits, 0u);
}

TEST(Cache, SingleRecordsAreNotCached) {
  CountingServer counting;
  auto config = test_config(counting.server);
  config.cache_ttl = std::chrono::seconds(60);
  halo::Client client(config);
  ASSERT_TRUE(client.get("Tickets/1", {}, {}));
  ASSERT_TRUE(client.get("Tickets/1", {}, {}));
  EXPECT_EQ(counting.hits.load(), 2);
}

}  // namespace

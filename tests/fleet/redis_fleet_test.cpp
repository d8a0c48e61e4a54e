// halo::Fleet on a real redis-server: the shared window (places in flight, settled, given back),
// the shared 429 pause, the shared page cache with its TTL and bounds, and what happens when Redis
// is not there, stops answering, and comes back. Then RateBudget on top: two "replicas" sharing
// one window never exceed it together, and alone each keeps to its share.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "fleet/redis_address.hpp"
#include "fleet/redis_fleet.hpp"
#include "halo/errors.hpp"
#include "halo/rate_budget.hpp"
#include "support/redis_server.hpp"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using halo::Fleet;
using testsupport::RedisServer;

fleet::RedisFleetOptions options_for(std::uint16_t port, const std::string& tenant = "tenant-a",
                                     const std::string& client = "client-1") {
  fleet::RedisFleetOptions options;
  options.address = fleet::RedisAddress{"127.0.0.1", port, 0};
  options.timeout = 250ms;
  options.budget_namespace = "test:" + tenant;
  options.cache_namespace = "test:" + tenant + "|" + client;
  options.max_page_bytes = 1000;
  return options;
}

long long ms(std::chrono::milliseconds d) { return d.count(); }

TEST(RedisAddress, ParsesHostPortAndDatabaseAndRefusesPasswords) {
  auto full = fleet::parse_redis_url("redis://10.0.0.5:6380/2");
  ASSERT_TRUE(full) << full.error().message;
  EXPECT_EQ(full->host, "10.0.0.5");
  EXPECT_EQ(full->port, 6380);
  EXPECT_EQ(full->db, 2);
  auto bare = fleet::parse_redis_url("redis://redis");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->describe(), "redis:6379/0");
  auto v6 = fleet::parse_redis_url("redis://[::1]:7000");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 7000);

  const std::pair<const char*, const char*> bad[] = {
      {"http://redis:6379", "the scheme must be redis://"},
      {"rediss://redis:6379", "TLS (rediss://) is not supported"},
      {"redis://:hunter2@redis:6379", "no user or password in the URL"},
      {"redis://redis:0", "the port must be a number from 1 to 65535"},
      {"redis://redis:6379/x", "the database must be a number"},
      {"redis://", "no host"},
  };
  for (const auto& [url, why] : bad) {
    auto parsed = fleet::parse_redis_url(url);
    ASSERT_FALSE(parsed) << url;
    EXPECT_EQ(parsed.error().kind, util::ErrorKind::kConfig);
    EXPECT_EQ(parsed.error().message.rfind("HALO_MCP_REDIS_URL: ", 0), 0u) << parsed.error().message;
    EXPECT_NE(parsed.error().message.find(why), std::string::npos) << parsed.error().message;
    EXPECT_EQ(parsed.error().message.find("hunter2"), std::string::npos) << "a password must never be echoed";
  }
}

TEST(RedisFleet, WindowCountsPlacesInFlightAndSettledAndGivesBackUnsentOnes) {
  RedisServer redis;
  fleet::RedisFleet fleet(options_for(redis.port()));
  const auto window = 2000ms, hold = 10000ms;
  // Three places of three: a, b, c granted; d finds the window full, with places in flight, so
  // when one frees is unknown.
  for (const char* id : {"a", "b", "c"}) EXPECT_EQ(fleet.reserve(id, 3, window, hold).answer, Fleet::Answer::kGranted) << id;
  auto full = fleet.reserve("d", 3, window, hold);
  EXPECT_EQ(full.answer, Fleet::Answer::kFull);
  EXPECT_FALSE(full.wait.has_value());
  // a and b went out and are over (they count for a window more); c never left (its place comes
  // back): 2 of 3 used, so d fits; then e does not, and nothing is in flight but d.
  fleet.settle("a", true, window);
  fleet.settle("b", true, window);
  fleet.settle("c", false, window);
  EXPECT_EQ(fleet.reserve("d", 3, window, hold).answer, Fleet::Answer::kGranted);
  EXPECT_FALSE(fleet.reserve("e", 3, window, hold).wait.has_value());
  // Once d is over too, the earliest place frees when a (the oldest) leaves: at most 2000 ms
  // after a was settled, which was moments ago.
  fleet.settle("d", true, window);
  auto known = fleet.reserve("e", 3, window, hold);
  EXPECT_EQ(known.answer, Fleet::Answer::kFull);
  ASSERT_TRUE(known.wait.has_value());
  EXPECT_GT(ms(*known.wait), 1000);
  EXPECT_LE(ms(*known.wait), 2000);
  // A second replica sees the same window.
  fleet::RedisFleet other(options_for(redis.port()));
  EXPECT_EQ(other.reserve("f", 3, window, hold).answer, Fleet::Answer::kFull);
  // Another tenant has a window of its own.
  fleet::RedisFleet elsewhere(options_for(redis.port(), "tenant-b"));
  EXPECT_EQ(elsewhere.reserve("g", 3, window, hold).answer, Fleet::Answer::kGranted);
}

TEST(RedisFleet, APlaceNeverSettledLapsesAfterItsHoldAndAWindow) {
  RedisServer redis;
  fleet::RedisFleet fleet(options_for(redis.port()));
  // A replica died holding the only place: it counts for hold (300 ms) + window (300 ms).
  ASSERT_EQ(fleet.reserve("dead", 1, 300ms, 300ms).answer, Fleet::Answer::kGranted);
  EXPECT_EQ(fleet.reserve("x", 1, 300ms, 300ms).answer, Fleet::Answer::kFull);
  std::this_thread::sleep_for(700ms);
  EXPECT_EQ(fleet.reserve("x", 1, 300ms, 300ms).answer, Fleet::Answer::kGranted);
}

TEST(RedisFleet, APauseOneReplicaStartsStopsEveryReplicaAndIsNeverShortened) {
  RedisServer redis;
  fleet::RedisFleet one(options_for(redis.port())), two(options_for(redis.port()));
  one.cool_down(1500ms);
  two.cool_down(200ms);  // shorter: must not cut the first one short
  auto paused = two.reserve("a", 10, 1000ms, 1000ms);
  EXPECT_EQ(paused.answer, Fleet::Answer::kCoolingDown);
  ASSERT_TRUE(paused.wait.has_value());
  EXPECT_GT(ms(*paused.wait), 1000);
  EXPECT_LE(ms(*paused.wait), 1500);
}

TEST(RedisFleet, PagesAreSharedWithTheirTimeLeftPerApiClientAndBounded) {
  RedisServer redis;
  fleet::RedisFleet one(options_for(redis.port())), two(options_for(redis.port()));
  one.store_page("GET /api/Client?page_no=1", "[1,2,3]", 5000ms);
  auto found = two.find_page("GET /api/Client?page_no=1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->body, "[1,2,3]");
  EXPECT_GT(ms(found->ttl_left), 4000);
  EXPECT_LE(ms(found->ttl_left), 5000);
  // Another API client of the same tenant may not be allowed to read it.
  fleet::RedisFleet other_client(options_for(redis.port(), "tenant-a", "client-2"));
  EXPECT_FALSE(other_client.find_page("GET /api/Client?page_no=1").has_value());
  // Bodies over max_page_bytes (1000 here) stay local.
  one.store_page("big", std::string(1001, 'x'), 5000ms);
  EXPECT_FALSE(two.find_page("big").has_value());
  one.store_page("short-lived", "{}", 100ms);
  std::this_thread::sleep_for(300ms);
  EXPECT_FALSE(two.find_page("short-lived").has_value());
}

TEST(RedisFleet, ProbeReportsWhatItReachedOrWhyNot) {
  RedisServer redis;
  fleet::RedisFleet fleet(options_for(redis.port()));
  auto reached = fleet.probe();
  ASSERT_TRUE(reached) << reached.error().message;
  EXPECT_EQ(*reached, "Redis at 127.0.0.1:" + std::to_string(redis.port()) + "/0");
  auto options = options_for(redis.port());
  options.password = "wrong-password-1234";  // the server has none: AUTH is refused
  auto refused = fleet::RedisFleet(options).probe();
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("AUTH refused"), std::string::npos) << refused.error().message;
  EXPECT_EQ(refused.error().message.find("wrong-password-1234"), std::string::npos) << "the password was echoed";
}

TEST(RedisFleet, NoRedisIsUnavailableAtOnce) {
  const std::uint16_t port = testsupport::free_port();
  fleet::RedisFleet fleet(options_for(port));
  const auto start = Clock::now();
  EXPECT_EQ(fleet.reserve("a", 5, 1000ms, 1000ms).answer, Fleet::Answer::kUnavailable);
  EXPECT_FALSE(fleet.find_page("k").has_value());
  fleet.store_page("k", "v", 1000ms);  // nowhere to go: dropped without a fuss
  EXPECT_LT(Clock::now() - start, 2s) << "a refused connection must not be waited on";
}

TEST(RedisFleet, ARedisThatStopsAnsweringCostsAtMostItsTimeoutThenSharingResumes) {
  RedisServer redis;
  fleet::RedisFleet fleet(options_for(redis.port()));
  ASSERT_EQ(fleet.reserve("a", 100, 1000ms, 1000ms).answer, Fleet::Answer::kGranted);
  redis.pause();  // accepts bytes, never answers
  auto start = Clock::now();
  EXPECT_EQ(fleet.reserve("b", 100, 1000ms, 1000ms).answer, Fleet::Answer::kUnavailable);
  // The timeout is 250 ms; this bound only catches a wait without one.
  EXPECT_LT(Clock::now() - start, 1500ms);
  start = Clock::now();
  EXPECT_EQ(fleet.reserve("c", 100, 1000ms, 1000ms).answer, Fleet::Answer::kUnavailable);
  EXPECT_LT(Clock::now() - start, 100ms) << "while backing off, no connection is tried";
  redis.resume();
  bool back = false;
  for (auto until = Clock::now() + 10s; Clock::now() < until && !back; std::this_thread::sleep_for(50ms)) {
    back = fleet.reserve("d", 100, 1000ms, 1000ms).answer == Fleet::Answer::kGranted;
  }
  EXPECT_TRUE(back) << "sharing did not resume after Redis answered again";
}

TEST(RedisFleet, AKilledRedisFallsBackAndARestartedOneIsFoundAgain) {
  RedisServer redis;
  fleet::RedisFleet fleet(options_for(redis.port()));
  fleet.store_page("k", "v", 60'000ms);
  ASSERT_TRUE(fleet.find_page("k").has_value());
  redis.kill();
  EXPECT_EQ(fleet.reserve("a", 100, 1000ms, 1000ms).answer, Fleet::Answer::kUnavailable);
  redis.start();  // same port, empty
  bool back = false;
  for (auto until = Clock::now() + 10s; Clock::now() < until && !back; std::this_thread::sleep_for(50ms)) {
    back = fleet.reserve("b", 100, 1000ms, 1000ms).answer == Fleet::Answer::kGranted;
  }
  EXPECT_TRUE(back);
  EXPECT_FALSE(fleet.find_page("k").has_value()) << "the restarted Redis is empty";
}

// --- RateBudget over the fleet: what the replicas do with it ---

struct Replica {
  Replica(std::uint16_t port, int limit, std::chrono::seconds window, int replicas)
      : budget(limit, window, cooldown,
               halo::FleetLink{std::make_shared<fleet::RedisFleet>(options_for(port)), replicas}, 5000ms) {}
  halo::RateLimitCooldown cooldown;
  halo::RateBudget budget;
};

TEST(RateBudgetOnRedis, TwoReplicasTogetherNeverExceedTheWindow) {
  RedisServer redis;
  // 4 requests per 1 s for the fleet; two replicas, two threads each, 12 requests each replica.
  // Alone each would allow 4 per second, together 8: the shared window must keep it to 4.
  Replica one(redis.port(), 4, 1s, 2), two(redis.port(), 4, 1s, 2);
  std::mutex mutex;
  std::vector<Clock::time_point> granted;  // when each request was allowed out
  std::atomic<int> failures{0};
  auto send = [&](halo::RateBudget& budget) {
    for (int i = 0; i < 6; ++i) {
      auto permit = budget.acquire(util::CancellationToken(), Clock::now() + 30s, "/api/Test");
      if (!permit) {
        ++failures;
        continue;
      }
      {
        std::lock_guard lock(mutex);
        granted.push_back(Clock::now());
      }
      permit->sending();
      permit->sent();  // answered at once
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back(send, std::ref(one.budget));
    threads.emplace_back(send, std::ref(two.budget));
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(failures.load(), 0);
  ASSERT_EQ(granted.size(), 24u);
  std::sort(granted.begin(), granted.end());
  // Any 5 consecutive grants span more than a window: the 5th place only frees a window after the
  // 1st request was over, which was after it was granted. (Redis's clock counts in whole ms:
  // 5 ms of slack for the two clocks' rounding.)
  for (std::size_t i = 0; i + 4 < granted.size(); ++i) {
    EXPECT_GE(granted[i + 4] - granted[i], 995ms) << "grants " << i << " to " << i + 4 << " fit in one window";
  }
  // 24 requests at 4 per second: the last went out at least 5 windows after the first.
  EXPECT_GE(granted.back() - granted.front(), 4975ms);
}

TEST(RateBudgetOnRedis, WithoutRedisEachReplicaKeepsToItsShare) {
  const std::uint16_t nobody = testsupport::free_port();
  // A fleet budget of 6 per 10 s over 3 replicas: 2 each while Redis is away.
  Replica alone(nobody, 6, 10s, 3);
  EXPECT_EQ(alone.budget.share(), 2);
  for (int i = 0; i < 2; ++i) {
    auto permit = alone.budget.acquire(util::CancellationToken(), Clock::now() + 5s, "/api/Test");
    ASSERT_TRUE(permit) << i << ": " << permit.error().message;
    permit->sending();
    permit->sent();
  }
  const auto start = Clock::now();
  auto third = alone.budget.acquire(util::CancellationToken(), Clock::now() + 2s, "/api/Test");
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().kind, util::ErrorKind::kRateLimited);
  EXPECT_NE(third.error().message.find("(2 requests per 10 s)"), std::string::npos) << third.error().message;
  EXPECT_LT(Clock::now() - start, 1s) << "a wait past the deadline fails at once";
}

TEST(RateBudgetOnRedis, A429SeenByOneReplicaPausesTheOthers) {
  RedisServer redis;
  Replica one(redis.port(), 100, 10s, 2), two(redis.port(), 100, 10s, 2);
  one.budget.halo_said_slow_down(Clock::now() + 3s);
  // The other replica learns of the pause when it asks for a place; 3 s is past its 1 s deadline.
  auto refused = two.budget.acquire(util::CancellationToken(), Clock::now() + 1s, "/api/Tickets");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, util::ErrorKind::kRateLimited);
  EXPECT_NE(refused.error().message.find("/api/Tickets was not requested"), std::string::npos) << refused.error().message;
  // With a deadline past the pause it waits it out and goes.
  const auto start = Clock::now();
  auto later = two.budget.acquire(util::CancellationToken(), Clock::now() + 10s, "/api/Tickets");
  ASSERT_TRUE(later) << later.error().message;
  EXPECT_GE(Clock::now() - start, 1500ms) << "it did not wait for the pause";
}

}  // namespace

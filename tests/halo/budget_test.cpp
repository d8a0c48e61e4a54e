// The request budget under cancellation: a place in the rate window is spent only by a request
// that is sent, the shared token refresh survives the caller that started it, and a request whose
// call is already cancelled never starts. Each test reproduces a lockout seen under load (200
// calls cancelled at once against a slow Halo locked the server out for a whole window).
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "fake_server.hpp"
#include "halo/client.hpp"
#include "halo/rate_limiter.hpp"

namespace {

using namespace halo_test;

struct TicketsServer {
  explicit TicketsServer(std::chrono::milliseconds token_delay = 0ms) {
    server.add_token_endpoint(3600, token_delay);
    server.http().Get(R"(/api/Tickets.*)", [this](const httplib::Request&, httplib::Response& res) {
      ++hits;
      res.set_content(page_body("tickets", 1, 1, 1), "application/json");
    });
    server.start();
  }
  std::atomic<int> hits{0};
  FakeServer server;  // last: destroyed first (its threads stop before `hits` dies)
};

// ---- the limiter alone ---------------------------------------------------------------------

TEST(RateBudget, ACancelledRequestNeverTakesAPlace) {
  halo::RateLimiter limiter(1, std::chrono::seconds(60));
  util::CancellationSource cancelled;
  cancelled.cancel();
  auto refused = limiter.acquire(cancelled.token(), Clock::now() + 1s);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, util::ErrorKind::kCancelled);
  EXPECT_EQ(limiter.used(), 0);
  EXPECT_TRUE(limiter.acquire({}, Clock::now() + 1s)) << "the one place is still free";
}

TEST(RateBudget, APlaceGivenBackUnsentIsFreeAtOnce) {
  halo::RateLimiter limiter(1, std::chrono::seconds(60));
  auto first = limiter.acquire({}, Clock::now() + 1s);
  ASSERT_TRUE(first);
  EXPECT_EQ(limiter.used(), 1);
  first->unsent();
  EXPECT_EQ(limiter.used(), 0);
  // A waiter is woken by the refund, not by the 60 s window.
  auto second = limiter.acquire({}, Clock::now() + 1s);
  ASSERT_TRUE(second);
  second->sent();
  EXPECT_EQ(limiter.used(), 1) << "a sent request keeps its place for the window";
}

TEST(RateBudget, APlaceIsHeldFromSendingUntilTheAnswerPlusTheWindow) {
  // One place per 200 ms. The first request is "on the wire" for 300 ms: longer than the window.
  // Halo may count it as late as its answer, so the next may only go 200 ms after that answer;
  // a limiter that counted from the moment of sending would let it go at once.
  halo::RateLimiter limiter(1, std::chrono::milliseconds(200));
  auto first = limiter.acquire({}, Clock::now() + 5s);
  ASSERT_TRUE(first);
  first->sending();
  std::this_thread::sleep_for(300ms);
  first->sent();
  const auto answered = Clock::now();
  ASSERT_TRUE(limiter.acquire({}, Clock::now() + 5s));
  EXPECT_GE(ms_since(answered), 200);
}

TEST(RateBudget, AWaiterForPlacesAllInFlightIsRefusedWhenTheWindowPassesItsDeadline) {
  halo::RateLimiter limiter(1, std::chrono::seconds(60));
  auto in_flight = limiter.acquire({}, Clock::now() + 1s);
  ASSERT_TRUE(in_flight);
  in_flight->sending();
  const auto start = Clock::now();
  auto refused = limiter.acquire({}, Clock::now() + 5s);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, util::ErrorKind::kRateLimited);
  EXPECT_LT(ms_since(start), 2000) << "refused at once: no place can free within the 5 s deadline";
}

TEST(RateBudget, AWaiterForAPlaceOnlyReservedGetsItWhenItComesBack) {
  // The one place is reserved by a request still waiting for its token; it is then cancelled
  // and gives the place back. The waiter is not refused up front (the place might come back).
  halo::RateLimiter limiter(1, std::chrono::seconds(60));
  auto reserved = limiter.acquire({}, Clock::now() + 1s);
  ASSERT_TRUE(reserved);
  std::thread refund([&] {
    std::this_thread::sleep_for(100ms);
    reserved->unsent();
  });
  auto waiter = limiter.acquire({}, Clock::now() + 3s);
  refund.join();
  ASSERT_TRUE(waiter) << waiter.error().message;
}

// ---- through the client --------------------------------------------------------------------

TEST(RateBudget, CallsCancelledWhileTheTokenIsSlowSpendNothing) {
  // Halo takes 600 ms to issue a token; 12 calls start together and are all cancelled at 150 ms,
  // before any reached /api. Afterwards the whole budget of 3 is still there, and the token
  // fetch their first caller started was not cancelled with it: one token request in all.
  TicketsServer halo(600ms);
  auto config = test_config(halo.server);
  config.rate_limit_requests = 3;
  config.rate_limit_window = std::chrono::seconds(60);
  config.max_concurrency = 4;
  halo::Client client(config);

  util::CancellationSource source;
  std::atomic<int> cancelled{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < 12; ++i) {
    callers.emplace_back([&] {
      auto r = client.get("Tickets", {}, {source.token()});
      if (!r && r.error().kind == util::ErrorKind::kCancelled) ++cancelled;
    });
  }
  std::this_thread::sleep_for(150ms);
  source.cancel();
  for (auto& t : callers) t.join();
  EXPECT_EQ(cancelled.load(), 12);
  EXPECT_EQ(halo.hits.load(), 0);

  // The budget is whole: three calls go through without waiting for the 60 s window.
  halo::CallOptions hurried;
  hurried.deadline = Clock::now() + 5s;
  for (int i = 0; i < 3; ++i) {
    auto r = client.get("Tickets", {}, hurried);
    ASSERT_TRUE(r) << i << ": " << r.error().message;
  }
  EXPECT_EQ(halo.hits.load(), 3);
  EXPECT_EQ(halo.server.token_hits.load(), 1) << "each cancelled caller restarted the token fetch";
}

TEST(RateBudget, AnAlreadyCancelledCallWithAFreeSlotAndACachedTokenSendsNothing) {
  TicketsServer halo;
  auto config = test_config(halo.server);
  config.rate_limit_requests = 2;
  config.rate_limit_window = std::chrono::seconds(60);
  halo::Client client(config);
  ASSERT_TRUE(client.get("Tickets", {}, {}));  // a token is cached; one place of two used
  util::CancellationSource source;
  source.cancel();
  for (int i = 0; i < 5; ++i) {
    auto r = client.get("Tickets", {}, {source.token()});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, util::ErrorKind::kCancelled);
  }
  EXPECT_EQ(halo.hits.load(), 1);
  halo::CallOptions hurried;
  hurried.deadline = Clock::now() + 2s;
  EXPECT_TRUE(client.get("Tickets", {}, hurried)) << "the second place was spent by a cancelled call";
  EXPECT_EQ(halo.hits.load(), 2);
}

TEST(RateBudget, TheRequestCountSaysWhatWasSent) {
  TicketsServer halo;
  halo::Client client(test_config(halo.server));
  util::CancellationSource source;
  source.cancel();
  (void)client.get("Tickets", {}, {source.token()});
  ASSERT_TRUE(client.get("Tickets", {}, {}));
  EXPECT_EQ(client.stats().requests, 1u);
  EXPECT_EQ(halo.hits.load(), 1);
}

}  // namespace

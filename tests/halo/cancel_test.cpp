// Cancellation and deadlines: a cancelled or overdue call returns promptly, whatever it is
// waiting for (a transfer, a backoff sleep), and sends nothing once cancelled.
#include <gtest/gtest.h>

#include <atomic>
#include <string_view>
#include <thread>

#include "fake_server.hpp"
#include "halo/client.hpp"

namespace {

using namespace halo_test;

struct SlowServer {
  SlowServer() {
    server.add_token_endpoint();
    server.http().Get("/api/Tickets", [this](const httplib::Request&, httplib::Response& res) {
      ++hits;
      server.wait_or_release(3000ms);
      res.set_content("[]", "application/json");
    });
    server.http().Get("/api/Limited", [this](const httplib::Request&, httplib::Response& res) {
      ++hits;
      res.status = 429;
      res.set_header("Retry-After", "5");
    });
    // Answers at once (not counted in hits): a call that gets the client its token beforehand.
    server.http().Get("/api/Quick", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("[]", "application/json");
    });
    server.start();
  }
  std::atomic<int> hits{0};
  // Declared last so it is destroyed first: its handler threads stop before the state they touch dies.
  FakeServer server;
};

TEST(Cancel, MidRequestReturnsWithinAFewHundredMilliseconds) {
  SlowServer slow;
  halo::Client client(test_config(slow.server));
  util::CancellationSource source;
  std::thread canceller([&] {
    std::this_thread::sleep_for(100ms);
    source.cancel();
  });
  const auto start = Clock::now();
  auto doc = client.get("Tickets", {}, {source.token()});
  const auto elapsed = ms_since(start);
  canceller.join();
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kCancelled);
  EXPECT_GE(elapsed, 90);
  EXPECT_LT(elapsed, 1500) << "the 3 s answer was waited for";
}

TEST(Cancel, DuringRetryAfterWait) {
  SlowServer slow;
  halo::Client client(test_config(slow.server));
  util::CancellationSource source;
  // Cancel once the client has read the 429 and announced its wait, however long the token and
  // the first request took (a fixed delay raced them under ThreadSanitizer). The extra 100 ms puts
  // the cancel inside the 5 s wait rather than just before it.
  std::atomic<bool> retry_announced{false};
  halo::CallOptions options;
  options.cancel = source.token();
  options.on_retry = [&](std::string_view) { retry_announced = true; };
  Clock::time_point cancelled_at;
  std::thread canceller([&] {
    for (int i = 0; i < 2000 && !retry_announced; ++i) std::this_thread::sleep_for(5ms);
    std::this_thread::sleep_for(100ms);
    cancelled_at = Clock::now();
    source.cancel();
  });
  auto doc = client.get("Limited", {}, options);
  const auto returned_at = Clock::now();
  canceller.join();
  ASSERT_TRUE(retry_announced) << "the 429 never led to a retry wait";
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kCancelled);
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(returned_at - cancelled_at).count(), 1500)
      << "the 5 s Retry-After was slept out";
  EXPECT_EQ(slow.hits.load(), 1);
}

TEST(Cancel, AlreadyCancelledSendsNothing) {
  SlowServer slow;
  halo::Client client(test_config(slow.server));
  util::CancellationSource source;
  source.cancel();
  auto doc = client.get("Tickets", {}, {source.token()});
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kCancelled);
  EXPECT_EQ(slow.hits.load(), 0);
  EXPECT_EQ(slow.server.token_hits.load(), 0);
}

TEST(Deadline, RespectedWhileWaitingForHalo) {
  SlowServer slow;
  auto config = test_config(slow.server);
  config.request_timeout = 10s;
  halo::Client client(config);
  // The token first, so the 300 ms are all spent waiting for /api/Tickets (a slow token fetch
  // would otherwise use them up and time out on /auth/token instead).
  ASSERT_TRUE(client.get("Quick", {}, {}));
  halo::CallOptions options;
  options.deadline = Clock::now() + 300ms;
  const auto start = Clock::now();
  auto doc = client.get("Tickets", {}, options);
  const auto elapsed = ms_since(start);
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kTimeout);
  EXPECT_EQ(doc.error().endpoint, "/api/Tickets");
  EXPECT_GE(elapsed, 250);
  EXPECT_LT(elapsed, 1500) << "the 3 s answer was waited for";
}

TEST(Deadline, CallDeadlineFromConfigAppliesWhenCallerGivesNone) {
  SlowServer slow;
  auto config = test_config(slow.server);
  config.request_timeout = 10s;
  config.call_deadline = 300ms;
  halo::Client client(config);
  const auto start = Clock::now();
  auto doc = client.get("Tickets", {}, {});
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kTimeout);
  EXPECT_LT(ms_since(start), 1500) << "the 3 s answer was waited for";
}

TEST(Deadline, BackoffNeverSleepsPastTheDeadline) {
  SlowServer slow;
  halo::Client client(test_config(slow.server));
  halo::CallOptions options;
  options.deadline = Clock::now() + 3s;
  const auto start = Clock::now();
  auto doc = client.get("Limited", {}, options);  // Retry-After: 5 would pass the deadline
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kRateLimited);
  EXPECT_LT(ms_since(start), 1500) << "it slept towards the 3 s deadline";
}

}  // namespace

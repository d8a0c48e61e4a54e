// How Halo's status codes and failures become errors (or retries): 403, 404, 429 with and
// without Retry-After, 5xx, timeouts, refused connections, non-JSON bodies and error bodies.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fake_server.hpp"
#include "halo/client.hpp"

namespace {

using namespace halo_test;

/// A server whose /api/Tickets answers with `script` in turn (the last entry repeats).
struct Scripted {
  struct Reply {
    int status;
    std::string body;
    std::string retry_after;
    std::string content_type = "application/json";
  };
  explicit Scripted(std::vector<Reply> replies) : script(std::move(replies)) {
    server.add_token_endpoint();
    server.http().Get(R"(/api/Tickets.*)", [this](const httplib::Request&, httplib::Response& res) {
      const int n = hits++;
      {
        std::lock_guard lock(mutex);
        arrivals.push_back(Clock::now());
      }
      const Reply& reply = script[std::min<std::size_t>(n, script.size() - 1)];
      res.status = reply.status;
      if (!reply.retry_after.empty()) res.set_header("Retry-After", reply.retry_after);
      res.set_content(reply.body, reply.content_type.c_str());
    });
    server.start();
  }
  /// Milliseconds between request `a` and request `b` as the server saw them.
  long long gap_ms(std::size_t a, std::size_t b) {
    std::lock_guard lock(mutex);
    return std::chrono::duration_cast<std::chrono::milliseconds>(arrivals.at(b) - arrivals.at(a)).count();
  }
  std::vector<Reply> script;
  std::atomic<int> hits{0};
  std::mutex mutex;
  std::vector<Clock::time_point> arrivals;
  // Declared last so it is destroyed first: its handler threads stop before the state they touch dies.
  FakeServer server;
};

const char kOk[] = R"({"record_count":1,"tickets":[{"id":1}]})";

TEST(Status, ForbiddenIsPermissionNamingEndpointAndArea) {
  FakeServer server;
  server.add_token_endpoint();
  server.http().Get("/api/Client", [](const httplib::Request&, httplib::Response& res) {
    res.status = 403;
    res.set_content(R"({"Message":"You do not have permission"})", "application/json");
  });
  server.start();
  halo::Client client(test_config(server));
  auto doc = client.get("Client", {{"search", "acme"}}, {});
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kPermission);
  EXPECT_EQ(doc.error().http_status, 403);
  EXPECT_EQ(doc.error().endpoint, "/api/Client");
  EXPECT_EQ(doc.error().upstream_message, "You do not have permission");
  EXPECT_NE(doc.error().hint.find("'customers'"), std::string::npos) << doc.error().hint;
  EXPECT_EQ(server.token_hits.load(), 1);  // 403 does not trigger a token refresh
}

TEST(Status, NotFound) {
  Scripted s({{404, R"({"ClassName":"NotFound","Message":"Ticket not found"})", ""}});
  halo::Client client(test_config(s.server));
  auto doc = client.get("Tickets/999", {}, {});
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kNotFound);
  EXPECT_EQ(doc.error().http_status, 404);
  EXPECT_EQ(doc.error().endpoint, "/api/Tickets/999");
  EXPECT_EQ(doc.error().upstream_message, "Ticket not found");
  EXPECT_EQ(s.hits.load(), 1);
}

TEST(Status, TooManyRequestsHonoursRetryAfter) {
  Scripted s({{429, "Rate Limit Reached", "1", "text/plain"}, {200, kOk, ""}});
  halo::Client client(test_config(s.server));
  const auto start = Clock::now();
  auto doc = client.get("Tickets", {}, {});
  const auto elapsed = ms_since(start);
  ASSERT_TRUE(doc) << util::describe(doc.error());
  EXPECT_GE(elapsed, 950);
  EXPECT_LT(elapsed, 2500);
  EXPECT_EQ(s.hits.load(), 2);
  EXPECT_EQ(client.stats().retries, 1u);
}

TEST(Status, TooManyRequestsWithoutRetryAfterBacksOffExponentiallyWithoutAFloor) {
  Scripted s({{429, "", ""}, {429, "", ""}, {200, kOk, ""}});
  auto config = test_config(s.server);
  config.backoff_base = 100ms;
  config.max_backoff = 1000ms;
  config.rate_limit_backoff = 0ms;
  halo::Client client(config);
  const auto start = Clock::now();
  auto doc = client.get("Tickets", {}, {});
  const auto elapsed = ms_since(start);
  ASSERT_TRUE(doc) << util::describe(doc.error());
  EXPECT_EQ(s.hits.load(), 3);
  // Two waits: at least half of 100 ms, then of 200 ms; at most 100 + 200.
  EXPECT_GE(elapsed, 150);
  EXPECT_LT(elapsed, 1000);
}

TEST(Status, TooManyRequestsWithoutRetryAfterWaitsAtLeastTheFloor) {
  Scripted s({{429, "", ""}, {429, "", ""}, {200, kOk, ""}});
  auto config = test_config(s.server);
  config.backoff_base = 10ms;  // the exponential backoff alone would retry within 20 ms
  config.rate_limit_backoff = 400ms;
  halo::Client client(config);
  auto doc = client.get("Tickets", {}, {});
  ASSERT_TRUE(doc) << util::describe(doc.error());
  ASSERT_EQ(s.hits.load(), 3);
  // Each retry comes at least the floor after the 429, and at most a quarter more (jitter).
  for (std::size_t i : {0u, 1u}) {
    EXPECT_GE(s.gap_ms(i, i + 1), 400) << "retry " << i + 1;
    EXPECT_LT(s.gap_ms(i, i + 1), 400 * 5 / 4 + 200) << "retry " << i + 1;
  }
}

TEST(Status, TooManyRequestsWhoseFloorPassesTheDeadlineFailsAtOnceSayingWhenToRetry) {
  Scripted s({{429, "", ""}, {200, kOk, ""}});
  auto config = test_config(s.server);
  config.rate_limit_backoff = 8000ms;
  halo::Client client(config);
  halo::CallOptions options;
  options.deadline = Clock::now() + 4s;
  const auto start = Clock::now();
  auto doc = client.get("Tickets", {}, options);
  ASSERT_FALSE(doc);
  EXPECT_LT(ms_since(start), 2000) << "it must not wait for a deadline it cannot meet";
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kRateLimited);
  EXPECT_EQ(doc.error().http_status, 429);
  EXPECT_EQ(doc.error().endpoint, "/api/Tickets");
  EXPECT_NE(doc.error().message.find("would pass the call's deadline"), std::string::npos) << doc.error().message;
  // 8 s plus up to a quarter of jitter, rounded up to whole seconds.
  EXPECT_NE(doc.error().hint.find("Try again in about "), std::string::npos) << doc.error().hint;
  const auto seconds = std::stoi(doc.error().hint.substr(doc.error().hint.find("about ") + 6));
  EXPECT_GE(seconds, 8);
  EXPECT_LE(seconds, 10);
  EXPECT_EQ(s.hits.load(), 1);

  // The client is now cooling down: a second call within the cool-down is refused without
  // reaching Halo, and says how long is left.
  options.deadline = Clock::now() + 1s;
  auto again = client.get("Tickets", {}, options);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, util::ErrorKind::kRateLimited);
  EXPECT_NE(again.error().message.find("was not requested"), std::string::npos) << again.error().message;
  EXPECT_NE(again.error().hint.find("Try again in about "), std::string::npos);
  EXPECT_EQ(s.hits.load(), 1) << "a request went to Halo during the cool-down";
}

TEST(Status, RetryAfterBeyondDeadlineFailsAtOnce) {
  Scripted s({{429, "", "30"}});
  halo::Client client(test_config(s.server));
  halo::CallOptions options;
  options.deadline = Clock::now() + 2s;
  const auto start = Clock::now();
  auto doc = client.get("Tickets", {}, options);
  ASSERT_FALSE(doc);
  EXPECT_LT(ms_since(start), 1000);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kRateLimited);
  EXPECT_EQ(doc.error().http_status, 429);
  EXPECT_NE(doc.error().message.find("deadline"), std::string::npos);
  EXPECT_EQ(s.hits.load(), 1);
}

TEST(Status, ServerErrorsAreRetriedThenSucceed) {
  Scripted s({{503, "busy", ""}, {500, "oops", ""}, {502, "bad gateway", ""}, {200, kOk, ""}});
  halo::Client client(test_config(s.server));
  auto doc = client.get("Tickets", {}, {});
  ASSERT_TRUE(doc) << util::describe(doc.error());
  EXPECT_EQ(s.hits.load(), 4);
  EXPECT_EQ(client.stats().retries, 3u);
  EXPECT_EQ(client.stats().requests, 4u);  // API requests; the token request counts apart
  EXPECT_EQ(client.stats().token_fetches, 1u);
}

TEST(Status, ExhaustedServerErrorsAreUpstreamWithStatus) {
  Scripted s({{503, R"({"Message":"Service Unavailable"})", ""}});
  auto config = test_config(s.server);
  config.max_attempts = 3;
  halo::Client client(config);
  auto doc = client.get("Tickets", {}, {});
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kUpstream);
  EXPECT_EQ(doc.error().http_status, 503);
  EXPECT_EQ(doc.error().endpoint, "/api/Tickets");
  EXPECT_EQ(doc.error().upstream_message, "Service Unavailable");
  EXPECT_EQ(s.hits.load(), 3);
}

TEST(Status, InternalServerErrorIsRetriedOnlyAFewTimes) {
  Scripted s({{500, "boom", "", "text/plain"}});
  auto config = test_config(s.server);
  config.max_attempts = 6;
  halo::Client client(config);
  auto doc = client.get("Tickets", {}, {});
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kUpstream);
  EXPECT_EQ(doc.error().http_status, 500);
  EXPECT_EQ(doc.error().upstream_message, "boom");
  EXPECT_EQ(s.hits.load(), 3);
}

TEST(Status, OtherClientErrorsAreNotRetried) {
  Scripted s({{400, R"({"ClassName":"HaloValidation","Message":"Bad filter value"})", ""}});
  halo::Client client(test_config(s.server));
  auto doc = client.get("Tickets", {{"status_id", "x"}}, {});
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kUpstream);
  EXPECT_EQ(doc.error().http_status, 400);
  EXPECT_EQ(doc.error().upstream_message, "Bad filter value");
  EXPECT_EQ(s.hits.load(), 1);
}

TEST(Status, NonJsonSuccessIsUpstreamError) {
  Scripted s({{200, "<html><body>Sign in</body></html>", "", "text/html; charset=utf-8"}});
  halo::Client client(test_config(s.server));
  auto doc = client.get("Tickets", {}, {});
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kUpstream);
  EXPECT_EQ(doc.error().http_status, 200);
  EXPECT_EQ(doc.error().message,
            "Halo returned a non-JSON body (text/html) from /api/Tickets; is HALO_INSTANCE_URL "
            "pointing at the Halo API?");
}

TEST(Status, ListWithoutAnyArrayIsUpstreamError) {
  Scripted s({{200, R"({"record_count":3,"columns":[]})", ""}});
  halo::Client client(test_config(s.server));
  auto page = client.list_page("Tickets", {}, "tickets", 1, 25, {});
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, util::ErrorKind::kUpstream);
  EXPECT_EQ(page.error().endpoint, "/api/Tickets");
}

TEST(Status, RequestTimeoutIsTimeout) {
  FakeServer server;
  server.add_token_endpoint();
  server.http().Get("/api/Tickets", [&](const httplib::Request&, httplib::Response& res) {
    server.wait_or_release(3000ms);
    res.set_content(kOk, "application/json");
  });
  server.start();
  auto config = test_config(server);
  config.request_timeout = 300ms;
  config.max_attempts = 1;
  halo::Client client(config);
  const auto start = Clock::now();
  auto doc = client.get("Tickets", {}, {});
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kTimeout);
  EXPECT_EQ(doc.error().endpoint, "/api/Tickets");
  EXPECT_NE(doc.error().message.find("HALO_REQUEST_TIMEOUT_MS"), std::string::npos);
  EXPECT_LT(ms_since(start), 1500);
}

TEST(Status, RefusedConnectionIsNetworkErrorAfterRetries) {
  // Bind a port and close it again: nothing listens there afterwards, so connecting is refused.
  int port = 0;
  {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    port = ntohs(address.sin_port);
    ::close(fd);
  }
  halo::Config config;
  config.instance_url = "http://127.0.0.1:" + std::to_string(port);
  config.auth_url = config.instance_url + "/auth";
  config.client_id = "id";
  config.client_secret = kSecret;
  config.max_attempts = 3;
  config.backoff_base = 10ms;
  config.request_timeout = 2000ms;
  halo::Client client(config);
  const auto start = Clock::now();
  auto doc = client.get("Tickets", {}, {});
  EXPECT_LT(ms_since(start), 1000);
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kNetwork);
  EXPECT_EQ(client.stats().token_fetches, 3u);
}

}  // namespace

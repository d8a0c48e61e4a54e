// The real Halo client against the real simulator over loopback HTTP: every client rule checked
// where the simulator can observe it (its request log, token grants, in-flight counts), with
// faults injected in-process. Complements the fake-server tests, which script single replies.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <thread>
#include <vector>

#include "halo/client.hpp"
#include "sim/simulator.hpp"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

const char kSecret[] = "Sim-Cl1ent-S3cret-41c9";

long long ms_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

class SimClient : public ::testing::Test {
 protected:
  static sim::Options sim_options() {
    sim::Options o;
    o.today = "2025-06-15";
    o.credentials.client_id = "sim-client";
    o.credentials.client_secret = kSecret;
    return o;
  }
  void start_sim(const sim::Options& options = sim_options()) {
    sim_ = std::make_unique<sim::Simulator>(options);
    ASSERT_GT(sim_->start(), 0) << sim_->last_error();
  }
  void SetUp() override { start_sim(); }

  /// A client for the simulator with test-sized timings; the 429 floor is off unless a test sets it.
  halo::Config config() const {
    halo::Config c;
    c.instance_url = sim_->base_url();
    c.client_id = "sim-client";
    c.client_secret = kSecret;
    c.backoff_base = 20ms;
    c.max_backoff = 200ms;
    c.rate_limit_backoff = 0ms;
    c.request_timeout = 5000ms;
    c.call_deadline = 20000ms;
    c.cache_ttl = std::chrono::seconds(0);
    return c;
  }

  std::uint64_t hits(const std::string& route) const {
    const auto stats = sim_->stats();
    auto it = stats.per_path.find(route);
    return it == stats.per_path.end() ? 0 : it->second;
  }
  /// Arrival times (ms since the simulator started) of the logged requests to `path`.
  std::vector<double> arrivals(const std::string& path) const {
    std::vector<double> out;
    for (const auto& r : sim_->stats().recent) {
      if (r.path == path) out.push_back(r.at_ms);
    }
    return out;
  }
  void set_faults(const std::string& json) { ASSERT_TRUE(sim_->faults().apply_json(util::Json::parse(json))); }

  std::unique_ptr<sim::Simulator> sim_;
};

// --- tokens: tenant and scope on the wire, reuse, expiry, 401 ---------------------------------

/// `n` concurrent GETs of `path` on one client; how many succeeded.
int burst_of_gets(halo::Client& client, const std::string& path, int n) {
  std::vector<std::thread> burst;
  std::atomic<int> ok{0};
  for (int i = 0; i < n; ++i) {
    burst.emplace_back([&] { ok += client.get(path, {}, {}).has_value(); });
  }
  for (auto& t : burst) t.join();
  return ok.load();
}

TEST_F(SimClient, TenantAndScopeGoOnTheWireAndTheSimulatorEnforcesThem) {
  auto options = sim_options();
  options.credentials.tenant = "acme";
  start_sim(options);
  auto c = config();
  c.tenant = "acme";
  c.scope = "read:tickets read:customers";
  halo::Client client(c);
  ASSERT_TRUE(client.get("Tickets", {}, {}));
  ASSERT_TRUE(client.get("Client", {}, {}));
  const auto grants = sim_->stats().token_grants;
  ASSERT_EQ(grants.size(), 1u);
  EXPECT_EQ(grants[0].client_id, "sim-client");
  EXPECT_EQ(grants[0].tenant, "acme");
  EXPECT_EQ(grants[0].scope, "read:tickets read:customers");
  EXPECT_EQ(grants[0].status, 200);

  // An area outside the granted scope: Halo's 403, reported as a permission problem that names
  // the endpoint, the area and the scope in use.
  auto invoices = client.get("Invoice", {}, {});
  ASSERT_FALSE(invoices);
  EXPECT_EQ(invoices.error().kind, util::ErrorKind::kPermission);
  EXPECT_EQ(invoices.error().http_status, 403);
  EXPECT_EQ(invoices.error().endpoint, "/api/Invoice");
  EXPECT_NE(invoices.error().hint.find("'invoices/billing'"), std::string::npos) << invoices.error().hint;
  EXPECT_NE(invoices.error().hint.find("'read:tickets read:customers'"), std::string::npos) << invoices.error().hint;
  EXPECT_EQ(sim_->stats().token_requests, 1u) << "a 403 is not a token problem";

  // The wrong tenant is refused at the token endpoint.
  auto wrong = config();
  wrong.tenant = "other";
  halo::Client stranger(wrong);
  auto refused = stranger.get("Tickets", {}, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, util::ErrorKind::kAuth);
  EXPECT_EQ(sim_->stats().token_grants.back().tenant, "other");
  EXPECT_EQ(sim_->stats().token_grants.back().status, 401);
}

TEST_F(SimClient, TokenIsReusedAcrossCalls) {
  halo::Client client(config());
  for (const char* path : {"Tickets", "Client", "Site", "Agent", "Tickets"}) {
    ASSERT_TRUE(client.get(path, {}, {})) << path;
  }
  EXPECT_EQ(sim_->stats().token_requests, 1u);
  EXPECT_EQ(client.stats().token_fetches, 1u);
  EXPECT_EQ(sim_->stats().token_grants.at(0).scope, "all") << "scope is always sent";
}

TEST_F(SimClient, ExpiredTokenWithABurstOfRequestsCostsExactlyOneTokenRequest) {
  auto options = sim_options();
  options.token_lifetime_s = 1;  // the client refreshes at 90% of it
  start_sim(options);
  halo::Client client(config());
  ASSERT_TRUE(client.get("Tickets", {}, {}));
  std::this_thread::sleep_for(1000ms);
  EXPECT_EQ(burst_of_gets(client, "Tickets", 8), 8);
  EXPECT_EQ(sim_->stats().token_requests, 2u) << "one refresh for the whole burst";
  EXPECT_EQ(hits("/api/Tickets"), 9u) << "no request went out with the expired token";
}

TEST_F(SimClient, TokensRevokedUnderABurstAreRefreshedOnceAndEveryRequestRetried) {
  halo::Client client(config());
  ASSERT_TRUE(client.get("Tickets", {}, {}));
  sim_->faults().expire_tokens_now();  // the client still believes its token is good
  EXPECT_EQ(burst_of_gets(client, "Tickets", 8), 8);
  EXPECT_EQ(sim_->stats().token_requests, 2u) << "a burst of 401s must cause one refresh";
  EXPECT_GE(hits("/api/Tickets"), 1u + 8u + 1u) << "at least one 401 and its retry";
  EXPECT_LE(hits("/api/Tickets"), 1u + 16u) << "each request retried at most once";
}

TEST_F(SimClient, UnauthorizedRefreshesOnceAndRetries) {
  halo::Client client(config());
  ASSERT_TRUE(client.get("Tickets", {}, {}));
  sim_->faults().expire_tokens_now();
  auto doc = client.get("Tickets", {}, {});
  ASSERT_TRUE(doc) << util::describe(doc.error());
  EXPECT_EQ(sim_->stats().token_requests, 2u);
  EXPECT_EQ(hits("/api/Tickets"), 3u) << "the call: one 401, then one retry with the new token";
  EXPECT_EQ(client.stats().retries, 0u) << "the token retry is not a backoff retry";
}

TEST_F(SimClient, PersistentUnauthorizedIsAPermissionErrorNamingEndpointAndScope) {
  set_faults(R"({"status_for": {"/api/ClientContract": 401}})");
  halo::Client client(config());
  auto doc = client.get("ClientContract", {}, {});
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kPermission);
  EXPECT_EQ(doc.error().http_status, 401);
  EXPECT_EQ(doc.error().endpoint, "/api/ClientContract");
  EXPECT_NE(doc.error().message.find("/api/ClientContract"), std::string::npos) << doc.error().message;
  EXPECT_NE(doc.error().hint.find("'contracts'"), std::string::npos) << doc.error().hint;
  EXPECT_NE(doc.error().hint.find("HALO_SCOPE (currently 'all')"), std::string::npos) << doc.error().hint;
  EXPECT_EQ(sim_->stats().token_requests, 2u) << "one refresh, not a loop";
  EXPECT_EQ(hits("/api/ClientContract"), 2u);
  const std::string all = doc.error().message + doc.error().hint + doc.error().upstream_message;
  EXPECT_EQ(all.find(kSecret), std::string::npos);
}

// --- 429, 5xx, timeouts -----------------------------------------------------------------------

TEST_F(SimClient, TooManyRequestsWithRetryAfterWaitsWhatHaloSaid) {
  set_faults(R"({"rate_limit": {"every_n": 2, "retry_after_s": 1}})");
  halo::Client client(config());
  ASSERT_TRUE(client.get("Tickets", {}, {}));
  auto doc = client.get("Tickets", {}, {});  // the simulator's 2nd request: 429, Retry-After: 1
  ASSERT_TRUE(doc) << util::describe(doc.error());
  const auto at = arrivals("/api/Tickets");
  ASSERT_EQ(at.size(), 3u);
  EXPECT_GE(at[2] - at[1], 990.0) << "the retry came before Retry-After";
  EXPECT_LT(at[2] - at[1], 1600.0);
  EXPECT_EQ(client.stats().retries, 1u);
}

TEST_F(SimClient, TooManyRequestsWithoutRetryAfterWaitsAtLeastTheConfiguredFloor) {
  set_faults(R"({"fail_5xx": {"count": 1, "status": 429, "path": "/api/Tickets"}})");
  auto c = config();
  c.rate_limit_backoff = 500ms;  // backoff_base alone (20 ms) would retry almost at once
  halo::Client client(c);
  auto doc = client.get("Tickets", {}, {});
  ASSERT_TRUE(doc) << util::describe(doc.error());
  const auto at = arrivals("/api/Tickets");
  ASSERT_EQ(at.size(), 2u);
  EXPECT_GE(at[1] - at[0], 500.0) << "the floor was not honoured";
  EXPECT_LT(at[1] - at[0], 500.0 * 1.25 + 250.0) << "more than the floor and its jitter";
}

TEST_F(SimClient, TooManyRequestsPausesTheWholeClient) {
  set_faults(R"({"fail_5xx": {"count": 1, "status": 429, "path": "/api/Tickets"}})");
  auto c = config();
  c.rate_limit_backoff = 800ms;
  halo::Client client(c);
  std::atomic<int> ok{0};
  std::thread first([&] { ok += client.get("Tickets", {}, {}).has_value(); });
  const auto until = Clock::now() + 3s;
  while (hits("/api/Tickets") == 0 && Clock::now() < until) std::this_thread::sleep_for(5ms);
  std::this_thread::sleep_for(50ms);  // the 429 has reached the client
  std::vector<std::thread> others;
  for (const char* path : {"Client", "Site", "Agent"}) {
    others.emplace_back([&, path] { ok += client.get(path, {}, {}).has_value(); });
  }
  first.join();
  for (auto& t : others) t.join();
  EXPECT_EQ(ok.load(), 4);
  const auto stats = sim_->stats();
  ASSERT_GE(stats.recent.size(), 5u);
  const double limited_at = stats.recent.front().at_ms;
  EXPECT_EQ(stats.recent.front().path, "/api/Tickets");
  for (std::size_t i = 1; i < stats.recent.size(); ++i) {
    EXPECT_GE(stats.recent[i].at_ms - limited_at, 800.0)
        << stats.recent[i].path << " reached Halo during the cool-down";
  }
  for (const char* route : {"/api/Client", "/api/Site", "/api/Agent"}) {
    EXPECT_EQ(hits(route), 1u) << route << ": each waiting request is sent once, after the pause";
  }
}

TEST_F(SimClient, TooManyRequestsWhoseWaitPassesTheDeadlineFailsFast) {
  set_faults(R"({"fail_5xx": {"count": 1, "status": 429, "path": "/api/Tickets"}})");
  auto c = config();
  c.rate_limit_backoff = 10'000ms;
  halo::Client client(c);
  halo::CallOptions options;
  options.deadline = Clock::now() + 3s;
  const auto start = Clock::now();
  auto doc = client.get("Tickets", {}, options);
  ASSERT_FALSE(doc);
  EXPECT_LT(ms_since(start), 1500) << "it waited for the deadline (3 s) instead of failing at once";
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kRateLimited);
  EXPECT_NE(doc.error().hint.find("Try again in about 1"), std::string::npos) << doc.error().hint;  // 10-13 s
  EXPECT_EQ(hits("/api/Tickets"), 1u);
}

TEST_F(SimClient, ShortBurstOf5xxIsRetriedToSuccess) {
  set_faults(R"({"fail_5xx": {"count": 2, "status": 503}})");
  halo::Client client(config());
  auto doc = client.get("Client", {}, {});
  ASSERT_TRUE(doc) << util::describe(doc.error());
  EXPECT_EQ(hits("/api/Client"), 3u);
  EXPECT_EQ(client.stats().retries, 2u);
}

TEST_F(SimClient, Sustained5xxFailsWithinTheDeadline) {
  set_faults(R"({"fail_5xx": {"count": 100000, "status": 502}})");
  auto c = config();
  c.max_attempts = 20;
  c.backoff_base = 100ms;
  c.max_backoff = 1000ms;
  c.call_deadline = 1500ms;
  halo::Client client(c);
  const auto start = Clock::now();
  auto doc = client.get("Client", {}, {});
  const auto elapsed = ms_since(start);
  ASSERT_FALSE(doc);
  EXPECT_LE(elapsed, 1500 + 200);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kUpstream);
  EXPECT_EQ(doc.error().http_status, 502);
  EXPECT_EQ(doc.error().upstream_message, "(an HTML page)") << "the proxy's page is not quoted";
  EXPECT_GE(hits("/api/Client"), 3u) << "it was retried";
  EXPECT_LT(hits("/api/Client"), 20u) << "the deadline, not the attempt budget, ended it";
}

TEST_F(SimClient, BodyStallingPastTheRequestTimeoutIsATimeout) {
  set_faults(R"({"stall_ms": 2000})");
  auto c = config();
  c.request_timeout = 300ms;
  c.max_attempts = 1;
  halo::Client client(c);
  const auto start = Clock::now();
  auto doc = client.get("Tickets", {}, {});
  ASSERT_FALSE(doc);
  EXPECT_LT(ms_since(start), 1200);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kTimeout);
  EXPECT_NE(doc.error().message.find("HALO_REQUEST_TIMEOUT_MS (300 ms)"), std::string::npos) << doc.error().message;
}

TEST_F(SimClient, NonJsonSuccessBodiesAreErrors) {
  halo::Client client(config());
  set_faults(R"({"malformed_body": {"count": 1, "path": "/api/Tickets", "kind": "json"}})");
  auto broken = client.get("Tickets", {}, {});
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().kind, util::ErrorKind::kUpstream);
  EXPECT_EQ(broken.error().http_status, 200);
  EXPECT_NE(broken.error().message.find("non-JSON body (application/json)"), std::string::npos)
      << broken.error().message;
  set_faults(R"({"malformed_body": {"count": 1, "path": "/api/Tickets", "kind": "html"}})");
  auto login = client.get("Tickets", {}, {});
  ASSERT_FALSE(login);
  EXPECT_NE(login.error().message.find("non-JSON body (text/html)"), std::string::npos) << login.error().message;
  EXPECT_EQ(util::describe(login.error()).find("<form"), std::string::npos) << "raw HTML in the error";
  EXPECT_EQ(hits("/api/Tickets"), 2u) << "a 200 that is not JSON is not retried";
  EXPECT_TRUE(client.get("Tickets", {}, {})) << "the fault is consumed";
}

// --- paging: concurrency, cancellation --------------------------------------------------------

TEST_F(SimClient, PagesAreFetchedWithExactlyTheConfiguredConcurrency) {
  set_faults(R"({"latency_ms": 100})");
  for (int concurrency : {4, 2}) {
    auto c = config();
    if (concurrency != 4) c.max_concurrency = concurrency;
    ASSERT_EQ(c.max_concurrency, concurrency) << "the default is 4";
    halo::Client client(c);
    sim_->reset_stats();
    std::set<std::int64_t> ids;
    auto stats = client.for_each_page("Invoice", {}, "invoices", {}, [&](const halo::ListPage& page) {
      for (auto item : page.items) ids.insert(item["id"].get_int64().value());
      return halo::Visit::kContinue;
    });
    ASSERT_TRUE(stats) << util::describe(stats.error());
    EXPECT_GE(stats->pages, 6) << "enough pages to fill every slot";
    EXPECT_EQ(static_cast<std::int64_t>(ids.size()), stats->record_count) << "every record once";
    EXPECT_TRUE(stats->inconsistency.empty()) << stats->inconsistency;
    EXPECT_EQ(sim_->stats().max_concurrent_in_flight, concurrency);
  }
}

TEST_F(SimClient, CancellationMidPaginationAbortsAndRequestsNothingMore) {
  halo::Client client(config());
  util::CancellationSource source;
  std::thread canceller;
  Clock::time_point cancelled_at;
  int in_flight_at_cancel = 0;
  int visited = 0;
  auto stats = client.for_each_page("Invoice", {}, "invoices", {source.token()}, [&](const halo::ListPage&) {
    if (++visited == 1) {
      // Every later page now takes 2.5 s to answer; cancel while they are on the wire.
      EXPECT_TRUE(sim_->faults().apply_json(util::Json::parse(R"({"latency_ms": 2500})")));
      canceller = std::thread([&] {
        std::this_thread::sleep_for(300ms);
        in_flight_at_cancel = sim_->stats().in_flight;
        cancelled_at = Clock::now();
        source.cancel();
      });
    }
    return halo::Visit::kContinue;
  });
  const auto returned_at = Clock::now();
  canceller.join();
  ASSERT_FALSE(stats);
  EXPECT_EQ(stats.error().kind, util::ErrorKind::kCancelled);
  EXPECT_EQ(visited, 1);
  // The pages in flight take 2.5 s: returning well inside that means they were aborted.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(returned_at - cancelled_at).count(), 1500)
      << "the pages in flight were waited for instead of aborted";
  EXPECT_EQ(in_flight_at_cancel, 4) << "four pages were on the wire when the call was cancelled";
  const auto requested = hits("/api/Invoice");
  EXPECT_EQ(requested, 5u) << "page 1 and the four in flight";
  // The simulator finishes its sleeping handlers and sees nothing further.
  const auto until = Clock::now() + 5s;
  while (sim_->stats().in_flight > 0 && Clock::now() < until) std::this_thread::sleep_for(20ms);
  EXPECT_EQ(sim_->stats().in_flight, 0);
  EXPECT_EQ(hits("/api/Invoice"), requested) << "a page was requested after the cancellation";
}

// --- the client-side limiter ------------------------------------------------------------------

TEST_F(SimClient, LimiterDelaysPastItsBudgetAndRefusesWhatTheDeadlineCannotWaitFor) {
  auto c = config();
  c.rate_limit_requests = 3;
  c.rate_limit_window = std::chrono::seconds(1);
  halo::Client client(c);
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(client.get("Tickets", {}, {})) << i;
  const auto at = arrivals("/api/Tickets");
  ASSERT_EQ(at.size(), 4u);
  EXPECT_LT(at[2] - at[0], 500.0) << "three fit in the budget";
  // Measured where Halo counts, at arrival: the first arrived before its answer was complete, the
  // limiter held its place until that answer plus the window, and the fourth arrived after it was
  // sent. So the gap is at least the window exactly, however slow the token or connection was.
  EXPECT_GE(at[3] - at[0], 1000.0) << "the fourth waited for the window to roll";

  // A client whose window (30 s) is longer than the call's deadline (5 s) refuses at once rather
  // than waiting 5 s for nothing (margins that hold on a loaded machine: 1.5 s against 5 s).
  c.rate_limit_window = std::chrono::seconds(30);
  halo::Client tight(c);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(tight.get("Tickets", {}, {}));  // fill its window
  halo::CallOptions hurried;
  hurried.deadline = Clock::now() + 5s;
  const auto before = hits("/api/Tickets");
  const auto start = Clock::now();
  auto refused = tight.get("Tickets", {}, hurried);
  ASSERT_FALSE(refused);
  EXPECT_LT(ms_since(start), 1500) << "refused at once, not at the deadline";
  EXPECT_EQ(refused.error().kind, util::ErrorKind::kRateLimited);
  EXPECT_NE(refused.error().hint.find("HALO_RATE_LIMIT"), std::string::npos) << refused.error().hint;
  EXPECT_EQ(hits("/api/Tickets"), before) << "nothing was sent";
}

}  // namespace

// Pure pieces without a server: the envelope rule, document parsing, Halo error bodies, the
// permission-area map, token refresh timing and the retry schedule.
#include <gtest/gtest.h>

#include "halo/document.hpp"
#include "halo/envelope.hpp"
#include "halo/errors.hpp"
#include "halo/retry_policy.hpp"
#include "halo/token_provider.hpp"
#include "halo/url.hpp"

namespace {

std::vector<std::int64_t> ids(const simdjson::dom::array& items) {
  std::vector<std::int64_t> out;
  for (auto item : items) out.push_back(item["id"].get_int64().value());
  return out;
}

halo::Document parsed(const std::string& text) {
  halo::Document doc;
  EXPECT_TRUE(doc.parse(text)) << text;
  return doc;
}

TEST(Envelope, BareArray) {
  auto doc = parsed(R"([{"id":1},{"id":2}])");
  auto env = halo::find_list(doc.root(), "agents");
  ASSERT_TRUE(env);
  EXPECT_EQ(ids(env->items), (std::vector<std::int64_t>{1, 2}));
  EXPECT_FALSE(env->record_count);
}

TEST(Envelope, ExpectedKeyWinsOverEarlierArrays) {
  auto doc = parsed(R"({"columns":[{"id":9}],"other":[{"id":8}],"record_count":41,"tickets":[{"id":3}]})");
  auto env = halo::find_list(doc.root(), "tickets");
  ASSERT_TRUE(env);
  EXPECT_EQ(ids(env->items), (std::vector<std::int64_t>{3}));
  EXPECT_EQ(env->record_count, 41);
}

TEST(Envelope, FirstArrayThatIsNotColumnsWhenKeyIsAbsent) {
  auto doc = parsed(R"({"record_count":2,"columns":[{"id":9}],"statuses":[{"id":5},{"id":6}],"x":[{"id":7}]})");
  auto env = halo::find_list(doc.root(), "status");
  ASSERT_TRUE(env);
  EXPECT_EQ(ids(env->items), (std::vector<std::int64_t>{5, 6}));
  EXPECT_EQ(env->record_count, 2);
}

TEST(Envelope, KeyMatchIgnoresCase) {
  auto doc = parsed(R"({"a":[{"id":1}],"Invoices":[{"id":2}]})");
  auto env = halo::find_list(doc.root(), "invoices");
  ASSERT_TRUE(env);
  EXPECT_EQ(ids(env->items), (std::vector<std::int64_t>{2}));
}

TEST(Envelope, NoArrayAtAll) {
  auto doc = parsed(R"({"columns":[],"id":4})");
  EXPECT_FALSE(halo::find_list(doc.root(), "tickets"));
  auto scalar = parsed("42");
  EXPECT_FALSE(halo::find_list(scalar.root(), "tickets"));
}

TEST(Document, RejectsNonJsonAndKeepsViewsAliveAfterMove) {
  halo::Document bad;
  EXPECT_FALSE(bad.parse("<html><body>login</body></html>"));
  EXPECT_FALSE(static_cast<bool>(bad));
  halo::Document good;
  ASSERT_TRUE(good.parse(R"({"name":"Acme Ltd"})"));
  halo::Document moved = std::move(good);
  EXPECT_EQ(std::string_view(moved.root()["name"].get_string().value()), "Acme Ltd");
  EXPECT_EQ(moved.size_bytes(), 19u);
}

TEST(ErrorBodies, HaloShapesAreRead) {
  EXPECT_EQ(halo::upstream_message(R"({"error":"invalid_client","error_description":"Bad creds"})", "application/json"),
            "invalid_client: Bad creds");
  EXPECT_EQ(halo::upstream_message(R"({"Message":"No access"})", ""), "No access");
  EXPECT_EQ(halo::upstream_message(R"({"ClassName":"HaloException","Message":"Boom"})", ""), "Boom");
  EXPECT_EQ(halo::upstream_message("plain   text\nerror", "text/plain"), "plain text error");
  EXPECT_EQ(halo::upstream_message("<html>x</html>", "text/html; charset=utf-8"), "(an HTML page)");
  const auto trimmed = halo::upstream_message(std::string(1000, 'x'), "text/plain");
  EXPECT_LE(trimmed.size(), 204u);
  EXPECT_GE(trimmed.size(), 190u);
}

TEST(ErrorBodies, InvalidTokenMarkers) {
  EXPECT_TRUE(halo::mentions_invalid_token(R"({"error":"invalid_token"})"));
  EXPECT_TRUE(halo::mentions_invalid_token("Expired_Token"));
  EXPECT_FALSE(halo::mentions_invalid_token(R"({"error":"invalid_request"})"));
}

TEST(PermissionAreas, EndpointsMapToHaloAreas) {
  EXPECT_EQ(halo::permission_area("/api/Tickets/5"), "tickets");
  EXPECT_EQ(halo::permission_area("/api/actions"), "tickets");
  EXPECT_EQ(halo::permission_area("/api/TimesheetEvent"), "tickets");
  EXPECT_EQ(halo::permission_area("/api/Client"), "customers");
  EXPECT_EQ(halo::permission_area("/api/Site/3"), "customers");
  EXPECT_EQ(halo::permission_area("/api/Users"), "customers");
  EXPECT_EQ(halo::permission_area("/api/ClientContract/7"), "contracts");
  EXPECT_EQ(halo::permission_area("/api/Invoice"), "invoices/billing");
  EXPECT_EQ(halo::permission_area("/api/RecurringInvoice/2"), "invoices/billing");
  EXPECT_EQ(halo::permission_area("/api/Projects"), "projects");
  EXPECT_EQ(halo::permission_area("/api/Asset"), "assets");
  EXPECT_EQ(halo::permission_area("/api/Agent/me"), "agents");
  EXPECT_EQ(halo::permission_area("/api/Report"), "reporting");
  EXPECT_EQ(halo::permission_area("/api/Unknown"), "");
}

TEST(Urls, EncodingAndEndpoints) {
  EXPECT_EQ(halo::percent_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
  EXPECT_EQ(halo::build_query({{"search", "Acme & Co"}, {"client_id", "12"}}),
            "search=Acme%20%26%20Co&client_id=12");
  EXPECT_EQ(halo::endpoint_path("Tickets/12?x=1"), "/api/Tickets/12");
  EXPECT_EQ(halo::endpoint_path("/api/Client"), "/api/Client");
}

TEST(TokenTiming, RefreshSixtySecondsEarlyOrAtNinetyPercent) {
  EXPECT_EQ(halo::TokenProvider::refresh_after(3600).count(), 3'540'000);
  EXPECT_EQ(halo::TokenProvider::refresh_after(100).count(), 90'000);
  EXPECT_EQ(halo::TokenProvider::refresh_after(1).count(), 900);
  EXPECT_EQ(halo::TokenProvider::refresh_after(0).count(), 0);
}

TEST(RetryPolicy, WhichFailuresAreRetried) {
  halo::HttpResponse r;
  for (long status : {429L, 502L, 503L, 504L}) {
    r.status = status;
    EXPECT_EQ(halo::attempts_allowed(r, 5), 5) << status;
  }
  r.status = 500;
  EXPECT_EQ(halo::attempts_allowed(r, 5), 3);
  EXPECT_EQ(halo::attempts_allowed(r, 2), 2);
  for (long status : {400L, 401L, 403L, 404L, 501L}) {
    r.status = status;
    EXPECT_EQ(halo::attempts_allowed(r, 5), 1) << status;
  }
  r.status = 0;
  r.transport = halo::TransportError::kConnect;
  EXPECT_EQ(halo::attempts_allowed(r, 4), 4);
  r.transport = halo::TransportError::kTls;
  EXPECT_EQ(halo::attempts_allowed(r, 4), 1);
}

TEST(RetryPolicy, ExponentialFullJitterCappedAndRetryAfterHonoured) {
  const halo::RetrySettings settings{5, std::chrono::milliseconds(100), std::chrono::milliseconds(1000)};
  halo::HttpResponse r;
  r.status = 503;
  EXPECT_EQ(halo::retry_delay(r, 1, settings, 0.999).count(), 99);
  EXPECT_EQ(halo::retry_delay(r, 3, settings, 0.5).count(), 200);
  EXPECT_EQ(halo::retry_delay(r, 10, settings, 0.5).count(), 500);  // capped at max_backoff
  EXPECT_EQ(halo::retry_delay(r, 2, settings, 0.0).count(), 0);    // full jitter reaches zero
  r.status = 429;
  EXPECT_EQ(halo::retry_delay(r, 1, settings, 0.0).count(), 50);   // never at once after a 429
  EXPECT_EQ(halo::retry_delay(r, 2, settings, 0.999).count(), 199);
  r.retry_after_seconds = 7;
  EXPECT_EQ(halo::retry_delay(r, 1, settings, 0.3).count(), 7000);
}

TEST(RetryPolicy, RateLimitWithoutRetryAfterWaitsAtLeastTheFloorWithJitter) {
  const halo::RetrySettings settings{5, std::chrono::milliseconds(100), std::chrono::milliseconds(1000),
                                     std::chrono::milliseconds(30'000)};
  halo::HttpResponse r;
  r.status = 429;
  EXPECT_EQ(halo::retry_delay(r, 1, settings, 0.0).count(), 30'000);
  EXPECT_EQ(halo::retry_delay(r, 1, settings, 0.5).count(), 33'750);
  EXPECT_EQ(halo::retry_delay(r, 4, settings, 0.999).count(), 37'492);  // the floor is not capped
  r.retry_after_seconds = 7;
  EXPECT_EQ(halo::retry_delay(r, 1, settings, 0.3).count(), 7000) << "Retry-After wins over the floor";
  r.retry_after_seconds = -1;
  r.status = 503;
  EXPECT_EQ(halo::retry_delay(r, 1, settings, 0.5).count(), 50) << "the floor is for 429 only";
}

TEST(ConfigDefaults, ConcurrencyFourAndHalosPublishedBudget) {
  const halo::Config config;
  EXPECT_EQ(config.max_concurrency, 4);
  EXPECT_EQ(config.rate_limit_requests, 300);
  EXPECT_EQ(config.rate_limit_window, std::chrono::seconds(300));
  EXPECT_EQ(config.rate_limit_backoff, std::chrono::milliseconds(30'000));
  EXPECT_EQ(config.scope, "all");
  EXPECT_TRUE(config.ca_file.empty()) << "the system CA store by default";
}

}  // namespace

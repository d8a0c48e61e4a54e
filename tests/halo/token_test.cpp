// OAuth2 client credentials as Halo expects them, token caching and expiry, single-flight
// refresh, and the 401 -> refresh once -> retry once rule.
#include <gtest/gtest.h>

#include "fake_server.hpp"
#include "halo/client.hpp"

namespace {

using namespace halo_test;

TEST(Token, RequestCarriesScopeTenantAndCredentialsOnTheWire) {
  std::string authorization;
  FakeServer server;
  server.add_token_endpoint();
  server.http().Get("/api/Agent", [&](const httplib::Request& req, httplib::Response& res) {
    authorization = req.get_header_value("Authorization");
    res.set_content("[]", "application/json");
  });
  server.start();
  auto config = test_config(server);
  config.scope = "read:tickets read:customers";
  config.tenant = "acme co";
  halo::Client client(config);
  auto doc = client.get("Agent", {}, {});
  ASSERT_TRUE(doc) << util::describe(doc.error());
  const std::string body = server.token_body();
  EXPECT_NE(body.find("grant_type=client_credentials"), std::string::npos) << body;
  EXPECT_NE(body.find("client_id=client-id-1"), std::string::npos) << body;
  EXPECT_NE(body.find(std::string("client_secret=") + kSecret), std::string::npos) << body;
  EXPECT_NE(body.find("scope=read%3Atickets%20read%3Acustomers"), std::string::npos) << body;
  EXPECT_EQ(server.token_tenant(), "acme co");
  EXPECT_EQ(server.token_content_type(), "application/x-www-form-urlencoded");
  EXPECT_EQ(authorization, "Bearer tok-1");
}

TEST(Token, NoTenantParameterWhenNoneConfigured) {
  std::string target;
  FakeServer server;
  server.http().Post("/auth/token", [&](const httplib::Request& req, httplib::Response& res) {
    target = req.target;
    res.set_content(R"({"access_token":"tok-x","expires_in":3600})", "application/json");
  });
  server.http().Get("/api/Agent", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("[]", "application/json");
  });
  server.start();
  halo::Client client(test_config(server));
  ASSERT_TRUE(client.get("Agent", {}, {}));
  EXPECT_EQ(target, "/auth/token");
}

TEST(Token, ReusedAcrossCalls) {
  FakeServer server;
  server.add_token_endpoint();
  server.http().Get("/api/Agent", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("[]", "application/json");
  });
  server.start();
  halo::Client client(test_config(server));
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(client.get("Agent", {}, {}));
  EXPECT_EQ(server.token_hits.load(), 1);
  EXPECT_EQ(client.stats().token_fetches, 1u);
}

TEST(Token, RefreshedWhenExpired) {
  std::vector<std::string> seen;
  std::mutex mutex;
  FakeServer server;
  server.add_token_endpoint(/*expires_in=*/1);
  server.http().Get("/api/Agent", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    seen.push_back(req.get_header_value("Authorization"));
    res.set_content("[]", "application/json");
  });
  server.start();
  halo::Client client(test_config(server));
  ASSERT_TRUE(client.get("Agent", {}, {}));
  ASSERT_TRUE(client.get("Agent", {}, {}));
  EXPECT_EQ(server.token_hits.load(), 1);
  std::this_thread::sleep_for(1000ms);  // past 90% of the 1 s lifetime
  ASSERT_TRUE(client.get("Agent", {}, {}));
  EXPECT_EQ(server.token_hits.load(), 2);
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[2], "Bearer tok-2");
}

TEST(Token, SingleFlightRefreshUnderConcurrentCallers) {
  FakeServer server;
  server.add_token_endpoint(3600, /*delay=*/300ms);
  server.http().Get("/api/Agent", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("[]", "application/json");
  });
  server.start();
  auto config = test_config(server);
  config.max_concurrency = 8;
  halo::Client client(config);
  std::atomic<int> ok{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < 8; ++i) {
    callers.emplace_back([&] {
      if (client.get("Agent", {}, {})) ++ok;
    });
  }
  for (auto& t : callers) t.join();
  EXPECT_EQ(ok.load(), 8);
  EXPECT_EQ(server.token_hits.load(), 1);
}

TEST(Token, Unauthorized401RefreshesOnceAndRetries) {
  std::atomic<int> api_hits{0};
  FakeServer server;
  server.add_token_endpoint();
  server.http().Get("/api/Tickets", [&](const httplib::Request& req, httplib::Response& res) {
    ++api_hits;
    if (req.get_header_value("Authorization") == "Bearer tok-1") {
      res.status = 401;
      return;
    }
    res.set_content(R"({"record_count":0,"tickets":[]})", "application/json");
  });
  server.start();
  halo::Client client(test_config(server));
  auto doc = client.get("Tickets", {}, {});
  ASSERT_TRUE(doc) << util::describe(doc.error());
  EXPECT_EQ(server.token_hits.load(), 2);
  EXPECT_EQ(api_hits.load(), 2);
}

TEST(Token, BadRequestWithInvalidTokenMarkerIsTreatedLike401) {
  FakeServer server;
  server.add_token_endpoint();
  server.http().Get("/api/Tickets", [&](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Authorization") == "Bearer tok-1") {
      res.status = 400;
      res.set_content(R"({"error":"invalid_token","error_description":"expired"})", "application/json");
      return;
    }
    res.set_content("[]", "application/json");
  });
  server.start();
  halo::Client client(test_config(server));
  ASSERT_TRUE(client.get("Tickets", {}, {}));
  EXPECT_EQ(server.token_hits.load(), 2);
}

TEST(Token, PersistentUnauthorizedIsAPermissionErrorNamingTheEndpoint) {
  std::atomic<int> api_hits{0};
  FakeServer server;
  server.add_token_endpoint();
  server.http().Get(R"(/api/ClientContract/(\d+))", [&](const httplib::Request&, httplib::Response& res) {
    ++api_hits;
    res.status = 401;
  });
  server.start();
  halo::Client client(test_config(server));
  auto doc = client.get("ClientContract/5", {{"includedetails", "true"}}, {});
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kPermission);
  EXPECT_EQ(doc.error().http_status, 401);
  EXPECT_EQ(doc.error().endpoint, "/api/ClientContract/5");
  const std::string text = util::describe(doc.error());
  EXPECT_NE(text.find("/api/ClientContract/5"), std::string::npos) << text;
  EXPECT_NE(text.find("'contracts'"), std::string::npos) << text;
  EXPECT_NE(text.find("HALO_SCOPE"), std::string::npos) << text;
  EXPECT_EQ(api_hits.load(), 2);  // retried exactly once
  EXPECT_EQ(server.token_hits.load(), 2);
}

TEST(Token, RejectedCredentialsAreAnAuthErrorWithAHint) {
  FakeServer server;
  server.http().Post("/auth/token", [&](const httplib::Request&, httplib::Response& res) {
    ++server.token_hits;
    res.status = 400;
    res.set_content(R"({"error":"invalid_client","error_description":"Client authentication failed"})",
                    "application/json");
  });
  server.start();
  halo::Client client(test_config(server));
  auto doc = client.get("Tickets", {}, {});
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().kind, util::ErrorKind::kAuth);
  EXPECT_EQ(doc.error().http_status, 400);
  EXPECT_EQ(doc.error().endpoint, "/auth/token");
  EXPECT_EQ(doc.error().upstream_message, "invalid_client: Client authentication failed");
  EXPECT_NE(doc.error().hint.find("HALO_CLIENT_ID/HALO_CLIENT_SECRET"), std::string::npos);
  EXPECT_EQ(server.token_hits.load(), 1);  // a credential failure is not retried
}

}  // namespace

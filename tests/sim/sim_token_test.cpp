// Token endpoint and bearer checks of the simulator: credentials, scope, tenant, expiry.
#include <thread>

#include "sim_test_support.hpp"

namespace sim::testing {
namespace {

using TokenTest = SimFixture;

TEST_F(TokenTest, GoodCredentialsGetABearerToken) {
  Reply r = post_token("grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret&scope=all");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json["token_type"], "Bearer");
  EXPECT_EQ(r.json["expires_in"], 3600);
  EXPECT_EQ(r.json["scope"], "all");
  EXPECT_GE(r.json["access_token"].get<std::string>().size(), 32u);
  EXPECT_NE(token(), token()) << "tokens must be random";
}

TEST_F(TokenTest, BadSecretIsInvalidClientWithoutEchoingIt) {
  Reply r = post_token("grant_type=client_credentials&client_id=demo-client&client_secret=wrong-xyz&scope=all");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json["error"], "invalid_client");
  EXPECT_EQ(r.body.find("wrong-xyz"), std::string::npos);
  EXPECT_EQ(post_token("grant_type=password&client_id=demo-client&client_secret=demo-secret&scope=all").status, 400);
}

TEST_F(TokenTest, TokenWithoutScopeCannotReadAnything) {
  Reply r = post_token("grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret");
  ASSERT_EQ(r.status, 200);
  std::string unscoped = r.json["access_token"];
  EXPECT_EQ(get("/api/Client", unscoped).status, 401);
  EXPECT_EQ(get("/api/Client", token()).status, 200);
}

TEST_F(TokenTest, AllScopeGrantsEveryArea) {
  const std::string t = token("all");
  for (const char* path : {"/api/Tickets", "/api/Client", "/api/Invoice", "/api/ClientContract", "/api/RecurringInvoice",
                           "/api/Projects", "/api/Asset", "/api/Agent", "/api/Report", "/api/Site", "/api/Actions?ticket_id=1"}) {
    EXPECT_EQ(get(path, t).status, 200) << path;
  }
}

TEST_F(TokenTest, ScopeListGrantsOnlyItsAreasAndOtherAreasAre403) {
  Reply r = post_token("grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret"
                       "&scope=read%3Atickets%20read%3Acustomers");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json["scope"], "read:tickets read:customers");
  const std::string t = r.json["access_token"];
  for (const char* path : {"/api/Tickets", "/api/Actions?ticket_id=1", "/api/Status", "/api/Client",
                           "/api/Site", "/api/Users"}) {
    EXPECT_EQ(get(path, t).status, 200) << path;
  }
  for (const char* path : {"/api/Invoice", "/api/RecurringInvoice", "/api/ClientContract", "/api/Projects",
                           "/api/Asset", "/api/Report"}) {
    Reply refused = get(path, t);
    EXPECT_EQ(refused.status, 403) << path;
    EXPECT_EQ(refused.json.value("ClassName", ""), "HaloSecurityException") << refused.body;
  }
  EXPECT_EQ(get("/api/authinfo", "").status, 200) << "discovery needs no token or scope";
  // edit: includes read:, and names are case-insensitive.
  Reply edit = post_token("grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret&scope=EDIT:invoices");
  ASSERT_EQ(edit.status, 200);
  EXPECT_EQ(get("/api/Invoice", edit.json["access_token"]).status, 200);
  EXPECT_EQ(get("/api/Tickets", edit.json["access_token"]).status, 403);
}

TEST_F(TokenTest, TokenRequestsAreLoggedWithScopeAndTenantButNeverTheSecret) {
  (void)post_token("grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret&scope=read%3Atickets",
                   "?tenant=acme");
  (void)post_token("grant_type=client_credentials&client_id=demo-client&client_secret=wrong-xyz&scope=all");
  const Stats stats = sim_->stats();
  ASSERT_EQ(stats.token_grants.size(), 2u);
  EXPECT_EQ(stats.token_grants[0].client_id, "demo-client");
  EXPECT_EQ(stats.token_grants[0].tenant, "acme");
  EXPECT_EQ(stats.token_grants[0].scope, "read:tickets");
  EXPECT_EQ(stats.token_grants[0].status, 200);
  EXPECT_EQ(stats.token_grants[1].status, 401);
  const std::string json = control("GET", "/_sim/stats").body;
  EXPECT_NE(json.find("\"token_grants\""), std::string::npos);
  EXPECT_EQ(json.find("demo-secret"), std::string::npos) << "the secret reached the stats";
  EXPECT_EQ(json.find("wrong-xyz"), std::string::npos) << "a wrong secret reached the stats";
}

TEST_F(TokenTest, BearerIsRequired) {
  EXPECT_EQ(get("/api/Tickets", "").status, 401);
  EXPECT_EQ(get("/api/Tickets", "not-a-token").status, 401);
  EXPECT_EQ(get("/api/Tickets", token()).status, 200);
  EXPECT_EQ(get("/api/authinfo", "").status, 200) << "discovery needs no token";
}

TEST_F(TokenTest, ExpireTokensNowInvalidatesIssuedTokens) {
  std::string t = token();
  ASSERT_EQ(get("/api/Status", t).status, 200);
  ASSERT_EQ(control("POST", "/_sim/faults", R"({"expire_tokens_now": true})").status, 200);
  EXPECT_EQ(get("/api/Status", t).status, 401);
  EXPECT_EQ(get("/api/Status", token()).status, 200) << "a fresh token works again";
  ASSERT_EQ(control("POST", "/_sim/faults", R"({"expire_tokens_now": true, "expired_token_status": 400})").status, 200);
  Reply r = get("/api/Status", t);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"], "invalid_token");
}

class ShortTokenTest : public SimFixture {
  Options options() override {
    Options o = SimFixture::options();
    o.token_lifetime_s = 1;
    return o;
  }
};

TEST_F(ShortTokenTest, TokensExpireAfterTheirLifetime) {
  std::string t = token();
  EXPECT_EQ(get("/api/Status", t).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_EQ(get("/api/Status", t).status, 401);
}

class TenantTest : public SimFixture {
  Options options() override {
    Options o = SimFixture::options();
    o.credentials.tenant = "acme";
    return o;
  }
};

TEST_F(TenantTest, TenantMustMatchWhenConfigured) {
  const std::string body = "grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret&scope=all";
  EXPECT_EQ(post_token(body).status, 401);
  EXPECT_EQ(post_token(body, "?tenant=other").status, 401);
  EXPECT_EQ(post_token(body, "?tenant=acme").status, 200);
}

class NoControlTest : public SimFixture {
  Options options() override {
    Options o = SimFixture::options();
    o.control_endpoints = false;
    return o;
  }
};

TEST_F(NoControlTest, ControlEndpointsDoNotExist) {
  EXPECT_EQ(control("GET", "/_sim/health").status, 404);
  EXPECT_EQ(control("GET", "/_sim/stats").status, 404);
  EXPECT_EQ(control("POST", "/_sim/faults", R"({"status_for": {"/api/Tickets": 500}})").status, 404);
  EXPECT_EQ(control("DELETE", "/_sim/faults").status, 404);
  EXPECT_EQ(api("/api/Tickets").status, 200) << "the fault was not applied";
}

}  // namespace
}  // namespace sim::testing

// The client secret and access tokens never reach an error message or a log line, even when
// Halo echoes them back, and requests are logged at debug (method, endpoint, status, ms).
#include <gtest/gtest.h>

#include <mutex>
#include <string>

#include "fake_server.hpp"
#include "halo/client.hpp"
#include "halo/url.hpp"
#include "util/log.hpp"

namespace {

using namespace halo_test;

class CapturedLog {
 public:
  CapturedLog() {
    util::init_logging("trace");
    previous_ = util::log::redirect([this](std::string_view line) {
      const std::lock_guard lock(mutex_);
      text_ += line;
    });
  }
  ~CapturedLog() {
    util::log::redirect(std::move(previous_));
    util::init_logging("info");
  }
  std::string text() {
    const std::lock_guard lock(mutex_);
    return text_;
  }

 private:
  std::mutex mutex_;
  std::string text_;
  util::log::Destination previous_;
};

void expect_clean(const std::string& text, const std::string& where) {
  EXPECT_EQ(text.find(kSecret), std::string::npos) << where << ": " << text;
  EXPECT_EQ(text.find(halo::percent_encode(kSecret)), std::string::npos) << where;
  EXPECT_EQ(text.find("tok-"), std::string::npos) << where << ": " << text;
}

TEST(Secrets, NeverInErrorsOrLogs) {
  CapturedLog log;
  std::atomic<int> token_calls{0};
  FakeServer server;
  server.http().Post("/auth/token", [&](const httplib::Request& req, httplib::Response& res) {
    // First call: reject, echoing the whole request body (secret included) back.
    if (token_calls++ == 0) {
      res.status = 401;
      res.set_content("{\"error\":\"invalid_client\",\"error_description\":\"bad " + req.body + "\"}",
                      "application/json");
      return;
    }
    res.set_content("{\"access_token\":\"tok-abcdef\",\"expires_in\":3600}", "application/json");
  });
  server.http().Get(R"(/api/(.*))", [&](const httplib::Request& req, httplib::Response& res) {
    const std::string auth = req.get_header_value("Authorization");
    if (req.path == "/api/Client") {
      res.status = 403;  // echo the token back in the error body
      res.set_content("{\"Message\":\"denied for " + auth + " and " + kSecret + "\"}", "application/json");
      return;
    }
    if (req.path == "/api/Site") {
      res.status = 401;
      res.set_content("token " + auth + " refused", "text/plain");
      return;
    }
    res.set_content("[]", "application/json");
  });
  server.start();
  halo::Client client(test_config(server));
  std::vector<std::string> described;

  auto auth_failure = client.get("Tickets", {}, {});
  ASSERT_FALSE(auth_failure);
  EXPECT_EQ(auth_failure.error().kind, util::ErrorKind::kAuth);
  described.push_back(util::describe(auth_failure.error()));

  ASSERT_TRUE(client.get("Tickets", {{"search", "x"}}, {}));
  auto forbidden = client.get("Client", {}, {});
  ASSERT_FALSE(forbidden);
  described.push_back(util::describe(forbidden.error()));
  auto unauthorized = client.get("Site", {}, {});
  ASSERT_FALSE(unauthorized);
  described.push_back(util::describe(unauthorized.error()));

  for (const auto& text : described) expect_clean(text, "error");
  const std::string logged = log.text();
  expect_clean(logged, "log");
  // The request log line: method, endpoint path (no host, no query), status, duration.
  EXPECT_NE(logged.find("GET /api/Tickets 200 "), std::string::npos) << logged;
  EXPECT_NE(logged.find("POST /auth/token 401 "), std::string::npos) << logged;
  EXPECT_EQ(logged.find("search=x"), std::string::npos) << logged;
  EXPECT_EQ(logged.find("127.0.0.1"), std::string::npos) << logged;
}

// A short secret ("k3y") cannot be searched for safely: replacing every "k3y" would show which
// characters it holds (a hostile Halo could probe it) and would rewrite data that contains them.
// So data passes untouched and Halo's words in errors are withheld whatever they contain.
TEST(Secrets, AShortSecretIsNeitherRevealedNorUsedToRewriteData) {
  FakeServer server;
  server.add_token_endpoint();
  server.http().Get("/api/Client", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"record_count":1,"clients":[{"id":1,"name":"k3y holdings"}]})", "application/json");
  });
  server.http().Get("/api/Site", [](const httplib::Request&, httplib::Response& res) {
    res.status = 403;
    res.set_content(R"({"Message":"no: k3 k3y 3y"})", "application/json");
  });
  server.start();
  auto config = test_config(server);
  config.client_secret = "k3y";
  halo::Client client(config);

  auto clients = client.get("Client", {}, {});
  ASSERT_TRUE(clients);
  EXPECT_NE(std::string(simdjson::minify(clients->root())).find("k3y holdings"), std::string::npos)
      << "the data was rewritten";
  auto refused = client.get("Site", {}, {});
  ASSERT_FALSE(refused);
  const std::string text = util::describe(refused.error());
  EXPECT_EQ(text.find("k3"), std::string::npos) << text;
  EXPECT_EQ(text.find("***"), std::string::npos) << text;
  EXPECT_NE(refused.error().upstream_message.find("withheld"), std::string::npos) << text;
}

}  // namespace

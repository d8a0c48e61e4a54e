// Shared fixture for the simulator tests: an in-process simulator on a free loopback port, a
// cpp-httplib client, and helpers to fetch a token and GET JSON.
#pragma once
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <string>

#include "sim/simulator.hpp"
#include "util/json.hpp"

namespace sim::testing {

inline constexpr const char* kToday = "2025-06-15";

struct Reply {
  int status = 0;
  std::string body;
  util::Json json;  ///< null when the body is not JSON
  httplib::Headers headers;
};

class SimFixture : public ::testing::Test {
 protected:
  virtual Options options() {
    Options o;
    o.today = kToday;
    return o;
  }
  void SetUp() override {
    sim_ = std::make_unique<Simulator>(options());
    ASSERT_GT(sim_->start(), 0) << sim_->last_error();
    client_ = make_client();
  }
  void TearDown() override { sim_.reset(); }

  std::unique_ptr<httplib::Client> make_client() {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", sim_->port());
    c->set_read_timeout(10, 0);
    c->set_connection_timeout(5, 0);
    return c;
  }

  Reply post_token(const std::string& body, const std::string& query = "") {
    auto res = client_->Post(("/auth/token" + query).c_str(), body, "application/x-www-form-urlencoded");
    return to_reply(res);
  }
  std::string token(const std::string& scope = "all") {
    Reply r = post_token("grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret&scope=" + scope);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json.value("access_token", std::string());
  }
  Reply get(const std::string& path, const std::string& bearer) {
    httplib::Headers headers;
    if (!bearer.empty()) headers.emplace("Authorization", "Bearer " + bearer);
    return to_reply(client_->Get(path.c_str(), headers));
  }
  /// GET with a cached token.
  Reply api(const std::string& path) {
    if (token_.empty()) token_ = token();
    return get(path, token_);
  }
  Reply control(const std::string& method, const std::string& path, const std::string& body = "") {
    if (method == "POST") return to_reply(client_->Post(path.c_str(), body, "application/json"));
    if (method == "DELETE") return to_reply(client_->Delete(path.c_str()));
    return to_reply(client_->Get(path.c_str()));
  }

  static Reply to_reply(const httplib::Result& res) {
    Reply r;
    if (!res) {
      r.status = -1;
      return r;
    }
    r.status = res->status;
    r.body = res->body;
    r.headers = res->headers;
    r.json = util::Json::parse(r.body, nullptr, false);
    if (r.json.is_discarded()) r.json = nullptr;
    return r;
  }

  std::unique_ptr<Simulator> sim_;
  std::unique_ptr<httplib::Client> client_;
  std::string token_;
};

}  // namespace sim::testing

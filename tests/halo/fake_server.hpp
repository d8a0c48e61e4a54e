// A small fake Halo for the client tests: a cpp-httplib server on 127.0.0.1 (any free port)
// with a scriptable token endpoint and per-test /api handlers. Slow handlers wait on a latch
// that teardown releases, so a test never waits for a sleeping handler to finish.
// Handlers run on the server's threads until it stops, so declare whatever they capture BEFORE
// the FakeServer (it is then destroyed after the server has joined its threads).
#pragma once
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "halo/config.hpp"

namespace halo_test {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

inline const char kSecret[] = "S3cr3t-Value-7f1e";

class FakeServer {
 public:
  FakeServer() {
    server_.new_task_queue = [] { return new httplib::ThreadPool(24); };
    server_.set_keep_alive_timeout(1);
  }
  ~FakeServer() { stop(); }

  httplib::Server& http() { return server_; }

  void start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() is a no-op until the accept loop runs, so wait for it (bounded).
    for (int i = 0; i < 2000 && !server_.is_running(); ++i) std::this_thread::sleep_for(1ms);
  }
  void stop() {
    release();
    if (thread_.joinable()) {
      server_.stop();
      thread_.join();
    }
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  /// POST /auth/token issuing "tok-1", "tok-2", ...; records what it was sent.
  void add_token_endpoint(long expires_in = 3600, std::chrono::milliseconds delay = 0ms) {
    server_.Post("/auth/token", [this, expires_in, delay](const httplib::Request& req,
                                                          httplib::Response& res) {
      if (delay.count() > 0) wait_or_release(delay);
      const int n = ++token_hits;
      {
        std::lock_guard lock(mutex_);
        last_token_body = req.body;
        last_token_tenant = req.has_param("tenant") ? req.get_param_value("tenant") : "";
        last_token_content_type = req.get_header_value("Content-Type");
      }
      res.set_content("{\"access_token\":\"tok-" + std::to_string(n) +
                          "\",\"token_type\":\"Bearer\",\"expires_in\":" +
                          std::to_string(expires_in) + ",\"scope\":\"all\"}",
                      "application/json");
    });
  }

  /// Waits `d` or until teardown, whichever comes first.
  void wait_or_release(std::chrono::milliseconds d) {
    std::unique_lock lock(mutex_);
    released_cv_.wait_for(lock, d, [this] { return released_; });
  }
  void release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    released_cv_.notify_all();
  }

  std::string token_body() {
    std::lock_guard lock(mutex_);
    return last_token_body;
  }
  std::string token_tenant() {
    std::lock_guard lock(mutex_);
    return last_token_tenant;
  }
  std::string token_content_type() {
    std::lock_guard lock(mutex_);
    return last_token_content_type;
  }

  std::atomic<int> token_hits{0};

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  std::condition_variable released_cv_;
  bool released_ = false;
  std::string last_token_body;
  std::string last_token_tenant;
  std::string last_token_content_type;
};

/// A client configuration for `server` with test-sized timings.
inline halo::Config test_config(const FakeServer& server) {
  halo::Config config;
  config.instance_url = server.url();
  config.auth_url = server.url() + "/auth";
  config.client_id = "client-id-1";
  config.client_secret = kSecret;
  config.backoff_base = std::chrono::milliseconds(20);
  config.max_backoff = std::chrono::milliseconds(200);
  // The 30 s floor after a 429 without Retry-After is for real Halo; tests that need it set it.
  config.rate_limit_backoff = std::chrono::milliseconds(0);
  config.request_timeout = std::chrono::milliseconds(5000);
  config.call_deadline = std::chrono::milliseconds(20000);
  config.cache_ttl = std::chrono::seconds(0);
  return config;
}

inline long long ms_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

/// `{"record_count":N,"<key>":[{"id":first},...]}` with `count` items.
inline std::string page_body(const std::string& key, int first_id, int count, long record_count) {
  std::string items;
  for (int i = 0; i < count; ++i) {
    if (i) items += ",";
    items += "{\"id\":" + std::to_string(first_id + i) + "}";
  }
  return "{\"page_no\":1,\"record_count\":" + std::to_string(record_count) + ",\"" + key + "\":[" +
         items + "]}";
}

}  // namespace halo_test

// The simulator's HTTP side: cpp-httplib on 127.0.0.1 with a worker pool, the OAuth token
// endpoint, bearer checks, fault application, request statistics and the /_sim control endpoints.
#pragma once
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "sim/dataset_store.hpp"
#include "sim/simulator.hpp"
#include "sim/token_store.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace sim {

class Server {
 public:
  Server(const Options& options, std::shared_ptr<const DatasetStore> store, Faults& faults);
  ~Server();

  /// Binds and starts the accept loop on a background thread. Returns the port, or -1 with `error`.
  int start(std::string& error);
  void stop();
  [[nodiscard]] bool running() const { return running_.load(); }
  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] Stats stats() const;
  void reset_stats();

 private:
  void handle(const httplib::Request& req, httplib::Response& res);
  void handle_control(const httplib::Request& req, httplib::Response& res, const std::string& path_lower);
  void handle_token(const httplib::Request& req, httplib::Response& res);
  void handle_api(const httplib::Request& req, httplib::Response& res);
  void count(const std::string& key, bool token_request);
  void remember(const httplib::Request& req);
  void remember_grant(TokenGrant grant);
  [[nodiscard]] std::string base_url() const;

  Options options_;
  std::shared_ptr<const DatasetStore> store_;
  Faults& faults_;
  TokenStore tokens_;
  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  std::atomic<bool> running_{false};
  int port_ = -1;

  mutable std::mutex stats_mutex_;
  Stats stats_;
  std::atomic<int> in_flight_{0};
  const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace sim

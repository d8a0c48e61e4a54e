// A team's deployment end to end, with the real parts: redis-server and nginx (Debian's) on
// loopback, three replicas of the real executable in --stateless mode behind nginx, the
// simulator enforcing Halo's rolling window (60 requests per 10 s, as the replicas' budget), and
// clients of both protocol eras calling tools concurrently through nginx with per-person tokens.
// What it proves, from the simulator's own counts:
//   - together the replicas never send more than the budget (no 429) and each question costs
//     exactly the one request its data needs;
//   - a question repeated through another replica costs Halo nothing (the shared cache);
//   - with Redis killed mid-load every call still succeeds and each replica keeps to its share;
//     restarted, sharing resumes;
//   - a 429 one replica is answered pauses the others until its Retry-After;
//   - a desk token sees and calls no billing or analytics tool, an unknown token gets 401, and the
//     audit logs hold one line per call and no token or secret.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "http_raw_client.hpp"
#include "sim_process.hpp"
#include "support/redis_server.hpp"

using namespace testsupport;
using util::Json;

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

const std::string kServer = build_path("halo-psa-mcp");
const std::string kClientId = "replica-fleet";
const std::string kSecret = "replica-fleet-secret-0123456789";
// Halo's window as the simulator enforces it, and the replicas' budget: the same.
constexpr int kBudget = 60;
constexpr int kWindowS = 10;

std::string slurp(const fs::path& path) {
  std::stringstream text;
  text << std::ifstream(path).rdbuf();
  return text.str();
}

std::uint16_t port_of(const std::string& url) { return static_cast<std::uint16_t>(std::stoi(url.substr(url.rfind(':') + 1))); }

/// GET or POST a simulator control endpoint; the JSON answer.
Json sim_control(std::uint16_t port, const std::string& method, const std::string& path, const std::string& body = "") {
  mcp_test::RawClient client(port);
  std::string request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!body.empty()) request += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  client.send_raw(request + "\r\n" + body);
  return Json::parse(client.read_reply().body);
}

/// A tools/call answer that is a result and not a tool error.
bool succeeded(const Json& answer) {
  return answer.is_object() && answer.contains("result") && answer["result"].is_object() &&
         !answer["result"].value("isError", false);
}

class ReplicaFleet : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    sim_ = std::make_unique<SimProcess>(std::vector<std::string>{
        "--client-id", kClientId, "--client-secret", kSecret, "--faults",
        R"({"rate_limit":{"window_max":60,"window_s":10}})"});
    ASSERT_FALSE(sim_->url().empty()) << sim_->stderr_text();
    sim_port_ = port_of(sim_->url());
    access_file_ = dir_ / "access.json";
    owner_ = add_person("owner", "all");
    desk_ = add_person("service-desk", "tickets,customers");
    for (int i = 0; i < 3; ++i) start_replica(i);
    start_nginx();
  }
  void TearDown() override {
    if (nginx_) {  // TERM, not the destructor's KILL, which would leave its worker behind
      ::kill(nginx_->pid(), SIGTERM);
      nginx_->wait(10s);
      nginx_.reset();
    }
  }

  std::string add_person(const std::string& name, const std::string& toolsets) {
    auto r = run({kServer, "access", "add", name, "--toolsets", toolsets, "--file", access_file_.string()});
    EXPECT_EQ(r.status, 0) << r.err;
    return r.out.substr(0, r.out.find('\n'));
  }

  void start_replica(int i) {
    ProcessOptions options;
    options.env = {{"HALO_INSTANCE_URL", sim_->url()},
                   {"HALO_CLIENT_ID", kClientId},
                   {"HALO_CLIENT_SECRET", kSecret},
                   {"HALO_RATE_LIMIT", std::to_string(kBudget)},
                   {"HALO_RATE_WINDOW_S", std::to_string(kWindowS)},
                   {"HALO_MCP_REDIS_URL", redis_.url()},
                   {"HALO_MCP_REPLICAS", "3"},
                   {"HALO_MCP_ACCESS_FILE", access_file_.string()},
                   {"HALO_MCP_AUDIT_LOG", (dir_ / ("audit-" + std::to_string(i) + ".log")).string()}};
    replicas_.push_back(std::make_unique<Process>(
        std::vector<std::string>{kServer, "--transport", "http", "--port", "0", "--stateless", "--log-level", "info"},
        options));
    const auto port = served_http_port(*replicas_.back());
    ASSERT_TRUE(port) << "replica " << i << " did not start: " << replicas_.back()->stderr_text();
    replica_ports_.push_back(*port);
  }

  void start_nginx() {
    nginx_port_ = free_port();
    std::ofstream conf(dir_ / "nginx.conf");
    conf << (::geteuid() == 0 ? "user root root;\n" : "") << "worker_processes 1;\ndaemon off;\npid "
         << (dir_ / "nginx.pid").string() << ";\nerror_log " << (dir_ / "nginx-error.log").string()
         << " warn;\nevents { worker_connections 256; }\nhttp {\n  access_log " << (dir_ / "nginx-access.log").string()
         << ";\n";
    for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
      conf << "  " << temp << "_temp_path " << (dir_ / (std::string("tmp-") + temp)).string() << ";\n";
    }
    // Round robin over the three replicas, as docs/scale-out.md deploys them.
    conf << "  upstream replicas {\n";
    for (auto port : replica_ports_) conf << "    server 127.0.0.1:" << port << ";\n";
    conf << "    keepalive 16;\n  }\n  server {\n    listen 127.0.0.1:" << nginx_port_ << ";\n"
         << "    location /mcp {\n      proxy_pass http://replicas;\n      proxy_http_version 1.1;\n"
         << "      proxy_set_header Connection \"\";\n      proxy_set_header Host localhost;\n"
         << "      proxy_buffering off;\n      proxy_read_timeout 300s;\n    }\n  }\n}\n";
    conf.close();
    nginx_ = std::make_unique<Process>(std::vector<std::string>{system_program("nginx"), "-p", dir_.string(), "-c",
                                                                (dir_ / "nginx.conf").string(), "-e",
                                                                (dir_ / "nginx-error.log").string()});
    for (auto until = Clock::now() + 20s; Clock::now() < until; std::this_thread::sleep_for(50ms)) {
      if (mcp_test::RawClient(nginx_port_).connected()) return;
      ASSERT_FALSE(nginx_->wait(1ms)) << "nginx exited: " << slurp(dir_ / "nginx-error.log");
    }
    FAIL() << "nginx did not listen: " << slurp(dir_ / "nginx-error.log");
  }

  /// One tools/call, 2026-07-28 style (no session) or 2025-11-25 style (stateless: its version in
  /// the header), to `port` (nginx unless said otherwise). The final JSON-RPC message.
  Json call(const std::string& token, bool modern, const std::string& tool, Json arguments, std::uint16_t port = 0) {
    Json params{{"name", tool}, {"arguments", std::move(arguments)}};
    std::map<std::string, std::string> headers{{"Authorization", "Bearer " + token}};
    if (modern) {
      params["_meta"] = Json{{"io.modelcontextprotocol/protocolVersion", "2026-07-28"},
                             {"io.modelcontextprotocol/clientCapabilities", Json::object()},
                             {"io.modelcontextprotocol/clientInfo", {{"name", "load"}, {"version", "1"}}}};
      headers.insert({{"MCP-Protocol-Version", "2026-07-28"}, {"Mcp-Method", "tools/call"}, {"Mcp-Name", tool}});
    } else {
      headers.insert({"MCP-Protocol-Version", "2025-11-25"});
    }
    Json body{{"jsonrpc", "2.0"}, {"id", ++ids_}, {"method", "tools/call"}, {"params", std::move(params)}};
    mcp_test::RawClient client(port != 0 ? port : nginx_port_, 180s);
    client.send_raw(mcp_test::post_text(body.dump(), headers));
    ++calls_made_;
    return mcp_test::final_message(client.read_reply());
  }

  /// tools/list (2026-07-28) through nginx; null unless the HTTP status is `status`.
  Json list_tools(const std::string& token, int status = 200) {
    Json body{{"jsonrpc", "2.0"}, {"id", ++ids_}, {"method", "tools/list"}};
    body["params"]["_meta"] = Json{{"io.modelcontextprotocol/protocolVersion", "2026-07-28"},
                                   {"io.modelcontextprotocol/clientCapabilities", Json::object()},
                                   {"io.modelcontextprotocol/clientInfo", {{"name", "desk"}, {"version", "1"}}}};
    mcp_test::RawClient client(nginx_port_);
    client.send_raw(mcp_test::post_text(
        body.dump(), {{"Authorization", "Bearer " + token}, {"MCP-Protocol-Version", "2026-07-28"}, {"Mcp-Method", "tools/list"}}));
    const mcp_test::HttpReply reply = client.read_reply();
    EXPECT_EQ(reply.status, status) << reply.body;
    return reply.status == 200 ? mcp_test::final_message(reply) : Json();
  }

  /// `count` distinct list_tickets questions (each one Halo request, never cached before) from six
  /// clients at once, three of each era. Returns the answers that were not a success.
  std::vector<std::string> load(int first, int count, const std::function<void(int done)>& after_each = {}) {
    std::atomic<int> next{first}, done{0};
    std::mutex mutex;
    std::vector<std::string> failures;
    auto client = [&](bool modern) {
      for (int n = next++; n < first + count; n = next++) {
        // page_size 1..50 and page_no 1..k: every n a URL of its own.
        const Json answer = call(owner_, modern, "list_tickets", Json{{"page_size", 1 + n % 50}, {"page_no", 1 + n / 50}});
        if (!succeeded(answer)) {
          std::lock_guard lock(mutex);
          failures.push_back(answer.dump().substr(0, 400));
        }
        const int finished = ++done;
        if (after_each) after_each(finished);
      }
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t) threads.emplace_back(client, t % 2 == 0);
    // Meanwhile this thread keeps reading the replicas' logs, so that no pipe fills and blocks one.
    while (done.load() < count) {
      collect_logs();
      std::this_thread::sleep_for(50ms);
    }
    for (auto& thread : threads) thread.join();
    return failures;
  }

  int sim_requests(const std::string& path) {
    const Json stats = sim_control(sim_port_, "GET", "/_sim/stats");
    return stats["per_path"].value(path, 0);
  }
  Json sim_window() { return sim_control(sim_port_, "GET", "/_sim/faults")["rate_limit"]; }

  /// Reads what the replicas logged since last time (Process::stderr_text keeps all of it).
  void collect_logs() {
    for (auto& replica : replicas_) (void)replica->stderr_text();
  }
  std::string replica_logs() {
    std::string all;
    for (auto& replica : replicas_) all += replica->stderr_text();
    return all;
  }

  TempDir scratch_{"halo-replicas"};  // first: removed after every process using it has gone
  const fs::path dir_ = scratch_.dir();
  fs::path access_file_;
  RedisServer redis_;
  std::unique_ptr<SimProcess> sim_;
  std::uint16_t sim_port_ = 0, nginx_port_ = 0;
  std::vector<std::unique_ptr<Process>> replicas_;
  std::vector<std::uint16_t> replica_ports_;
  std::unique_ptr<Process> nginx_;
  std::string owner_, desk_;
  std::atomic<int> ids_{0}, calls_made_{0};
};

TEST_F(ReplicaFleet, ShareHalosBudgetAndCacheSurviveLosingRedisAndKeepAccessPerPerson) {
  // --- 1. Shared budget: 150 questions, 60 per 10 s allowed for the three replicas together.
  // Each replica alone would allow 60, so without sharing the first second alone would send
  // up to 150 and the simulator would refuse 90 of them.
  ASSERT_EQ(sim_requests("/api/Tickets"), 0);
  auto failures = load(0, 150);
  EXPECT_TRUE(failures.empty()) << failures.size() << " calls failed, first: " << failures.front();
  Json window = sim_window();
  EXPECT_EQ(window["window_refusals"], 0) << "the replicas together exceeded Halo's window: " << window.dump()
                                          << "\nreplicas' logs:\n" << replica_logs();
  EXPECT_EQ(window["window_peak"], kBudget) << "the budget was not used to the full: " << window.dump();
  // 150 distinct questions of one page each: 150 requests, no retry, nothing twice.
  EXPECT_EQ(sim_requests("/api/Tickets"), 150);

  // --- 2. Shared cache: asked of replica 0, then of replicas 1 and 2 directly (not via nginx).
  const Json question{{"page_size", 3}, {"page_no", 77}};
  const int before = sim_requests("/api/Tickets");
  for (std::size_t i = 0; i < 3; ++i) {
    const Json answer = call(owner_, i % 2 == 0, "list_tickets", question, replica_ports_[i]);
    ASSERT_TRUE(succeeded(answer)) << "replica " << i << ": " << answer.dump();
  }
  EXPECT_EQ(sim_requests("/api/Tickets"), before + 1) << "replicas 1 and 2 should have answered from the shared cache";

  // --- 3. Redis killed mid-load. The simulator now allows 80 per 10 s: room for what the
  // replicas sent together just before Redis went (up to 60) plus the little each may add while
  // its own sends of that window age out; a replica that kept using the whole fleet's 60 for
  // itself would send three times its share of 20 and be refused.
  sim_control(sim_port_, "POST", "/_sim/faults", R"({"rate_limit":{"window_max":80,"window_s":10}})");
  failures = load(1000, 90, [&](int done) {
    if (done == 15) redis_.kill();
  });
  EXPECT_TRUE(failures.empty()) << failures.size() << " calls failed without Redis, first: " << failures.front();
  window = sim_window();
  EXPECT_EQ(window["window_refusals"], 0) << "the fallback shares did not hold: " << window.dump();
  EXPECT_NE(replica_logs().find("is unavailable"), std::string::npos);

  // --- 4. Redis back (same port, empty): sharing resumes within the replicas' reconnect backoff
  // (at most 5 s). Proven as in 2: a question asked of replica 0 costs replica 1 nothing.
  redis_.start();
  bool shared_again = false;
  for (int n = 0; n < 40 && !shared_again; ++n) {
    const Json fresh{{"page_size", 2}, {"page_no", 500 + n}};
    (void)call(owner_, true, "list_tickets", fresh, replica_ports_[0]);
    const int asked = sim_requests("/api/Tickets");
    (void)call(owner_, false, "list_tickets", fresh, replica_ports_[1]);
    shared_again = sim_requests("/api/Tickets") == asked;
    if (!shared_again) std::this_thread::sleep_for(500ms);
  }
  EXPECT_TRUE(shared_again) << "sharing did not resume after Redis came back";
  EXPECT_NE(replica_logs().find("answers again"), std::string::npos);

  // --- 5. A 429 one replica sees pauses the others. The simulator now refuses the first request
  // for every URL, saying Retry-After: 2. Replica 0 asks Q1 and is refused at t0: every replica
  // must then hold its requests until t0 + 2 s. Replica 1, asked Q2 half a second later, alone
  // would send Q2 at once (t0 + 0.5 s); told of the pause, it sends Q2 no earlier than t0 + 2 s.
  sim_control(sim_port_, "POST", "/_sim/faults", R"({"rate_limit":{"every_n":1000000,"per_url":true,"retry_after_s":2}})");
  const Json q1{{"page_size", 4}, {"page_no", 900}}, q2{{"page_size", 4}, {"page_no", 901}};
  Json a1;
  std::thread first([&] { a1 = call(owner_, true, "list_tickets", q1, replica_ports_[0]); });
  std::this_thread::sleep_for(500ms);
  const Json a2 = call(owner_, false, "list_tickets", q2, replica_ports_[1]);
  first.join();
  EXPECT_TRUE(succeeded(a1)) << a1.dump();
  EXPECT_TRUE(succeeded(a2)) << a2.dump();
  auto first_sent = [&](const char* page_no) {
    const Json stats = sim_control(sim_port_, "GET", "/_sim/stats");  // (not a temporary: the loop keeps a reference)
    for (const Json& request : stats["recent"]) {
      const std::string target = request.value("target", "");
      if (target.find("page_size=4&page_no=" + std::string(page_no)) != std::string::npos) return request["at_ms"].get<double>();
    }
    return -1.0;
  };
  const double q1_at = first_sent("900"), q2_at = first_sent("901");
  ASSERT_GE(q1_at, 0);
  ASSERT_GE(q2_at, 0);
  EXPECT_GE(q2_at - q1_at, 1900) << "replica 1 sent while the pause replica 0 was told of was running";
  sim_control(sim_port_, "POST", "/_sim/faults", "{}");

  // --- 6. Per-person access through nginx.
  std::vector<std::string> desk_tools;
  const Json listed = list_tools(desk_);
  for (const Json& tool : listed["result"]["tools"]) desk_tools.push_back(tool["name"]);
  EXPECT_NE(std::find(desk_tools.begin(), desk_tools.end(), "list_tickets"), desk_tools.end()) << listed.dump();
  for (const char* hidden : {"revenue_breakdown", "list_invoices", "client_profitability", "receivables"}) {
    EXPECT_EQ(std::find(desk_tools.begin(), desk_tools.end(), hidden), desk_tools.end()) << hidden;
  }
  const Json refused = call(desk_, true, "revenue_breakdown", Json::object());
  EXPECT_NE(refused.dump().find("Unknown tool"), std::string::npos) << refused.dump();
  EXPECT_EQ(list_tools("hpm_not-a-token-anyone-holds", /*status=*/401), nullptr);


  // The audit logs: one line per tools/call, wherever nginx sent it; no token, no secret.
  int audit_lines = 0;
  std::string audits;
  for (int i = 0; i < 3; ++i) audits += slurp(dir_ / ("audit-" + std::to_string(i) + ".log"));
  std::istringstream lines(audits);
  for (std::string line; std::getline(lines, line);) ++audit_lines;
  EXPECT_EQ(audit_lines, calls_made_.load());
  const std::string logs = replica_logs();
  for (const std::string& secret : {owner_, desk_, kSecret}) {
    EXPECT_EQ(audits.find(secret), std::string::npos) << "a secret in the audit log";
    EXPECT_EQ(logs.find(secret), std::string::npos) << "a secret in a replica's log";
  }
}

}  // namespace

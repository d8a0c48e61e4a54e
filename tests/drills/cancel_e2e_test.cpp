// Cancellation end to end: the real executable, a halo-sim child holding a request (a latency
// fault), and notifications/cancelled from the client. The cancelled call must never be answered,
// its upstream HTTP transfer must be aborted at once (not left to run out the latency), nothing
// more may be asked of Halo on its behalf, and the session must keep serving. Once per era: the
// server honours notifications/cancelled for modern (2026-07-28) requests too (server.cpp's
// handle_notification does not look at the era).
//
// Why the abort is observed on the server's sockets: halo-sim sleeps out its latency whatever the
// client does (its in-flight counter cannot drop early), but libcurl closes a connection whose
// transfer is removed mid-flight, so the halo-psa-mcp process's ESTABLISHED connections to the
// simulator drop as soon as the cancellation reaches the transfer.
#include <gtest/gtest.h>

#include <dirent.h>
#include <unistd.h>

#include <climits>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <thread>

#include "drill_support.hpp"

namespace drills {
namespace {

using namespace std::chrono_literals;

constexpr int kLatencyMs = 2000;

int port_of(const std::string& url) {
  const auto colon = url.rfind(':');
  return colon == std::string::npos ? -1 : std::atoi(url.c_str() + colon + 1);
}

/// ESTABLISHED TCP connections of process `pid` whose remote end is loopback port `port`
/// (from /proc/<pid>/fd socket inodes matched against /proc/net/tcp{,6}).
int connections_to(pid_t pid, int port) {
  std::set<std::string> inodes;
  const std::string fd_dir = "/proc/" + std::to_string(pid) + "/fd";
  if (DIR* dir = ::opendir(fd_dir.c_str())) {
    while (dirent* entry = ::readdir(dir)) {
      char target[PATH_MAX];
      const std::string link = fd_dir + "/" + entry->d_name;
      const ssize_t n = ::readlink(link.c_str(), target, sizeof target - 1);
      if (n <= 0) continue;
      const std::string text(target, static_cast<std::size_t>(n));
      if (text.rfind("socket:[", 0) == 0) inodes.insert(text.substr(8, text.size() - 9));
    }
    ::closedir(dir);
  }
  int count = 0;
  for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
      fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >> inode;
      const auto colon = remote.rfind(':');
      if (colon == std::string::npos || state != "01" || inodes.count(inode) == 0) continue;
      if (std::stoi(remote.substr(colon + 1), nullptr, 16) == port) ++count;
    }
  }
  return count;
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto until = Clock::now() + timeout;
  while (Clock::now() < until) {
    if (condition()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return condition();
}

json modern_meta() {
  return json{{"io.modelcontextprotocol/protocolVersion", "2026-07-28"},
              {"io.modelcontextprotocol/clientCapabilities", json::object()},
              {"io.modelcontextprotocol/clientInfo", {{"name", "cancel-drill"}, {"version", "1"}}}};
}

void cancel_in_flight_call(bool modern) {
  Sim sim;
  ASSERT_TRUE(sim.ok());
  Mcp mcp(server_env(sim.url()));
  ASSERT_TRUE(mcp.initialized());
  // A quick call first: the token is then cached, so the slow request below is the API call.
  auto warm = mcp.call("list_agents", json::object());
  ASSERT_TRUE(warm && !is_tool_error(*warm)) << (warm ? warm->dump() : "no answer");
  const auto before = sim.stats()["requests_total"].get<int>();
  ASSERT_TRUE(sim.faults({{"latency_ms", kLatencyMs}}));

  const int id = mcp.next_id();
  json params{{"name", "list_tickets"}, {"arguments", {{"page_size", 5}}}};
  if (modern) params["_meta"] = modern_meta();
  const auto sent_at = Clock::now();
  mcp.send(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", "tools/call"}, {"params", params}});

  // The simulator is holding the upstream request.
  json at_cancel;
  ASSERT_TRUE(eventually([&] {
    at_cancel = sim.stats();
    return at_cancel.value("in_flight", 0) >= 1 && at_cancel.value("requests_total", 0) > before;
  }, 3s)) << at_cancel.dump();
  const int port = port_of(sim.url());
  const int open_during = connections_to(mcp.process().pid(), port);
  ASSERT_GE(open_during, 1) << "no connection to the simulator while its request is in flight";

  mcp.send(json{{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"},
                {"params", {{"requestId", id}, {"reason", "drill"}}}});
  const auto cancelled_at = Clock::now();

  // The transfer is aborted promptly: its connection closes long before the latency runs out.
  EXPECT_TRUE(eventually([&] { return connections_to(mcp.process().pid(), port) < open_during; }, 1000ms))
      << "the upstream request was not aborted: " << connections_to(mcp.process().pid(), port) << " of "
      << open_during << " connection(s) still open";
  EXPECT_LT(Clock::now() - cancelled_at, std::chrono::milliseconds(kLatencyMs / 2));

  // The session serves on while the simulator still sleeps on the abandoned request.
  const int ping_id = mcp.next_id();
  json ping{{"jsonrpc", "2.0"}, {"id", ping_id}, {"method", "ping"}};
  if (modern) {
    // ping does not exist in 2026-07-28; tools/list is the modern era's cheap request.
    ping = json{{"jsonrpc", "2.0"}, {"id", ping_id}, {"method", "tools/list"}, {"params", {{"_meta", modern_meta()}}}};
  }
  mcp.send(ping);
  auto pong = mcp.reply(ping_id, 1000ms);
  ASSERT_TRUE(pong) << "the session stopped answering after the cancellation";
  EXPECT_TRUE(pong->contains("result"));

  // No answer ever comes for the cancelled id, even after the latency would have let it finish,
  // and nothing more was asked of Halo for it (no retry, no further pages).
  const auto wait_until = sent_at + std::chrono::milliseconds(kLatencyMs + 800);
  auto late = mcp.reply(id, std::chrono::duration_cast<std::chrono::milliseconds>(wait_until - Clock::now()));
  EXPECT_FALSE(late) << "a cancelled request was answered: " << late->dump().substr(0, 300);
  EXPECT_EQ(sim.stats()["requests_total"], at_cancel["requests_total"]);

  // And real work still gets done.
  ASSERT_TRUE(sim.faults({{"latency_ms", 0}}));
  json again_params{{"name", "list_tickets"}, {"arguments", {{"page_size", 5}}}};
  if (modern) again_params["_meta"] = modern_meta();
  const int again_id = mcp.next_id();
  mcp.send(json{{"jsonrpc", "2.0"}, {"id", again_id}, {"method", "tools/call"}, {"params", again_params}});
  auto again = mcp.reply(again_id, 10s);
  ASSERT_TRUE(again);
  EXPECT_FALSE(is_tool_error(*again)) << error_text(*again);
  EXPECT_EQ(mcp.unparsable(), 0);
}

TEST(CancelE2e, LegacyCancelAbortsTheUpstreamRequestAndTheSessionServesOn) { cancel_in_flight_call(false); }

TEST(CancelE2e, ModernCancelAbortsTheUpstreamRequestAndTheSessionServesOn) { cancel_in_flight_call(true); }

// Seen under load: calls cancelled at once against a slow Halo, none of which reached it, locked
// the server out of Halo for a whole rate window, and each cancelled caller restarted the token
// fetch. Here a budget of 5 per 120 s (longer than any call's deadline), a Halo that takes 1.5 s
// per answer (token included), 30 calls cancelled while the first token is still coming: then
// one real call must be served at once, the token fetched once, and no /api request spent.
TEST(CancelE2e, CallsCancelledBeforeReachingHaloSpendNoBudgetAndOneTokenServesAll) {
  Sim sim;
  ASSERT_TRUE(sim.ok());
  Mcp mcp(server_env(sim.url(), {{"HALO_RATE_LIMIT", "5"}, {"HALO_RATE_WINDOW_S", "120"}}));
  ASSERT_TRUE(mcp.initialized());
  ASSERT_TRUE(sim.faults({{"latency_ms", 1500}}));
  std::vector<int> ids;
  for (int i = 0; i < 30; ++i) {
    ids.push_back(mcp.next_id());
    mcp.send(json{{"jsonrpc", "2.0"}, {"id", ids.back()}, {"method", "tools/call"},
                  {"params", {{"name", "list_clients"}, {"arguments", {{"page_size", 1}}}}}});
  }
  ASSERT_TRUE(eventually([&] { return sim.stats().value("token_requests", 0) >= 1; }, 3s));
  for (int id : ids) {
    mcp.send(json{{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"}, {"params", {{"requestId", id}}}});
  }
  // The token answer lands 1.5 s after it was asked; the real call then needs no new token.
  std::this_thread::sleep_for(1800ms);
  ASSERT_TRUE(sim.faults({{"latency_ms", 0}}));
  const auto start = Clock::now();
  auto served = mcp.call("list_clients", json{{"page_size", 1}}, 10s);
  ASSERT_TRUE(served);
  EXPECT_FALSE(is_tool_error(*served)) << error_text(*served);
  EXPECT_LT(Clock::now() - start, 5s) << "the real call waited on a budget spent by cancelled calls";
  const json stats = sim.stats();
  EXPECT_EQ(stats.value("token_requests", 0), 1) << "cancelled callers restarted the token fetch";
  EXPECT_EQ(stats["per_path"].value("/api/Client", 0), 1) << stats.dump();
  for (int id : ids) EXPECT_FALSE(mcp.reply(id, 10ms)) << "cancelled call " << id << " was answered";
}

}  // namespace
}  // namespace drills

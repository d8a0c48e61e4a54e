// Bad input from the client: every tool with wrong types, out-of-range and huge numbers, unknown
// arguments and oversized strings; injection attempts in `search` checked against what the
// simulator really received; and protocol abuse over stdio (deep nesting, a 100 MB line, thousands
// of concurrent requests, cancel storms). The server must answer each with an error (or a correct
// result), stay alive, and keep the limits SECURITY.md documents.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "drill_support.hpp"

namespace drills {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

class BadInput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sim_ = new Sim();
    ASSERT_TRUE(sim_->ok());
    mcp_ = new Mcp(server_env(sim_->url()));
    ASSERT_TRUE(mcp_->initialized());
    const int id = mcp_->next_id();
    mcp_->send(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", "tools/list"}, {"params", json::object()}});
    auto r = mcp_->reply(id, seconds(10));
    ASSERT_TRUE(r);
    tools_ = new json((*r)["result"]["tools"]);
    ASSERT_GE(tools_->size(), 20u);
  }
  static void TearDownTestSuite() {
    delete mcp_;
    delete sim_;
    delete tools_;
  }
  /// A call that must be refused (isError or a JSON-RPC error) while the server stays up.
  void expect_refused(const std::string& tool, const json& args) {
    auto r = mcp_->call(tool, args, seconds(20));
    ASSERT_TRUE(r) << tool << " " << args.dump().substr(0, 200) << ": no answer";
    EXPECT_TRUE(is_tool_error(*r)) << tool << " accepted " << args.dump().substr(0, 200) << " -> "
                                   << r->dump().substr(0, 300);
  }
  /// A call that may succeed or fail, but must be answered.
  json expect_answered(const std::string& tool, const json& args) {
    auto r = mcp_->call(tool, args, seconds(20));
    EXPECT_TRUE(r) << tool << " " << args.dump().substr(0, 200) << ": no answer";
    return r.value_or(json::object());
  }
  static json wrong_value_for(const json& property) {
    const json type = property.value("type", json());
    const std::string t = type.is_string() ? type.get<std::string>() : "";
    if (t == "integer" || t == "number") return "12";
    if (t == "boolean") return "yes";
    if (t == "array") return json::object();
    if (t == "string") return 42;
    return json::array({1});
  }

  static Sim* sim_;
  static Mcp* mcp_;
  static json* tools_;
};
Sim* BadInput::sim_ = nullptr;
Mcp* BadInput::mcp_ = nullptr;
json* BadInput::tools_ = nullptr;

TEST_F(BadInput, EveryToolRefusesWrongTypesUnknownArgumentsAndNonObjects) {
  ASSERT_TRUE(tools_->is_array()) << tools_->dump().substr(0, 300);
  for (const auto& tool : *tools_) {
    const std::string name = tool["name"];
    const json& schema = tool["inputSchema"];
    const json properties = schema.value("properties", json::object());  // a copy: items() must not outlive it
    for (const auto& [property, spec] : properties.items()) {
      expect_refused(name, json{{property, wrong_value_for(spec)}});
    }
    expect_refused(name, json{{"zz_unknown", 1}});
    expect_refused(name, json::array({1, 2}));
    expect_refused(name, "a string");
  }
}

TEST_F(BadInput, IdsOutOfRangeAreRefusedOrNotFoundNeverACrash) {
  const std::vector<json> ids = {0, -1, json(-9223372036854775807LL - 1), json(9223372036854775807LL),
                                 json(9223372036854775808ULL), json(18446744073709551615ULL), 1e300, -1e300, 1.5};
  for (const auto& tool : *tools_) {
    const json properties = tool["inputSchema"].value("properties", json::object());
    for (const auto& [property, spec] : properties.items()) {
      if (spec.value("type", json()) != "integer") continue;
      for (const auto& id : ids) {
        json args = {{property, id}};
        if (tool["inputSchema"].contains("required")) {
          for (const auto& req : tool["inputSchema"]["required"]) {
            if (req != property) args[req.get<std::string>()] = 1;
          }
        }
        auto r = expect_answered(tool["name"], args);
        if (id.is_number() && (id.get<double>() < 1 || id.get<double>() > 9.3e18 || id == 1.5)) {
          EXPECT_TRUE(is_tool_error(r)) << tool["name"] << " accepted " << args.dump();
        }
      }
    }
  }
  // Still alive and correct afterwards.
  auto ok = mcp_->call("list_clients", {{"page_size", 1}});
  ASSERT_TRUE(ok);
  EXPECT_FALSE(is_tool_error(*ok));
}

TEST_F(BadInput, HugeButValidIdsReachHaloAsThemselves) {
  sim_->reset_stats();
  auto r = expect_answered("get_ticket", {{"ticket_id", 9223372036854775807LL}});
  EXPECT_TRUE(is_tool_error(r));
  EXPECT_NE(error_text(r).find("not found"), std::string::npos) << error_text(r);
  bool seen = false;
  const json stats = sim_->stats();
  for (const auto& req : stats["recent"]) seen |= req["path"] == "/api/Tickets/9223372036854775807";
  EXPECT_TRUE(seen) << "the id was altered on its way to Halo: " << stats["recent"].dump();
}

TEST_F(BadInput, OversizedStringsAreRefused) {
  const std::string big(1 << 20, 'a');
  for (const auto& tool : *tools_) {
    const json properties = tool["inputSchema"].value("properties", json::object());
    for (const auto& [property, spec] : properties.items()) {
      if (spec.value("type", json()) != "string") continue;
      expect_refused(tool["name"], json{{property, big}});
    }
  }
}

TEST_F(BadInput, SearchTextIsEncodedNeverSpliced) {
  const std::vector<std::string> attacks = {"acme&page_size=1000", "x&pageinate=false&count=100000", "../../auth/token",
                                            "a%00b", "abc#fragment", "a b+c=d;e", "\r\nX-Injected: 1", "?page_no=7",
                                            "%26page_size%3D1000", "' OR 1=1 --", "é漢字🙂"};
  for (const char* tool : {"list_clients", "list_tickets", "list_sites", "list_assets", "list_projects", "list_reports", "list_agents"}) {
    for (const auto& attack : attacks) {
      sim_->reset_stats();
      auto r = expect_answered(tool, {{"search", attack}, {"page_size", 2}});
      auto recent = sim_->stats()["recent"];
      ASSERT_FALSE(recent.empty()) << tool << " sent nothing for " << attack;
      for (const auto& req : recent) {
        const auto& params = req["params"];
        ASSERT_TRUE(params.contains("search")) << tool << ": " << req.dump();
        ASSERT_EQ(params["search"].size(), 1u) << req.dump();
        EXPECT_EQ(params["search"][0], attack) << tool << " changed the search text: " << req.dump();
        for (const char* name : {"page_size", "pageinate", "count", "page_no"}) {
          if (params.contains(name)) {
            EXPECT_EQ(params[name].size(), 1u) << "a spliced " << name << ": " << req.dump();
          }
        }
        if (params.contains("page_size")) {
          EXPECT_NE(params["page_size"][0], "1000") << req.dump();
        }
        EXPECT_EQ(req["target"].get<std::string>().find('#'), std::string::npos) << req.dump();
        EXPECT_TRUE(req["path"].get<std::string>().rfind("/api/", 0) == 0) << req.dump();
        EXPECT_EQ(req["path"].get<std::string>().find(".."), std::string::npos) << req.dump();
      }
    }
  }
}

TEST_F(BadInput, DeeplyNestedJsonIsRefusedAndTheServerLives) {
  for (std::size_t depth : {1000u, 100000u}) {
    mcp_->send_raw(std::string(depth, '[') + "\n");
    mcp_->send_raw(std::string(depth / 2, '{') + "\n");
  }
  mcp_->send_raw("{\"jsonrpc\":\"2.0\",\"id\":\"deep\",\"method\":\"ping\",\"params\":" + std::string(50000, '[') +
                 std::string(50000, ']') + "}\n");
  const int id = mcp_->next_id();
  mcp_->send(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", "ping"}});
  auto pong = mcp_->reply(id, seconds(20));
  ASSERT_TRUE(pong) << "the server died or hung on deep nesting";
  EXPECT_TRUE(pong->contains("result"));
}

TEST_F(BadInput, HundredMegabyteLineIsRefusedWithoutKillingTheServer) {
  std::thread writer([&] {
    std::string chunk(1 << 20, 'x');
    mcp_->send_raw("{\"jsonrpc\":\"2.0\",\"id\":\"big\",\"method\":\"ping\",\"params\":{\"pad\":\"");
    for (int i = 0; i < 100; ++i) mcp_->send_raw(chunk);
    mcp_->send_raw("\"}}\n");
  });
  writer.join();
  // The refusal comes with a null id (the id sat inside the dropped line), before this ping's answer.
  const int id = mcp_->next_id();
  mcp_->send(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", "ping"}});
  auto pong = mcp_->reply(id, seconds(30));
  ASSERT_TRUE(pong) << "the server died after a 100 MB line";
  bool parse_error = false;
  for (const auto& m : mcp_->pending()) {
    EXPECT_NE(m.value("id", json()), "big") << "a 100 MB message was processed: " << m.dump().substr(0, 200);
    parse_error |= m.contains("error") && m["error"]["code"] == -32700;
  }
  EXPECT_TRUE(parse_error) << "no -32700 for the oversized line";
  mcp_->pending().clear();
}

TEST_F(BadInput, ThousandsOfConcurrentRequestsAreAllAnsweredOnce) {
  constexpr int kCalls = 2000;
  std::string burst;
  const int first = mcp_->next_id();
  for (int i = 0; i < kCalls; ++i) {
    const int id = i == 0 ? first : mcp_->next_id();
    // One in eight is a tool call (those queue behind the 16 workers); the rest are pings.
    json call = i % 8 ? json{{"jsonrpc", "2.0"}, {"id", id}, {"method", "ping"}}
                      : json{{"jsonrpc", "2.0"}, {"id", id}, {"method", "tools/call"},
                             {"params", {{"name", "list_agents"}, {"arguments", {{"page_size", 1}}}}}};
    burst += call.dump() + "\n";
  }
  mcp_->send_raw(burst);
  std::set<int> answered;
  const auto until = Clock::now() + seconds(90);
  for (int i = 0; i < kCalls && Clock::now() < until; ++i) {
    std::optional<json> r;
    for (auto it = mcp_->pending().begin(); it != mcp_->pending().end(); ++it) {
      if (it->contains("id") && (*it)["id"].is_number_integer() && (*it)["id"].get<int>() >= first) {
        r = *it;
        mcp_->pending().erase(it);
        break;
      }
    }
    if (!r) {
      auto line = mcp_->process().read_line(seconds(30));
      ASSERT_TRUE(line) << "stopped answering after " << answered.size();
      r = json::parse(*line, nullptr, false);
      if (!r->contains("id") || !(*r)["id"].is_number_integer()) {
        --i;
        continue;
      }
    }
    const int id = (*r)["id"];
    EXPECT_TRUE(answered.insert(id).second) << "id " << id << " answered twice";
    EXPECT_FALSE(is_tool_error(*r) && r->contains("error")) << r->dump();
  }
  EXPECT_EQ(answered.size(), static_cast<std::size_t>(kCalls));
}

TEST_F(BadInput, CancelStormLeavesTheServerResponsive) {
  ASSERT_TRUE(sim_->faults({{"latency_ms", 20}}));
  std::string burst;
  std::vector<int> ids;
  for (int i = 0; i < 300; ++i) {
    const int id = mcp_->next_id();
    ids.push_back(id);
    burst += json{{"jsonrpc", "2.0"}, {"id", id}, {"method", "tools/call"},
                  {"params", {{"name", "list_clients"}, {"arguments", {{"page_size", 1}}}}}}.dump() + "\n";
    burst += json{{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"}, {"params", {{"requestId", id}}}}.dump() + "\n";
    // Cancels for requests that never existed, and malformed ones.
    burst += json{{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"}, {"params", {{"requestId", 100000000 + i}}}}.dump() + "\n";
    burst += json{{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"}, {"params", {{"requestId", json::object()}}}}.dump() + "\n";
  }
  mcp_->send_raw(burst);
  const int ping = mcp_->next_id();
  mcp_->send(json{{"jsonrpc", "2.0"}, {"id", ping}, {"method", "ping"}});
  auto pong = mcp_->reply(ping, seconds(20));
  ASSERT_TRUE(sim_->faults({{"latency_ms", 0}}));
  ASSERT_TRUE(pong) << "unresponsive after a cancel storm";
  // Whatever was not cancelled in time is answered at most once; nothing is answered twice.
  std::this_thread::sleep_for(milliseconds(500));
  std::map<int, int> count;
  for (const auto& m : mcp_->pending()) {
    if (m.contains("id") && m["id"].is_number_integer()) ++count[m["id"].get<int>()];
  }
  for (auto& [id, n] : count) EXPECT_LE(n, 1) << id;
  mcp_->pending().clear();
}

TEST_F(BadInput, ToolCallsBeyondTheConcurrencyCapQueue) {
  // HALO_MAX_CONCURRENCY high, so only the server's tool worker pool (16) limits what reaches Halo.
  Sim sim({"--latency-ms", "150"});
  ASSERT_TRUE(sim.ok());
  Mcp mcp(server_env(sim.url(), {{"HALO_MAX_CONCURRENCY", "64"}}));
  ASSERT_TRUE(mcp.initialized());
  std::string burst;
  std::vector<int> ids;
  for (int i = 0; i < 48; ++i) {
    ids.push_back(mcp.next_id());
    burst += json{{"jsonrpc", "2.0"}, {"id", ids.back()}, {"method", "tools/call"},
                  {"params", {{"name", "get_client"}, {"arguments", {{"client_id", 1 + i % 5}}}}}}.dump() + "\n";
  }
  sim.reset_stats();
  mcp.send_raw(burst);
  for (int id : ids) ASSERT_TRUE(mcp.reply(id, seconds(20))) << id;
  const int peak = sim.stats()["max_concurrent_in_flight"].get<int>();
  EXPECT_LE(peak, 16) << "more tool calls ran at once than ServerOptions::max_concurrent_calls";
  EXPECT_GE(peak, 4) << "calls did not run concurrently at all";
}

}  // namespace
}  // namespace drills

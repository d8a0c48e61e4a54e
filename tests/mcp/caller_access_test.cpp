// Per-caller access in the protocol layer, in-process: a restricted caller sees only the tools it
// may use, is refused any other exactly as an unknown tool, does not see the prompts, resources
// and templates that rely on such a tool, and gets lists marked cacheScope "private"; a session's
// caller can change between requests. The audit hook (ServerOptions::on_tool_call) hears every
// tools/call once, refusals and cancellations included, with what the call cost upstream.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "mcp/server.hpp"

namespace mcp {
namespace {

using util::Json;
using namespace std::chrono_literals;

Caller desk() {
  return Caller{"desk", std::make_shared<const std::set<std::string, std::less<>>>(
                            std::set<std::string, std::less<>>{"list_tickets"})};
}

Json modern_meta() {
  return Json{{"io.modelcontextprotocol/protocolVersion", "2026-07-28"},
              {"io.modelcontextprotocol/clientCapabilities", Json::object()},
              {"io.modelcontextprotocol/clientInfo", {{"name", "c"}, {"version", "1"}}}};
}

struct AccessServer {
  std::mutex mutex;
  std::condition_variable cv;
  std::vector<Json> messages;
  std::vector<ToolCallRecord> audit;
  std::atomic<bool> release_slow{false};
  std::unique_ptr<Server> server;
  Session session;

  static Tool tool(std::string name, ToolHandler handler) {
    Tool t;
    t.name = std::move(name);
    t.description = "d";
    t.input_schema = Json{{"type", "object"}};
    t.handler = std::move(handler);
    return t;
  }

  AccessServer() {
    ToolRegistry tools;
    // Two "upstream requests" and a result.
    tools.add(tool("list_tickets", [](const Json&, ToolContext& c) {
      *c.upstream_requests += 2;
      return ToolOutcome::ok(Json{{"n", 1}});
    }));
    tools.add(tool("revenue", [](const Json&, ToolContext&) { return ToolOutcome::error("no revenue today"); }));
    tools.add(tool("slow", [this](const Json&, ToolContext& c) {
      while (!c.cancel.cancelled() && !release_slow) std::this_thread::sleep_for(5ms);
      return ToolOutcome::ok(Json::object());
    }));
    ServerOptions options;
    options.on_tool_call = [this](const ToolCallRecord& r) {
      std::lock_guard lock(mutex);
      audit.push_back(r);
      cv.notify_all();
    };
    server = std::make_unique<Server>(ServerInfo{"t", "T", "1", "d", "i"}, std::move(tools), options);
    auto reply = [](std::string name) {
      return [name](const auto&...) { return Reply::ok(Json{{"messages", Json::array()}, {"name", name}}); };
    };
    PromptRegistry prompts;
    prompts.add(Prompt{"desk_review", "", "d", {}, {"list_tickets"}, reply("desk_review")});
    prompts.add(Prompt{"month_end", "", "d", {}, {"list_tickets", "revenue"}, reply("month_end")});
    server->set_prompts(std::move(prompts));
    ResourceRegistry resources;
    Resource money;
    money.uri = "test://money";
    money.name = "money";
    money.uses_tools = {"revenue"};
    money.read = [](const std::string& uri, ToolContext&) { return Reply::contents(Json::array({Json{{"uri", uri}}})); };
    resources.add(money);
    ResourceTemplate ticket;
    ticket.uri_template = "test://tickets/{id}";
    ticket.name = "ticket";
    ticket.uses_tools = {"list_tickets"};
    ticket.read = [](const std::string& uri, const auto&, ToolContext&) {
      return Reply::contents(Json::array({Json{{"uri", uri}}}));
    };
    resources.add_template(ticket);
    ResourceTemplate invoice = ticket;
    invoice.uri_template = "test://invoices/{id}";
    invoice.name = "invoice";
    invoice.uses_tools = {"revenue"};
    resources.add_template(invoice);
    server->set_resources(std::move(resources));
  }

  /// A 2026-07-28 request (stands alone: no initialize).
  Json request(int id, const std::string& method, Json params) {
    params["_meta"] = modern_meta();
    const Json message{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
    server->handle(message.dump(), session, [this](std::string m, bool) {
      std::lock_guard lock(mutex);
      messages.push_back(Json::parse(m));
      cv.notify_all();
    });
    std::unique_lock lock(mutex);
    auto answered = [&] {
      return std::find_if(messages.begin(), messages.end(), [&](const Json& m) { return m.value("id", Json()) == id; });
    };
    if (!cv.wait_for(lock, 3s, [&] { return answered() != messages.end(); })) return Json();
    return *answered();
  }

  std::vector<std::string> names(const Json& list, const std::string& key) {
    std::vector<std::string> out;
    for (const Json& item : list) out.push_back(item.value(key, ""));
    return out;
  }

  std::vector<ToolCallRecord> wait_audit(std::size_t n) {
    std::unique_lock lock(mutex);
    cv.wait_for(lock, 3s, [&] { return audit.size() >= n; });
    return audit;
  }
};

using Names = std::vector<std::string>;

TEST(CallerAccess, AnonymousCallerSeesEverythingAndListsArePublic) {
  AccessServer s;
  Json tools = s.request(1, "tools/list", Json::object())["result"];
  EXPECT_EQ(s.names(tools["tools"], "name"), (Names{"list_tickets", "revenue", "slow"}));
  EXPECT_EQ(tools["cacheScope"], "public");
  EXPECT_EQ(s.names(s.request(2, "prompts/list", Json::object())["result"]["prompts"], "name"),
            (Names{"desk_review", "month_end"}));
}

TEST(CallerAccess, RestrictedCallerSeesOnlyWhatItMayUse) {
  AccessServer s;
  s.session.set_caller(desk());
  Json tools = s.request(1, "tools/list", Json::object())["result"];
  EXPECT_EQ(s.names(tools["tools"], "name"), (Names{"list_tickets"}));
  EXPECT_EQ(tools["cacheScope"], "private") << "a list that depends on the token must not be shared";
  Json prompts = s.request(2, "prompts/list", Json::object())["result"];
  EXPECT_EQ(s.names(prompts["prompts"], "name"), (Names{"desk_review"}));  // month_end also needs revenue
  EXPECT_EQ(prompts["cacheScope"], "private");
  EXPECT_TRUE(s.request(3, "resources/list", Json::object())["result"]["resources"].empty());
  EXPECT_EQ(s.names(s.request(4, "resources/templates/list", Json::object())["result"]["resourceTemplates"],
                    "uriTemplate"),
            (Names{"test://tickets/{id}"}));
}

TEST(CallerAccess, ToolOutsideTheCallersSetIsRefusedExactlyAsAnUnknownOne) {
  AccessServer s;
  s.session.set_caller(desk());
  Json refused = s.request(1, "tools/call", Json{{"name", "revenue"}, {"arguments", Json::object()}});
  Json unknown = s.request(2, "tools/call", Json{{"name", "no_such_tool"}, {"arguments", Json::object()}});
  ASSERT_TRUE(refused.contains("error")) << refused.dump();
  EXPECT_EQ(refused["error"]["code"], unknown["error"]["code"]);
  EXPECT_EQ(refused["error"]["message"], "Unknown tool: revenue");
  EXPECT_EQ(unknown["error"]["message"], "Unknown tool: no_such_tool");
  Json allowed = s.request(3, "tools/call", Json{{"name", "list_tickets"}, {"arguments", Json::object()}});
  EXPECT_EQ(allowed["result"]["structuredContent"], (Json{{"n", 1}})) << allowed.dump();
}

TEST(CallerAccess, HiddenPromptsAndResourcesCannotBeFetchedByName) {
  AccessServer s;
  s.session.set_caller(desk());
  EXPECT_EQ(s.request(1, "prompts/get", Json{{"name", "month_end"}})["error"]["message"], "Unknown prompt: month_end");
  EXPECT_TRUE(s.request(2, "prompts/get", Json{{"name", "desk_review"}}).contains("result"));
  EXPECT_EQ(s.request(3, "resources/read", Json{{"uri", "test://money"}})["error"]["message"], "Resource not found");
  EXPECT_EQ(s.request(4, "resources/read", Json{{"uri", "test://invoices/7"}})["error"]["message"],
            "Resource not found");
  EXPECT_EQ(s.request(5, "resources/read", Json{{"uri", "test://tickets/7"}})["result"]["contents"][0]["uri"],
            "test://tickets/7");
}

TEST(CallerAccess, TheSessionsCallerCanChangeBetweenRequests) {
  AccessServer s;
  s.session.set_caller(desk());
  EXPECT_EQ(s.request(1, "tools/list", Json::object())["result"]["tools"].size(), 1u);
  s.session.set_caller(Caller{});  // e.g. the access file now gives this person every toolset
  EXPECT_EQ(s.request(2, "tools/list", Json::object())["result"]["tools"].size(), 3u);
}

TEST(CallerAccess, EveryToolsCallIsAuditedOnceWithItsOutcomeAndCost) {
  AccessServer s;
  s.session.set_caller(desk());
  s.request(1, "tools/call", Json{{"name", "list_tickets"}, {"arguments", Json{{"status", "open"}}}});
  s.request(2, "tools/call", Json{{"name", "revenue"}, {"arguments", Json::object()}});
  s.request(3, "tools/call", Json{{"arguments", Json::object()}});
  s.session.set_caller(Caller{});
  s.request(4, "tools/call", Json{{"name", "revenue"}, {"arguments", Json::object()}});
  auto audit = s.wait_audit(4);
  ASSERT_EQ(audit.size(), 4u);
  EXPECT_EQ(audit[0].caller, "desk");
  EXPECT_EQ(audit[0].tool, "list_tickets");
  EXPECT_EQ(audit[0].arguments, (Json{{"status", "open"}}));
  EXPECT_EQ(audit[0].outcome, "ok");
  EXPECT_EQ(audit[0].upstream_requests, 2);  // the handler's own count
  EXPECT_EQ(audit[1].outcome, "unknown_tool");  // refused for desk
  EXPECT_EQ(audit[1].upstream_requests, 0);
  EXPECT_EQ(audit[2].outcome, "invalid_request");  // no name
  EXPECT_EQ(audit[3].caller, "");
  EXPECT_EQ(audit[3].outcome, "tool_error");  // the handler's isError
}

TEST(CallerAccess, CancelledCallIsAuditedAsCancelled) {
  AccessServer s;
  const Json call{{"jsonrpc", "2.0"}, {"id", 9}, {"method", "tools/call"},
                  {"params", {{"name", "slow"}, {"arguments", Json::object()}, {"_meta", modern_meta()}}}};
  s.server->handle(call.dump(), s.session, [](std::string, bool) {});
  std::this_thread::sleep_for(50ms);
  EXPECT_TRUE(s.session.cancel_request(Json(9)));
  auto audit = s.wait_audit(1);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].tool, "slow");
  EXPECT_EQ(audit[0].outcome, "cancelled");
  s.session.wait_idle(3s);
}

TEST(CallerAccess, ACallRefusedForAnIdAlreadyInFlightIsAuditedAsInvalid) {
  AccessServer s;
  const Json call{{"jsonrpc", "2.0"}, {"id", 9}, {"method", "tools/call"},
                  {"params", {{"name", "slow"}, {"arguments", Json::object()}, {"_meta", modern_meta()}}}};
  s.server->handle(call.dump(), s.session, [](std::string, bool) {});
  std::this_thread::sleep_for(50ms);
  std::string refusal;
  s.server->handle(call.dump(), s.session, [&](std::string message, bool) { refusal = std::move(message); });
  EXPECT_NE(refusal.find("id already in use"), std::string::npos) << refusal;
  auto audit = s.wait_audit(1);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].outcome, "invalid_request") << "the second call never ran: it was not cancelled";
  EXPECT_TRUE(s.session.cancel_request(Json(9)));
  audit = s.wait_audit(2);
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1].outcome, "cancelled");
  s.session.wait_idle(3s);
}

}  // namespace
}  // namespace mcp

// Per-person access end to end: `halo-psa-mcp access add` issues tokens into an access file, the
// real server (--demo, HTTP on loopback) gives each person their toolsets over both protocol
// eras, refuses unknown tokens with 401, keeps sessions to the person who opened them, writes one
// audit line per call with nothing secret in it, and follows changes to the file without a restart.
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "http_raw_client.hpp"
#include "sim_process.hpp"
#include "support/loopback.hpp"

using namespace testsupport;
using util::Json;

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const std::string kServer = build_path("halo-psa-mcp");

class AccessOverHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    access_file_ = (dir_ / "access.json").string();
    audit_file_ = (dir_ / "audit.log").string();
  }

  RunResult access(const std::vector<std::string>& args) {
    std::vector<std::string> argv{kServer, "access"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), {"--file", access_file_});
    return run(argv);
  }

  /// `access add`: the token it printed (its only line on stdout).
  std::string add(const std::string& name, const std::string& toolsets) {
    auto r = access({"add", name, "--toolsets", toolsets});
    EXPECT_EQ(r.status, 0) << r.err;
    std::string token = r.out.substr(0, r.out.find('\n'));
    EXPECT_EQ(r.out, token + "\n") << "stdout carries the token alone";
    return token;
  }

  void start_server() {
    ProcessOptions options;
    options.env = {{"HALO_MCP_ACCESS_FILE", access_file_}, {"HALO_MCP_AUDIT_LOG", audit_file_}};
    server_ = std::make_unique<Process>(
        std::vector<std::string>{kServer, "--demo", "--transport", "http", "--port", "0", "--log-level", "info"},
        options);
    const auto port = served_http_port(*server_);
    ASSERT_TRUE(port) << "the server did not start: " << server_->stderr_text();
    port_ = *port;
  }

  /// A 2026-07-28 request (no session), with its required headers.
  mcp_test::HttpReply modern(const std::string& token, const std::string& method, Json params,
                             const std::string& name = "") {
    params["_meta"] = Json{{"io.modelcontextprotocol/protocolVersion", "2026-07-28"},
                           {"io.modelcontextprotocol/clientCapabilities", Json::object()},
                           {"io.modelcontextprotocol/clientInfo", {{"name", "t"}, {"version", "1"}}}};
    Json body{{"jsonrpc", "2.0"}, {"id", ++id_}, {"method", method}, {"params", std::move(params)}};
    std::map<std::string, std::string> headers{{"MCP-Protocol-Version", "2026-07-28"}, {"Mcp-Method", method}};
    if (!name.empty()) headers["Mcp-Name"] = name;
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    return send(body, headers);
  }

  mcp_test::HttpReply send(const Json& body, const std::map<std::string, std::string>& headers) {
    mcp_test::RawClient client(port_);
    client.send_raw(mcp_test::post_text(body.dump(), headers, "application/json"));
    return client.read_reply();
  }

  std::vector<std::string> tool_names(const std::string& token) {
    std::vector<std::string> names;
    const Json list = mcp_test::final_message(modern(token, "tools/list", Json::object()));
    for (const Json& t : list["result"]["tools"]) names.push_back(t["name"]);
    return names;
  }

  Json call(const std::string& token, const std::string& tool, Json arguments) {
    return mcp_test::final_message(
        modern(token, "tools/call", Json{{"name", tool}, {"arguments", std::move(arguments)}}, tool));
  }

  std::vector<Json> audit_lines() {
    std::ifstream in(audit_file_);
    std::vector<Json> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(Json::parse(line));
    return lines;
  }

  TempDir scratch_{"halo-access-http"};
  const fs::path dir_ = scratch_.dir();
  std::string access_file_, audit_file_;
  std::unique_ptr<Process> server_;
  std::uint16_t port_ = 0;
  int id_ = 0;
};

TEST_F(AccessOverHttp, AccessAddIssuesATokenOnceAndStoresOnlyItsHash) {
  const std::string token = add("service-desk", "tickets,customers");
  EXPECT_EQ(token.rfind("hpm_", 0), 0u) << token;
  EXPECT_EQ(token.size(), 4u + 43u) << "hpm_ + 32 random bytes in base64url";
  std::stringstream file;
  file << std::ifstream(access_file_).rdbuf();
  EXPECT_EQ(file.str().find(token.substr(4)), std::string::npos) << "the file must not hold the token";
  EXPECT_EQ(fs::status(access_file_).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_NE(add("owner", "all"), token);

  auto again = access({"add", "service-desk", "--toolsets", "tickets"});
  EXPECT_EQ(again.status, 2);
  EXPECT_NE(again.err.find("'service-desk' is already in"), std::string::npos) << again.err;
  auto typo = access({"add", "finance", "--toolsets", "billing,analytic"});
  EXPECT_EQ(typo.status, 2);
  EXPECT_NE(typo.err.find("--toolsets: unknown toolset 'analytic'"), std::string::npos) << typo.err;
  auto listed = access({"list"});
  EXPECT_EQ(listed.out, "service-desk\ttickets,customers\nowner\tall\n");
}

TEST_F(AccessOverHttp, EachPersonSeesAndCallsOnlyTheirToolsetsAndEveryCallIsAudited) {
  const std::string desk = add("service-desk", "tickets,customers");
  const std::string owner = add("owner", "all");
  start_server();
  ASSERT_GT(port_, 0);

  // README's tool table: tickets and customers are these eight tools, in catalogue order.
  EXPECT_EQ(tool_names(desk), (std::vector<std::string>{"list_tickets", "get_ticket", "list_ticket_actions",
                                                         "list_time_entries", "list_clients", "get_client",
                                                         "list_sites", "get_site"}));
  EXPECT_EQ(tool_names(owner).size(), 29u) << "the whole catalogue";
  Json desk_list = mcp_test::final_message(modern(desk, "tools/list", Json::object()));
  EXPECT_EQ(desk_list["result"]["cacheScope"], "private");

  // A tool outside the desk's toolsets is answered exactly as one that does not exist.
  Json refused = call(desk, "client_profitability", Json::object());
  Json unknown = call(desk, "no_such_tool", Json::object());
  EXPECT_EQ(refused["error"]["message"], "Unknown tool: client_profitability") << refused.dump();
  EXPECT_EQ(refused["error"]["code"], unknown["error"]["code"]);
  EXPECT_NE(server_->stderr_text().find("access: 'service-desk' may not use the tool 'client_profitability'"),
            std::string::npos);
  // The prompts all rely on analytics; the record templates on get_ticket and get_client.
  EXPECT_TRUE(mcp_test::final_message(modern(desk, "prompts/list", Json::object()))["result"]["prompts"].empty());
  EXPECT_EQ(mcp_test::final_message(modern(owner, "prompts/list", Json::object()))["result"]["prompts"].size(), 4u);
  EXPECT_EQ(mcp_test::final_message(modern(desk, "resources/templates/list", Json::object()))["result"]
                ["resourceTemplates"].size(),
            2u);

  Json tickets = call(desk, "list_tickets", Json{{"page_size", 2}});
  EXPECT_EQ(tickets["result"]["structuredContent"]["items"].size(), 2u) << tickets.dump();
  Json again = call(desk, "list_tickets", Json{{"page_size", 2}});  // the same page, from the cache
  EXPECT_EQ(again["result"]["structuredContent"], tickets["result"]["structuredContent"]);
  EXPECT_FALSE(call(owner, "revenue_breakdown", Json::object())["result"]["isError"].get<bool>());

  // No token, or one nobody holds: 401 with the challenge.
  auto none = modern("", "tools/list", Json::object());
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.headers["www-authenticate"], R"(Bearer realm="mcp")");
  auto wrong = modern(desk + "x", "tools/list", Json::object());
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.headers["www-authenticate"], R"(Bearer realm="mcp", error="invalid_token")");

  // A session belongs to whoever opened it: the owner cannot ride on the desk's session.
  Json initialize{{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"},
                  {"params", {{"protocolVersion", "2025-11-25"}, {"capabilities", Json::object()},
                              {"clientInfo", {{"name", "t"}, {"version", "1"}}}}}};
  auto opened = send(initialize, {{"Authorization", "Bearer " + desk}});
  ASSERT_EQ(opened.status, 200);
  const std::string session = opened.headers["mcp-session-id"];
  Json list{{"jsonrpc", "2.0"}, {"id", 2}, {"method", "tools/list"}};
  auto as_owner = send(list, {{"Authorization", "Bearer " + owner}, {"Mcp-Session-Id", session},
                              {"MCP-Protocol-Version", "2025-11-25"}});
  EXPECT_EQ(as_owner.status, 404);
  auto as_desk = send(list, {{"Authorization", "Bearer " + desk}, {"Mcp-Session-Id", session},
                             {"MCP-Protocol-Version", "2025-11-25"}});
  EXPECT_EQ(mcp_test::final_message(as_desk)["result"]["tools"].size(), 8u);

  // One audit line per tools/call, in order: who, tool, arguments, outcome, Halo requests.
  auto lines = audit_lines();
  ASSERT_EQ(lines.size(), 5u);
  auto summary = [](const Json& l) {
    return l["who"].get<std::string>() + " " + l["tool"].get<std::string>() + " " + l["arguments"].dump() + " " +
           l["outcome"].get<std::string>();
  };
  EXPECT_EQ(summary(lines[0]), "service-desk client_profitability {} unknown_tool");
  EXPECT_EQ(summary(lines[1]), "service-desk no_such_tool {} unknown_tool");
  EXPECT_EQ(summary(lines[2]), R"(service-desk list_tickets {"page_size":2} ok)");
  EXPECT_EQ(summary(lines[3]), R"(service-desk list_tickets {"page_size":2} ok)");
  EXPECT_EQ(summary(lines[4]), "owner revenue_breakdown {} ok");
  EXPECT_EQ(lines[0]["halo_requests"], 0) << "refused before anything reached Halo";
  EXPECT_EQ(lines[2]["halo_requests"], 1) << "one page of /api/Tickets";
  EXPECT_EQ(lines[3]["halo_requests"], 0) << "the same page again, answered by the cache";
  EXPECT_GT(lines[4]["halo_requests"].get<int>(), 0);
  // Nothing secret anywhere in the logs: neither token, nor the demo's client secret.
  std::stringstream audit_text;
  audit_text << std::ifstream(audit_file_).rdbuf();
  for (const std::string& secret : {desk, owner, desk.substr(4), owner.substr(4)}) {
    EXPECT_EQ(audit_text.str().find(secret), std::string::npos);
    EXPECT_EQ(server_->stderr_text().find(secret), std::string::npos);
  }
}

TEST_F(AccessOverHttp, ChangesToTheFileApplyWithoutARestart) {
  const std::string desk = add("service-desk", "tickets");
  const std::string owner = add("owner", "all");
  start_server();
  ASSERT_GT(port_, 0);
  EXPECT_EQ(modern(desk, "tools/list", Json::object()).status, 200);

  // Removed: refused once the server has looked at the file again (at most a second later).
  ASSERT_EQ(access({"remove", "service-desk"}).status, 0);
  std::this_thread::sleep_for(1100ms);
  EXPECT_EQ(modern(desk, "tools/list", Json::object()).status, 401);
  EXPECT_EQ(modern(owner, "tools/list", Json::object()).status, 200);

  // A broken file: the last good list stays in force, and the log says why.
  std::ofstream(access_file_) << R"({"people": [{"name": "owner", "toolsets": ["all"]})";
  std::this_thread::sleep_for(1100ms);
  EXPECT_EQ(modern(owner, "tools/list", Json::object()).status, 200);
  EXPECT_NE(server_->stderr_text().find("the previous list stays in force"), std::string::npos);

  // Repaired with a new person, then SIGHUP: in force at once.
  std::ofstream(access_file_) << R"({"people": []})";
  const std::string finance = add("finance", "billing,analytics");
  ASSERT_EQ(::kill(server_->pid(), SIGHUP), 0);
  std::this_thread::sleep_for(200ms);
  EXPECT_TRUE(server_->wait(0ms) == std::nullopt) << "SIGHUP must not end the server";
  Json names = Json(tool_names(finance));
  EXPECT_TRUE(std::find(names.begin(), names.end(), "revenue_breakdown") != names.end()) << names.dump();
  EXPECT_TRUE(std::find(names.begin(), names.end(), "list_tickets") == names.end()) << names.dump();
  EXPECT_EQ(modern(owner, "tools/list", Json::object()).status, 401) << "no longer in the file";
}

}  // namespace

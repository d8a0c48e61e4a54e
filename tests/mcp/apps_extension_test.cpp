// MCP Apps (SEP-1865) in the protocol layer, in-process: a tool's view is announced
// (_meta.ui.resourceUri) and a view resource listed only to a client that declared the extension
// with the HTML profile, in both eras; the server declares the extension; a view stays readable.
#include "mcp/apps_extension.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "mcp/resource_registry.hpp"
#include "mcp/server.hpp"

namespace mcp {
namespace {

using util::Json;
using namespace std::chrono_literals;

const Json kHtmlProfile = Json::array({"text/html;profile=mcp-app"});

Json with_ui(Json mime_types) {
  return Json{{"extensions", {{"io.modelcontextprotocol/ui", {{"mimeTypes", std::move(mime_types)}}}}}};
}

TEST(AppsExtension, ClientRendersViewsOnlyWithTheHtmlProfile) {
  EXPECT_TRUE(apps::client_renders_views(with_ui(kHtmlProfile)));
  EXPECT_TRUE(apps::client_renders_views(with_ui(Json::array({"text/uri-list", "text/html;profile=mcp-app"}))));
  EXPECT_FALSE(apps::client_renders_views(Json::object()));
  EXPECT_FALSE(apps::client_renders_views(Json(nullptr)));
  EXPECT_FALSE(apps::client_renders_views(with_ui(Json::array({"text/html"}))));  // plain HTML is not the profile
  EXPECT_FALSE(apps::client_renders_views(with_ui(Json::array())));
  EXPECT_FALSE(apps::client_renders_views(with_ui(Json("text/html;profile=mcp-app"))));  // not an array
  EXPECT_FALSE(apps::client_renders_views(Json{{"extensions", {{"io.modelcontextprotocol/ui", Json::object()}}}}));
  EXPECT_FALSE(apps::client_renders_views(Json{{"extensions", Json::array()}}));
}

/// A server with one tool linked to a view, one without, the view and an ordinary resource.
struct AppsServer {
  Server server;
  Session session;
  std::mutex mutex;
  std::condition_variable cv;
  std::vector<Json> messages;

  static Tool tool(std::string name, std::string view) {
    Tool t;
    t.name = std::move(name);
    t.description = "d";
    t.input_schema = Json{{"type", "object"}};
    t.handler = [](const Json&, ToolContext&) { return ToolOutcome::ok(Json::object()); };
    t.ui_resource_uri = std::move(view);
    return t;
  }
  static ToolRegistry tools() {
    ToolRegistry r;
    r.add(tool("with_view", "ui://t/view.html"));
    r.add(tool("plain", ""));
    return r;
  }

  AppsServer() : server(ServerInfo{"t", "T", "1", "d", "i"}, tools()) {
    ResourceRegistry resources;
    Resource view;
    view.uri = "ui://t/view.html";
    view.name = "view";
    view.mime_type = std::string(apps::kHtmlMimeType);
    view.app_view = true;
    view.read = [](const std::string& uri, ToolContext&) {
      return Reply::ok(Json{{"contents", Json::array({Json{{"uri", uri}, {"mimeType", std::string(apps::kHtmlMimeType)},
                                                            {"text", "<!DOCTYPE html><p>v</p>"}}})}});
    };
    resources.add(view);
    Resource note;
    note.uri = "test://note";
    note.name = "note";
    note.read = [](const std::string& uri, ToolContext&) {
      return Reply::ok(Json{{"contents", Json::array({Json{{"uri", uri}, {"text", "n"}}})}});
    };
    resources.add(note);
    server.set_resources(std::move(resources));
  }

  /// Sends one request and returns its response (waits for it: some methods answer from a worker).
  Json request(int id, const std::string& method, Json params) {
    const Json message{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
    server.handle(message.dump(), session, [this](std::string m, bool) {
      std::lock_guard lock(mutex);
      messages.push_back(Json::parse(m));
      cv.notify_all();
    });
    std::unique_lock lock(mutex);
    const bool answered = cv.wait_for(lock, 3s, [&] {
      return std::any_of(messages.begin(), messages.end(), [&](const Json& m) { return m.value("id", Json()) == id; });
    });
    if (!answered) return Json();
    return *std::find_if(messages.begin(), messages.end(), [&](const Json& m) { return m.value("id", Json()) == id; });
  }

  Json initialize(Json capabilities) {
    Json r = request(1, "initialize", Json{{"protocolVersion", "2025-11-25"}, {"capabilities", std::move(capabilities)},
                                          {"clientInfo", {{"name", "c"}, {"version", "1"}}}});
    server.handle(R"({"jsonrpc":"2.0","method":"notifications/initialized"})", session, [](std::string, bool) {});
    return r;
  }
};

Json find_named(const Json& list, const std::string& key, const std::string& value) {
  for (const Json& item : list) {
    if (item.value(key, "") == value) return item;
  }
  return Json();
}

TEST(AppsExtension, LegacyClientThatRendersViewsSeesTheLinkAndTheView) {
  AppsServer s;
  Json init = s.initialize(with_ui(kHtmlProfile));
  EXPECT_EQ(init["result"]["capabilities"]["extensions"],
            (Json{{"io.modelcontextprotocol/ui", {{"mimeTypes", kHtmlProfile}}}}));
  Json tools = s.request(2, "tools/list", Json::object())["result"]["tools"];
  EXPECT_EQ(find_named(tools, "name", "with_view")["_meta"], (Json{{"ui", {{"resourceUri", "ui://t/view.html"}}}}));
  EXPECT_FALSE(find_named(tools, "name", "plain").contains("_meta"));
  Json resources = s.request(3, "resources/list", Json::object())["result"]["resources"];
  ASSERT_EQ(resources.size(), 2u);
  EXPECT_EQ(find_named(resources, "uri", "ui://t/view.html")["mimeType"], "text/html;profile=mcp-app");
}

TEST(AppsExtension, LegacyClientWithoutTheExtensionSeesNeitherButCanStillRead) {
  AppsServer s;
  Json init = s.initialize(Json::object());
  // The server's own declaration does not depend on the client.
  EXPECT_TRUE(init["result"]["capabilities"]["extensions"].contains("io.modelcontextprotocol/ui"));
  Json tools = s.request(2, "tools/list", Json::object())["result"]["tools"];
  ASSERT_EQ(tools.size(), 2u);
  for (const Json& t : tools) EXPECT_FALSE(t.contains("_meta")) << t.dump();
  Json resources = s.request(3, "resources/list", Json::object())["result"]["resources"];
  ASSERT_EQ(resources.size(), 1u);
  EXPECT_EQ(resources[0]["uri"], "test://note");
  Json read = s.request(4, "resources/read", Json{{"uri", "ui://t/view.html"}});
  EXPECT_EQ(read["result"]["contents"][0]["mimeType"], "text/html;profile=mcp-app") << read.dump();
}

TEST(AppsExtension, ModernEraDecidesPerRequestFromItsClientCapabilities) {
  AppsServer s;
  auto modern = [](Json capabilities) {
    return Json{{"_meta",
                 {{"io.modelcontextprotocol/protocolVersion", "2026-07-28"},
                  {"io.modelcontextprotocol/clientCapabilities", std::move(capabilities)},
                  {"io.modelcontextprotocol/clientInfo", {{"name", "c"}, {"version", "1"}}}}}};
  };
  Json with = s.request(1, "tools/list", modern(with_ui(kHtmlProfile)))["result"]["tools"];
  EXPECT_EQ(find_named(with, "name", "with_view")["_meta"]["ui"]["resourceUri"], "ui://t/view.html");
  Json without = s.request(2, "tools/list", modern(Json::object()))["result"]["tools"];
  EXPECT_FALSE(find_named(without, "name", "with_view").contains("_meta"));
  EXPECT_EQ(s.request(3, "resources/list", modern(with_ui(kHtmlProfile)))["result"]["resources"].size(), 2u);
  EXPECT_EQ(s.request(4, "resources/list", modern(Json::object()))["result"]["resources"].size(), 1u);
  Json discover = s.request(5, "server/discover", modern(Json::object()));
  EXPECT_TRUE(discover["result"]["capabilities"]["extensions"].contains("io.modelcontextprotocol/ui")) << discover.dump();
}

TEST(AppsExtension, ServerWithoutViewsDeclaresNoExtension) {
  ToolRegistry r;
  r.add(AppsServer::tool("plain", ""));
  Server server(ServerInfo{"t", "T", "1", "d", "i"}, std::move(r));
  Session session;
  Json response;
  server.handle(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}})",
                session, [&](std::string m, bool) { response = Json::parse(m); });
  ASSERT_TRUE(response.contains("result")) << response.dump();
  EXPECT_FALSE(response["result"]["capabilities"].contains("extensions"));
}

}  // namespace
}  // namespace mcp

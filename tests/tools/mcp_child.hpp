// The real halo-psa-mcp executable as a child process speaking MCP over stdio (a
// testsupport::McpSession), for the tool tests' "through the executable" mode: one child per test
// process (initialize and tools/list once), then one tools/call per call. Every successful result
// is checked the way a client sees it: the structuredContent against the outputSchema tools/list
// announced, and the text block against the structuredContent it mirrors. Every wait has a timeout.
#pragma once
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mcp/schema_validator.hpp"
#include "mcp/tool.hpp"
#include "support/mcp_session.hpp"
#include "util/json.hpp"

namespace tools_test {

class McpChild {
 public:
  /// Starts build/halo-psa-mcp with `env` (HALO_* only from here: the parent's are dropped) and
  /// runs the handshake and tools/list. ok() says whether it worked; error() says why not.
  explicit McpChild(std::map<std::string, std::string> env) {
    testsupport::ProcessOptions options;
    options.env = std::move(env);
    options.cwd = "/";  // no ./.env to pick up
    session_ = std::make_unique<Session>(options, std::vector<std::string>{}, "tools-sim-test");
    if (!session_->initialized() || !session_->initialize_response().contains("result")) {
      fail("initialize got no result: " + session_->initialize_response().dump());
      return;
    }
    util::Json cursor;
    do {
      util::Json params = util::Json::object();
      if (!cursor.is_null()) params["cursor"] = cursor;
      auto page = session_->request("tools/list", params, std::chrono::seconds(10));
      if (!page || !page->contains("result")) {
        fail("tools/list got no result: " + (page ? page->dump() : std::string("no answer")));
        return;
      }
      const util::Json& result = (*page)["result"];
      for (const auto& tool : result.value("tools", util::Json::array())) tools_.push_back(tool);
      cursor = result.value("nextCursor", util::Json());
    } while (!cursor.is_null());
    ok_ = true;
  }

  bool ok() const { return ok_; }
  std::string error() const { return error_; }
  /// The tools/list entries, in the server's order.
  const std::vector<util::Json>& tools() const { return tools_; }

  mcp::ToolOutcome call(const std::string& name, const util::Json& args) {
    auto response = session_->call(name, args, std::chrono::seconds(60));
    if (session_->unparsable() > 0) return mcp::ToolOutcome::error("stdout carried a line that is not JSON");
    if (!response) {
      return mcp::ToolOutcome::error("no answer to tools/call " + name +
                                     "; server stderr: " + session_->process().stderr_text());
    }
    if (!response->contains("result")) return mcp::ToolOutcome::error("JSON-RPC error: " + response->dump());
    const util::Json& result = (*response)["result"];
    const util::Json& content = result.value("content", util::Json::array());
    std::string text;
    if (!content.empty() && content[0].is_object()) text = content[0].value("text", std::string());
    if (result.value("isError", false)) return mcp::ToolOutcome::error(text);
    util::Json structured = result.value("structuredContent", util::Json());
    for (const auto& tool : tools_) {
      if (tool.value("name", std::string()) != name || !tool.contains("outputSchema")) continue;
      if (auto bad = mcp::validate_against_schema(tool["outputSchema"], structured)) {
        return mcp::ToolOutcome::error("wire check: structuredContent of " + name + " violates its outputSchema at '" +
                                       bad->path + "': " + bad->message);
      }
    }
    if (util::Json::parse(text, nullptr, false) != structured) {
      return mcp::ToolOutcome::error("wire check: the text block of " + name + " does not mirror structuredContent");
    }
    return mcp::ToolOutcome::ok(std::move(structured));
  }

 private:
  void fail(std::string why) { error_ = std::move(why) + "; server stderr: " + session_->process().stderr_text(); }

  // Ordered JSON: the field order the server wrote is part of what the tests compare.
  using Session = testsupport::BasicMcpSession<util::Json>;
  std::unique_ptr<Session> session_;
  bool ok_ = false;
  std::string error_;
  std::vector<util::Json> tools_;
};

}  // namespace tools_test

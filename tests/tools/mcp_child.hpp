// The real halo-psa-mcp executable as a child process speaking MCP over stdio, for the tool tests'
// "through the executable" mode: one child per test process (initialize and tools/list once), then
// one tools/call per call. Every successful result is checked the way a client sees it: the
// structuredContent against the outputSchema tools/list announced, and the text block against
// the structuredContent it mirrors. Every wait has a timeout.
#pragma once
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mcp/schema_validator.hpp"
#include "mcp/tool.hpp"
#include "support/process.hpp"
#include "util/json.hpp"

namespace tools_test {

class McpChild {
 public:
  /// Starts build/halo-psa-mcp with `env` (HALO_* only from here: the parent's are dropped) and
  /// runs the handshake. ok() says whether it worked; error() says why not.
  explicit McpChild(std::map<std::string, std::string> env) {
    testsupport::ProcessOptions options;
    options.env = std::move(env);
    options.cwd = "/";  // no ./.env to pick up
    process_ = std::make_unique<testsupport::Process>(
        std::vector<std::string>{testsupport::build_path("halo-psa-mcp")}, options);
    auto init = request("initialize",
                        util::Json{{"protocolVersion", "2025-11-25"},
                                   {"capabilities", util::Json::object()},
                                   {"clientInfo", {{"name", "tools-sim-test"}, {"version", "1"}}}},
                        std::chrono::seconds(20));
    if (!init || !init->contains("result")) {
      fail("initialize got no result: " + (init ? init->dump() : std::string("no answer")));
      return;
    }
    process_->write_line(util::Json{{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}}.dump());
    util::Json cursor;
    do {
      util::Json params = util::Json::object();
      if (!cursor.is_null()) params["cursor"] = cursor;
      auto page = request("tools/list", params, std::chrono::seconds(10));
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
  ~McpChild() {
    if (!process_) return;
    process_->close_stdin();  // a clean end of the session; the destructor kills a straggler
    (void)process_->wait(std::chrono::seconds(5));
  }
  McpChild(const McpChild&) = delete;
  McpChild& operator=(const McpChild&) = delete;

  bool ok() const { return ok_; }
  std::string error() const { return error_; }
  /// The tools/list entries, in the server's order.
  const std::vector<util::Json>& tools() const { return tools_; }

  mcp::ToolOutcome call(const std::string& name, const util::Json& args) {
    auto response = request("tools/call", util::Json{{"name", name}, {"arguments", args}}, std::chrono::seconds(60));
    if (!response) {
      return mcp::ToolOutcome::error("no answer to tools/call " + name + "; server stderr: " + process_->stderr_text());
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
  void fail(std::string why) { error_ = std::move(why) + "; server stderr: " + process_->stderr_text(); }

  /// Sends a request and returns its response; notifications in between are skipped.
  std::optional<util::Json> request(const std::string& method, util::Json params, std::chrono::milliseconds timeout) {
    const int id = next_id_++;
    if (!process_->write_line(util::Json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump())) {
      return std::nullopt;
    }
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      auto line = process_->read_line(std::max(left, std::chrono::milliseconds(1)));
      if (!line) return std::nullopt;
      util::Json message = util::Json::parse(*line, nullptr, false);
      if (message.is_discarded()) {
        error_ = "stdout carried a line that is not JSON: " + line->substr(0, 200);
        return std::nullopt;
      }
      if (message.is_object() && message.value("id", util::Json()) == id && !message.contains("method")) return message;
    }
    return std::nullopt;
  }

  std::unique_ptr<testsupport::Process> process_;
  int next_id_ = 1;
  bool ok_ = false;
  std::string error_;
  std::vector<util::Json> tools_;
};

}  // namespace tools_test

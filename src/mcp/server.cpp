// mcp::Server's public face: construction, the entry point for one raw message (a single
// request or a 2025-03-26 batch, whose answers are gathered into one array), and the direct
// tool call of the command line. What happens to a message inside is in server_impl.hpp.
#include "mcp/server.hpp"

#include <mutex>

#include "mcp/jsonrpc.hpp"
#include "mcp/protocol_versions.hpp"
#include "mcp/server_impl.hpp"
#include "mcp/tool_call.hpp"

namespace mcp {

using util::Json;
using detail::serialize;
namespace jr = jsonrpc;

namespace {

/// Collects the responses of a 2025-03-26 batch and writes them as one array when the last
/// member is done (members may finish on worker threads in any order).
struct BatchCollector {
  std::mutex mutex;
  Json responses = Json::array();
  std::size_t pending = 1;  // the guard held while members are still being dispatched
  WriteFn write;

  void done(std::optional<Json> response) {
    std::unique_lock lock(mutex);
    if (response) responses.push_back(std::move(*response));
    if (--pending != 0) return;
    Json all = std::move(responses);
    lock.unlock();
    if (!all.empty()) write(serialize(all), true);
  }
};

}  // namespace

Server::Server(ServerInfo info, ToolRegistry tools, ServerOptions options)
    : info_(std::move(info)), tools_(std::move(tools)), options_(std::move(options)),
      impl_(std::make_unique<Impl>(*this)) {}

Server::~Server() = default;

void Server::set_resources(ResourceRegistry resources) { resources_ = std::move(resources); }
void Server::set_prompts(PromptRegistry prompts) { prompts_ = std::move(prompts); }
void Server::set_completion(CompletionHandler completion) { completion_ = std::move(completion); }

const std::vector<std::string>& Server::supported_versions() {
  static const std::vector<std::string> kAll = [] {
    std::vector<std::string> v{std::string(versions::kModern)};
    for (auto legacy : versions::kLegacy) v.emplace_back(legacy);
    return v;
  }();
  return kAll;
}

bool Server::handle(std::string_view raw_message, Session& session, WriteFn write, CloseStreamFn close_stream) {
  auto parsed = jr::parse_message(raw_message);
  if (!parsed) {
    write(serialize(parsed.error()), true);
    return true;
  }
  Json message = std::move(*parsed);

  if (message.is_array()) {
    if (session.negotiated_version() != versions::kBatchVersion) {
      write(serialize(jr::make_error(nullptr, jr::kInvalidRequest,
                                     "Invalid Request: batches are accepted only at protocol version 2025-03-26")),
            true);
      return true;
    }
    if (message.empty()) {
      write(serialize(jr::make_error(nullptr, jr::kInvalidRequest, "Invalid Request: empty batch")), true);
      return true;
    }
    auto batch = std::make_shared<BatchCollector>();
    batch->write = write;
    detail::Sink sink{[batch](std::optional<Json> r) { batch->done(std::move(r)); },
                      [write](const Json& n) { write(serialize(n), false); }, close_stream};
    bool any_response = false;
    for (auto& member : message) {
      {
        std::lock_guard lock(batch->mutex);
        ++batch->pending;
      }
      const bool responds = impl_->process(std::move(member), session, sink);
      if (!responds) batch->done(std::nullopt);
      any_response = any_response || responds;
    }
    batch->done(std::nullopt);  // release the guard
    return any_response;
  }

  detail::Sink sink{[write](std::optional<Json> r) {
                      if (r) write(serialize(*r), true);
                    },
                    [write](const Json& n) { write(serialize(n), false); }, std::move(close_stream)};
  return impl_->process(std::move(message), session, sink);
}

ToolOutcome Server::call_tool(std::string_view name, const Json& arguments, ToolContext& context) const {
  const Tool* tool = tools_.find(name);
  if (tool == nullptr) return ToolOutcome::error("Unknown tool: " + std::string(name));
  if (!arguments.is_null() && !arguments.is_object()) {
    return ToolOutcome::error("Invalid arguments: must be an object");
  }
  return detail::run_tool(*tool, arguments, context, options_.validate_output);
}

}  // namespace mcp

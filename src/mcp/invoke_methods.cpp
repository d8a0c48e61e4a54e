// The methods that run registered code: tools/call, prompts/get and resources/read check their
// params here and run the handler on the worker pool (call_runner.cpp); completion/complete
// answers on the caller's thread.
#include <chrono>
#include <map>
#include <memory>

#include "mcp/jsonrpc.hpp"
#include "mcp/server_impl.hpp"
#include "mcp/tool_call.hpp"
#include "util/log.hpp"

namespace mcp {

using util::Json;
using detail::Request;
using detail::Sink;
namespace jr = jsonrpc;

namespace {

/// Tells ServerOptions::on_tool_call how one tools/call ended, exactly once: when the handler
/// finishes, when the call is refused before it runs, or (from the destructor) when it was
/// cancelled before it could start.
class CallAudit {
 public:
  CallAudit(const std::function<void(const ToolCallRecord&)>& sink, const Request& req, std::string tool)
      : sink_(sink), start_(std::chrono::steady_clock::now()) {
    record_.caller = req.caller.name;
    record_.tool = std::move(tool);
    auto args = req.params.find("arguments");
    record_.arguments = args != req.params.end() ? *args : Json();
  }
  ~CallAudit() { finish("cancelled"); }
  CallAudit(const CallAudit&) = delete;
  CallAudit& operator=(const CallAudit&) = delete;

  void finish(const char* outcome, std::int64_t upstream_requests = 0) {
    if (done_ || !sink_) return;
    done_ = true;
    record_.outcome = outcome;
    record_.upstream_requests = upstream_requests;
    record_.duration =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start_);
    try {
      sink_(record_);
    } catch (const std::exception&) {
      // An audit sink that fails must not take the call down with it (it logs its own trouble).
    }
  }

 private:
  const std::function<void(const ToolCallRecord&)>& sink_;
  ToolCallRecord record_;
  std::chrono::steady_clock::time_point start_;
  bool done_ = false;
};

const char* outcome_name(const ToolOutcome& outcome, const ToolContext& context) {
  if (context.cancel.cancelled()) return "cancelled";
  if (outcome.rpc_error) return "error";
  if (outcome.input_requests) return "input_required";
  return outcome.is_error ? "tool_error" : "ok";
}

}  // namespace

void Server::Impl::call_tool(Request& req, Session& session, const Sink& sink) {
  auto name = req.params.find("name");
  auto audit = std::make_shared<CallAudit>(server.options_.on_tool_call, req,
                                           name != req.params.end() && name->is_string() ? name->get<std::string>() : "");
  if (name == req.params.end() || !name->is_string()) {
    audit->finish("invalid_request");
    return detail::reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: name must be a string");
  }
  Json arguments = Json::object();
  if (auto args = req.params.find("arguments"); args != req.params.end() && !args->is_null()) {
    if (!args->is_object()) {
      audit->finish("invalid_request");
      return detail::reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: arguments must be an object");
    }
    arguments = *args;
  }
  const Tool* tool = server.tools_.find(name->get<std::string>());
  // A tool the caller may not use is answered exactly as one that does not exist.
  if (tool != nullptr && !req.caller.may_use(tool->name)) {
    util::log::warn("access: '{}' may not use the tool '{}' (refused as unknown, 403)", req.caller.name, tool->name);
    tool = nullptr;
  }
  if (tool == nullptr) {
    audit->finish("unknown_tool");
    return detail::reply_error(sink, req.id, jr::kInvalidParams, "Unknown tool: " + name->get<std::string>());
  }
  const bool validate = server.options_.validate_output;
  const bool started = run_async(req, session, sink, tool->name,
            [tool, arguments = std::move(arguments), validate, audit](ToolContext& context) {
              ToolOutcome outcome = detail::run_tool(*tool, arguments, context, validate);
              audit->finish(outcome_name(outcome, context), context.upstream_requests->load());
              if (outcome.rpc_error) return Reply{Json::object(), std::nullopt, std::nullopt, std::move(outcome.rpc_error)};
              if (outcome.input_requests) {
                return Reply::need_input(std::move(*outcome.input_requests), std::move(outcome.request_state));
              }
              return Reply::ok(detail::outcome_to_result(outcome));
            });
  // Refused before it ran (its id is already in flight): a bad request, not a cancelled call.
  if (!started) audit->finish("invalid_request");
}

void Server::Impl::get_prompt(Request& req, Session& session, const Sink& sink) {
  auto name = req.params.find("name");
  if (name == req.params.end() || !name->is_string()) {
    return detail::reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: name must be a string");
  }
  const Prompt* prompt = server.prompts_.find(name->get<std::string>());
  if (prompt == nullptr || !req.caller.may_use_all(prompt->uses_tools)) {
    return detail::reply_error(sink, req.id, jr::kInvalidParams, "Unknown prompt: " + name->get<std::string>());
  }
  std::map<std::string, std::string> args;
  if (auto given = req.params.find("arguments"); given != req.params.end() && !given->is_null()) {
    if (!given->is_object()) {
      return detail::reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: arguments must be an object");
    }
    for (auto& [key, value] : given->items()) {
      if (!value.is_string()) {
        return detail::reply_error(sink, req.id, jr::kInvalidParams,
                                   "Invalid params: argument '" + key + "' must be a string");
      }
      args[key] = value.get<std::string>();
    }
  }
  for (const auto& a : prompt->arguments) {
    if (a.required && args.count(a.name) == 0) {
      return detail::reply_error(sink, req.id, jr::kInvalidParams,
                                 "Invalid params: missing required argument '" + a.name + "'");
    }
  }
  run_async(req, session, sink, prompt->name,
            [prompt, args = std::move(args)](ToolContext& context) { return prompt->get(args, context); });
}

void Server::Impl::read_resource(Request& req, Session& session, const Sink& sink) {
  auto uri_it = req.params.find("uri");
  if (uri_it == req.params.end() || !uri_it->is_string()) {
    return detail::reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: uri must be a string");
  }
  const std::string uri = uri_it->get<std::string>();
  const Resource* resource = server.resources_.find(uri);
  if (resource != nullptr && req.caller.may_use_all(resource->uses_tools)) {
    run_async(req, session, sink, resource->name,
              [resource, uri](ToolContext& context) { return resource->read(uri, context); });
    return;
  }
  std::map<std::string, std::string> vars;
  const ResourceTemplate* tmpl = resource == nullptr ? server.resources_.match(uri, vars) : nullptr;
  if (tmpl != nullptr && req.caller.may_use_all(tmpl->uses_tools)) {
    run_async(req, session, sink, tmpl->name, [tmpl, uri, vars = std::move(vars)](ToolContext& context) {
      return tmpl->read(uri, vars, context);
    });
    return;
  }
  Json data = Json::object();
  data["uri"] = uri;
  detail::reply_error(sink, req.id, jr::kInvalidParams, "Resource not found", std::move(data));
}

bool Server::Impl::may_complete(const Caller& caller, const Json& ref) const {
  if (!caller.restricted()) return true;
  const std::string type = ref.value("type", "");
  if (type == "ref/prompt") {
    const Prompt* prompt = server.prompts_.find(ref.value("name", ""));
    return prompt == nullptr || caller.may_use_all(prompt->uses_tools);
  }
  if (type == "ref/resource") {
    const std::string uri = ref.value("uri", "");
    for (const ResourceTemplate& t : server.resources_.templates()) {
      if (t.uri_template == uri && !caller.may_use_all(t.uses_tools)) return false;
    }
  }
  return true;
}

void Server::Impl::complete(Request& req, Session& session, const Sink& sink) {
  auto ref = req.params.find("ref");
  auto argument = req.params.find("argument");
  if (ref == req.params.end() || !ref->is_object() || argument == req.params.end() || !argument->is_object() ||
      !argument->contains("name") || !(*argument)["name"].is_string()) {
    return detail::reply_error(sink, req.id, jr::kInvalidParams,
                               "Invalid params: ref and argument{name,value} are required");
  }
  // Completing an argument of a prompt or template the caller cannot see would disclose it.
  if (!may_complete(req.caller, *ref)) {
    const std::string what = ref->value("type", "") == "ref/prompt" ? "no prompt named '" + ref->value("name", "") + "'"
                                                                     : "no resource template '" + ref->value("uri", "") + "'";
    return detail::reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: " + what);
  }
  Json context = req.params.contains("context") ? req.params["context"] : Json::object();
  run_async(req, session, sink, "completion/complete",
            [this, ref = *ref, argument = *argument, context = std::move(context)](ToolContext& call) {
              return server.completion_(ref, argument, context, call);
            });
}

}  // namespace mcp

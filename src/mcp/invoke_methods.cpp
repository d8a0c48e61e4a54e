// The methods that run registered code: tools/call, prompts/get and resources/read check their
// params here and run the handler on the worker pool (call_runner.cpp); completion/complete
// answers on the caller's thread.
#include <map>

#include "mcp/jsonrpc.hpp"
#include "mcp/server_impl.hpp"
#include "mcp/tool_call.hpp"

namespace mcp {

using util::Json;
using detail::Request;
using detail::Sink;
namespace jr = jsonrpc;

void Server::Impl::call_tool(Request& req, Session& session, const Sink& sink) {
  auto name = req.params.find("name");
  if (name == req.params.end() || !name->is_string()) {
    return detail::reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: name must be a string");
  }
  Json arguments = Json::object();
  if (auto args = req.params.find("arguments"); args != req.params.end() && !args->is_null()) {
    if (!args->is_object()) {
      return detail::reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: arguments must be an object");
    }
    arguments = *args;
  }
  const Tool* tool = server.tools_.find(name->get<std::string>());
  if (tool == nullptr) {
    return detail::reply_error(sink, req.id, jr::kInvalidParams, "Unknown tool: " + name->get<std::string>());
  }
  const bool validate = server.options_.validate_output;
  run_async(req, session, sink, tool->name, [tool, arguments = std::move(arguments), validate](ToolContext& context) {
    ToolOutcome outcome = detail::run_tool(*tool, arguments, context, validate);
    if (outcome.rpc_error) return Reply{Json::object(), std::nullopt, std::nullopt, std::move(outcome.rpc_error)};
    if (outcome.input_requests) return Reply::need_input(std::move(*outcome.input_requests), std::move(outcome.request_state));
    return Reply::ok(detail::outcome_to_result(outcome));
  });
}

void Server::Impl::get_prompt(Request& req, Session& session, const Sink& sink) {
  auto name = req.params.find("name");
  if (name == req.params.end() || !name->is_string()) {
    return detail::reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: name must be a string");
  }
  const Prompt* prompt = server.prompts_.find(name->get<std::string>());
  if (prompt == nullptr) {
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
  if (const Resource* resource = server.resources_.find(uri)) {
    return run_async(req, session, sink, resource->name,
                     [resource, uri](ToolContext& context) { return resource->read(uri, context); });
  }
  std::map<std::string, std::string> vars;
  if (const ResourceTemplate* tmpl = server.resources_.match(uri, vars)) {
    return run_async(req, session, sink, tmpl->name, [tmpl, uri, vars = std::move(vars)](ToolContext& context) {
      return tmpl->read(uri, vars, context);
    });
  }
  Json data = Json::object();
  data["uri"] = uri;
  detail::reply_error(sink, req.id, jr::kInvalidParams, "Resource not found", std::move(data));
}

void Server::Impl::complete(Request& req, Session& session, const Sink& sink) {
  auto ref = req.params.find("ref");
  auto argument = req.params.find("argument");
  if (ref == req.params.end() || !ref->is_object() || argument == req.params.end() || !argument->is_object() ||
      !argument->contains("name") || !(*argument)["name"].is_string()) {
    return detail::reply_error(sink, req.id, jr::kInvalidParams,
                               "Invalid params: ref and argument{name,value} are required");
  }
  Json context = req.params.contains("context") ? req.params["context"] : Json::object();
  run_async(req, session, sink, "completion/complete",
            [this, ref = *ref, argument = *argument, context = std::move(context)](ToolContext& call) {
              return server.completion_(ref, argument, context, call);
            });
}

}  // namespace mcp

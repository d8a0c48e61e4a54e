// The protocol engine: era detection, method dispatch, the tool-call lifecycle (worker pool,
// cancellation, progress, log notifications) and the result shapes of each era.
#include "mcp/server.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <exception>

#include "mcp/cursor.hpp"
#include "mcp/jsonrpc.hpp"
#include "mcp/protocol_versions.hpp"
#include "mcp/reply.hpp"
#include "mcp/session_state.hpp"
#include "mcp/tool_call.hpp"
#include "mcp/worker_pool.hpp"
#include "util/log.hpp"

namespace mcp {

using util::Json;
namespace jr = jsonrpc;

namespace {

enum class Era { kLegacy, kModern };

constexpr const char* kLevelNames[] = {"debug", "info", "notice", "warning", "error", "critical", "alert",
                                       "emergency"};

const char* level_name(LogLevel level) { return kLevelNames[static_cast<int>(level)]; }

std::optional<LogLevel> parse_level(const Json& name) {
  if (!name.is_string()) return std::nullopt;
  for (int i = 0; i < 8; ++i) {
    if (name == kLevelNames[i]) return static_cast<LogLevel>(i);
  }
  return std::nullopt;
}

spdlog::level::level_enum to_spdlog(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return spdlog::level::debug;
    case LogLevel::kInfo:
    case LogLevel::kNotice: return spdlog::level::info;
    case LogLevel::kWarning: return spdlog::level::warn;
    case LogLevel::kError: return spdlog::level::err;
    default: return spdlog::level::critical;
  }
}

/// Whole numbers go out as integers ("3", not "3.0"): easier on clients that compare values.
Json as_json_number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 9.0e15) return static_cast<std::int64_t>(v);
  return v;
}

std::string serialize(const Json& message) { return message.dump(-1, ' ', false, Json::error_handler_t::replace); }

/// Where the outcome of one request goes. respond() is called exactly once per request: with the
/// response, or with nullopt when none is to be sent (cancelled).
struct Sink {
  std::function<void(std::optional<Json>)> respond;
  std::function<void(const Json&)> notify;
  CloseStreamFn close_stream;  ///< empty when the transport cannot close the stream early
};

struct Request {
  Json id;
  std::string method;
  Json params;
  Era era = Era::kLegacy;
  std::optional<Json> progress_token;
  std::optional<LogLevel> modern_log_level;  ///< the modern era's per-request opt-in
  Json client_capabilities = Json::object();
  Json input_responses;                      ///< 2026-07-28 inputResponses, null when absent
  std::optional<std::string> request_state;  ///< 2026-07-28 requestState
};

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

/// Sends a running call's progress and log notifications; closed once the call is answered so
/// nothing trails its response.
struct CallNotifier {
  std::mutex mutex;
  bool closed = false;
  std::optional<double> last_progress;
  std::optional<Json> progress_token;
  std::function<void(const Json&)> notify;
  std::shared_ptr<detail::InFlight> flight;
  std::shared_ptr<detail::SessionState> session;
  Era era = Era::kLegacy;
  std::optional<LogLevel> modern_log_level;
  std::string tool_name;

  void progress(double value, std::optional<double> total, std::string_view message) {
    if (!progress_token || !std::isfinite(value)) return;
    std::lock_guard lock(mutex);
    if (closed || flight->cancel.cancelled()) return;
    if (last_progress && value <= *last_progress) return;  // progress must strictly increase
    last_progress = value;
    Json params = Json::object();
    params["progressToken"] = *progress_token;
    params["progress"] = as_json_number(value);
    if (total && std::isfinite(*total)) params["total"] = as_json_number(*total);
    if (!message.empty()) params["message"] = message;
    notify(jr::make_notification("notifications/progress", std::move(params)));
  }

  void log(LogLevel level, std::string_view text) {
    spdlog::log(to_spdlog(level), "[{}] {}", tool_name, text);
    std::optional<LogLevel> threshold = modern_log_level;
    if (era == Era::kLegacy) {
      std::lock_guard lock(session->mutex);
      threshold = session->log_level;
    }
    if (!threshold || level < *threshold) return;
    std::lock_guard lock(mutex);
    if (closed || flight->cancel.cancelled()) return;
    Json params = Json::object();
    params["level"] = level_name(level);
    params["logger"] = tool_name;
    params["data"] = text;
    notify(jr::make_notification("notifications/message", std::move(params)));
  }

  /// Sends a request to the client on the call's stream; false once the call is over.
  bool send(const Json& message) {
    std::lock_guard lock(mutex);
    if (closed || flight->cancel.cancelled()) return false;
    notify(message);
    return true;
  }

  void close() {
    std::lock_guard lock(mutex);
    closed = true;
  }
};

bool validate_output_from_env() {
  const char* v = std::getenv("HALO_MCP_VALIDATE_OUTPUT");
  return v != nullptr && std::string_view(v) == "1";
}

}  // namespace

struct Server::Impl {
  Server& server;
  bool validate_output;
  WorkerPool pool;

  Impl(Server& s)
      : server(s),
        validate_output(s.options_.validate_output || validate_output_from_env()),
        pool(s.options_.max_concurrent_calls) {}

  /// What the server offers. resources/subscribe does not exist in 2026-07-28 (it moved to
  /// subscriptions/listen, not implemented), so the modern answer does not claim it.
  Json capabilities(Era era = Era::kLegacy) const {
    Json tools = Json::object();
    tools["listChanged"] = false;
    Json caps = Json::object();
    caps["tools"] = std::move(tools);
    caps["logging"] = Json::object();
    if (!server.prompts_.empty()) caps["prompts"] = Json{{"listChanged", false}};
    if (!server.resources_.empty()) {
      Json resources = Json::object();
      if (server.resources_.subscribable() && era == Era::kLegacy) resources["subscribe"] = true;
      resources["listChanged"] = false;
      caps["resources"] = std::move(resources);
    }
    if (server.completion_) caps["completions"] = Json::object();
    return caps;
  }

  Json server_info_brief() const {
    Json out = Json::object();
    out["name"] = server.info_.name;
    out["version"] = server.info_.version;
    return out;
  }

  /// Adds what the era requires of every result: resultType and serverInfo for 2026-07-28.
  Json finish(Json result, Era era) const {
    if (era == Era::kLegacy) return result;
    Json out = Json::object();
    out["resultType"] = "complete";
    for (auto& [key, value] : result.items()) out[key] = std::move(value);
    if (!out.contains("_meta")) out["_meta"] = Json::object();
    out["_meta"][versions::kMetaServerInfo] = server_info_brief();
    return out;
  }

  static void reply_error(const Sink& sink, const Json& id, int code, std::string message,
                          std::optional<Json> data = std::nullopt) {
    sink.respond(jr::make_error(id, code, std::move(message), std::move(data)));
  }

  // ---- message level ------------------------------------------------------------------------

  /// Takes the message by value: its id and params move into the request (a copy of a deep
  /// value recurses once per level).
  bool process(Json message, Session& session, const Sink& sink) {
    auto classified = jr::classify(message);
    switch (classified.kind) {
      case jr::MessageKind::kResponse: route_client_response(message, session); return false;
      case jr::MessageKind::kInvalid:
        if (classified.error.is_null()) return false;
        sink.respond(std::move(classified.error));
        return true;
      case jr::MessageKind::kNotification: handle_notification(message, session); return false;
      case jr::MessageKind::kRequest: break;
    }
    const Json id = message["id"];
    const std::string method = message["method"].get<std::string>();
    try {
      handle_request(std::move(message), session, sink);
    } catch (const std::exception& e) {
      spdlog::error("internal error handling {}: {}", method, e.what());
      reply_error(sink, id, jr::kInternalError, "Internal error");
    }
    return true;
  }

  /// The client's answer to a request we sent it (legacy era): wake the handler waiting for it.
  static void route_client_response(const Json& message, Session& session) {
    const auto id = message.find("id");
    if (id == message.end() || !jr::is_valid_id(*id)) return;
    auto state = session.state();
    std::shared_ptr<detail::PendingClientRequest> pending;
    {
      std::lock_guard lock(state->mutex);
      auto it = state->client_requests.find(id->dump());
      if (it == state->client_requests.end()) return;  // late, duplicate or unknown: drop
      pending = it->second;
      state->client_requests.erase(it);
    }
    {
      std::lock_guard lock(pending->mutex);
      pending->response = message;
    }
    pending->answered.notify_all();
  }

  void handle_notification(const Json& message, Session& session) {
    const auto& method = message["method"].get_ref<const std::string&>();
    if (method == "notifications/cancelled") {
      const auto params = message.find("params");
      if (params == message.end()) return;
      const auto request_id = params->find("requestId");
      if (request_id != params->end() && jr::is_valid_id(*request_id)) {
        if (session.cancel_request(*request_id)) spdlog::debug("cancelled request {}", request_id->dump());
      }
    }
    // notifications/initialized and anything else need no action.
  }

  void handle_request(Json message, Session& session, const Sink& sink) {
    Request req;
    req.id = std::move(message["id"]);
    req.method = message["method"].get<std::string>();
    if (auto params = message.find("params"); params != message.end()) {
      req.params = std::move(*params);
    } else {
      req.params = Json::object();
    }

    static const std::array<std::string_view, 14> kKnown = {
        "initialize",     "ping",           "tools/list",        "tools/call",
        "logging/setLevel", "server/discover", "prompts/list",   "prompts/get",
        "resources/list", "resources/templates/list", "resources/read", "resources/subscribe",
        "resources/unsubscribe", "completion/complete"};
    if (std::find(kKnown.begin(), kKnown.end(), req.method) == kKnown.end()) {
      return reply_error(sink, req.id, jr::kMethodNotFound, "Method not found: " + req.method);
    }

    const Json* meta = nullptr;
    if (auto m = req.params.find("_meta"); m != req.params.end()) {
      if (!m->is_object()) return reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: _meta must be an object");
      meta = &*m;
      if (auto token = meta->find("progressToken"); token != meta->end() && jr::is_valid_id(*token)) {
        req.progress_token = *token;
      }
    }

    if (meta != nullptr && meta->contains(versions::kMetaProtocolVersion)) {
      const Json& version = (*meta)[versions::kMetaProtocolVersion];
      if (!version.is_string()) {
        return reply_error(sink, req.id, jr::kInvalidParams,
                           std::string("Invalid params: _meta \"") + versions::kMetaProtocolVersion +
                               "\" must be a string");
      }
      const auto& v = version.get_ref<const std::string&>();
      if (versions::is_modern(v)) {
        auto caps = meta->find(versions::kMetaClientCapabilities);
        if (caps == meta->end() || !caps->is_object()) {
          return reply_error(sink, req.id, jr::kInvalidParams,
                             std::string("Invalid params: missing _meta \"") + versions::kMetaClientCapabilities + "\"");
        }
        req.client_capabilities = *caps;
        if (auto level = meta->find(versions::kMetaLogLevel); level != meta->end()) {
          req.modern_log_level = parse_level(*level);
          if (!req.modern_log_level) {
            return reply_error(sink, req.id, jr::kInvalidParams,
                               std::string("Invalid params: unknown _meta \"") + versions::kMetaLogLevel + "\"");
          }
        }
        if (auto responses = req.params.find("inputResponses"); responses != req.params.end()) {
          if (!responses->is_object()) {
            return reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: inputResponses must be an object");
          }
          req.input_responses = *responses;
        }
        if (auto state = req.params.find("requestState"); state != req.params.end()) {
          if (!state->is_string()) {
            return reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: requestState must be a string");
          }
          req.request_state = state->get<std::string>();
        }
        req.era = Era::kModern;
        return handle_modern(req, session, sink);
      }
      if (!versions::is_legacy(v)) {
        Json data = Json::object();
        data["supported"] = supported_versions();
        data["requested"] = v;
        return reply_error(sink, req.id, jr::kUnsupportedProtocolVersion, "Unsupported protocol version",
                           std::move(data));
      }
      // A legacy revision named in the envelope: the legacy rules apply.
    }
    handle_legacy(req, session, sink);
  }

  // ---- eras ------------------------------------------------------------------------------------

  void handle_legacy(Request& req, Session& session, const Sink& sink) {
    if (req.method == "initialize") return initialize(req, session, sink);
    if (req.method == "ping") return sink.respond(jr::make_result(req.id, Json::object()));
    if (!session.initialized()) {
      // Neither an initialize handshake nor the 2026-07-28 envelope: we cannot tell which
      // protocol the client speaks, so we do not process it (the spec's SHOULD NOT).
      return reply_error(sink, req.id, jr::kInvalidParams,
                         std::string("Invalid params: missing _meta \"") + versions::kMetaProtocolVersion +
                             "\" (send initialize first, or use protocol version 2026-07-28)");
    }
    {
      auto state = session.state();
      std::lock_guard lock(state->mutex);
      req.client_capabilities = state->client_capabilities;
    }
    if (req.method == "server/discover") {
      return reply_error(sink, req.id, jr::kMethodNotFound, "Method not found: " + req.method);
    }
    if (req.method == "logging/setLevel") return set_level(req, session, sink);
    if (req.method == "resources/subscribe" || req.method == "resources/unsubscribe") {
      return subscribe(req, session, sink);
    }
    dispatch_common(req, session, sink);
  }

  void handle_modern(Request& req, Session& session, const Sink& sink) {
    if (req.method == "server/discover") return discover(req, sink);
    // ping, initialize, logging/setLevel and resources/(un)subscribe do not exist in 2026-07-28.
    if (req.method == "ping" || req.method == "initialize" || req.method == "logging/setLevel" ||
        req.method == "resources/subscribe" || req.method == "resources/unsubscribe") {
      return reply_error(sink, req.id, jr::kMethodNotFound, "Method not found: " + req.method);
    }
    dispatch_common(req, session, sink);
  }

  /// Methods both eras share.
  void dispatch_common(Request& req, Session& session, const Sink& sink) {
    if (req.method == "tools/list") return list_tools(req, sink);
    if (req.method == "tools/call") return call_tool(req, session, sink);
    if (req.method == "prompts/list" && !server.prompts_.empty()) return list_prompts(req, sink);
    if (req.method == "prompts/get" && !server.prompts_.empty()) return get_prompt(req, session, sink);
    if (req.method == "resources/list" && !server.resources_.empty()) return list_resources(req, sink);
    if (req.method == "resources/templates/list" && !server.resources_.empty()) return list_templates(req, sink);
    if (req.method == "resources/read" && !server.resources_.empty()) return read_resource(req, session, sink);
    if (req.method == "completion/complete" && server.completion_) return complete(req, sink);
    reply_error(sink, req.id, jr::kMethodNotFound, "Method not found: " + req.method);
  }

  // ---- methods ---------------------------------------------------------------------------------

  void initialize(Request& req, Session& session, const Sink& sink) {
    auto requested = req.params.find("protocolVersion");
    if (requested == req.params.end() || !requested->is_string()) {
      return reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: protocolVersion must be a string");
    }
    const auto& wanted = requested->get_ref<const std::string&>();
    // Unsupported (including 2026-07-28, which has no initialize): counter-offer, never fail.
    const std::string chosen = versions::is_legacy(wanted) ? wanted : std::string(versions::kLegacyLatest);
    {
      auto state = session.state();
      std::lock_guard lock(state->mutex);
      state->initialized = true;
      state->version = chosen;
      if (auto caps = req.params.find("capabilities"); caps != req.params.end() && caps->is_object()) {
        state->client_capabilities = *caps;
      }
    }
    const auto& info = server.info_;
    Json server_info = Json::object();
    server_info["name"] = info.name;
    if (!info.title.empty()) server_info["title"] = info.title;
    server_info["version"] = info.version;
    if (!info.description.empty()) server_info["description"] = info.description;
    Json result = Json::object();
    result["protocolVersion"] = chosen;
    result["capabilities"] = capabilities();
    result["serverInfo"] = std::move(server_info);
    if (!info.instructions.empty()) result["instructions"] = info.instructions;
    sink.respond(jr::make_result(req.id, std::move(result)));
  }

  void discover(Request& req, const Sink& sink) {
    Json result = Json::object();
    result["supportedVersions"] = supported_versions();
    result["capabilities"] = capabilities(Era::kModern);
    if (!server.info_.instructions.empty()) result["instructions"] = server.info_.instructions;
    result["ttlMs"] = server.options_.list_ttl_ms;
    result["cacheScope"] = server.options_.cache_scope;
    sink.respond(jr::make_result(req.id, finish(std::move(result), Era::kModern)));
  }

  void set_level(Request& req, Session& session, const Sink& sink) {
    auto level = req.params.find("level");
    auto parsed = level == req.params.end() ? std::nullopt : parse_level(*level);
    if (!parsed) return reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: unknown log level");
    {
      auto state = session.state();
      std::lock_guard lock(state->mutex);
      state->log_level = parsed;
    }
    sink.respond(jr::make_result(req.id, Json::object()));
  }

  /// The [begin, end) window of a list page and the next cursor, or nullopt for a bad cursor.
  struct Page {
    std::size_t begin = 0, end = 0;
    std::optional<std::string> next;
  };
  std::optional<Page> page_of(const Request& req, std::string_view list_name, std::size_t size) const {
    Page page;
    if (auto cursor = req.params.find("cursor"); cursor != req.params.end() && !cursor->is_null()) {
      std::optional<std::size_t> decoded;
      if (cursor->is_string()) decoded = decode_cursor(list_name, cursor->get<std::string>(), size);
      if (!decoded) return std::nullopt;
      page.begin = *decoded;
    }
    const std::size_t per_page = std::max<std::size_t>(1, server.options_.page_size);
    page.end = std::min(size, page.begin + per_page);
    if (page.end < size) page.next = encode_cursor(list_name, page.end);
    return page;
  }

  /// Pagination and the modern cache hints shared by every list method.
  void respond_list(const Request& req, const Sink& sink, const char* key, Json items, const Page& page) {
    Json result = Json::object();
    result[key] = std::move(items);
    if (page.next) result["nextCursor"] = *page.next;
    if (req.era == Era::kModern) {
      result["ttlMs"] = server.options_.list_ttl_ms;
      result["cacheScope"] = server.options_.cache_scope;
    }
    sink.respond(jr::make_result(req.id, finish(std::move(result), req.era)));
  }

  void list_tools(Request& req, const Sink& sink) {
    const auto& all = server.tools_.all();
    auto page = page_of(req, "tools", all.size());
    if (!page) return reply_error(sink, req.id, jr::kInvalidParams, "Invalid cursor");
    Json tools = Json::array();
    for (std::size_t i = page->begin; i < page->end; ++i) tools.push_back(detail::describe_tool(all[i]));
    respond_list(req, sink, "tools", std::move(tools), *page);
  }

  void list_prompts(Request& req, const Sink& sink) {
    const auto& all = server.prompts_.all();
    auto page = page_of(req, "prompts", all.size());
    if (!page) return reply_error(sink, req.id, jr::kInvalidParams, "Invalid cursor");
    Json prompts = Json::array();
    for (std::size_t i = page->begin; i < page->end; ++i) {
      const Prompt& p = all[i];
      Json entry = Json::object();
      entry["name"] = p.name;
      if (!p.title.empty()) entry["title"] = p.title;
      if (!p.description.empty()) entry["description"] = p.description;
      Json args = Json::array();
      for (const auto& a : p.arguments) {
        Json arg = Json::object();
        arg["name"] = a.name;
        if (!a.description.empty()) arg["description"] = a.description;
        arg["required"] = a.required;
        args.push_back(std::move(arg));
      }
      entry["arguments"] = std::move(args);
      prompts.push_back(std::move(entry));
    }
    respond_list(req, sink, "prompts", std::move(prompts), *page);
  }

  static void describe_common(Json& entry, const std::string& name, const std::string& title,
                              const std::string& description, const std::string& mime_type) {
    entry["name"] = name;
    if (!title.empty()) entry["title"] = title;
    if (!description.empty()) entry["description"] = description;
    if (!mime_type.empty()) entry["mimeType"] = mime_type;
  }

  void list_resources(Request& req, const Sink& sink) {
    const auto& all = server.resources_.resources();
    auto page = page_of(req, "resources", all.size());
    if (!page) return reply_error(sink, req.id, jr::kInvalidParams, "Invalid cursor");
    Json resources = Json::array();
    for (std::size_t i = page->begin; i < page->end; ++i) {
      Json entry = Json::object();
      entry["uri"] = all[i].uri;
      describe_common(entry, all[i].name, all[i].title, all[i].description, all[i].mime_type);
      resources.push_back(std::move(entry));
    }
    respond_list(req, sink, "resources", std::move(resources), *page);
  }

  void list_templates(Request& req, const Sink& sink) {
    const auto& all = server.resources_.templates();
    auto page = page_of(req, "resourceTemplates", all.size());
    if (!page) return reply_error(sink, req.id, jr::kInvalidParams, "Invalid cursor");
    Json templates = Json::array();
    for (std::size_t i = page->begin; i < page->end; ++i) {
      Json entry = Json::object();
      entry["uriTemplate"] = all[i].uri_template;
      describe_common(entry, all[i].name, all[i].title, all[i].description, all[i].mime_type);
      templates.push_back(std::move(entry));
    }
    respond_list(req, sink, "resourceTemplates", std::move(templates), *page);
  }

  void subscribe(Request& req, Session& session, const Sink& sink) {
    if (server.resources_.empty() || !server.resources_.subscribable()) {
      return reply_error(sink, req.id, jr::kMethodNotFound, "Method not found: " + req.method);
    }
    auto uri = req.params.find("uri");
    if (uri == req.params.end() || !uri->is_string()) {
      return reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: uri must be a string");
    }
    {
      auto state = session.state();
      std::lock_guard lock(state->mutex);
      if (req.method == "resources/subscribe") {
        state->subscriptions.insert(uri->get<std::string>());
      } else {
        state->subscriptions.erase(uri->get<std::string>());
      }
    }
    sink.respond(jr::make_result(req.id, Json::object()));
  }

  void complete(Request& req, const Sink& sink) {
    auto ref = req.params.find("ref");
    auto argument = req.params.find("argument");
    if (ref == req.params.end() || !ref->is_object() || argument == req.params.end() || !argument->is_object() ||
        !argument->contains("name") || !(*argument)["name"].is_string()) {
      return reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: ref and argument{name,value} are required");
    }
    Json context = req.params.contains("context") ? req.params["context"] : Json::object();
    Reply reply = server.completion_(*ref, *argument, context);
    sink.respond(finish_reply(req, std::move(reply)));
  }

  void get_prompt(Request& req, Session& session, const Sink& sink) {
    auto name = req.params.find("name");
    if (name == req.params.end() || !name->is_string()) {
      return reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: name must be a string");
    }
    const Prompt* prompt = server.prompts_.find(name->get<std::string>());
    if (prompt == nullptr) return reply_error(sink, req.id, jr::kInvalidParams, "Unknown prompt: " + name->get<std::string>());
    std::map<std::string, std::string> args;
    if (auto given = req.params.find("arguments"); given != req.params.end() && !given->is_null()) {
      if (!given->is_object()) return reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: arguments must be an object");
      for (auto& [key, value] : given->items()) {
        if (!value.is_string()) {
          return reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: argument '" + key + "' must be a string");
        }
        args[key] = value.get<std::string>();
      }
    }
    for (const auto& a : prompt->arguments) {
      if (a.required && args.count(a.name) == 0) {
        return reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: missing required argument '" + a.name + "'");
      }
    }
    run_async(req, session, sink, prompt->name,
              [prompt, args = std::move(args)](ToolContext& context) { return prompt->get(args, context); });
  }

  void read_resource(Request& req, Session& session, const Sink& sink) {
    auto uri_it = req.params.find("uri");
    if (uri_it == req.params.end() || !uri_it->is_string()) {
      return reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: uri must be a string");
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
    reply_error(sink, req.id, jr::kInvalidParams, "Resource not found", std::move(data));
  }

  void call_tool(Request& req, Session& session, const Sink& sink) {
    auto name = req.params.find("name");
    if (name == req.params.end() || !name->is_string()) {
      return reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: name must be a string");
    }
    Json arguments = Json::object();
    if (auto args = req.params.find("arguments"); args != req.params.end() && !args->is_null()) {
      if (!args->is_object()) {
        return reply_error(sink, req.id, jr::kInvalidParams, "Invalid params: arguments must be an object");
      }
      arguments = *args;
    }
    const Tool* tool = server.tools_.find(name->get<std::string>());
    if (tool == nullptr) {
      return reply_error(sink, req.id, jr::kInvalidParams, "Unknown tool: " + name->get<std::string>());
    }
    const bool validate = validate_output;
    run_async(req, session, sink, tool->name, [tool, arguments = std::move(arguments), validate](ToolContext& context) {
      ToolOutcome outcome = detail::run_tool(*tool, arguments, context, validate);
      if (outcome.rpc_error) return Reply{Json::object(), std::nullopt, std::nullopt, std::move(outcome.rpc_error)};
      if (outcome.input_requests) return Reply::need_input(std::move(*outcome.input_requests), std::move(outcome.request_state));
      return Reply::ok(detail::outcome_to_result(outcome));
    });
  }

  /// The response to a request answered by a Reply, in the shape of the request's era.
  Json finish_reply(const Request& req, Reply reply) const {
    if (reply.error) return jr::make_error(req.id, reply.error->code, reply.error->message, reply.error->data);
    if (reply.input_requests) {
      Json result = Json::object();
      result["resultType"] = "input_required";
      result["inputRequests"] = std::move(*reply.input_requests);
      if (reply.request_state) result["requestState"] = *reply.request_state;
      result["_meta"] = Json::object();
      result["_meta"][versions::kMetaServerInfo] = server_info_brief();
      return jr::make_result(req.id, std::move(result));
    }
    if (req.era == Era::kModern && req.method == "resources/read" && reply.result.is_object()) {
      // ReadResourceResult carries cache hints in 2026-07-28, like the list results.
      if (!reply.result.contains("ttlMs")) reply.result["ttlMs"] = server.options_.list_ttl_ms;
      if (!reply.result.contains("cacheScope")) reply.result["cacheScope"] = server.options_.cache_scope;
    }
    return jr::make_result(req.id, finish(std::move(reply.result), req.era));
  }

  using Job = std::function<Reply(ToolContext&)>;

  /// Runs a handler on the worker pool with cancellation, progress, logging and (legacy era)
  /// requests to the client; answers through `sink` exactly once.
  void run_async(Request& req, Session& session, const Sink& sink, std::string label, Job job) {
    auto state = session.state();
    auto flight = std::make_shared<detail::InFlight>();
    const std::string key = req.id.dump();
    {
      std::lock_guard lock(state->mutex);
      if (state->in_flight.count(key) != 0) {
        return reply_error(sink, req.id, jr::kInvalidRequest, "Invalid Request: id already in use");
      }
      state->in_flight.emplace(key, flight);
      ++state->running;
    }
    pool.submit([this, job = std::move(job), req = std::move(req), state, flight, sink, key, label = std::move(label)] {
      run_job(job, label, req, state, flight, sink, key);
    });
  }

  /// Legacy era: sends one request to the client on the call's stream and waits for its answer.
  util::Result<Json> ask_client(const std::shared_ptr<detail::SessionState>& state,
                                const std::shared_ptr<detail::InFlight>& flight,
                                const std::shared_ptr<CallNotifier>& notifier, std::string_view method,
                                const Json& params) const {
    auto pending = std::make_shared<detail::PendingClientRequest>();
    Json id;
    {
      std::lock_guard lock(state->mutex);
      id = "srv-" + std::to_string(++state->next_client_request);
      state->client_requests[id.dump()] = pending;
    }
    auto forget = [&] {
      std::lock_guard lock(state->mutex);
      state->client_requests.erase(id.dump());
    };
    Json message = Json::object();
    message["jsonrpc"] = "2.0";
    message["id"] = id;
    message["method"] = method;
    message["params"] = params.is_object() ? params : Json::object();
    if (!notifier->send(message)) {
      forget();
      return util::fail(util::ErrorKind::kCancelled, "the request was cancelled");
    }
    util::CancelRegistration wake(flight->cancel.token(), [pending] {
      {
        std::lock_guard lock(pending->mutex);
        pending->abandoned = true;
      }
      pending->answered.notify_all();
    });
    std::unique_lock lock(pending->mutex);
    const bool done = pending->answered.wait_for(lock, server.options_.client_request_timeout,
                                                 [&] { return pending->response || pending->abandoned; });
    if (!pending->response) {
      lock.unlock();
      forget();
      if (!done) return util::fail(util::ErrorKind::kTimeout, "the client did not answer " + std::string(method));
      return util::fail(util::ErrorKind::kCancelled, "the request was cancelled");
    }
    const Json& response = *pending->response;
    if (auto error = response.find("error"); error != response.end()) {
      std::string text = error->is_object() && error->contains("message") && (*error)["message"].is_string()
                             ? (*error)["message"].get<std::string>()
                             : std::string("error");
      return util::fail(util::ErrorKind::kUpstream, "the client refused " + std::string(method) + ": " + text);
    }
    return response.contains("result") ? response["result"] : Json::object();
  }

  void run_job(const Job& job, const std::string& label, const Request& req,
               const std::shared_ptr<detail::SessionState>& state,
               const std::shared_ptr<detail::InFlight>& flight, const Sink& sink, const std::string& key) {
    auto notifier = std::make_shared<CallNotifier>();
    notifier->progress_token = req.progress_token;
    notifier->notify = sink.notify;
    notifier->flight = flight;
    notifier->session = state;
    notifier->era = req.era;
    notifier->modern_log_level = req.modern_log_level;
    notifier->tool_name = label;

    std::optional<Json> response;
    if (!flight->cancel.cancelled()) {  // cancelled while queued: do not start it
      ToolContext context;
      context.cancel = flight->cancel.token();
      if (server.options_.call_timeout.count() > 0) {
        context.deadline = std::chrono::steady_clock::now() + server.options_.call_timeout;
      }
      context.progress = [notifier](double p, std::optional<double> total, std::string_view message) {
        notifier->progress(p, total, message);
      };
      context.log = [notifier](LogLevel level, std::string_view text) { notifier->log(level, text); };
      if (sink.close_stream) context.close_stream = sink.close_stream;
      context.client_capabilities = req.client_capabilities.is_object() ? req.client_capabilities : Json::object();
      context.modern_era = req.era == Era::kModern;
      context.input_responses = req.input_responses;
      context.request_state = req.request_state;
      if (req.era == Era::kLegacy) {
        context.request_client = [this, state, flight, notifier](std::string_view method, const Json& params) {
          return ask_client(state, flight, notifier, method, params);
        };
      } else {
        context.request_client = [](std::string_view, const Json&) -> util::Result<Json> {
          return util::fail(util::ErrorKind::kInternal,
                            "2026-07-28 servers cannot send requests to the client; return need_input instead");
        };
      }
      Reply reply = job(context);
      // Legacy era: the server relays input requests itself and runs the handler again.
      for (int round = 0; req.era == Era::kLegacy && reply.input_requests && !reply.error; ++round) {
        if (round >= server.options_.max_input_rounds || !reply.input_requests->is_object()) {
          reply = Reply::fail(jr::kInternalError, "Internal error: too many input rounds");
          break;
        }
        Json answers = Json::object();
        for (auto& [name, request] : reply.input_requests->items()) {
          const Json method = request.is_object() ? request.value("method", Json()) : Json();
          if (!method.is_string()) {
            reply = Reply::fail(jr::kInternalError, "Internal error: malformed input request");
            break;
          }
          auto answer = ask_client(state, flight, notifier, method.get<std::string>(),
                                   request.value("params", Json::object()));
          if (!answer) {
            reply = Reply::fail(jr::kInternalError, "Internal error: " + answer.error().message);
            break;
          }
          answers[name] = std::move(*answer);
        }
        if (reply.error || flight->cancel.cancelled()) break;
        context.input_responses = std::move(answers);
        context.request_state = reply.request_state;
        reply = job(context);
      }
      response = finish_reply(req, std::move(reply));
    }
    notifier->close();

    bool drop = false;
    {
      std::lock_guard lock(state->mutex);
      drop = flight->cancelled;
      auto it = state->in_flight.find(key);
      if (it != state->in_flight.end() && it->second == flight) state->in_flight.erase(it);
    }
    sink.respond(drop ? std::nullopt : std::move(response));
    {
      std::lock_guard lock(state->mutex);
      --state->running;
    }
    state->idle.notify_all();
  }
};

// ---- Server ----------------------------------------------------------------------------------

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
    Sink sink{[batch](std::optional<Json> r) { batch->done(std::move(r)); },
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

  Sink sink{[write](std::optional<Json> r) {
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
  return detail::run_tool(*tool, arguments, context, impl_->validate_output);
}

}  // namespace mcp

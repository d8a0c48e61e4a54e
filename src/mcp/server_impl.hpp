// The inside of mcp::Server, shared by the files that implement it: the method table and
// dispatch (method_table.cpp), the lifecycle methods and result shapes (lifecycle_methods.cpp),
// the list methods (list_methods.cpp), the methods that run a handler (invoke_methods.cpp) and
// the worker-pool runner of those handlers (call_runner.cpp). Internal to the mcp library.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "mcp/reply.hpp"
#include "mcp/request_envelope.hpp"
#include "mcp/server.hpp"
#include "mcp/session_state.hpp"
#include "mcp/worker_pool.hpp"
#include "util/json.hpp"
#include "util/result.hpp"

namespace mcp {
namespace detail {

/// Where the outcome of one request goes. respond() is called exactly once per request: with the
/// response, or with nullopt when none is to be sent (cancelled).
struct Sink {
  std::function<void(std::optional<util::Json>)> respond;
  std::function<void(const util::Json&)> notify;
  CloseStreamFn close_stream;  ///< empty when the transport cannot close the stream early
};

/// Compact JSON text of an outgoing message (invalid UTF-8 replaced, never thrown on).
[[nodiscard]] std::string serialize(const util::Json& message);

/// Answers a request with a JSON-RPC error.
void reply_error(const Sink& sink, const util::Json& id, int code, std::string message,
                 std::optional<util::Json> data = std::nullopt);

struct CallNotifier;

}  // namespace detail

struct Server::Impl {
  Server& server;
  WorkerPool pool;

  explicit Impl(Server& s) : server(s), pool(s.options_.max_concurrent_calls) {}

  /// What a method handler is: every one answers through the sink, now or from the pool.
  using Handler = void (Impl::*)(detail::Request&, Session&, const detail::Sink&);

  // ---- method_table.cpp: one raw message in, to the handler of its method -------------------
  /// Takes the message by value: its id and params move into the request. True when it gets a
  /// response.
  bool process(util::Json message, Session& session, const detail::Sink& sink);

  // ---- lifecycle_methods.cpp ----------------------------------------------------------------
  void initialize(detail::Request& req, Session& session, const detail::Sink& sink);
  void ping(detail::Request& req, Session& session, const detail::Sink& sink);
  void discover(detail::Request& req, Session& session, const detail::Sink& sink);
  void set_level(detail::Request& req, Session& session, const detail::Sink& sink);
  void subscribe(detail::Request& req, Session& session, const detail::Sink& sink);
  /// Adds what the era requires of every result: resultType and serverInfo for 2026-07-28.
  [[nodiscard]] util::Json finish(util::Json result, detail::Era era) const;
  /// The response to a request answered by a Reply, in the shape of the request's era.
  [[nodiscard]] util::Json finish_reply(const detail::Request& req, Reply reply) const;

  // ---- list_methods.cpp ---------------------------------------------------------------------
  void list_tools(detail::Request& req, Session& session, const detail::Sink& sink);
  /// completion/complete of an argument of a prompt or template the caller may see.
  [[nodiscard]] bool may_complete(const Caller& caller, const util::Json& ref) const;
  void list_prompts(detail::Request& req, Session& session, const detail::Sink& sink);
  void list_resources(detail::Request& req, Session& session, const detail::Sink& sink);
  void list_templates(detail::Request& req, Session& session, const detail::Sink& sink);

  // ---- invoke_methods.cpp -------------------------------------------------------------------
  void call_tool(detail::Request& req, Session& session, const detail::Sink& sink);
  void get_prompt(detail::Request& req, Session& session, const detail::Sink& sink);
  void read_resource(detail::Request& req, Session& session, const detail::Sink& sink);
  void complete(detail::Request& req, Session& session, const detail::Sink& sink);

  // ---- call_runner.cpp ----------------------------------------------------------------------
  using Job = std::function<Reply(ToolContext&)>;
  /// Runs a handler on the worker pool with cancellation, progress, logging and (legacy era)
  /// requests to the client; answers through `sink` exactly once.
  /// false when the request was answered with an error instead (its id is already in flight).
  bool run_async(detail::Request& req, Session& session, const detail::Sink& sink, std::string label, Job job);

 private:
  void handle_request(util::Json message, Session& session, const detail::Sink& sink);
  [[nodiscard]] util::Json capabilities(detail::Era era) const;
  [[nodiscard]] util::Json server_info_brief() const;
  void run_job(const Job& job, const std::string& label, const detail::Request& req,
               const std::shared_ptr<detail::SessionState>& state, const std::shared_ptr<detail::InFlight>& flight,
               const detail::Sink& sink, const std::string& key);
  [[nodiscard]] util::Result<util::Json> ask_client(const std::shared_ptr<detail::SessionState>& state,
                                                    const std::shared_ptr<detail::InFlight>& flight,
                                                    const std::shared_ptr<detail::CallNotifier>& notifier,
                                                    std::string_view method, const util::Json& params) const;
  /// Legacy era: relays the handler's input requests to the client and runs it again with the
  /// answers, until it answers without asking (or a bound is reached).
  [[nodiscard]] Reply relay_input_rounds(const Job& job, ToolContext& context, Reply reply,
                                         const std::shared_ptr<detail::SessionState>& state,
                                         const std::shared_ptr<detail::InFlight>& flight,
                                         const std::shared_ptr<detail::CallNotifier>& notifier) const;
};

}  // namespace mcp

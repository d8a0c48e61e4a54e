// The pipe-based test client (see wire_client.hpp).
#include "wire_client.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <thread>

#include "mcp/protocol_versions.hpp"
#include "util/json_depth.hpp"

namespace mcp::testing {

ServerCommand test_server_command(std::vector<std::string> args) {
  return ServerCommand{MCP_TEST_SERVER_PATH, std::move(args), {}};
}

ServerCommand product_command(std::vector<std::string> args) {
  args.insert(args.begin(), "--demo");
  return ServerCommand{MCP_PRODUCT_PATH, std::move(args), {}};
}

namespace {

/// A transcript file name unique across tests, clients and processes.
std::string transcript_path(const char* dir) {
  static std::atomic<int> counter{0};
  std::string test = "no-test";
  if (const auto* info = ::testing::UnitTest::GetInstance()->current_test_info()) {
    test = std::string(info->test_suite_name()) + "." + info->name();
  }
  for (auto& c : test) {
    if (c == '/' || c == ' ') c = '_';
  }
  return std::string(dir) + "/" + test + "." + std::to_string(::getpid()) + "." + std::to_string(counter++) +
         ".jsonl";
}

}  // namespace

WireClient::WireClient(std::vector<std::string> extra_args) { spawn(test_server_command(std::move(extra_args))); }

WireClient::WireClient(const ServerCommand& command) { spawn(command); }

void WireClient::spawn(const ServerCommand& command) {
  if (const char* dir = std::getenv("HALO_WIRE_TRANSCRIPT_DIR"); dir != nullptr && *dir != '\0') {
    const std::string path = transcript_path(dir);
    transcript_ = std::fopen(path.c_str(), "w");
    if (transcript_ == nullptr) throw std::runtime_error("cannot write the transcript " + path);
  }
  testsupport::ProcessOptions options;
  options.env = command.env;  // HALO_* settings of whoever runs the tests are dropped
  options.cwd = "/tmp";       // somewhere without a .env file the product would read
  std::vector<std::string> argv{command.executable};
  argv.insert(argv.end(), command.args.begin(), command.args.end());
  process_ = std::make_unique<testsupport::Process>(argv, options);
}

WireClient::~WireClient() {
  close_stdin();
  (void)wait_exit(3s);  // Process's destructor kills a straggler
  if (std::getenv("MCP_TEST_SHOW_STDERR") != nullptr) std::cerr << process_->stderr_text();
  if (transcript_ != nullptr) std::fclose(transcript_);
}

void WireClient::send_raw(const std::string& bytes) {
  record_sent(bytes);
  (void)process_->write(bytes);  // a server that is gone: the test's waits will say so
}

void WireClient::send(const Json& message) { send_raw(message.dump() + "\n"); }

std::optional<Json> WireClient::request(const Json& id, const std::string& method, Json params,
                                        std::chrono::milliseconds timeout) {
  send(Json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
  return response(id, timeout);
}

bool WireClient::read_some(std::chrono::milliseconds timeout) {
  auto line = process_->read_line(timeout);
  if (!line) {
    eof_ = process_->stdout_ended();
    return false;
  }
  lines_.push_back(*line);
  Json parsed = Json::parse(*line, nullptr, false);
  record_received(*line, parsed);
  messages_.push_back(parsed.is_discarded() ? Json("<unparsable line>") : parsed);
  consumed_.push_back(false);
  return true;
}

std::optional<Json> WireClient::wait_for(const std::function<bool(const Json&)>& match,
                                         std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t checked = 0;
  for (;;) {
    for (; checked < messages_.size(); ++checked) {
      if (!consumed_[checked] && match(messages_[checked])) {
        consumed_[checked] = true;
        return messages_[checked];
      }
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    if (!read_some(left) && std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    if (eof_) return std::nullopt;
  }
}

std::optional<Json> WireClient::response(const Json& id, std::chrono::milliseconds timeout) {
  return wait_for([&](const Json& m) { return m.is_object() && m.contains("id") && m["id"] == id &&
                                              !m.contains("method"); },
                  timeout);
}

void WireClient::collect(std::chrono::milliseconds quiet) {
  const auto deadline = std::chrono::steady_clock::now() + quiet;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || eof_) return;
    read_some(left);
  }
}

void WireClient::close_stdin() { process_->close_stdin(); }

std::optional<int> WireClient::wait_exit(std::chrono::milliseconds timeout) {
  // Process::wait keeps stdout flowing (read into its buffer), so the child never blocks on a
  // full pipe; what it wrote is turned into messages afterwards.
  auto status = process_->wait(timeout);
  while (read_some(5ms)) {
  }
  return status;
}

std::vector<Json> WireClient::notifications(const std::string& method) const {
  std::vector<Json> out;
  for (const auto& m : messages_) {
    if (m.is_object() && m.value("method", "") == method && !m.contains("id")) out.push_back(m);
  }
  return out;
}

bool WireClient::has_response(const Json& id) const {
  for (const auto& m : messages_) {
    if (m.is_object() && m.contains("id") && m["id"] == id && !m.contains("method")) return true;
  }
  return false;
}

Json modern_meta(std::optional<std::string> log_level, std::string version) {
  Json meta{{"io.modelcontextprotocol/protocolVersion", version},
            {"io.modelcontextprotocol/clientCapabilities", Json::object()},
            {"io.modelcontextprotocol/clientInfo", {{"name", "wire-test"}, {"version", "1.0"}}}};
  if (log_level) meta["io.modelcontextprotocol/logLevel"] = *log_level;
  return meta;
}

Json modern_params(Json params) {
  params["_meta"] = modern_meta();
  return params;
}

// ---- transcript -----------------------------------------------------------------------------
// Which protocol version a message belongs to, and so which schema it must satisfy: a request
// names it in its 2026-07-28 envelope, or it is the one initialize agreed; a response belongs to
// its request, a progress notification to the request that carried the token. Anything else
// (parse errors, log messages) belongs to the session, or to the newest request sent.

void WireClient::note_request(const Json& request) {
  if (!request.is_object() || !request.contains("method") || !request["method"].is_string()) return;
  const Json params = request.value("params", Json::object());
  const Json meta = params.is_object() ? params.value("_meta", Json::object()) : Json::object();
  std::string version = session_version_.empty() ? std::string(versions::kLegacyLatest) : session_version_;
  if (meta.is_object() && meta.contains(versions::kMetaProtocolVersion) &&
      meta[versions::kMetaProtocolVersion].is_string()) {
    const std::string named = meta[versions::kMetaProtocolVersion];
    // An envelope naming a version we do not speak is still the modern era's envelope.
    version = versions::is_legacy(named) ? named : std::string(versions::kModern);
  }
  if (meta.is_object() && meta.contains("progressToken")) token_version_[meta["progressToken"].dump()] = version;
  if (!request.contains("id")) return;  // a notification
  last_sent_version_ = version;
  request_version_[request["id"].dump()] = version;
  request_method_[request["id"].dump()] = request["method"];
}

void WireClient::record_sent(const std::string& bytes) {
  if (transcript_ == nullptr) return;
  std::size_t start = 0;
  while (start < bytes.size()) {
    std::size_t end = bytes.find('\n', start);
    if (end == std::string::npos) end = bytes.size();
    const std::string line = bytes.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    // A line nested deeper than the server accepts is recorded raw: building (and copying) it
    // as a value would overflow this process's stack, the very failure such lines probe.
    const Json parsed = util::json_nesting_exceeds(line, 200) ? Json(Json::value_t::discarded)
                                                               : Json::parse(line, nullptr, false);
    if (parsed.is_discarded()) {
      write_record(last_sent_version_, "sent", Json(), &line);
      continue;
    }
    if (parsed.is_array()) {
      for (const auto& member : parsed) note_request(member);
    } else {
      note_request(parsed);
    }
    write_record(last_sent_version_, "sent", parsed);
  }
}

std::string WireClient::version_of_received(const Json& message) const {
  const std::string fallback = !session_version_.empty()     ? session_version_
                               : !last_sent_version_.empty() ? last_sent_version_
                                                             : std::string(versions::kLegacyLatest);
  if (message.is_array()) {
    for (const auto& member : message) {
      if (member.is_object() && member.contains("id") && !member["id"].is_null()) return version_of_received(member);
    }
    return fallback;
  }
  if (!message.is_object()) return fallback;
  if (message.contains("method")) {
    const Json params = message.value("params", Json::object());
    if (params.is_object() && params.contains("progressToken")) {
      if (auto it = token_version_.find(params["progressToken"].dump()); it != token_version_.end()) return it->second;
    }
    return !last_sent_version_.empty() ? last_sent_version_ : fallback;
  }
  if (message.contains("id")) {
    const std::string key = message["id"].dump();
    if (auto m = request_method_.find(key); m != request_method_.end() && m->second == "initialize") {
      const Json result = message.value("result", Json::object());
      if (result.is_object() && result.contains("protocolVersion") && result["protocolVersion"].is_string()) {
        return result["protocolVersion"];
      }
    }
    if (auto it = request_version_.find(key); it != request_version_.end()) return it->second;
  }
  return fallback;
}

void WireClient::record_received(const std::string& line, const Json& parsed) {
  if (parsed.is_discarded()) {
    if (transcript_ != nullptr) write_record(session_version_, "received", Json(), &line);
    return;
  }
  const std::string version = version_of_received(parsed);
  // The version an initialize agreed governs every later request without an envelope.
  if (parsed.is_object() && parsed.contains("id") && parsed.contains("result")) {
    auto m = request_method_.find(parsed["id"].dump());
    if (m != request_method_.end() && m->second == "initialize") session_version_ = version;
  }
  if (transcript_ != nullptr) write_record(version, "received", parsed);
}

void WireClient::write_record(const std::string& version, const char* direction, const Json& message,
                              const std::string* raw) {
  Json record = Json::object();
  record["version"] = version.empty() ? std::string(versions::kLegacyLatest) : version;
  record["direction"] = direction;
  if (raw != nullptr) {
    record["raw"] = *raw;
  } else {
    record["message"] = message;
  }
  const std::string text = record.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  std::fwrite(text.data(), 1, text.size(), transcript_);
  std::fflush(transcript_);
}

}  // namespace mcp::testing

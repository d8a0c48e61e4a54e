// The pipe-based test client (see wire_client.hpp).
#include "wire_client.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace mcp::testing {

WireClient::WireClient(std::vector<std::string> extra_args) {
  ::signal(SIGPIPE, SIG_IGN);
  int to_child[2], from_child[2];
  if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
  if (std::getenv("MCP_TEST_SHOW_STDERR") == nullptr) {
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  }
  std::vector<std::string> args{MCP_TEST_SERVER_PATH};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int rc = ::posix_spawn(&pid_, MCP_TEST_SERVER_PATH, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(to_child[0]);
  ::close(from_child[1]);
  if (rc != 0) throw std::runtime_error("cannot spawn " MCP_TEST_SERVER_PATH);
  in_fd_ = to_child[1];
  out_fd_ = from_child[0];
}

WireClient::~WireClient() {
  close_stdin();
  if (!wait_exit(3s)) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  if (out_fd_ >= 0) ::close(out_fd_);
}

void WireClient::send_raw(const std::string& bytes) {
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(in_fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // the server is gone; the test's waits will say so
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

void WireClient::send(const Json& message) { send_raw(message.dump() + "\n"); }

std::optional<Json> WireClient::request(const Json& id, const std::string& method, Json params,
                                        std::chrono::milliseconds timeout) {
  send(Json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
  return response(id, timeout);
}

bool WireClient::read_some(std::chrono::milliseconds timeout) {
  pollfd pfd{out_fd_, POLLIN, 0};
  const int ready = ::poll(&pfd, 1, static_cast<int>(timeout.count()));
  if (ready <= 0) return false;
  char buf[65536];
  const ssize_t n = ::read(out_fd_, buf, sizeof buf);
  if (n <= 0) {
    if (n == 0) eof_ = true;
    return false;
  }
  partial_.append(buf, static_cast<std::size_t>(n));
  std::size_t nl;
  while ((nl = partial_.find('\n')) != std::string::npos) {
    std::string line = partial_.substr(0, nl);
    partial_.erase(0, nl + 1);
    lines_.push_back(line);
    Json parsed = Json::parse(line, nullptr, false);
    messages_.push_back(parsed.is_discarded() ? Json("<unparsable line>") : parsed);
    consumed_.push_back(false);
  }
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

void WireClient::close_stdin() {
  if (in_fd_ >= 0) ::close(in_fd_);
  in_fd_ = -1;
}

std::optional<int> WireClient::wait_exit(std::chrono::milliseconds timeout) {
  if (exit_status_) return exit_status_;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      // Drain what it wrote before exiting.
      while (read_some(0ms)) {
      }
      return exit_status_;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    if (eof_) std::this_thread::sleep_for(10ms);
    else read_some(10ms);  // keep the pipe flowing so the child never blocks on a full stdout
  }
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

}  // namespace mcp::testing

// libFuzzer target: the Streamable HTTP transport's request handling (src/mcp/transport/http.cpp,
// Boost.Beast coroutines) through a real socket. The real mcp::HttpServer runs once, in-process,
// on 127.0.0.1 with a port of its own and a tiny tool registry; each input is sent as raw bytes
// on a fresh connection, the client half-closes (so a short or endless request ends at EOF, not
// at a read timeout), and the answer is read until the server closes. Then the server must still
// be alive: GET /healthz answers 200. A crash or sanitizer report is a finding; so is a connection
// the server neither answers nor closes (a hang), a dead /healthz, or file descriptors piling up.
//
// Placeholders make the structured mix reach deep paths (a random session id never would):
//   @SID@  a live Mcp-Session-Id (a 2025-11-25 session, handshake done; re-created when gone)
//   @LEN@  the byte length of what follows the first blank line (so Content-Length is right)
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <dirent.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "mcp/server.hpp"
#include "mcp/transport/http.hpp"
#include "util/log.hpp"

namespace {

using util::Json;
using Clock = std::chrono::steady_clock;

/// How long one exchange may take before it counts as a hang (the tools answer at once).
constexpr auto kExchangeDeadline = std::chrono::seconds(5);

mcp::ToolRegistry make_registry() {
  mcp::ToolRegistry registry;
  mcp::Tool echo;
  echo.name = "echo";
  echo.description = "Returns its arguments.";
  echo.input_schema = Json::parse(R"({"type":"object","properties":{"text":{"type":"string","maxLength":1000},
    "n":{"type":"integer","minimum":0}}})");
  echo.output_schema = Json{{"type", "object"}};
  echo.handler = [](const Json& args, mcp::ToolContext&) { return mcp::ToolOutcome::ok(Json{{"echo", args}}); };
  registry.add(echo);

  // Emits progress before its result: on a 2025-11-25 session that makes a resumable SSE stream
  // with events in the replay log, which GET + Last-Event-ID can then ask for.
  mcp::Tool progress;
  progress.name = "progress";
  progress.description = "Reports progress twice, then answers.";
  progress.input_schema = Json{{"type", "object"}};
  progress.output_schema = Json{{"type", "object"}};
  progress.handler = [](const Json&, mcp::ToolContext& context) {
    context.progress(1, 2.0, "half");
    context.progress(2, 2.0, "done");
    return mcp::ToolOutcome::ok(Json{{"ok", true}});
  };
  registry.add(progress);

  mcp::Tool fail;
  fail.name = "fail";
  fail.description = "Always an error.";
  fail.input_schema = Json{{"type", "object"}};
  fail.handler = [](const Json&, mcp::ToolContext&) { return mcp::ToolOutcome::error("failed"); };
  registry.add(fail);
  return registry;
}

std::size_t open_descriptors();

[[noreturn]] void finding(const char* what, std::string_view input) {
  const int error = errno;
  std::fprintf(stderr, "fuzz_http_transport: %s (errno %d: %s; %zu descriptors open)\n  input (%zu bytes): %.*s\n",
               what, error, std::strerror(error), open_descriptors(), input.size(),
               static_cast<int>(std::min<std::size_t>(input.size(), 2000)), input.data());
  std::abort();
}

int connect_loopback(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  // A listen backlog that is full would block connect() for minutes; poll bounds it.
  const int flags = ::fcntl(fd, F_GETFL, 0);
  ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    pollfd p{fd, POLLOUT, 0};
    int error = errno;
    if (error == EINPROGRESS && ::poll(&p, 1, 5000) == 1) {
      socklen_t length = sizeof error;
      ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
    } else if (error == EINPROGRESS) {
      error = ETIMEDOUT;
    }
    if (error != 0) {
      ::close(fd);
      errno = error;
      return -1;
    }
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

struct Exchange {
  bool connected = false;
  int connect_errno = 0;
  bool closed_by_server = false;  ///< false: the deadline passed with the connection still open
  std::string reply;
};

/// Sends `bytes`, half-closes, reads until the server closes or the deadline passes.
Exchange round_trip(std::uint16_t port, std::string_view bytes, Clock::duration deadline = kExchangeDeadline) {
  Exchange out;
  const int fd = connect_loopback(port);
  if (fd < 0) {
    out.connect_errno = errno;
    return out;
  }
  out.connected = true;
  const auto until = Clock::now() + deadline;
  std::size_t sent = 0;
  char buffer[16384];
  // Interleave writing and reading: a server that answers early (413, 400) and stops reading
  // must not leave this side blocked on a full send buffer.
  while (Clock::now() < until) {
    pollfd p{fd, static_cast<short>(POLLIN | (sent < bytes.size() ? POLLOUT : 0)), 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
    if (::poll(&p, 1, static_cast<int>(std::max<long long>(1, left))) <= 0) continue;
    if ((p.revents & POLLOUT) && sent < bytes.size()) {
      const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) sent += static_cast<std::size_t>(n);
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) sent = bytes.size();  // reset: stop sending
      if (sent == bytes.size()) ::shutdown(fd, SHUT_WR);
    }
    if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
        out.closed_by_server = true;
        break;
      }
      if (n > 0 && out.reply.size() < (1u << 22)) out.reply.append(buffer, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  return out;
}

std::string header_value(const std::string& reply, std::string_view name) {
  const std::size_t head_end = reply.find("\r\n\r\n");
  std::size_t at = 0;
  while (at < head_end) {
    const std::size_t eol = reply.find("\r\n", at);
    if (eol == std::string::npos || eol > head_end) break;
    const std::string_view line(reply.data() + at, eol - at);
    if (line.size() > name.size() && line[name.size()] == ':' &&
        std::equal(name.begin(), name.end(), line.begin(),
                   [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); })) {
      std::string value(line.substr(name.size() + 1));
      while (!value.empty() && value.front() == ' ') value.erase(value.begin());
      return value;
    }
    at = eol + 2;
  }
  return {};
}

std::string post(const std::string& body, const std::string& session) {
  std::string request = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        "Accept: application/json, text/event-stream\r\nMCP-Protocol-Version: 2025-11-25\r\n";
  if (!session.empty()) request += "Mcp-Session-Id: " + session + "\r\n";
  request += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return request;
}

std::size_t open_descriptors() {
  std::size_t count = 0;
  if (DIR* dir = ::opendir("/proc/self/fd")) {
    while (::readdir(dir) != nullptr) ++count;
    ::closedir(dir);
  }
  return count;
}

class Harness {
 public:
  Harness() {
    // Refusals are logged as warnings, one per input: noise that slows the loop.
    (void)util::init_logging("error");
    server_ = std::make_unique<mcp::Server>(mcp::ServerInfo{"fuzz", "Fuzz", "1.0", "", ""}, make_registry());
    mcp::HttpOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.max_sessions = 8;  // eviction gets exercised too
    options.max_body_bytes = 16 * 1024;  // and 413, within -max_len
    options.request_read_timeout = std::chrono::seconds(2);
    options.keep_alive_timeout = std::chrono::seconds(2);
    options.write_timeout = std::chrono::seconds(2);
    options.sse_keepalive = std::chrono::seconds(1);
    options.sse_replay_grace = std::chrono::milliseconds(2000);
    auto started = mcp::HttpServer::start(*server_, std::move(options));
    if (!started) {
      std::fprintf(stderr, "fuzz_http_transport: cannot start the server: %s\n", started.error().message.c_str());
      std::abort();
    }
    http_ = std::move(*started);
    port_ = http_->port();
  }

  std::uint16_t port() const { return port_; }

  /// A session that completed the 2025-11-25 handshake.
  const std::string& session() {
    if (!session_.empty() && uses_ < 64) {
      ++uses_;
      return session_;
    }
    uses_ = 0;
    const std::string init = R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",)"
                             R"("capabilities":{},"clientInfo":{"name":"fuzz","version":"1"}}})";
    session_ = header_value(round_trip(port_, post(init, "")).reply, "Mcp-Session-Id");
    if (!session_.empty()) (void)round_trip(port_, post(R"({"jsonrpc":"2.0","method":"notifications/initialized"})", session_));
    return session_;
  }
  void forget_session() { session_.clear(); }

  void check_alive(std::string_view input) {
    const Exchange health = round_trip(port_, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    if (!health.connected) {
      errno = health.connect_errno;
      finding("the server no longer accepts connections", input);
    }
    if (health.reply.rfind("HTTP/1.1 200", 0) != 0) finding("GET /healthz did not answer 200 after this input", input);
    // Connections the server keeps after the client is gone would pile up descriptors.
    if (++inputs_ % 256 == 0) {
      const auto until = Clock::now() + std::chrono::seconds(5);
      while (open_descriptors() > baseline_fds_ + 64 && Clock::now() < until) {
        ::usleep(50'000);
      }
      if (open_descriptors() > baseline_fds_ + 64) finding("file descriptors pile up (connections not closed)", input);
    }
  }
  void set_baseline() { baseline_fds_ = open_descriptors(); }

 private:
  std::unique_ptr<mcp::Server> server_;
  std::unique_ptr<mcp::HttpServer> http_;
  std::uint16_t port_ = 0;
  std::string session_;
  int uses_ = 0;
  std::size_t inputs_ = 0;
  std::size_t baseline_fds_ = 0;
};

Harness& harness() {
  // Never destroyed: libFuzzer exits without unwinding, and a server stopped by a static
  // destructor racing its own I/O thread would be a finding of the harness, not the product.
  static Harness* instance = [] {
    auto* h = new Harness();
    h->set_baseline();
    return h;
  }();
  return *instance;
}

void replace_all(std::string& text, std::string_view from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Harness& h = harness();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string request(input);
  const bool wants_session = request.find("@SID@") != std::string::npos;
  if (wants_session) replace_all(request, "@SID@", h.session());
  if (const std::size_t len_at = request.find("@LEN@"); len_at != std::string::npos) {
    const std::size_t body_at = request.find("\r\n\r\n");
    const std::size_t body = body_at == std::string::npos ? 0 : request.size() - (body_at + 4);
    // The body's length as it will be once the placeholder itself is replaced (it may sit in the
    // body too, rarely); good enough for a fuzzer: the point is a plausible Content-Length.
    replace_all(request, "@LEN@", std::to_string(body));
  }
  const Exchange reply = round_trip(h.port(), request);
  if (!reply.connected) {
    errno = reply.connect_errno;
    finding("could not connect", input);
  }
  if (!reply.closed_by_server) finding("the server neither answered nor closed the connection within 5 s", input);
  if (wants_session && reply.reply.find("Session not found") != std::string::npos) h.forget_session();
  h.check_alive(input);
  return 0;
}

// The stdio transport (see stdio.hpp). Reading is a plain blocking loop on the calling thread:
// it works for pipes, files and terminals alike, which an event loop on stdin does not.
#include "mcp/transport/stdio.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <unistd.h>

#include "mcp/jsonrpc.hpp"
#include "util/log.hpp"

namespace mcp {
namespace {

/// Serializes whole lines onto the output descriptor; remembers a broken pipe so that later
/// writes fail fast instead of raising SIGPIPE or blocking.
class LineWriter {
 public:
  explicit LineWriter(int fd) : fd_(fd) {}

  void write_line(std::string message) {
    message.push_back('\n');
    std::lock_guard lock(mutex_);
    if (broken_) return;
    const char* p = message.data();
    std::size_t left = message.size();
    while (left > 0) {
      const ssize_t n = ::write(fd_, p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        broken_ = true;
        util::log::error("stdio: cannot write to the client: {}", std::strerror(errno));
        return;
      }
      p += n;
      left -= static_cast<std::size_t>(n);
    }
  }

  bool broken() const {
    std::lock_guard lock(mutex_);
    return broken_;
  }

 private:
  int fd_;
  mutable std::mutex mutex_;
  bool broken_ = false;
};

bool is_blank(const std::string& line) {
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

}  // namespace

int run_stdio(Server& server, int in_fd, int out_fd, StdioOptions options) {
  // A client that goes away must not kill us with SIGPIPE in the middle of a write.
  std::signal(SIGPIPE, SIG_IGN);

  // Shared with the write callback: a call that outlives the shutdown grace may still hold it.
  auto shared_writer = std::make_shared<LineWriter>(out_fd);
  LineWriter& writer = *shared_writer;
  Session session;
  WriteFn write = [shared_writer](std::string message, bool) { shared_writer->write_line(std::move(message)); };

  std::string line;
  bool discarding = false;  // inside an over-long line: drop bytes until its newline
  char buffer[64 * 1024];

  auto dispatch_line = [&] {
    if (discarding) {
      discarding = false;
      util::log::warn("stdio: dropped a message longer than {} bytes", options.max_line_bytes);
      writer.write_line(jsonrpc::make_error(nullptr, jsonrpc::kParseError,
                                            "Parse error: message exceeds " +
                                                std::to_string(options.max_line_bytes) + " bytes")
                            .dump());
    } else {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!is_blank(line)) server.handle(line, session, write);
    }
    line.clear();
  };

  for (;;) {
    const ssize_t n = ::read(in_fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EOF or an unreadable input: either way the client is gone
    std::size_t start = 0;
    const auto size = static_cast<std::size_t>(n);
    while (start < size) {
      const char* nl = static_cast<const char*>(std::memchr(buffer + start, '\n', size - start));
      const std::size_t end = nl ? static_cast<std::size_t>(nl - buffer) : size;
      if (!discarding) {
        if (line.size() + (end - start) > options.max_line_bytes) {
          discarding = true;
          line.clear();
          line.shrink_to_fit();
        } else {
          line.append(buffer + start, end - start);
        }
      }
      if (nl == nullptr) break;
      dispatch_line();
      start = end + 1;
    }
    if (writer.broken()) break;
  }
  if (!discarding && !line.empty()) dispatch_line();  // a last message without its newline

  // The client is gone: give quick work a moment, stop the rest, let it unwind briefly, leave.
  if (!session.wait_idle(options.eof_drain)) session.cancel_all();
  const int status = writer.broken() ? 1 : 0;
  if (!session.wait_idle(options.shutdown_grace)) {
    util::log::warn("stdio: {} request(s) still running at exit", session.in_flight());
    if (options.exit_when_stuck) {
      // A handler that ignores its cancellation token would make the caller wait forever: ~Server
      // joins its worker pool. The client closed our stdin and expects us gone, and nothing that
      // is still running can reach it any more, so leave without unwinding. Every protocol line
      // is already out (LineWriter writes straight to the descriptor), and so is every log line.
      std::fflush(nullptr);
      std::_Exit(status);
    }
  }
  return status;
}

}  // namespace mcp

// The stdio transport: newline-delimited JSON-RPC over two file descriptors. A blocking reader
// thread feeds each line to the Server; every outgoing message is written as one line under a
// mutex and flushed. stdout carries protocol messages only.
#pragma once
#include <chrono>
#include <cstddef>

#include "mcp/server.hpp"

namespace mcp {

struct StdioOptions {
  /// Longer lines are discarded (without being held in memory) and answered with -32700.
  std::size_t max_line_bytes = 8 * 1024 * 1024;
  /// On EOF, requests in flight may finish normally for this long (so `printf ... | server`
  /// still gets its answers), then they are cancelled ...
  std::chrono::milliseconds eof_drain{300};
  /// ... and this is how long we wait for them to wind down before returning.
  std::chrono::milliseconds shutdown_grace{1500};
  /// ... after which, if a handler still runs (it ignores cancellation), the process ends with
  /// the EOF status (std::_Exit) instead of returning into destructors that would wait for it.
  /// Only a caller that owns the process should leave this on.
  bool exit_when_stuck = true;
};

/// Serves one session until `in_fd` reaches EOF (or fails). Returns the process exit status:
/// 0 on EOF, 1 when the output can no longer be written (or exits with it: exit_when_stuck).
int run_stdio(Server& server, int in_fd = 0, int out_fd = 1, StdioOptions options = {});

}  // namespace mcp

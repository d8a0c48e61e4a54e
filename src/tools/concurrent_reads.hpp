// The independent Halo reads of one tool call, run at once: each read on its own thread (the
// client's concurrency cap still bounds the requests in flight), their page counts added up into
// one MCP progress report made on the handler's thread (the only one allowed to report), and the
// first failure cancelling the others, since the answer needs them all. The call's own
// cancellation and deadline reach every read.
#pragma once
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "halo/call_options.hpp"
#include "mcp/tool.hpp"
#include "util/cancel.hpp"
#include "util/result.hpp"

namespace tools {

class ConcurrentReads {
 public:
  /// What a read gets: the options for its requests and a progress(pages_done, pages_expected).
  using Progress = std::function<void(int pages_done, int pages_expected)>;
  using Read = std::function<util::Result<void>(const halo::CallOptions& options, const Progress& progress)>;

  explicit ConcurrentReads(mcp::ToolContext& context);

  void add(Read read);

  /// Runs every read and waits for all; the first real failure (a cancellation it caused in the
  /// others does not count), else success.
  [[nodiscard]] util::Result<void> run();

 private:
  mcp::ToolContext& context_;
  util::CancellationSource local_;
  util::CancelRegistration link_;
  halo::CallOptions options_;
  std::vector<Read> reads_;
  std::mutex mutex_;
  std::vector<int> done_, expected_;
  bool changed_ = false;
};

}  // namespace tools

// Independent reads at once (see concurrent_reads.hpp).
#include "tools/concurrent_reads.hpp"

#include <chrono>
#include <future>

#include "tools/list_flows.hpp"

namespace tools {

ConcurrentReads::ConcurrentReads(mcp::ToolContext& context)
    : context_(context), link_(context.cancel, [this] { local_.cancel(); }) {
  options_ = call_options(context);
  options_.cancel = local_.token();
}

void ConcurrentReads::add(Read read) { reads_.push_back(std::move(read)); }

util::Result<void> ConcurrentReads::run() {
  const std::size_t n = reads_.size();
  done_.assign(n, 0);
  expected_.assign(n, 1);
  std::vector<util::Result<void>> results(n);
  std::vector<std::future<void>> running;
  for (std::size_t i = 0; i < n; ++i) {
    running.push_back(std::async(std::launch::async, [this, i, &results] {
      Progress progress = [this, i](int done, int expected) {
        std::lock_guard lock(mutex_);
        done_[i] = done;
        expected_[i] = std::max(done, expected);
        changed_ = true;
      };
      results[i] = reads_[i](options_, progress);
      std::lock_guard lock(mutex_);
      expected_[i] = done_[i];
      changed_ = true;
      if (!results[i]) local_.cancel();  // the answer needs every read
    }));
  }
  auto report = [this] {
    int done = 0, expected = 0;
    {
      std::lock_guard lock(mutex_);
      if (!changed_) return;
      changed_ = false;
      for (std::size_t i = 0; i < done_.size(); ++i) {
        done += done_[i];
        expected += expected_[i];
      }
    }
    context_.progress(done, std::max(done, expected), "pages read from Halo");
  };
  for (auto& f : running) {
    while (f.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) report();
  }
  report();
  std::optional<util::Error> cancelled;
  for (auto& r : results) {
    if (r) continue;
    if (r.error().kind != util::ErrorKind::kCancelled) return r;
    if (!cancelled) cancelled = r.error();
  }
  if (cancelled) return util::Unexpected(*cancelled);
  return {};
}

}  // namespace tools

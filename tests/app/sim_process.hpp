// Starts the standalone halo-sim executable for an end-to-end test and reads its ready line, so the
// product under test talks to a separate process over real loopback HTTP.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace testsupport {

class SimProcess {
 public:
  explicit SimProcess(std::vector<std::string> extra_args = {}) {
    std::vector<std::string> argv = {build_path("halo-sim"), "--port", "0", "--exit-on-stdin-eof"};
    argv.insert(argv.end(), extra_args.begin(), extra_args.end());
    process_ = std::make_unique<Process>(argv);
    auto line = process_->read_line(std::chrono::seconds(20));
    const std::string marker = "listening on ";
    if (line && line->find(marker) != std::string::npos) url_ = line->substr(line->find(marker) + marker.size());
  }
  const std::string& url() const { return url_; }  ///< empty when the simulator did not start
  std::string stderr_text() { return process_->stderr_text(); }

 private:
  std::unique_ptr<Process> process_;
  std::string url_;
};

}  // namespace testsupport

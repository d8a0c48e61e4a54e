// The --demo Halo: the bundled `halo-sim` executable started as a child process on a free
// loopback port, with throwaway credentials made up for this run.
//
// Why a child process and not the simulator linked in: the simulator's HTTP server library
// (cpp-httplib, built with OpenSSL) initialises OpenSSL and brotli when it is loaded, which cost
// every non-demo server ~4 MB of resident memory and part of its start-up for a feature it never
// uses. The child also cannot outlive us: it runs with --exit-on-stdin-eof and its stdin is a pipe
// only this process holds, so it stops when we exit, however we exit (even on SIGKILL).
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>

#include "util/result.hpp"

namespace app {

struct DemoSimulatorOptions {
  std::uint64_t seed = 42;
  double scale = 1.0;
  /// The date the data is generated around (YYYY-MM-DD); empty: today (UTC). Set from
  /// HALO_MCP_NOW, so that the data and the tools agree on what "today" is.
  std::string today;
};

class DemoSimulator {
 public:
  /// Finds halo-sim ($HALO_SIM_BINARY, else next to this executable), starts it and waits (at
  /// most 15 s) for its "listening on URL" line.
  [[nodiscard]] static util::Result<std::unique_ptr<DemoSimulator>> launch(const DemoSimulatorOptions& options);
  ~DemoSimulator();  ///< closes the child's stdin, then waits for it (SIGKILL after 2 s)
  DemoSimulator(const DemoSimulator&) = delete;
  DemoSimulator& operator=(const DemoSimulator&) = delete;

  const std::string& base_url() const { return base_url_; }
  const std::string& client_id() const { return client_id_; }
  const std::string& client_secret() const { return client_secret_; }

 private:
  DemoSimulator() = default;
  pid_t pid_ = -1;
  int stdin_fd_ = -1;  ///< write end of the child's stdin; closing it stops the child
  std::string base_url_;
  std::string client_id_;
  std::string client_secret_;
};

/// Where halo-sim is expected: $HALO_SIM_BINARY when set, else the directory of this executable.
std::string demo_simulator_path();

}  // namespace app

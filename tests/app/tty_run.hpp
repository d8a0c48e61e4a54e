// Runs the product with a real terminal (a pseudo-terminal) on stdout and/or stderr, so the
// tests see what a person at a terminal sees: isatty() is true only on the fds chosen here, the
// others are ordinary pipes. Bounded by a timeout like every other process helper.
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace testsupport {

struct TtyRunResult {
  int status = -1;   ///< exit status, -1 when killed on timeout
  std::string tty;   ///< everything written to the terminal (raw: no \n -> \r\n translation)
  std::string out;   ///< stdout when it was a pipe
  std::string err;   ///< stderr when it was a pipe
};

struct TtyFds {
  bool out = true;  ///< stdout on the terminal
  bool err = true;  ///< stderr on the terminal
};

TtyRunResult run_on_tty(const std::vector<std::string>& argv, const ProcessOptions& options,
                        TtyFds fds, std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace testsupport

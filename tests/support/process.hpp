// Drives a real child process for end-to-end tests: stdin/stdout/stderr pipes, extra environment,
// line-oriented reads with timeouts, and a bounded wait for exit. Tests never hang: every wait has
// a deadline and the destructor kills what is left.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace testsupport {

struct ProcessOptions {
  std::map<std::string, std::string> env;  ///< added to (or replacing in) the parent's environment
  std::vector<std::string> unset_env;      ///< removed from the environment
  bool clean_halo_env = true;              ///< drop every HALO_* variable inherited from the parent
  std::string cwd;                         ///< working directory (empty = inherit)
};

class Process {
 public:
  Process(const std::vector<std::string>& argv, const ProcessOptions& options = {});
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  bool write(const std::string& data);
  bool write_line(const std::string& line) { return write(line + "\n"); }
  void close_stdin();
  /// Next stdout line (without '\n'), or nullopt on timeout/EOF.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  /// Exit status, or nullopt if still running after `timeout`.
  std::optional<int> wait(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  /// Everything written to stdout not yet returned by read_line, plus the rest until EOF.
  std::string drain_stdout(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  /// Everything written to stderr so far (read now, and whenever stdout is read or waited on).
  std::string stderr_text();
  pid_t pid() const { return pid_; }
  /// stdout has reached its end and every line of it has been read.
  bool stdout_ended() const { return out_eof_ && out_buf_.empty(); }

 private:
  void pump(std::chrono::steady_clock::time_point until, bool want_line);
  pid_t pid_ = -1;
  int in_ = -1, out_ = -1, err_ = -1;
  std::string out_buf_, err_buf_;
  bool out_eof_ = false;
  std::optional<int> status_;
};

/// Runs a command to completion: {exit status, stdout, stderr}. Status -1 on timeout (killed).
struct RunResult {
  int status;
  std::string out;
  std::string err;
};
RunResult run(const std::vector<std::string>& argv, const ProcessOptions& options = {},
              const std::string& input = "", std::chrono::milliseconds timeout = std::chrono::seconds(60));

/// Path of an executable in the build directory (HALO_BUILD_DIR compile definition).
std::string build_path(const std::string& name);

}  // namespace testsupport

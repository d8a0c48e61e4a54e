#include "support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

extern char** environ;

namespace testsupport {
namespace {

std::vector<std::string> build_env(const ProcessOptions& options) {
  std::map<std::string, std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    auto eq = kv.find('=');
    if (eq == std::string::npos) continue;
    std::string key = kv.substr(0, eq);
    if (options.clean_halo_env && key.rfind("HALO_", 0) == 0) continue;
    env[key] = kv.substr(eq + 1);
  }
  for (const auto& key : options.unset_env) env.erase(key);
  for (const auto& [k, v] : options.env) env[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}

}  // namespace

Process::Process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) || pipe2(out_pipe, O_CLOEXEC) || pipe2(err_pipe, O_CLOEXEC)) {
    throw std::runtime_error("pipe failed");
  }
  auto env = build_env(options);
  // Everything the child needs is built before fork: the test process is multithreaded, and
  // allocating between fork and exec can deadlock on a malloc lock another thread held.
  std::vector<char*> args, envp;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    // Descriptors the test holds without O_CLOEXEC (an in-process client's sockets, say) must
    // not live on in the child: they would keep those connections open after the test closes them.
    close_range(3, ~0U, 0);
    if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) _exit(126);
    execve(args[0], args.data(), envp.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  in_ = in_pipe[1];
  out_ = out_pipe[0];
  err_ = err_pipe[0];
  signal(SIGPIPE, SIG_IGN);
}

Process::~Process() {
  if (!status_) {
    kill(pid_, SIGKILL);
    int st;
    waitpid(pid_, &st, 0);
  }
  for (int fd : {in_, out_, err_}) {
    if (fd >= 0) close(fd);
  }
}

bool Process::write(const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(in_, data.data() + done, data.size() - done);
    if (n <= 0) return false;
    done += std::size_t(n);
  }
  return true;
}

void Process::close_stdin() {
  if (in_ >= 0) close(in_);
  in_ = -1;
}

void Process::pump(std::chrono::steady_clock::time_point until, bool want_line) {
  char buf[65536];
  while (true) {
    if (want_line && out_buf_.find('\n') != std::string::npos) return;
    auto now = std::chrono::steady_clock::now();
    if (now >= until) return;
    pollfd fds[2] = {{out_eof_ ? -1 : out_, POLLIN, 0}, {err_, POLLIN, 0}};
    if (out_eof_ && err_ < 0) return;
    int ms = int(std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count());
    int r = poll(fds, 2, std::max(1, std::min(ms, 100)));
    if (r < 0) return;
    if (fds[0].revents) {
      ssize_t n = read(out_, buf, sizeof buf);
      if (n <= 0) out_eof_ = true;
      else out_buf_.append(buf, std::size_t(n));
    }
    if (err_ >= 0 && fds[1].revents) {
      ssize_t n = read(err_, buf, sizeof buf);
      if (n <= 0) {
        close(err_);
        err_ = -1;
      } else {
        err_buf_.append(buf, std::size_t(n));
      }
    }
    if (out_eof_ && !want_line && err_ < 0) return;
    if (out_eof_ && want_line) return;
  }
}

std::optional<std::string> Process::read_line(std::chrono::milliseconds timeout) {
  pump(std::chrono::steady_clock::now() + timeout, true);
  auto nl = out_buf_.find('\n');
  if (nl == std::string::npos) return std::nullopt;
  std::string line = out_buf_.substr(0, nl);
  out_buf_.erase(0, nl + 1);
  return line;
}

std::string Process::drain_stdout(std::chrono::milliseconds timeout) {
  pump(std::chrono::steady_clock::now() + timeout, false);
  std::string all;
  all.swap(out_buf_);
  return all;
}

std::string Process::stderr_text() {
  // A short poll, not none: pump() returns at once once its deadline has passed, so a deadline of
  // "now" read nothing, and a test that never reads stdout (an HTTP server) saw no new stderr.
  pump(std::chrono::steady_clock::now() + std::chrono::milliseconds(5), false);
  return err_buf_;
}

std::optional<int> Process::wait(std::chrono::milliseconds timeout) {
  if (status_) return status_;
  auto until = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int st;
    pid_t r = waitpid(pid_, &st, WNOHANG);
    if (r == pid_) {
      status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
      return status_;
    }
    if (std::chrono::steady_clock::now() >= until) return std::nullopt;
    // Keep the pipes drained so a chatty child cannot block on a full pipe.
    pump(std::chrono::steady_clock::now() + std::chrono::milliseconds(20), false);
  }
}

RunResult run(const std::vector<std::string>& argv, const ProcessOptions& options,
              const std::string& input, std::chrono::milliseconds timeout) {
  Process p(argv, options);
  if (!input.empty()) p.write(input);
  p.close_stdin();
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string out = p.drain_stdout(timeout);
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  auto status = p.wait(std::max(left, std::chrono::milliseconds(100)));
  out += p.drain_stdout(std::chrono::milliseconds(100));
  return RunResult{status ? *status : -1, out, p.stderr_text()};
}

std::string build_path(const std::string& name) { return std::string(HALO_BUILD_DIR) + "/" + name; }

}  // namespace testsupport

// run_on_tty: openpty + fork; the child gets the terminal as its controlling tty (as a shell
// would give it), stdin from /dev/null.
#include "tty_run.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <map>
#include <stdexcept>

extern char** environ;

namespace testsupport {
namespace {

std::vector<std::string> child_env(const ProcessOptions& options) {
  std::map<std::string, std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string kv = *e;
    const auto eq = kv.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = kv.substr(0, eq);
    if (options.clean_halo_env && key.rfind("HALO_", 0) == 0) continue;
    env[key] = kv.substr(eq + 1);
  }
  for (const auto& key : options.unset_env) env.erase(key);
  for (const auto& [k, v] : options.env) env[k] = v;
  env["TERM"] = "xterm";
  std::vector<std::string> out;
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}

}  // namespace

TtyRunResult run_on_tty(const std::vector<std::string>& argv, const ProcessOptions& options,
                        TtyFds fds, std::chrono::milliseconds timeout) {
  int master = -1, slave = -1;
  termios raw{};
  cfmakeraw(&raw);  // no output translation: the test sees the bytes the program wrote
  winsize size{40, 120, 0, 0};
  if (openpty(&master, &slave, nullptr, &raw, &size) != 0) throw std::runtime_error("openpty failed");
  fcntl(master, F_SETFD, FD_CLOEXEC);
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) || pipe2(err_pipe, O_CLOEXEC)) throw std::runtime_error("pipe failed");
  const auto env = child_env(options);

  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    setsid();
    ioctl(slave, TIOCSCTTY, 0);
    const int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    dup2(fds.out ? slave : out_pipe[1], 1);
    dup2(fds.err ? slave : err_pipe[1], 2);
    if (slave > 2) close(slave);
    if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) _exit(126);
    std::vector<char*> args, envp;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    execve(args[0], args.data(), envp.data());
    _exit(127);
  }
  close(slave);
  close(out_pipe[1]);
  close(err_pipe[1]);

  TtyRunResult result;
  // Three sources, each read until EOF (a pty master reports EIO once the last writer is gone).
  struct Source {
    int fd;
    std::string* sink;
  } sources[] = {{master, &result.tty}, {out_pipe[0], &result.out}, {err_pipe[0], &result.err}};
  const auto until = std::chrono::steady_clock::now() + timeout;
  bool timed_out = false;
  char buf[65536];
  for (;;) {
    pollfd polls[3];
    int open_count = 0;
    for (int i = 0; i < 3; ++i) {
      polls[i] = {sources[i].fd, POLLIN, 0};
      if (sources[i].fd >= 0) ++open_count;
    }
    if (open_count == 0) break;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    if (poll(polls, 3, int(std::min<long long>(left.count(), 100))) < 0) break;
    for (int i = 0; i < 3; ++i) {
      if (sources[i].fd < 0 || polls[i].revents == 0) continue;
      const ssize_t n = read(sources[i].fd, buf, sizeof buf);
      if (n > 0) {
        sources[i].sink->append(buf, std::size_t(n));
      } else {
        close(sources[i].fd);
        sources[i].fd = -1;
      }
    }
  }
  for (auto& source : sources) {
    if (source.fd >= 0) close(source.fd);
  }
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  result.status = !timed_out && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace testsupport

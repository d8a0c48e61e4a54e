#include "app/demo_simulator.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>
#include <vector>

extern char** environ;

namespace app {
namespace {

using Clock = std::chrono::steady_clock;

/// 128 random bits as hex, for the throwaway demo secret (no fixed password in a demo either).
std::string random_hex() {
  unsigned char bytes[16] = {};
  std::size_t got = 0;
  while (got < sizeof bytes) {
    const ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
    if (n > 0) got += static_cast<std::size_t>(n);
    else if (errno != EINTR) break;
  }
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

/// Reads the child's first stdout line, waiting at most until `deadline`. Empty on EOF/timeout.
std::string read_line(int fd, Clock::time_point deadline) {
  std::string line;
  char c = 0;
  while (line.size() < 4096) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return {};
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return {};
    const ssize_t n = ::read(fd, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return {};
    if (c == '\n') return line;
    line += c;
  }
  return {};
}

/// Waits for `pid` at most `timeout`; true once it has been reaped.
bool reap_within(pid_t pid, std::chrono::milliseconds timeout) {
  const auto until = Clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid || (r < 0 && errno != EINTR)) return true;
    if (Clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

std::string demo_simulator_path() {
  if (const char* explicit_path = std::getenv("HALO_SIM_BINARY"); explicit_path && *explicit_path) {
    return explicit_path;
  }
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "halo-sim";
  return (self.parent_path() / "halo-sim").string();
}

util::Result<std::unique_ptr<DemoSimulator>> DemoSimulator::launch(const DemoSimulatorOptions& options) {
  std::unique_ptr<DemoSimulator> sim(new DemoSimulator());
  sim->client_id_ = "demo-" + random_hex().substr(0, 8);
  sim->client_secret_ = random_hex();
  const std::string path = demo_simulator_path();

  int to_child[2] = {-1, -1};
  int from_child[2] = {-1, -1};
  if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0) {
    for (int fd : {to_child[0], to_child[1], from_child[0], from_child[1]}) {
      if (fd >= 0) ::close(fd);
    }
    return util::fail(util::ErrorKind::kInternal, std::string("demo: cannot create pipes: ") + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  // dup2 clears close-on-exec on the target, so the child keeps exactly stdin, stdout, stderr.
  posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);

  const std::string seed = std::to_string(options.seed);
  const std::string scale = std::to_string(options.scale);
  // The secret goes in the child's environment, not its argv: /proc/PID/cmdline is readable by
  // every user, /proc/PID/environ only by this one. --no-control: nothing else on this host
  // may reconfigure the demo's simulator through its unauthenticated /_sim endpoints.
  std::vector<std::string> args = {path,           "--port",     "0",
                                   "--seed",       seed,         "--scale",
                                   scale,          "--client-id", sim->client_id_,
                                   "--no-control", "--exit-on-stdin-eof"};
  if (!options.today.empty()) {
    args.push_back("--today");
    args.push_back(options.today);
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string kSecretVariable = "HALO_SIM_CLIENT_SECRET=";
  std::string secret_entry = kSecretVariable + sim->client_secret_;
  std::vector<char*> envp;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::strncmp(*e, kSecretVariable.c_str(), kSecretVariable.size()) != 0) envp.push_back(*e);
  }
  envp.push_back(secret_entry.data());
  envp.push_back(nullptr);

  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, path.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(to_child[0]);
  ::close(from_child[1]);
  if (spawned != 0) {
    ::close(to_child[1]);
    ::close(from_child[0]);
    return util::fail(util::ErrorKind::kConfig, "demo: cannot start the Halo simulator " + path + ": " +
                                                    std::strerror(spawned) +
                                                    " (it is installed next to halo-psa-mcp; set HALO_SIM_BINARY to "
                                                    "point elsewhere)");
  }
  sim->pid_ = pid;
  sim->stdin_fd_ = to_child[1];

  const std::string line = read_line(from_child[0], Clock::now() + std::chrono::seconds(15));
  ::close(from_child[0]);  // halo-sim prints nothing else on stdout
  const std::string prefix = "halo-sim listening on ";
  if (line.rfind(prefix, 0) != 0) {
    // The destructor stops and reaps the child.
    return util::fail(util::ErrorKind::kInternal,
                      "demo: the Halo simulator " + path + " did not start (see its message above)");
  }
  sim->base_url_ = line.substr(prefix.size());
  return sim;
}

DemoSimulator::~DemoSimulator() {
  if (stdin_fd_ >= 0) ::close(stdin_fd_);  // EOF on its stdin: halo-sim stops by itself
  if (pid_ > 0 && !reap_within(pid_, std::chrono::seconds(2))) {
    ::kill(pid_, SIGKILL);
    reap_within(pid_, std::chrono::seconds(2));
  }
}

}  // namespace app

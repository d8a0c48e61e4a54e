// A real redis-server (Debian's package) on a loopback port for one test: started, killed,
// paused (SIGSTOP: it accepts connections and never answers, the worst kind of slow) and started
// again on the same port. Nothing is persisted.
#pragma once
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include "support/loopback.hpp"
#include "support/process.hpp"

namespace testsupport {

/// The absolute path of a program in the usual system directories (sbin too: nginx lives there).
inline std::string system_program(const std::string& name) {
  for (const char* dir : {"/usr/bin/", "/usr/sbin/", "/bin/", "/sbin/", "/usr/local/bin/", "/usr/local/sbin/"}) {
    const std::string path = dir + name;
    if (::access(path.c_str(), X_OK) == 0) return path;
  }
  throw std::runtime_error(name + " is not installed (scripts/setup.sh --tests installs it)");
}

class RedisServer {
 public:
  RedisServer() : port_(free_port()) { start(); }

  /// Starts it (again) on the same port and waits until it accepts commands.
  void start() {
    process_ = std::make_unique<Process>(std::vector<std::string>{
        system_program("redis-server"), "--port", std::to_string(port_), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no", "--protected-mode", "yes"});
    for (auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
         std::chrono::steady_clock::now() < until;) {
      auto line = process_->read_line(std::chrono::milliseconds(200));
      if (line && line->find("Ready to accept connections") != std::string::npos) return;
      if (!line && process_->stdout_ended()) break;
    }
    throw std::runtime_error("redis-server did not start: " + process_->stderr_text());
  }
  /// SIGKILL: gone at once, its data with it.
  void kill() {
    ::kill(process_->pid(), SIGKILL);
    process_->wait(std::chrono::seconds(10));
    process_.reset();
  }
  void pause() { ::kill(process_->pid(), SIGSTOP); }
  void resume() { ::kill(process_->pid(), SIGCONT); }

  std::uint16_t port() const { return port_; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_) + "/0"; }

 private:
  std::uint16_t port_;
  std::unique_ptr<Process> process_;
};

}  // namespace testsupport

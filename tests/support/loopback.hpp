// Loopback plumbing the end-to-end tests share: a free TCP port for a program that must be given
// one, the port a server started with --port 0 says it took, and a scratch directory.
#pragma once
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>

#include "support/process.hpp"

namespace testsupport {

/// A TCP port on 127.0.0.1 nobody listens on right now (the kernel's pick, released at once).
inline std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    ::close(fd);
    throw std::runtime_error("no free loopback port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

/// The port halo-psa-mcp (started with --transport http --port 0) logged it serves on; nullopt
/// when it exited or said nothing within `timeout`.
inline std::optional<std::uint16_t> served_http_port(Process& server,
                                                     std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
  const std::string marker = "serving MCP on http://127.0.0.1:";
  for (auto until = std::chrono::steady_clock::now() + timeout; std::chrono::steady_clock::now() < until;) {
    const std::string err = server.stderr_text();
    if (auto at = err.find(marker); at != std::string::npos && err.find('/', at + marker.size()) != std::string::npos) {
      return static_cast<std::uint16_t>(std::stoi(err.substr(at + marker.size())));
    }
    if (server.wait(std::chrono::milliseconds(50))) break;
  }
  return std::nullopt;
}

/// A fresh empty directory under /tmp, removed with everything in it afterwards.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "halo-test") {
    std::string pattern = "/tmp/" + prefix + "-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& dir() const { return path_; }
  std::string path() const { return path_.string(); }
  /// Writes `text` to `name` in the directory; its path.
  std::string file(const std::string& name, const std::string& text) const {
    const auto path = path_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace testsupport

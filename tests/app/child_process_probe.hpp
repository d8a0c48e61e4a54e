// What the lazy-library tests ask of a running server: which shared objects it has mapped, and the
// response to one request (notifications skipped), every wait bounded.
#pragma once
#include <sys/types.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "support/process.hpp"

namespace app_test {

inline std::string maps_of(pid_t pid) {
  std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
  std::stringstream text;
  text << maps.rdbuf();
  return text.str();
}

/// The response to `id`, skipping any notification the server sends first; null if none came.
inline nlohmann::json response(testsupport::Process& server, int id) {
  for (int lines = 0; lines < 20; ++lines) {
    auto line = server.read_line(std::chrono::seconds(20));
    if (!line) break;
    auto message = nlohmann::json::parse(*line, nullptr, false);
    if (message.is_object() && message.value("id", -1) == id) return message;
  }
  return nlohmann::json();
}

}  // namespace app_test

// libFuzzer target: the request checks of the Streamable HTTP transport that see raw header
// values before anything else does (Host, Origin, Authorization). The input is split on NUL into
// host header, origin header, authorization header. (The Beast-level request loop in http.cpp is
// not reachable without a socket; it is exercised by the transport's own tests.)
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>
#include <string>
#include <string_view>
#include <vector>

#include "mcp/transport/http_security.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> parts;
  while (parts.size() < 3) {
    const auto nul = text.find('\0');
    parts.push_back(text.substr(0, nul));
    if (nul == std::string_view::npos) break;
    text.remove_prefix(nul + 1);
  }
  parts.resize(3);
  static const std::vector<std::string> none;
  static const std::vector<std::string> allowed = {"mcp.example.com", "https://app.example.com"};
  static const std::vector<std::string> any = {"*"};
  const std::string host = mcp::http_security::host_of_authority(parts[0]);
  (void)mcp::http_security::is_loopback_host(host);
  (void)mcp::http_security::host_allowed(parts[0], none);
  (void)mcp::http_security::host_allowed(parts[0], allowed);
  (void)mcp::http_security::origin_allowed(parts[1], none);
  (void)mcp::http_security::origin_allowed(parts[1], allowed);
  (void)mcp::http_security::origin_allowed(parts[1], any);
  if (mcp::http_security::bearer_matches(parts[2], "")) {
    // An empty expected token must never be matched by whatever the client sends.
    __builtin_trap();
  }
  (void)mcp::http_security::bearer_matches(parts[2], "s3cret-token");
  return 0;
}

#include "fleet/redis_address.hpp"

#include <charconv>
#include <optional>

namespace fleet {
namespace {

util::Unexpected bad(const std::string& why) {
  return util::fail(util::ErrorKind::kConfig,
                    "HALO_MCP_REDIS_URL: " + why + " (expected redis://host[:port][/db], e.g. redis://10.0.0.5:6379/0)");
}

/// A whole decimal number within [low, high], or nothing.
std::optional<int> number_in(std::string_view text, int low, int high) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::string RedisAddress::describe() const {
  return host + ":" + std::to_string(port) + "/" + std::to_string(db);
}

util::Result<RedisAddress> parse_redis_url(std::string_view url) {
  constexpr std::string_view kScheme = "redis://";
  if (url.substr(0, kScheme.size()) != kScheme) {
    if (url.substr(0, 9) == "rediss://") return bad("TLS (rediss://) is not supported by Debian 12's hiredis 0.14");
    return bad("the scheme must be redis://");
  }
  std::string_view rest = url.substr(kScheme.size());
  std::string_view authority = rest.substr(0, rest.find('/'));
  std::string_view path = authority.size() < rest.size() ? rest.substr(authority.size() + 1) : std::string_view();
  if (authority.find('@') != std::string_view::npos) {
    return bad("no user or password in the URL: put the password in a file named by HALO_MCP_REDIS_PASSWORD_FILE");
  }
  RedisAddress address;
  std::string_view host = authority;
  if (!authority.empty() && authority.front() == '[') {  // [::1]:6379
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return bad("unclosed '[' in the host");
    host = authority.substr(1, close - 1);
    authority.remove_prefix(close + 1);
    if (!authority.empty() && authority.front() != ':') return bad("unexpected text after the host");
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    authority.remove_prefix(colon);
  } else {
    authority = {};
  }
  if (!authority.empty()) {  // ":port"
    const auto port = number_in(authority.substr(1), 1, 65535);
    if (!port) return bad("the port must be a number from 1 to 65535");
    address.port = *port;
  }
  if (host.empty()) return bad("no host");
  address.host = std::string(host);
  if (!path.empty()) {
    const auto db = number_in(path, 0, 1'000'000);
    if (!db) return bad("the database must be a number (the path, e.g. /0)");
    address.db = *db;
  }
  return address;
}

}  // namespace fleet

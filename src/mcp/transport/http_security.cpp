// Security rules of the HTTP transport (see http_security.hpp).
#include "mcp/transport/http_security.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <stdexcept>
#include <sys/random.h>

#include "util/ascii.hpp"
#include "util/constant_time.hpp"

namespace mcp::http_security {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool listed(std::string_view value, const std::vector<std::string>& allowed) {
  const std::string v = util::lower_ascii(value);
  return std::any_of(allowed.begin(), allowed.end(), [&](const std::string& a) { return a == "*" || util::lower_ascii(a) == v; });
}

/// ":" followed by 1 to 5 digits, nothing else (RFC 3986 port; "localhost:", "localhost:abc" and
/// "localhost:80@evil.com" are not ports).
bool is_port_suffix(std::string_view rest) {
  if (rest.size() < 2 || rest.size() > 6 || rest.front() != ':') return false;
  return std::all_of(rest.begin() + 1, rest.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

std::string host_of_authority(std::string_view authority) {
  authority = trim(authority);
  if (authority.empty()) return {};
  if (authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return {};
    const auto rest = authority.substr(close + 1);
    if (!rest.empty() && !is_port_suffix(rest)) return {};
    return util::lower_ascii(authority.substr(1, close - 1));
  }
  const auto colon = authority.find(':');
  if (colon != std::string_view::npos && !is_port_suffix(authority.substr(colon))) {
    return {};  // not a port (a bare IPv6 address must be bracketed)
  }
  const auto host = authority.substr(0, colon);
  if (host.empty()) return {};
  for (char c : host) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_')) return {};
  }
  return util::lower_ascii(host);
}

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "::1") return true;
  if (host.substr(0, 4) != "127.") return false;
  int dots = 0;
  for (char c : host) {
    if (c == '.') ++dots;
    else if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return dots == 3;
}

bool host_allowed(std::string_view host_header, const std::vector<std::string>& allowed) {
  host_header = trim(host_header);
  const std::string host = host_of_authority(host_header);
  if (host.empty()) return false;
  if (is_loopback_host(host)) return true;
  return listed(host, allowed) || listed(host_header, allowed);
}

bool origin_allowed(std::string_view origin_header, const std::vector<std::string>& allowed) {
  origin_header = trim(origin_header);
  if (origin_header.empty()) return true;
  if (listed(origin_header, allowed)) return true;
  const auto scheme_end = origin_header.find("://");
  if (scheme_end == std::string_view::npos) return false;
  const std::string scheme = util::lower_ascii(origin_header.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") return false;
  auto authority = origin_header.substr(scheme_end + 3);
  if (authority.find('/') != std::string_view::npos) return false;
  const std::string host = host_of_authority(authority);
  return !host.empty() && is_loopback_host(host);
}

std::string_view bearer_token_of(std::string_view authorization_header) {
  authorization_header = trim(authorization_header);
  constexpr std::string_view kScheme = "bearer ";
  if (authorization_header.size() < kScheme.size() || util::lower_ascii(authorization_header.substr(0, kScheme.size())) != kScheme) {
    return {};
  }
  return trim(authorization_header.substr(kScheme.size()));
}

bool bearer_matches(std::string_view authorization_header, std::string_view expected_token) {
  if (expected_token.empty()) return false;
  const std::string_view given = bearer_token_of(authorization_header);
  if (given.empty()) return false;
  return util::equal_in_constant_time(given, expected_token);
}

std::optional<Refusal> framing_refusal(const RequestFraming& request) {
  if (request.host_headers > 1) return Refusal{400, "more than one Host header"};
  if (request.origin_headers > 1) return Refusal{400, "more than one Origin header"};
  if (request.version >= 11 && request.host_headers == 0) return Refusal{400, "HTTP/1.1 request without a Host header"};
  // Only chunked is implemented; any other coding (gzip, deflate, ...) would be read as if the
  // body were plain. RFC 9112: a server that does not understand a coding answers 501.
  std::string_view codings = request.transfer_encoding;
  while (!codings.empty()) {
    const auto comma = codings.find(',');
    const std::string coding = util::lower_ascii(trim(codings.substr(0, comma)));
    codings = comma == std::string_view::npos ? std::string_view() : codings.substr(comma + 1);
    if (!coding.empty() && coding != "chunked") {
      return Refusal{501, "Transfer-Encoding '" + coding + "' is not implemented (only chunked)"};
    }
  }
  return std::nullopt;
}

std::string random_session_id() {
  std::array<unsigned char, 32> bytes{};
  std::size_t filled = 0;
  while (filled < bytes.size()) {
    const ssize_t n = ::getrandom(bytes.data() + filled, bytes.size() - filled, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("getrandom failed");  // no entropy: refuse rather than issue a guessable id
    }
    filled += static_cast<std::size_t>(n);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

}  // namespace mcp::http_security

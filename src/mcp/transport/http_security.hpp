// The security rules of the HTTP transport, kept free of Beast so they compile fast and can be
// unit-tested alone: Host and Origin validation against DNS rebinding, bearer-token comparison
// in constant time, loopback detection and session-id generation.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mcp::http_security {

/// The host part of a Host header or of an Origin's authority, lower-cased, without the port
/// and without IPv6 brackets ("[::1]:8080" -> "::1"). Empty when malformed, including a port that
/// is not 1 to 5 digits ("localhost:", "localhost:abc", "localhost:80@evil.com").
[[nodiscard]] std::string host_of_authority(std::string_view authority);

/// localhost, 127.0.0.0/8 or ::1.
[[nodiscard]] bool is_loopback_host(std::string_view host);

/// A Host header is allowed when its host is loopback, or when it (with or without its port)
/// is listed in `allowed`; "*" in `allowed` accepts any. A missing/empty Host is refused.
[[nodiscard]] bool host_allowed(std::string_view host_header, const std::vector<std::string>& allowed);

/// An Origin header (scheme://host[:port]) is allowed when absent (non-browser clients), when its
/// host is loopback, or when it is listed exactly in `allowed` ("*" accepts any). "null" and
/// malformed origins are refused.
[[nodiscard]] bool origin_allowed(std::string_view origin_header, const std::vector<std::string>& allowed);

/// Compares an Authorization header with "Bearer <token>" in time independent of where they
/// differ. An empty expected token never matches.
[[nodiscard]] bool bearer_matches(std::string_view authorization_header, std::string_view expected_token);

/// The token of an "Authorization: Bearer <token>" header (scheme case-insensitive, spaces
/// trimmed); empty when the header is absent, of another scheme or carries no token.
[[nodiscard]] std::string_view bearer_token_of(std::string_view authorization_header);

/// What the framing rules look at in a parsed request.
struct RequestFraming {
  unsigned version = 11;            ///< 10 for HTTP/1.0, 11 for HTTP/1.1
  std::size_t host_headers = 0;     ///< how many Host header lines
  std::size_t origin_headers = 0;   ///< how many Origin header lines
  std::string transfer_encoding;    ///< every Transfer-Encoding value, comma-joined
};

/// Why a request must be refused before anything else looks at it.
struct Refusal {
  int status = 400;
  std::string reason;
};

/// RFC 9112 framing rules: a duplicate Host or Origin (which one would we trust?) and an HTTP/1.1
/// request without Host are 400; a transfer coding other than chunked is 501. nullopt when fine.
[[nodiscard]] std::optional<Refusal> framing_refusal(const RequestFraming& request);

/// 32 bytes from the kernel's CSPRNG as 64 lower-case hex characters (visible ASCII, as the
/// spec requires of Mcp-Session-Id).
[[nodiscard]] std::string random_session_id();

}  // namespace mcp::http_security

// Errors as values. Every failure that can reach a user becomes an Error with a kind from a small
// taxonomy; the tool boundary turns it into one clear sentence (describe()). No exceptions cross
// library boundaries.
#pragma once
#include <string>
#include <tl/expected.hpp>

namespace util {

enum class ErrorKind {
  kNetwork,      ///< connection refused/reset, DNS, TLS
  kTimeout,      ///< a request or the call's overall deadline ran out
  kCancelled,    ///< the MCP client cancelled the request
  kAuth,         ///< credentials rejected by the token endpoint
  kPermission,   ///< 403, or a 401 that persists with a fresh token
  kNotFound,     ///< 404 on a record
  kRateLimited,  ///< 429 after retries were exhausted
  kUpstream,     ///< 5xx after retries, 4xx other than the above, or a body that is not JSON
  kBadInput,     ///< the caller's arguments are wrong
  kConfig,       ///< missing or invalid configuration
  kInternal,     ///< a bug: should never reach a user
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;           ///< what happened, safe to show (never contains a secret)
  int http_status = 0;           ///< upstream status, 0 when there was no response
  std::string endpoint;          ///< e.g. "/api/ClientContract" (no query string, no host)
  std::string upstream_message;  ///< Halo's own message, trimmed and sanitised
  std::string hint;              ///< what to do about it
};

template <class T>
using Result = tl::expected<T, Error>;
using Unexpected = tl::unexpected<Error>;

/// Builds an Unexpected quickly: `return fail(ErrorKind::kBadInput, "start_date is after end_date");`
inline Unexpected fail(ErrorKind kind, std::string message) {
  return Unexpected(Error{kind, std::move(message), 0, {}, {}, {}});
}

/// Name of the kind, for logs and tests ("network", "permission", ...).
const char* to_string(ErrorKind kind);

/// One sentence (or two) for a person or a model: what failed, the status and endpoint when known,
/// Halo's message when it gave one, and what to do.
std::string describe(const Error& error);

}  // namespace util

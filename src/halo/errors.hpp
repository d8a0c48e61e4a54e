// Turns Halo responses and transport failures into util::Error values a person can act on:
// what failed, which endpoint (path only), Halo's own words (trimmed) and what to check.
// Nothing here ever includes the client secret or a token: callers scrub with scrub_secrets.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "halo/http_engine.hpp"
#include "util/result.hpp"

namespace halo {

/// The Halo permission area an endpoint belongs to ("tickets", "customers", ...), or "" if unknown.
std::string permission_area(std::string_view endpoint);

/// Halo's message from an error body ({"error_description"}, {"error"}, {"Message"},
/// {"ClassName","Message"} or plain text), whitespace-collapsed and cut to about 200 characters.
std::string upstream_message(std::string_view body, std::string_view content_type);

/// True when a 400 body carries an OAuth token marker (some tenants report expiry that way).
bool mentions_invalid_token(std::string_view body);

/// "text/html" from "text/html; charset=utf-8".
std::string media_type(std::string_view content_type);

util::Error permission_error(const std::string& endpoint, const HttpResponse& response,
                             const std::string& scope, bool fresh_token_rejected);
util::Error not_found_error(const std::string& endpoint, const HttpResponse& response);
util::Error upstream_status_error(const std::string& endpoint, const HttpResponse& response);
/// A 429 given up on. `retry_in` is how long Halo needs before another request (Retry-After or
/// the client's backoff; 0 when unknown) and goes into the message and hint, so the caller
/// knows roughly when to try again; `deadline_would_pass` says that wait was longer than the
/// call had left.
util::Error rate_limited_error(const std::string& endpoint, const HttpResponse& response,
                               std::chrono::milliseconds retry_in, bool deadline_would_pass);
/// A request not sent because the client is cooling down after a 429 and the cool-down ends
/// `remaining` from now, after the call's deadline.
util::Error cooldown_error(const std::string& endpoint, std::chrono::milliseconds remaining);
util::Error non_json_error(const std::string& endpoint, const HttpResponse& response);
util::Error transport_error(const std::string& endpoint, const HttpResponse& response,
                            std::chrono::milliseconds request_timeout);
util::Error cancelled_error(const std::string& endpoint);
util::Error deadline_error(const std::string& endpoint);

/// What must never appear in a text: the configured client secret and the tokens Halo issued.
struct Secrets {
  std::string client_secret;
  std::vector<std::string> tokens;
};

/// A client secret shorter than this is never searched for: replacing every "ab" in a text would
/// tell a reader which characters the secret holds and corrupt data that happens to contain them.
/// (Tokens are Halo's, not ours to protect from Halo: they are always replaced.)
inline constexpr std::size_t kMinRedactableSecret = 12;

/// Replaces every occurrence of each token, and of a client secret of kMinRedactableSecret or
/// more characters, in `text` with "***".
void scrub_text(std::string& text, const Secrets& secrets);

/// scrub_text on the error's texts; and when the client secret is too short to search for,
/// Halo's own words (upstream_message) are withheld whatever they say, so no text tells whether
/// it held the secret.
void scrub_secrets(util::Error& error, const Secrets& secrets);

}  // namespace halo

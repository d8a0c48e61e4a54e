// Error construction for the Halo client.
#include "halo/errors.hpp"

#include <algorithm>
#include <cctype>

#include "halo/document.hpp"
#include "util/ascii.hpp"

namespace halo {
namespace {

using util::ErrorKind;

std::string collapse_and_trim(std::string_view text, std::size_t limit = 200) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > limit) {
    out.resize(limit);
    // Do not leave half a UTF-8 sequence at the cut.
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80)) out.pop_back();
    out += "...";
  }
  return out;
}

const std::string kTlsHint =
    "The server's certificate must be valid for HALO_INSTANCE_URL and issued by a trusted CA; "
    "for an internal CA set HALO_CA_FILE to its PEM certificate (verification stays on).";

std::string string_field(simdjson::dom::object object, std::string_view name) {
  std::string_view value;
  if (object[name].get_string().get(value) == simdjson::SUCCESS) return std::string(value);
  return {};
}

util::Error make(ErrorKind kind, std::string message, const std::string& endpoint,
                 const HttpResponse* response) {
  util::Error error{kind, std::move(message), 0, endpoint, {}, {}};
  if (response != nullptr) {
    error.http_status = static_cast<int>(response->status);
    if (response->status != 0) {
      error.upstream_message = upstream_message(response->body, response->content_type);
    }
  }
  return error;
}

}  // namespace

std::string permission_area(std::string_view endpoint) {
  std::string path = util::lower_ascii(endpoint);
  if (path.rfind("/api/", 0) == 0) path.erase(0, 5);
  const std::string resource = path.substr(0, path.find('/'));
  if (resource == "tickets" || resource == "actions" || resource == "timesheetevent" ||
      resource == "timesheet" || resource == "status" || resource == "tickettype") {
    return "tickets";
  }
  if (resource == "client" || resource == "site" || resource == "users") return "customers";
  if (resource == "clientcontract") return "contracts";
  if (resource == "invoice" || resource == "recurringinvoice") return "invoices/billing";
  if (resource == "projects") return "projects";
  if (resource == "asset") return "assets";
  if (resource == "agent") return "agents";
  if (resource == "report") return "reporting";
  if (resource == "quotation" || resource == "opportunities") return "sales";
  if (resource == "kbarticle") return "knowledge base";
  return {};
}

std::string media_type(std::string_view content_type) {
  auto type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back()))) type.remove_suffix(1);
  return util::lower_ascii(type);
}

std::string upstream_message(std::string_view body, std::string_view content_type) {
  if (body.empty()) return {};
  Document doc;
  if (doc.parse(std::string(body))) {
    simdjson::dom::object object;
    if (doc.root().get_object().get(object) == simdjson::SUCCESS) {
      const std::string description = string_field(object, "error_description");
      const std::string oauth_error = string_field(object, "error");
      if (!description.empty()) {
        return collapse_and_trim(oauth_error.empty() ? description : oauth_error + ": " + description);
      }
      if (!oauth_error.empty()) return collapse_and_trim(oauth_error);
      for (const char* name : {"Message", "message", "detail", "title"}) {
        if (auto text = string_field(object, name); !text.empty()) return collapse_and_trim(text);
      }
      if (auto class_name = string_field(object, "ClassName"); !class_name.empty()) {
        return collapse_and_trim(class_name);
      }
      return {};
    }
    std::string_view text;
    if (doc.root().get_string().get(text) == simdjson::SUCCESS) return collapse_and_trim(text);
    return {};
  }
  if (media_type(content_type) == "text/html") return "(an HTML page)";
  return collapse_and_trim(body);
}

bool mentions_invalid_token(std::string_view body) {
  const std::string text = util::lower_ascii(body.substr(0, 4096));
  return text.find("invalid_token") != std::string::npos ||
         text.find("expired_token") != std::string::npos;
}

util::Error permission_error(const std::string& endpoint, const HttpResponse& response,
                             const std::string& scope, bool fresh_token_rejected) {
  std::string message = fresh_token_rejected
                            ? "Halo rejected a freshly issued token for " + endpoint +
                                  ", which Halo does when the API application lacks a permission"
                            : "Halo refused access to " + endpoint;
  auto error = make(ErrorKind::kPermission, std::move(message), endpoint, &response);
  const std::string area = permission_area(endpoint);
  error.hint = (area.empty() ? std::string("The API application likely lacks a permission for this endpoint")
                             : "The API application likely lacks the '" + area + "' permission") +
               ": check the API application's permissions in Halo (Configuration > Integrations > "
               "Halo API) and HALO_SCOPE (currently '" +
               scope + "').";
  // A scope list grants only the areas it names (Halo answers 403 elsewhere).
  if (util::lower_ascii(scope) != "all") error.hint += " A scope list must include this endpoint's area, or be 'all'.";
  return error;
}

util::Error not_found_error(const std::string& endpoint, const HttpResponse& response) {
  return make(ErrorKind::kNotFound, "Halo has no " + endpoint, endpoint, &response);
}

util::Error upstream_status_error(const std::string& endpoint, const HttpResponse& response) {
  std::string message = response.status >= 500 ? "Halo failed to answer " + endpoint
                                               : "Halo rejected the request to " + endpoint;
  auto error = make(ErrorKind::kUpstream, std::move(message), endpoint, &response);
  if (response.status >= 500) error.hint = "Halo may be having problems; try again later.";
  return error;
}

/// "about 31 s" (rounded up: a retry a little too early is refused again).
static std::string about_seconds(std::chrono::milliseconds wait) {
  const auto seconds = std::max<long long>(1, (wait.count() + 999) / 1000);
  return "about " + std::to_string(seconds) + " s";
}

util::Error rate_limited_error(const std::string& endpoint, const HttpResponse& response,
                               std::chrono::milliseconds retry_in, bool deadline_would_pass) {
  std::string message = "Halo's rate limit was reached for " + endpoint;
  if (deadline_would_pass) {
    message += response.retry_after_seconds >= 0
                   ? " and its Retry-After (" + std::to_string(response.retry_after_seconds) +
                         " s) would pass the call's deadline"
                   : " and the wait it needs (" + about_seconds(retry_in) +
                         ") would pass the call's deadline";
  }
  auto error = make(ErrorKind::kRateLimited, std::move(message), endpoint, &response);
  error.hint = retry_in.count() > 0
                   ? "Try again in " + about_seconds(retry_in) +
                         " (Halo allows about 300 requests per rolling 5 minutes), or request fewer pages."
                   : "Wait a minute and try again, or request fewer pages.";
  return error;
}

util::Error cooldown_error(const std::string& endpoint, std::chrono::milliseconds remaining) {
  util::Error error{ErrorKind::kRateLimited,
                    "Halo rate-limited this client moments ago (HTTP 429) and the pause it needs "
                    "ends in " + about_seconds(remaining) + ", after this call's deadline; " +
                        endpoint + " was not requested",
                    429, endpoint, {}, {}};
  error.hint = "Try again in " + about_seconds(remaining) +
               " (Halo allows about 300 requests per rolling 5 minutes), or request fewer pages.";
  return error;
}

util::Error non_json_error(const std::string& endpoint, const HttpResponse& response) {
  const std::string type = media_type(response.content_type);
  auto error = make(ErrorKind::kUpstream,
                    "Halo returned a non-JSON body (" + (type.empty() ? std::string("no content type") : type) +
                        ") from " + endpoint + "; is HALO_INSTANCE_URL pointing at the Halo API?",
                    endpoint, &response);
  error.upstream_message.clear();  // an HTML page says nothing useful
  return error;
}

util::Error transport_error(const std::string& endpoint, const HttpResponse& response,
                            std::chrono::milliseconds request_timeout) {
  switch (response.transport) {
    case TransportError::kTimeout:
      return make(ErrorKind::kTimeout,
                  "Halo did not answer " + endpoint + " within HALO_REQUEST_TIMEOUT_MS (" +
                      std::to_string(request_timeout.count()) + " ms)",
                  endpoint, nullptr);
    case TransportError::kConnect:
    case TransportError::kResolve: {
      auto error = make(ErrorKind::kNetwork, "could not connect to Halo for " + endpoint + " (" +
                                                 response.transport_message + ")",
                        endpoint, nullptr);
      error.hint = "Check HALO_INSTANCE_URL and the network.";
      return error;
    }
    case TransportError::kTls: {
      auto error = make(ErrorKind::kNetwork, "the TLS connection to Halo failed for " + endpoint +
                                                 " (" + response.transport_message + ")",
                        endpoint, nullptr);
      error.hint = kTlsHint;
      return error;
    }
    default:
      return make(ErrorKind::kNetwork, "the connection to Halo failed during " + endpoint + " (" +
                                           response.transport_message + ")",
                  endpoint, nullptr);
  }
}

util::Error cancelled_error(const std::string& endpoint) {
  return util::Error{ErrorKind::kCancelled, "the request was cancelled", 0, endpoint, {}, {}};
}

util::Error deadline_error(const std::string& endpoint) {
  return util::Error{ErrorKind::kTimeout, "the call's deadline passed while waiting for Halo", 0,
                     endpoint, {}, "Ask for less (fewer pages, a narrower filter) or try again."};
}

void scrub_text(std::string& text, const Secrets& secrets) {
  auto replace_all = [&](const std::string& secret) {
    if (secret.empty()) return;
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), "***");
      at += 3;
    }
  };
  if (secrets.client_secret.size() >= kMinRedactableSecret) replace_all(secrets.client_secret);
  for (const auto& token : secrets.tokens) replace_all(token);
}

void scrub_secrets(util::Error& error, const Secrets& secrets) {
  for (std::string* text : {&error.message, &error.upstream_message, &error.hint}) {
    scrub_text(*text, secrets);
  }
  const std::size_t length = secrets.client_secret.size();
  if (length > 0 && length < kMinRedactableSecret && !error.upstream_message.empty()) {
    error.upstream_message = "(withheld: the client secret is too short to redact safely)";
  }
}

}  // namespace halo

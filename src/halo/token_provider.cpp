// Client-credentials token fetch, cache and single-flight refresh.
#include "halo/token_provider.hpp"

#include <algorithm>

#include "halo/document.hpp"
#include "halo/errors.hpp"
#include "halo/retry_policy.hpp"
#include "halo/url.hpp"
#include "util/log.hpp"

namespace halo {
namespace {

using util::ErrorKind;
using Clock = std::chrono::steady_clock;

std::string token_url(const Config& config) {
  std::string url = config.auth_url + "/token";
  if (!config.tenant.empty()) url += "?tenant=" + percent_encode(config.tenant);
  return url;
}

/// The path of a URL ("/auth/token"), so no host or query reaches an error or a log line.
std::string path_of(const std::string& url) {
  auto after_scheme = url.find("://");
  auto start = url.find('/', after_scheme == std::string::npos ? 0 : after_scheme + 3);
  if (start == std::string::npos) return "/";
  return url.substr(start, url.find_first_of("?#", start) - start);
}

const char kCredentialHint[] =
    "Check HALO_CLIENT_ID/HALO_CLIENT_SECRET (the API application's client id and secret, "
    "authentication method 'Client ID and Secret'), that the application is active, and "
    "HALO_TENANT / HALO_AUTH_URL for hosted or on-premise installs.";

}  // namespace

TokenProvider::TokenProvider(const Config& config, HttpEngine& engine,
                             std::atomic<std::uint64_t>& fetch_count)
    : config_(config),
      engine_(engine),
      fetch_count_(fetch_count),
      token_url_(token_url(config)),
      endpoint_(path_of(token_url_)) {}

std::string TokenProvider::endpoint() const {
  std::lock_guard lock(url_mutex_);
  return endpoint_;
}

std::optional<std::string> TokenProvider::discovered_auth_url() const {
  std::lock_guard lock(url_mutex_);
  return discovered_auth_url_;
}

std::optional<std::string> TokenProvider::discover_auth_url(const util::CancellationToken& cancel,
                                                            SteadyTime deadline) {
  HttpRequest request;
  request.url = config_.instance_url + "/api/authinfo";
  request.headers = {"Accept: application/json"};
  request.timeout = config_.request_timeout;
  request.connect_timeout = std::min(config_.request_timeout, std::chrono::milliseconds(10'000));
  auto outcome = engine_.perform(request, cancel, deadline);
  if (outcome.ending != TransferEnding::kFinished || outcome.response.status != 200) return std::nullopt;
  Document doc;
  std::string_view url;
  if (!doc.parse(std::move(outcome.response.body)) ||
      doc.root()["auth_url"].get_string().get(url) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  std::string found(url);
  while (!found.empty() && found.back() == '/') found.pop_back();
  // The same rule as HALO_AUTH_URL: https, or http to a loopback host only.
  const bool https = found.rfind("https://", 0) == 0;
  const bool loopback = found.rfind("http://127.0.0.1", 0) == 0 || found.rfind("http://localhost", 0) == 0 ||
                        found.rfind("http://[::1]", 0) == 0;
  if (!https && !loopback) return std::nullopt;
  return found;
}

std::chrono::milliseconds TokenProvider::refresh_after(long long expires_in_seconds) {
  const double lifetime_ms = static_cast<double>(std::max(0LL, expires_in_seconds)) * 1000.0;
  const double when = std::max(lifetime_ms - 60'000.0, lifetime_ms * 0.9);
  return std::chrono::milliseconds(static_cast<long long>(when));
}

std::string TokenProvider::current() const {
  std::lock_guard lock(mutex_);
  return token_;
}

void TokenProvider::invalidate(const std::string& rejected) {
  std::lock_guard lock(mutex_);
  if (token_ == rejected) {
    token_.clear();
    refresh_at_ = {};
  }
}

TokenProvider::~TokenProvider() {
  stopping_.cancel();
  if (refresher_.joinable()) refresher_.join();
}

void TokenProvider::start_refresh(SteadyTime deadline) {
  // The previous refresh thread has finished its work (fetching_ is false, which it sets last
  // under the mutex), so joining here cannot wait on the mutex we hold.
  if (refresher_.joinable()) refresher_.join();
  fetching_ = true;
  const std::uint64_t flight = ++flight_;
  refresher_ = std::thread([this, flight, deadline] {
    SteadyTime refresh_at{};
    auto fetched = fetch(stopping_.token(), deadline, refresh_at);
    std::lock_guard lock(mutex_);
    fetching_ = false;
    if (fetched) {
      token_ = *fetched;
      refresh_at_ = refresh_at;
    } else {
      flight_error_ = fetched.error();
      flight_error_of_ = flight;
    }
    changed_.notify_all();
  });
}

util::Result<std::string> TokenProvider::token(const util::CancellationToken& cancel,
                                               SteadyTime deadline) {
  if (cancel.cancelled()) return util::Unexpected(cancelled_error(endpoint()));
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!token_.empty() && Clock::now() < refresh_at_) return token_;
    if (!fetching_) {
      // The refresh is not bound to this caller's deadline alone: it gets at least one request
      // timeout, since other callers may be waiting for it.
      start_refresh(std::max(deadline, Clock::now() + config_.request_timeout));
    }
    const std::uint64_t awaited = flight_;
    const auto end = wait_until(lock, changed_, cancel, deadline, [&] { return !fetching_; });
    if (end == WaitEnd::kCancelled) return util::Unexpected(cancelled_error(endpoint()));
    if (end == WaitEnd::kDeadline) return util::Unexpected(deadline_error(endpoint()));
    if (flight_error_ && flight_error_of_ == awaited) {
      return util::Unexpected(*flight_error_);
    }
  }
}

util::Result<std::string> TokenProvider::fetch(const util::CancellationToken& cancel,
                                               SteadyTime deadline, SteadyTime& refresh_at) {
  const RetrySettings settings{config_.max_attempts, config_.backoff_base, config_.max_backoff,
                               config_.rate_limit_backoff};
  for (int attempt = 1;; ++attempt) {
    HttpResponse response;
    auto result = fetch_once(cancel, deadline, refresh_at, response);
    if (result) return result;
    if (response.status == 404 && !config_.auth_url_configured && !discovered_auth_url()) {
      // No token endpoint at {instance}/auth: an on-premise Halo says where its authorisation
      // server is. Tried once; HALO_AUTH_URL, when set, is never second-guessed.
      if (auto found = discover_auth_url(cancel, deadline)) {
        std::string url = *found + "/token";
        if (!config_.tenant.empty()) url += "?tenant=" + percent_encode(config_.tenant);
        {
          std::lock_guard lock(url_mutex_);
          token_url_ = url;
          endpoint_ = path_of(url);
          discovered_auth_url_ = *found;
        }
        util::log::info("Halo's authorisation server is {} (found through /api/authinfo; set HALO_AUTH_URL to skip this)",
                        path_of(*found));
        --attempt;
        continue;
      }
    }
    if (attempt >= attempts_allowed(response, config_.max_attempts)) return result;
    const auto delay = retry_delay(response, attempt, settings, random_unit());
    if (Clock::now() + delay >= deadline) return result;
    util::log::info("Halo token endpoint failed ({}); retrying in {} ms", util::to_string(result.error().kind),
                    delay.count());
    if (sleep_until(Clock::now() + delay, cancel) == WaitEnd::kCancelled) {
      return util::Unexpected(cancelled_error(endpoint()));
    }
  }
}

util::Result<std::string> TokenProvider::fetch_once(const util::CancellationToken& cancel,
                                                    SteadyTime deadline, SteadyTime& refresh_at,
                                                    HttpResponse& response) {
  HttpRequest request;
  request.method = "POST";
  std::string where;  // the token endpoint's path, for errors and logs
  {
    std::lock_guard lock(url_mutex_);
    request.url = token_url_;
    where = endpoint_;
  }
  request.headers = {"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"};
  request.body = "grant_type=client_credentials&client_id=" + percent_encode(config_.client_id) +
                 "&client_secret=" + percent_encode(config_.client_secret) +
                 "&scope=" + percent_encode(config_.scope);
  request.timeout = config_.request_timeout;
  request.connect_timeout = std::min(config_.request_timeout, std::chrono::milliseconds(10'000));

  fetch_count_.fetch_add(1, std::memory_order_relaxed);
  auto outcome = engine_.perform(request, cancel, deadline);
  wipe_secret(request.body);  // do not leave the secret lying around
  response = std::move(outcome.response);
  util::log::debug("POST {} {} {} ms", where, response.status, response.elapsed.count());

  if (outcome.ending == TransferEnding::kCancelled) return util::Unexpected(cancelled_error(where));
  if (outcome.ending == TransferEnding::kDeadline) return util::Unexpected(deadline_error(where));

  const Secrets secrets{config_.client_secret, {}};
  scrub_text(response.body, secrets);
  auto failure = [&](util::Error error) {
    scrub_secrets(error, secrets);
    return util::Unexpected(std::move(error));
  };
  if (response.status == 0) {
    return failure(transport_error(where, response, config_.request_timeout));
  }
  if (response.status == 400 || response.status == 401 || response.status == 403) {
    util::Error error{ErrorKind::kAuth,
                      "Halo's token endpoint rejected the client credentials",
                      static_cast<int>(response.status),
                      where,
                      upstream_message(response.body, response.content_type),
                      kCredentialHint};
    return failure(std::move(error));
  }
  if (response.status == 404) {
    util::Error error{ErrorKind::kConfig, "Halo's token endpoint was not found at " + where,
                      404, where, {},
                      "Check HALO_AUTH_URL (default {HALO_INSTANCE_URL}/auth) and HALO_INSTANCE_URL."};
    return failure(std::move(error));
  }
  if (response.status == 429) {
    const std::chrono::milliseconds retry_in =
        response.retry_after_seconds > 0 ? std::chrono::seconds(response.retry_after_seconds)
                                         : config_.rate_limit_backoff;
    return failure(rate_limited_error(where, response, retry_in, false));
  }
  if (response.status < 200 || response.status >= 300) {
    return failure(upstream_status_error(where, response));
  }

  Document doc;
  std::string_view access_token;
  if (!doc.parse(response.body) ||
      doc.root()["access_token"].get_string().get(access_token) != simdjson::SUCCESS ||
      access_token.empty()) {
    util::Error error{ErrorKind::kAuth, "Halo's token endpoint answered without an access_token",
                      static_cast<int>(response.status), where, {},
                      "Check HALO_AUTH_URL: it should be the Halo authorisation server."};
    return failure(std::move(error));
  }
  long long expires_in = 3600;
  std::int64_t whole = 0;
  double fractional = 0;
  if (doc.root()["expires_in"].get_int64().get(whole) == simdjson::SUCCESS) {
    expires_in = whole;
  } else if (doc.root()["expires_in"].get_double().get(fractional) == simdjson::SUCCESS) {
    expires_in = static_cast<long long>(fractional);
  }
  refresh_at = Clock::now() + refresh_after(expires_in);
  std::string token(access_token);
  wipe_secret(response.body);  // the cache keeps the token; no second copy lingers in freed memory
  return token;
}

}  // namespace halo

// The request pipeline behind every Halo API call.
#include "halo/api_requester.hpp"

#include <optional>

#include "halo/errors.hpp"
#include "halo/retry_policy.hpp"
#include "halo/url.hpp"
#include "util/log.hpp"

namespace halo {
namespace {

using Clock = std::chrono::steady_clock;
using util::ErrorKind;

bool is_success(long status) { return status >= 200 && status < 300; }

}  // namespace

std::string encode_path(std::string_view path) {
  std::string out;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (start > 0) out += '/';
    out += percent_encode(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

util::Result<FetchedBody> ApiRequester::get(std::string_view path, const Params& params,
                                            const CallOptions& options, bool cacheable,
                                            RequestTrace& trace) {
  const Config& config = parts_.config;
  FetchedBody fetched;
  fetched.endpoint = endpoint_path(path);
  const std::string& endpoint = fetched.endpoint;
  std::string url = config.instance_url + "/api/" + encode_path(endpoint.substr(5));
  if (!params.empty()) {
    url += '?';  // (not "?" + ...: GCC 12 -O3 warns falsely, -Wstringop-overflow)
    url += build_query(params);
  }

  const bool use_cache = cacheable && options.use_cache && parts_.cache.enabled();
  if (use_cache) {
    if (auto body = parts_.cache.find("GET " + url); body && fetched.doc.parse(std::move(*body))) {
      parts_.counters.cache_hits.fetch_add(1, std::memory_order_relaxed);
      ++trace.cache_hits;
      fetched.from_cache = true;
      util::log::debug("GET {} (cache hit)", endpoint);
      return fetched;
    }
  }

  const RetrySettings settings{config.max_attempts, config.backoff_base, config.max_backoff,
                               config.rate_limit_backoff};
  const auto deadline = options.deadline;
  const auto& cancel = options.cancel;
  bool refreshed_after_401 = false;
  std::string last_token;
  auto finish = [&](util::Error error) {
    scrub_secrets(error, Secrets{config.client_secret, {last_token, parts_.tokens.current()}});
    return util::Unexpected(std::move(error));
  };

  // While the client cools down after a 429 nothing is sent; a cool-down that outlasts the
  // deadline fails the call at once, saying when to try again, instead of blocking.
  auto cooled_down = [&]() -> std::optional<util::Error> {
    std::chrono::milliseconds remaining{0};
    switch (parts_.cooldown.wait(cancel, deadline, remaining)) {
      case WaitEnd::kReady: return std::nullopt;
      case WaitEnd::kCancelled: return cancelled_error(endpoint);
      case WaitEnd::kDeadline: return cooldown_error(endpoint, remaining);
    }
    return std::nullopt;
  };

  for (int attempt = 1;; ++attempt) {
    if (cancel.cancelled()) return finish(cancelled_error(endpoint));
    if (auto refused = cooled_down()) return finish(std::move(*refused));
    WaitEnd slot_wait = WaitEnd::kReady;
    auto lease = parts_.slots.acquire(cancel, deadline, slot_wait, options.priority);
    if (!lease) {
      return finish(slot_wait == WaitEnd::kCancelled ? cancelled_error(endpoint)
                                                     : deadline_error(endpoint));
    }
    // A 429 elsewhere may have started a cool-down while this request queued for its slot.
    if (auto refused = cooled_down()) return finish(std::move(*refused));
    // The rate budget is taken last, right before sending (a request still queued costs
    // nothing), and given back when the request never leaves (see rate_budget.hpp).
    auto permit = parts_.budget.acquire(cancel, deadline, endpoint);
    if (!permit) {
      auto error = permit.error();
      error.endpoint = endpoint;
      return finish(std::move(error));
    }
    auto token = parts_.tokens.token(cancel, deadline);
    if (!token) {
      permit->unsent();
      return finish(token.error());
    }
    last_token = *token;

    HttpRequest request;
    request.url = url;
    request.headers = {"Authorization: Bearer " + *token, "Accept: application/json"};
    request.timeout = config.request_timeout;
    request.connect_timeout = std::min(config.request_timeout, std::chrono::milliseconds(10'000));
    permit->sending();
    auto outcome = parts_.engine.perform(request, cancel, deadline);
    if (outcome.started) {
      permit->sent();
      parts_.counters.requests.fetch_add(1, std::memory_order_relaxed);
      if (options.request_tally) options.request_tally->fetch_add(1, std::memory_order_relaxed);
      ++trace.requests;
    } else {
      permit->unsent();
    }
    lease.release();
    HttpResponse& response = outcome.response;
    util::log::debug("GET {} {} {} ms", endpoint, response.status, response.elapsed.count());

    if (outcome.ending == TransferEnding::kCancelled) return finish(cancelled_error(endpoint));
    if (outcome.ending == TransferEnding::kDeadline) return finish(deadline_error(endpoint));
    scrub_text(response.body, Secrets{config.client_secret, {*token}});

    const long status = response.status;
    if (is_success(status)) {
      const bool store = cacheable && parts_.cache.enabled();
      std::string body_for_cache = store ? response.body : std::string();
      if (!fetched.doc.parse(std::move(response.body))) return finish(non_json_error(endpoint, response));
      if (store) parts_.cache.store("GET " + url, std::move(body_for_cache));
      return fetched;
    }

    const bool token_rejected =
        status == 401 || (status == 400 && mentions_invalid_token(response.body));
    if (token_rejected) {
      if (!refreshed_after_401) {
        refreshed_after_401 = true;
        parts_.tokens.invalidate(*token);
        --attempt;  // the token retry has its own budget of one
        util::log::debug("GET {} {}: refreshing the token once", endpoint, status);
        continue;
      }
      return finish(permission_error(endpoint, response, config.scope, /*fresh_token_rejected=*/true));
    }
    if (status == 403) {
      return finish(permission_error(endpoint, response, config.scope, false));
    }
    if (status == 404) return finish(not_found_error(endpoint, response));

    const auto delay = retry_delay(response, attempt, settings, random_unit());
    // Halo said "slow down" to this client, not to this request: every request waits it out,
    // on every replica of a fleet.
    if (status == 429) parts_.budget.halo_said_slow_down(Clock::now() + delay);
    auto failure_for = [&](bool deadline_would_pass) {
      if (status == 429) return rate_limited_error(endpoint, response, delay, deadline_would_pass);
      if (status == 0) return transport_error(endpoint, response, config.request_timeout);
      return upstream_status_error(endpoint, response);
    };
    if (attempt >= attempts_allowed(response, config.max_attempts)) return finish(failure_for(false));
    if (Clock::now() + delay >= deadline) {
      return finish(failure_for(/*deadline_would_pass=*/status == 429));
    }
    const std::string answered = status == 0 ? "no response (" + response.transport_message + ")"
                                             : "HTTP " + std::to_string(status);
    util::log::info("Halo answered {} {}; retry {} of {} in {} ms", endpoint, answered, attempt,
                    config.max_attempts - 1, delay.count());
    if (options.on_retry) {
      options.on_retry(fmt::format("Halo answered {} {}{}; retrying in {:.1f} s (attempt {} of {})", endpoint,
                                   answered, status == 429 ? " (rate limit)" : "", delay.count() / 1000.0,
                                   attempt + 1, config.max_attempts));
    }
    parts_.counters.retries.fetch_add(1, std::memory_order_relaxed);
    if (status == 429) continue;  // the cool-down wait at the top of the loop is the backoff
    if (sleep_until(Clock::now() + delay, cancel) == WaitEnd::kCancelled) {
      return finish(cancelled_error(endpoint));
    }
  }
}

}  // namespace halo

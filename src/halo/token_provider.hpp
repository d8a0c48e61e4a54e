// OAuth2 client-credentials tokens for Halo, exactly as Halo expects them: POST
// {auth_url}/token[?tenant=T] with a form body that always carries `scope` (without it Halo
// issues a token that can read nothing). The token is cached and refreshed shortly before it
// expires; however many requests need a token at once, only one refresh runs. The refresh runs
// on a thread of its own, so a caller that gives up (cancelled, out of time) leaves it running for
// the others instead of cancelling it and making the next caller start another.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "halo/config.hpp"
#include "halo/http_engine.hpp"
#include "halo/waiting.hpp"
#include "util/result.hpp"

namespace halo {

class TokenProvider {
 public:
  /// `fetch_count` counts token requests sent (ClientStats::token_fetches).
  TokenProvider(const Config& config, HttpEngine& engine, std::atomic<std::uint64_t>& fetch_count);
  ~TokenProvider();  ///< aborts a refresh in flight and waits for its thread
  TokenProvider(const TokenProvider&) = delete;
  TokenProvider& operator=(const TokenProvider&) = delete;

  /// A token valid now, fetching one when none is cached or it is about to expire.
  [[nodiscard]] util::Result<std::string> token(const util::CancellationToken& cancel,
                                                SteadyTime deadline);

  /// Halo rejected `rejected`: forget it, unless a newer token has already replaced it (so a
  /// burst of 401s causes one refresh, not one each).
  void invalidate(const std::string& rejected);

  /// The token currently cached (for scrubbing error texts); empty when none.
  std::string current() const;

  /// The authorisation server found through GET {instance}/api/authinfo, when HALO_AUTH_URL was not
  /// set and {instance}/auth had no token endpoint (an on-premise layout); nullopt otherwise.
  [[nodiscard]] std::optional<std::string> discovered_auth_url() const;

  /// When a fresh token of `expires_in` seconds should be replaced: 60 s early, or at 90% of
  /// the lifetime when that is later (short-lived tokens).
  static std::chrono::milliseconds refresh_after(long long expires_in_seconds);

 private:
  /// Starts the refresh thread (mutex_ held, no refresh running).
  void start_refresh(SteadyTime deadline);
  util::Result<std::string> fetch(const util::CancellationToken& cancel, SteadyTime deadline,
                                  SteadyTime& refresh_at);
  /// GET {instance}/api/authinfo: the auth_url Halo names, when it is a usable URL.
  std::optional<std::string> discover_auth_url(const util::CancellationToken& cancel, SteadyTime deadline);
  std::string endpoint() const;
  util::Result<std::string> fetch_once(const util::CancellationToken& cancel, SteadyTime deadline,
                                       SteadyTime& refresh_at, HttpResponse& response);

  const Config& config_;
  HttpEngine& engine_;
  std::atomic<std::uint64_t>& fetch_count_;
  /// The token URL and its path (for errors and logs). Fixed, except once: when HALO_AUTH_URL was
  /// not given and {instance}/auth/token is a 404, /api/authinfo names the authorisation server.
  mutable std::mutex url_mutex_;
  std::string token_url_;
  std::string endpoint_;
  std::optional<std::string> discovered_auth_url_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::string token_;
  SteadyTime refresh_at_{};
  bool fetching_ = false;
  std::uint64_t flight_ = 0;  ///< number of the latest refresh started
  /// The failure of refresh number flight_error_of_: every caller that waited for that refresh
  /// gets it (one refresh per wait, never a retry storm); a later caller starts a new refresh.
  std::optional<util::Error> flight_error_;
  std::uint64_t flight_error_of_ = 0;
  util::CancellationSource stopping_;  ///< cancels a refresh in flight when the provider goes
  std::thread refresher_;
};

}  // namespace halo

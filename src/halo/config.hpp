// Configuration of the Halo client: from the environment, a .env file or flags (names in
// README.md). The secret is held here and nowhere else; it is never printed, logged or
// echoed in an error message.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "util/result.hpp"

namespace halo {

struct Config {
  std::string instance_url;   ///< HALO_INSTANCE_URL, no trailing slash
  std::string client_id;      ///< HALO_CLIENT_ID
  std::string client_secret;  ///< HALO_CLIENT_SECRET or the contents of HALO_CLIENT_SECRET_FILE
  std::string tenant;         ///< HALO_TENANT (optional)
  std::string auth_url;       ///< HALO_AUTH_URL, default {instance_url}/auth
  /// HALO_CA_FILE: a PEM bundle of extra trusted CAs (an on-premise Halo behind an internal CA);
  /// empty = the system store. Verification itself is never switched off.
  std::string ca_file;
  std::string scope = "all";  ///< HALO_SCOPE
  int max_concurrency = 4;    ///< HALO_MAX_CONCURRENCY: requests in flight at once
  std::chrono::milliseconds request_timeout{30'000};  ///< HALO_REQUEST_TIMEOUT_MS, per request
  std::chrono::milliseconds call_deadline{120'000};   ///< HALO_CALL_DEADLINE_MS, per tool call
  int rate_limit_requests = 300;                      ///< HALO_RATE_LIMIT (requests per window)
  std::chrono::seconds rate_limit_window{300};        ///< HALO_RATE_WINDOW_S
  std::chrono::seconds cache_ttl{60};                 ///< HALO_CACHE_TTL_S, 0 disables the cache
  int max_attempts = 4;                               ///< HALO_MAX_ATTEMPTS for 429/5xx/network
  std::chrono::milliseconds backoff_base{500};        ///< HALO_BACKOFF_BASE_MS, first retry delay
  std::chrono::milliseconds max_backoff{30'000};      ///< HALO_MAX_BACKOFF_MS, cap of one delay
  /// HALO_RATE_LIMIT_BACKOFF_MS: the least wait after a 429 that carries no Retry-After (Halo's
  /// window is a rolling 5 minutes; shorter waits were seen to be refused again in practice).
  std::chrono::milliseconds rate_limit_backoff{30'000};
  std::string default_currency = "GBP";               ///< HALO_DEFAULT_CURRENCY
  /// HALO_PERIOD_CODES, e.g. "1=weekly,2=monthly,3=yearly": overrides the billing-period table.
  std::string period_codes;
  /// HALO_PERIOD_LABELS, e.g. "Bi-Annually=half-yearly,Every 2 Months=...": labels this tenant
  /// uses that the built-in label parser does not know, mapped to a canonical period name.
  std::string period_labels;
  /// HALO_TIMEZONE: the MSP's IANA time zone; decides which day a Halo datetime (UTC) is on.
  std::string timezone = "UTC";
  /// HALO_WORKDAY_HOURS: the hours an agent has on a weekday (agent_utilisation's available hours).
  double workday_hours = 7.5;
  /// HALO_DEFAULT_COST_RATE: the cost of an hour of an agent whose Halo record has no cost price,
  /// in cents of HALO_DEFAULT_CURRENCY (client_profitability); nullopt: not set (that labour cost
  /// is then unknown, never 0).
  std::optional<std::int64_t> default_cost_rate_cents;
  /// HALO_AUTH_URL was given (not derived from the instance): then it is never rediscovered.
  bool auth_url_configured = false;
};

/// Where the values come from, highest priority first: explicit overrides (flags), the process
/// environment, then the .env file. Returns kConfig errors that name the variable.
struct ConfigSources {
  std::map<std::string, std::string> overrides;
  std::optional<std::string> env_file;  ///< --env-file; when empty, ./.env is read if present
  bool require_credentials = true;      ///< false in --demo (the simulator supplies them)
};

/// The merged view of the sources, by name: what load_config reads, and the few settings that
/// are not the Halo client's (the HTTP transport's bearer token), so every setting follows the
/// same precedence. Loading reads the .env file once and warns (log, stderr) about lines it
/// could not use, naming the file and the line; an unreadable ./.env is skipped with a warning
/// (it may belong to another program), an unreadable --env-file is a kConfig error.
class Settings {
 public:
  /// Where a value came from, highest priority first.
  enum class Source { kOverride, kEnvironment, kDotenv, kNone };

  [[nodiscard]] static util::Result<Settings> load(const ConfigSources& sources);

  /// The value from the highest-priority source that sets `name` to something non-empty.
  std::optional<std::string> get(const std::string& name) const;
  Source source_of(const std::string& name) const;

 private:
  std::map<std::string, std::string> overrides_;
  std::map<std::string, std::string> dotenv_;
};

[[nodiscard]] util::Result<Config> load_config(const ConfigSources& sources);
/// The same from sources already loaded (`require_credentials` as in ConfigSources).
[[nodiscard]] util::Result<Config> load_config(const Settings& settings, bool require_credentials);

/// The contents of a secret file (container secrets) without trailing newlines; kConfig naming
/// `variable` (never the contents) when it cannot be read.
[[nodiscard]] util::Result<std::string> read_secret_file(const std::string& variable,
                                                         const std::string& path);

/// Checks URLs (https required except on a loopback host) and required values.
[[nodiscard]] util::Result<void> validate(const Config& config);

}  // namespace halo

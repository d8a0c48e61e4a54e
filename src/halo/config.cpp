// Loads and checks halo::Config: overrides (flags) > process environment > .env file.
// Error messages name the variable at fault and never include the client secret.
#include "halo/config.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "halo/dotenv.hpp"
#include "util/ascii.hpp"
#include "util/log.hpp"

namespace halo {
namespace {

using util::ErrorKind;

using Lookup = Settings;

std::string strip_trailing_slashes(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string trim_copy(std::string s) {
  const auto* ws = " \t\r\n";
  const auto end = s.find_last_not_of(ws);
  s.erase(end == std::string::npos ? 0 : end + 1);
  const auto begin = s.find_first_not_of(ws);
  s.erase(0, begin == std::string::npos ? s.size() : begin);
  return s;
}

/// "45", "45.5", "45.50" -> cents, read exactly (never through a double, so 0.1 is 10 cents);
/// nullopt for anything else: a sign, a third decimal, a comma, or more than a billion.
std::optional<std::int64_t> money_cents(const std::string& text) {
  const auto dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  auto digits = [](const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || whole.size() > 9 || !digits(whole) || !digits(fraction) || fraction.size() > 2) {
    return std::nullopt;
  }
  if (dot != std::string::npos && fraction.empty()) return std::nullopt;  // "45."
  std::int64_t cents = std::stoll(whole) * 100;
  if (!fraction.empty()) cents += std::stoll(fraction) * (fraction.size() == 1 ? 10 : 1);
  return cents;
}

/// Reads `name` as a whole number within [min, max] into `out`; kConfig naming it otherwise.
util::Result<void> read_number(const Lookup& lookup, const std::string& name, long long min,
                               long long max, const std::function<void(long long)>& store) {
  auto text = lookup.get(name);
  if (!text) return {};
  const std::string value = trim_copy(*text);
  long long parsed = 0;
  const auto* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, parsed);
  if (value.empty() || ec != std::errc() || ptr != end) {
    return util::fail(ErrorKind::kConfig, name + " must be a whole number (got '" + value + "')");
  }
  if (parsed < min || parsed > max) {
    return util::fail(ErrorKind::kConfig, name + " must be between " + std::to_string(min) +
                                              " and " + std::to_string(max) + " (got " + value + ")");
  }
  store(parsed);
  return {};
}

struct ParsedUrl {
  std::string scheme;
  std::string host;
};

std::optional<ParsedUrl> parse_url(const std::string& url) {
  const auto sep = url.find("://");
  if (sep == std::string::npos || sep == 0) return std::nullopt;
  ParsedUrl out;
  out.scheme = util::lower_ascii(std::string_view(url).substr(0, sep));
  std::string rest = url.substr(sep + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string::npos) return std::nullopt;
    out.host = rest.substr(1, close - 1);
  } else {
    out.host = rest.substr(0, rest.find(':'));
  }
  out.host = util::lower_ascii(out.host);
  if (out.host.empty()) return std::nullopt;
  return out;
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "::1" || host == "localhost";
}

util::Result<void> check_url(const std::string& name, const std::string& url) {
  auto parsed = parse_url(url);
  if (!parsed) {
    return util::fail(ErrorKind::kConfig,
                      name + " is not a URL (expected e.g. https://company.halopsa.com)");
  }
  if (parsed->scheme == "https") return {};
  if (parsed->scheme == "http" && is_loopback(parsed->host)) return {};
  return util::fail(ErrorKind::kConfig,
                    name + " must use https:// (http:// is allowed only for 127.0.0.1, ::1 or "
                           "localhost)");
}

/// The .env file's values; warns about lines it could not use (by number: a line may hold a
/// secret, so it is never quoted).
util::Result<std::map<std::string, std::string>> read_dotenv(const ConfigSources& sources) {
  const bool explicit_file = sources.env_file && !sources.env_file->empty();
  const std::string path = explicit_file ? *sources.env_file : ".env";
  if (!explicit_file) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return std::map<std::string, std::string>{};
  }
  auto parsed = read_dotenv_file(path);
  if (!parsed) {
    if (explicit_file) return util::Unexpected(parsed.error());
    util::log::warn("{} in the working directory cannot be read; ignoring it ({})", path,
                    parsed.error().message);
    return std::map<std::string, std::string>{};
  }
  for (const auto& problem : parsed->problems) {
    util::log::warn("{}:{}: {}", path, problem.line, problem.what);
  }
  return std::move(parsed->values);
}

}  // namespace

util::Result<Settings> Settings::load(const ConfigSources& sources) {
  auto dotenv = read_dotenv(sources);
  if (!dotenv) return util::Unexpected(dotenv.error());
  Settings settings;
  settings.overrides_ = sources.overrides;
  settings.dotenv_ = std::move(*dotenv);
  return settings;
}

Settings::Source Settings::source_of(const std::string& name) const {
  if (auto it = overrides_.find(name); it != overrides_.end() && !it->second.empty())
    return Source::kOverride;
  if (const char* env = std::getenv(name.c_str()); env != nullptr && *env != '\0')
    return Source::kEnvironment;
  if (auto it = dotenv_.find(name); it != dotenv_.end() && !it->second.empty()) return Source::kDotenv;
  return Source::kNone;
}

std::optional<std::string> Settings::get(const std::string& name) const {
  switch (source_of(name)) {
    case Source::kOverride: return overrides_.at(name);
    case Source::kEnvironment: return std::string(std::getenv(name.c_str()));
    case Source::kDotenv: return dotenv_.at(name);
    case Source::kNone: break;
  }
  return std::nullopt;
}

util::Result<std::string> read_secret_file(const std::string& variable, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return util::fail(ErrorKind::kConfig, variable + ": cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  std::string secret = text.str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  return secret;
}

util::Result<Config> load_config(const ConfigSources& sources) {
  auto settings = Settings::load(sources);
  if (!settings) return util::Unexpected(settings.error());
  return load_config(*settings, sources.require_credentials);
}

util::Result<Config> load_config(const Settings& lookup, bool require_credentials) {
  Config config;
  config.instance_url = strip_trailing_slashes(trim_copy(lookup.get("HALO_INSTANCE_URL").value_or("")));
  config.client_id = trim_copy(lookup.get("HALO_CLIENT_ID").value_or(""));
  // The secret and the secret file are one setting: the higher-priority source wins (a
  // --client-secret-file flag beats HALO_CLIENT_SECRET in the environment); from the same source
  // the secret itself wins.
  const auto secret = lookup.get("HALO_CLIENT_SECRET");
  const auto secret_file = lookup.get("HALO_CLIENT_SECRET_FILE");
  if (secret && (!secret_file || lookup.source_of("HALO_CLIENT_SECRET") <=
                                     lookup.source_of("HALO_CLIENT_SECRET_FILE"))) {
    config.client_secret = *secret;
  } else if (secret_file) {
    auto secret_from_file = read_secret_file("HALO_CLIENT_SECRET_FILE", *secret_file);
    if (!secret_from_file) return util::Unexpected(secret_from_file.error());
    config.client_secret = std::move(*secret_from_file);
  }
  config.tenant = trim_copy(lookup.get("HALO_TENANT").value_or(""));
  config.auth_url = strip_trailing_slashes(trim_copy(lookup.get("HALO_AUTH_URL").value_or("")));
  config.auth_url_configured = !config.auth_url.empty();
  if (config.auth_url.empty() && !config.instance_url.empty()) {
    config.auth_url = config.instance_url + "/auth";
  }
  config.scope = trim_copy(lookup.get("HALO_SCOPE").value_or("all"));
  config.ca_file = trim_copy(lookup.get("HALO_CA_FILE").value_or(""));
  config.default_currency = trim_copy(lookup.get("HALO_DEFAULT_CURRENCY").value_or("GBP"));
  config.period_codes = trim_copy(lookup.get("HALO_PERIOD_CODES").value_or(""));
  config.period_labels = trim_copy(lookup.get("HALO_PERIOD_LABELS").value_or(""));
  config.timezone = trim_copy(lookup.get("HALO_TIMEZONE").value_or("UTC"));
  if (config.timezone.empty()) config.timezone = "UTC";
  if (auto hours = lookup.get("HALO_WORKDAY_HOURS")) {
    const std::string value = trim_copy(*hours);
    double parsed = 0;
    const auto* end = value.data() + value.size();
    auto [ptr, ec] = std::from_chars(value.data(), end, parsed);
    if (value.empty() || ec != std::errc() || ptr != end || !(parsed > 0 && parsed <= 24)) {
      return util::fail(ErrorKind::kConfig,
                        "HALO_WORKDAY_HOURS must be a number of hours above 0 and at most 24, such as 7.5 (got '" +
                            value + "')");
    }
    config.workday_hours = parsed;
  }
  if (auto rate = lookup.get("HALO_DEFAULT_COST_RATE")) {
    const std::string value = trim_copy(*rate);
    config.default_cost_rate_cents = money_cents(value);
    if (!config.default_cost_rate_cents) {
      return util::fail(ErrorKind::kConfig,
                        "HALO_DEFAULT_COST_RATE must be an amount of money per hour, 0 or more with at most 2 "
                        "decimals, such as 45.50 (got '" + value + "')");
    }
  }

  using std::chrono::milliseconds;
  using std::chrono::seconds;
  constexpr long long kDay = 86'400;
  const std::pair<std::string, std::function<util::Result<void>()>> numbers[] = {
      {"HALO_MAX_CONCURRENCY", [&] { return read_number(lookup, "HALO_MAX_CONCURRENCY", 1, 64, [&](long long v) { config.max_concurrency = static_cast<int>(v); }); }},
      {"HALO_REQUEST_TIMEOUT_MS", [&] { return read_number(lookup, "HALO_REQUEST_TIMEOUT_MS", 1, kDay * 1000, [&](long long v) { config.request_timeout = milliseconds(v); }); }},
      {"HALO_CALL_DEADLINE_MS", [&] { return read_number(lookup, "HALO_CALL_DEADLINE_MS", 1, kDay * 1000, [&](long long v) { config.call_deadline = milliseconds(v); }); }},
      {"HALO_RATE_LIMIT", [&] { return read_number(lookup, "HALO_RATE_LIMIT", 1, 1'000'000, [&](long long v) { config.rate_limit_requests = static_cast<int>(v); }); }},
      {"HALO_RATE_WINDOW_S", [&] { return read_number(lookup, "HALO_RATE_WINDOW_S", 1, kDay, [&](long long v) { config.rate_limit_window = seconds(v); }); }},
      {"HALO_CACHE_TTL_S", [&] { return read_number(lookup, "HALO_CACHE_TTL_S", 0, kDay, [&](long long v) { config.cache_ttl = seconds(v); }); }},
      {"HALO_MAX_ATTEMPTS", [&] { return read_number(lookup, "HALO_MAX_ATTEMPTS", 1, 20, [&](long long v) { config.max_attempts = static_cast<int>(v); }); }},
      {"HALO_BACKOFF_BASE_MS", [&] { return read_number(lookup, "HALO_BACKOFF_BASE_MS", 0, kDay * 1000, [&](long long v) { config.backoff_base = milliseconds(v); }); }},
      {"HALO_MAX_BACKOFF_MS", [&] { return read_number(lookup, "HALO_MAX_BACKOFF_MS", 0, kDay * 1000, [&](long long v) { config.max_backoff = milliseconds(v); }); }},
      {"HALO_RATE_LIMIT_BACKOFF_MS", [&] { return read_number(lookup, "HALO_RATE_LIMIT_BACKOFF_MS", 0, kDay * 1000, [&](long long v) { config.rate_limit_backoff = milliseconds(v); }); }},
  };
  for (const auto& [name, read] : numbers) {
    if (auto ok = read(); !ok) return util::Unexpected(ok.error());
  }

  if (require_credentials) {
    if (auto ok = validate(config); !ok) return util::Unexpected(ok.error());
    // Checked here, once, so a typo is a configuration error naming the variable rather than a
    // certificate failure on every request.
    if (!config.ca_file.empty() && !std::ifstream(config.ca_file)) {
      return util::fail(ErrorKind::kConfig, "HALO_CA_FILE: cannot read " + config.ca_file);
    }
  }
  return config;
}

util::Result<void> validate(const Config& config) {
  if (config.instance_url.empty()) {
    auto error = util::fail(ErrorKind::kConfig, "HALO_INSTANCE_URL is not set");
    error.value().hint = "set it to your Halo address, e.g. https://company.halopsa.com";
    return error;
  }
  if (config.client_id.empty()) {
    return util::fail(ErrorKind::kConfig,
                      "HALO_CLIENT_ID is not set (the API application's client id)");
  }
  if (config.client_secret.empty()) {
    return util::fail(ErrorKind::kConfig,
                      "HALO_CLIENT_SECRET is not set (or set HALO_CLIENT_SECRET_FILE to a file "
                      "holding it)");
  }
  if (auto ok = check_url("HALO_INSTANCE_URL", config.instance_url); !ok) return ok;
  if (!config.auth_url.empty()) {
    if (auto ok = check_url("HALO_AUTH_URL", config.auth_url); !ok) return ok;
  }
  if (config.scope.empty()) return util::fail(ErrorKind::kConfig, "HALO_SCOPE is empty");
  if (config.max_concurrency < 1) {
    return util::fail(ErrorKind::kConfig, "HALO_MAX_CONCURRENCY must be at least 1");
  }
  if (config.rate_limit_requests < 1 || config.rate_limit_window.count() < 1) {
    return util::fail(ErrorKind::kConfig, "HALO_RATE_LIMIT and HALO_RATE_WINDOW_S must be at least 1");
  }
  if (config.max_attempts < 1) {
    return util::fail(ErrorKind::kConfig, "HALO_MAX_ATTEMPTS must be at least 1");
  }
  return {};
}

}  // namespace halo

// Fault injection state: the configuration, its JSON form (POST /_sim/faults), and the per-request
// decision that consumes count-based faults atomically under one mutex.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdint>

#include "sim/simulator.hpp"

namespace sim {

namespace {

std::string lower_copy(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// Case-insensitive prefix match; an empty pattern matches everything under /api.
bool path_matches(const std::string& pattern, const std::string& path_lower) {
  if (pattern.empty()) return path_lower.rfind("/api", 0) == 0;
  const std::string p = lower_copy(pattern);
  if (path_lower.rfind(p, 0) != 0) return false;
  // "/api/Invoice" must not match "/api/InvoiceDetail": the next character must end a segment.
  return path_lower.size() == p.size() || path_lower[p.size()] == '/' || p.back() == '/';
}

util::Unexpected bad(const std::string& what) { return util::fail(util::ErrorKind::kBadInput, what); }

util::Result<int> as_int(const util::Json& v, const char* name) {
  if (v.is_null()) return 0;
  if (!v.is_number()) return bad(std::string(name) + " must be a number");
  // Clamped first: casting an out-of-range double to int is undefined behaviour.
  return static_cast<int>(std::clamp(v.get<double>(), -1e9, 1e9));
}

util::Result<FaultConfig::ItemSkew> as_skew(const util::Json& v, const char* name) {
  FaultConfig::ItemSkew skew;
  if (v.is_null()) return skew;
  if (v.is_number()) {
    skew.count = v.get<int>();
    return skew;
  }
  if (!v.is_object()) return bad(std::string(name) + " must be a number or {count, path}");
  skew.count = v.value("count", 1);
  skew.path = v.value("path", std::string());
  return skew;
}

constexpr std::size_t kMaxHugeNoteBytes = std::size_t{256} << 20;

util::Json skew_json(const FaultConfig::ItemSkew& s) { return util::Json{{"count", s.count}, {"path", s.path}}; }

}  // namespace

FaultConfig Faults::get() const {
  std::lock_guard lock(mutex_);
  return config_;
}

void Faults::set(FaultConfig config) {
  std::lock_guard lock(mutex_);
  config_ = std::move(config);
  api_requests_seen_ = 0;
  requests_per_url_.clear();
}

void Faults::reset() { set(FaultConfig{}); }

void Faults::expire_tokens_now() { ++token_generation_; }

util::Result<void> Faults::apply_json(const util::Json& patch) {
  if (!patch.is_object()) return bad("faults must be a JSON object");
  std::lock_guard lock(mutex_);
  FaultConfig next = config_;
  bool expire = false;
  for (const auto& [key, value] : patch.items()) {
    if (key == "latency_ms") {
      auto v = as_int(value, "latency_ms");
      if (!v) return tl::unexpected(v.error());
      next.latency_ms = *v;
    } else if (key == "stall_ms") {
      auto v = as_int(value, "stall_ms");
      if (!v) return tl::unexpected(v.error());
      next.stall_ms = *v;
    } else if (key == "status_for") {
      next.status_for.clear();
      if (value.is_null()) continue;
      if (!value.is_object()) return bad("status_for must be an object {path: status}");
      for (const auto& [path, status] : value.items()) {
        if (!status.is_number_integer()) return bad("status_for values must be integers");
        next.status_for[path] = status.get<int>();
      }
    } else if (key == "rate_limit") {
      next.rate_limit = {};
      if (value.is_null()) continue;
      if (!value.is_object()) return bad("rate_limit must be {every_n, retry_after_s, per_url, window_max, window_s}");
      next.rate_limit.every_n = value.value("every_n", 0);
      next.rate_limit.per_url = value.value("per_url", false);
      next.rate_limit.window_max = value.value("window_max", 0);
      next.rate_limit.window_s = value.value("window_s", 0.0);
      if (next.rate_limit.window_max < 0 || (next.rate_limit.window_max > 0 && !(next.rate_limit.window_s > 0))) {
        return bad("rate_limit.window_max needs a positive window_s (seconds)");
      }
      if (auto it = value.find("retry_after_s"); it != value.end() && it->is_number()) {
        next.rate_limit.retry_after_s = it->get<int>();
      }
      api_requests_seen_ = 0;
      requests_per_url_.clear();
      window_.clear();
      window_peak_ = 0;
      window_refusals_ = 0;
    } else if (key == "fail_5xx") {
      next.fail_5xx = {};
      if (value.is_null()) continue;
      if (!value.is_object()) return bad("fail_5xx must be {count, status, path}");
      next.fail_5xx.count = value.value("count", 1);
      next.fail_5xx.status = value.value("status", 503);
      next.fail_5xx.path = value.value("path", std::string());
    } else if (key == "malformed_body") {
      next.malformed_body = {};
      if (value.is_null()) continue;
      if (!value.is_object()) return bad("malformed_body must be {count, path, kind}");
      next.malformed_body.count = value.value("count", 1);
      next.malformed_body.path = value.value("path", std::string());
      next.malformed_body.kind = value.value("kind", std::string("json"));
      if (next.malformed_body.kind != "json" && next.malformed_body.kind != "html") {
        return bad("malformed_body.kind must be \"json\" or \"html\"");
      }
    } else if (key == "truncate_body") {
      next.truncate_body = {};
      if (value.is_null()) continue;
      if (value.is_number()) {
        next.truncate_body.count = value.get<int>();
      } else if (value.is_object()) {
        next.truncate_body.count = value.value("count", 1);
        next.truncate_body.path = value.value("path", std::string());
      } else {
        return bad("truncate_body must be a count or {count, path}");
      }
    } else if (key == "token_endpoint_down") {
      next.token_endpoint_down = value.is_boolean() && value.get<bool>();
    } else if (key == "ignore_date_filters") {
      next.ignore_date_filters = value.is_boolean() && value.get<bool>();
    } else if (key == "expired_token_status") {
      next.expired_token_status = value.is_number_integer() ? value.get<int>() : 401;
    } else if (key == "expire_tokens_now") {
      expire = value.is_boolean() && value.get<bool>();
    } else if (key == "extra_items") {
      auto v = as_skew(value, "extra_items");
      if (!v) return tl::unexpected(v.error());
      next.extra_items = *v;
    } else if (key == "fewer_items") {
      auto v = as_skew(value, "fewer_items");
      if (!v) return tl::unexpected(v.error());
      next.fewer_items = *v;
    } else if (key == "huge_note_bytes" || key == "huge_note") {
      next.huge_note = {};
      if (value.is_null()) continue;
      if (value.is_number_unsigned() || value.is_number_integer()) {
        next.huge_note.bytes = static_cast<std::size_t>(std::max<std::int64_t>(0, value.get<std::int64_t>()));
      } else if (value.is_object()) {
        next.huge_note.bytes = static_cast<std::size_t>(std::max<std::int64_t>(0, value.value("bytes", std::int64_t{0})));
        next.huge_note.path = value.value("path", std::string());
        next.huge_note.field = value.value("field", std::string("huge_note"));
      } else {
        return bad(key + " must be a byte count or {bytes, path, field}");
      }
      // A simulator that allocates whatever it is told would be its own denial of service.
      if (next.huge_note.bytes > kMaxHugeNoteBytes) return bad(key + " is capped at 256 MB");
      if (next.huge_note.field.empty() || next.huge_note.field.find_first_of("\"\\") != std::string::npos) {
        return bad(key + ".field must be a plain field name");
      }
    } else {
      return bad("unknown fault '" + key + "'");
    }
  }
  config_ = std::move(next);
  if (expire) ++token_generation_;
  return {};
}

bool Faults::rate_limited(const std::string& target) {
  const auto n = static_cast<std::uint64_t>(config_.rate_limit.every_n);
  if (n == 0) return false;
  if (!config_.rate_limit.per_url) return api_requests_seen_ % n == 0;
  const std::uint64_t seen = ++requests_per_url_[target];
  return seen % n == 1 % n;  // the first of every n (every one when n is 1)
}

bool Faults::window_full(std::chrono::steady_clock::time_point now, int& retry_after_s) {
  if (config_.rate_limit.window_max <= 0) return false;
  const auto window = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(config_.rate_limit.window_s));
  while (!window_.empty() && window_.front() <= now - window) window_.pop_front();
  if (window_.size() >= static_cast<std::size_t>(config_.rate_limit.window_max)) {
    const auto frees = window_.front() + window - now;
    retry_after_s = static_cast<int>(std::ceil(std::chrono::duration<double>(frees).count()));
    ++window_refusals_;
    return true;
  }
  window_.push_back(now);
  window_peak_ = std::max(window_peak_, window_.size());
  return false;
}

util::Json Faults::to_json() const {
  std::lock_guard lock(mutex_);
  util::Json status_for = util::Json::object();
  for (const auto& [path, status] : config_.status_for) status_for[path] = status;
  util::Json rate{{"every_n", config_.rate_limit.every_n}, {"retry_after_s", nullptr},
                  {"per_url", config_.rate_limit.per_url}, {"window_max", config_.rate_limit.window_max},
                  {"window_s", config_.rate_limit.window_s}, {"window_peak", window_peak_},
                  {"window_refusals", window_refusals_}};
  if (config_.rate_limit.retry_after_s) rate["retry_after_s"] = *config_.rate_limit.retry_after_s;
  return util::Json{
      {"latency_ms", config_.latency_ms},
      {"status_for", status_for},
      {"rate_limit", rate},
      {"fail_5xx", {{"count", config_.fail_5xx.count}, {"status", config_.fail_5xx.status}, {"path", config_.fail_5xx.path}}},
      {"malformed_body",
       {{"count", config_.malformed_body.count}, {"path", config_.malformed_body.path}, {"kind", config_.malformed_body.kind}}},
      {"stall_ms", config_.stall_ms},
      {"truncate_body", {{"count", config_.truncate_body.count}, {"path", config_.truncate_body.path}}},
      {"token_endpoint_down", config_.token_endpoint_down},
      {"ignore_date_filters", config_.ignore_date_filters},
      {"expired_token_status", config_.expired_token_status},
      {"extra_items", skew_json(config_.extra_items)},
      {"fewer_items", skew_json(config_.fewer_items)},
      {"huge_note", {{"bytes", config_.huge_note.bytes}, {"path", config_.huge_note.path}, {"field", config_.huge_note.field}}},
      {"token_generation", token_generation_.load()}};
}

Faults::Decision Faults::decide_api(const std::string& path, const std::string& target) {
  const std::string p = lower_copy(path);
  std::lock_guard lock(mutex_);
  Decision d;
  d.latency_ms = config_.latency_ms;
  d.stall_ms = config_.stall_ms;
  d.ignore_date_filters = config_.ignore_date_filters;
  ++api_requests_seen_;
  for (const auto& [pattern, status] : config_.status_for) {
    if (path_matches(pattern, p)) d.status = status;
  }
  if (d.status == 0 && rate_limited(target)) {
    d.status = 429;
    d.retry_after_s = config_.rate_limit.retry_after_s;
  }
  if (int retry_after = 0; d.status == 0 && window_full(std::chrono::steady_clock::now(), retry_after)) {
    d.status = 429;
    d.retry_after_s = std::max(1, retry_after);
  }
  if (d.status == 0 && config_.fail_5xx.count > 0 && path_matches(config_.fail_5xx.path, p)) {
    --config_.fail_5xx.count;
    d.status = config_.fail_5xx.status;
  }
  if (d.status == 0 && config_.malformed_body.count > 0 && path_matches(config_.malformed_body.path, p)) {
    --config_.malformed_body.count;
    d.malformed = true;
    d.malformed_kind = config_.malformed_body.kind;
  }
  if (d.status == 0 && !d.malformed && config_.truncate_body.count > 0 && path_matches(config_.truncate_body.path, p)) {
    --config_.truncate_body.count;
    d.truncate = true;
  }
  if (path_matches(config_.extra_items.path, p)) d.extra_items = config_.extra_items.count;
  if (path_matches(config_.fewer_items.path, p)) d.fewer_items = config_.fewer_items.count;
  if (config_.huge_note.bytes > 0 && path_matches(config_.huge_note.path, p)) {
    d.huge_note_bytes = config_.huge_note.bytes;
    d.huge_note_field = config_.huge_note.field;
  }
  return d;
}

Faults::Decision Faults::decide_token() {
  const std::string p = "/auth/token";
  std::lock_guard lock(mutex_);
  Decision d;
  d.latency_ms = config_.latency_ms;
  if (config_.token_endpoint_down) d.status = 503;
  for (const auto& [pattern, status] : config_.status_for) {
    if (!pattern.empty() && path_matches(pattern, p)) d.status = status;
  }
  if (d.status == 0 && config_.fail_5xx.count > 0 && !config_.fail_5xx.path.empty() &&
      path_matches(config_.fail_5xx.path, p)) {
    --config_.fail_5xx.count;
    d.status = config_.fail_5xx.status;
  }
  return d;
}

}  // namespace sim

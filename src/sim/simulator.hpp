// Public face of the Halo PSA simulator: an HTTP server on 127.0.0.1 that answers the endpoints
// the tools use the way Halo does (token endpoint, paging, envelopes, quirks), over a generated or
// loaded MSP dataset, with fault injection. The `halo-sim` executable wraps it (for `halo-psa-mcp
// --demo`, which starts it as a child process, and for benchmarks); tests embed it directly.
// It deliberately shares nothing with src/halo (the client) but the JSON library, so a simulator
// bug cannot hide a client bug.
#pragma once
#include <atomic>
#include <cstdint>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "util/json.hpp"
#include "util/result.hpp"

namespace sim {

struct Credentials {
  std::string client_id = "demo-client";
  std::string client_secret = "demo-secret";
  std::string tenant;  ///< empty = any tenant (or none) is accepted
};

/// What the fault injector does. Count-based faults are consumed as requests hit them. A `path`
/// is matched case-insensitively as a prefix of the request path ("/api/Invoice" also matches
/// "/api/Invoice/7"); an empty path matches every /api request.
struct FaultConfig {
  int latency_ms = 0;                   ///< sleep before answering each /api and /auth request
  std::map<std::string, int> status_for;  ///< path prefix -> forced status (403, 401, 404, 500...)
  struct RateLimit {
    int every_n = 0;                    ///< every n-th /api request gets 429 (0 = off)
    std::optional<int> retry_after_s;   ///< Retry-After header when set; absent otherwise
    /// Counted per URL (path and query) instead of across all requests, and the first of every
    /// n refused: each distinct request is refused once and its retry answered, however many
    /// run at once. The global count refuses whichever request lands on the n-th slot, so with
    /// requests in flight together one request can be refused on every attempt by chance.
    bool per_url = false;
    /// Halo's own limit: at most `window_max` /api requests in any rolling `window_s` seconds
    /// (hosted Halo: about 300 per 300 s, for the whole tenant). A request beyond it is answered
    /// 429 with Retry-After (seconds until the oldest counted request leaves the window) and is
    /// not counted itself. 0 = off. Independent of every_n.
    int window_max = 0;
    double window_s = 0;
  } rate_limit;
  struct Fail5xx {
    int count = 0;                      ///< the next `count` matching requests fail
    int status = 503;
    std::string path;
  } fail_5xx;
  struct Malformed {
    int count = 0;                      ///< the next `count` matching responses are 200 + non-JSON
    std::string path;
    std::string kind = "json";          ///< "json" (broken JSON) or "html" (a login page)
  } malformed_body;
  int stall_ms = 0;                     ///< every /api body pauses this long half-way through
  struct Truncate {
    int count = 0;                      ///< the next `count` bodies stop half-way (connection closed)
    std::string path;
  } truncate_body;
  bool token_endpoint_down = false;     ///< /auth/token answers 503
  /// A Halo version that ignores the date filters (datesearch+startdate/enddate on tickets,
  /// startdate/enddate on actions, invoicedatestart/invoicedateend on invoices): every record
  /// comes back, so a client that checks dates itself gives the same answer at a higher cost.
  bool ignore_date_filters = false;
  int expired_token_status = 401;       ///< 401 (default) or 400 + {"error":"invalid_token"}
  struct ItemSkew {
    int count = 0;                      ///< items added to / removed from each list page
    std::string path;
  } extra_items, fewer_items;           ///< record_count stays what Halo promised
  struct HugeField {
    std::size_t bytes = 0;              ///< 0 = off; else the first record of each matching body
    std::string path;                   ///< gains a text field this long (a pasted 10 MB note)
    std::string field = "huge_note";    ///< which field (a new one: a duplicate key would be ambiguous)
  } huge_note;
};

/// Thread-safe holder of the fault configuration. Reachable in-process via Simulator::faults()
/// and over HTTP via POST/DELETE /_sim/faults.
class Faults {
 public:
  [[nodiscard]] FaultConfig get() const;
  void set(FaultConfig config);
  void reset();
  /// Merges a JSON object in the /_sim/faults format (only the keys present change; null clears).
  /// `expire_tokens_now: true` invalidates every token issued so far.
  [[nodiscard]] util::Result<void> apply_json(const util::Json& patch);
  [[nodiscard]] util::Json to_json() const;
  /// Invalidates every token issued so far (the next /api call with one of them gets 401).
  void expire_tokens_now();
  [[nodiscard]] std::uint64_t token_generation() const { return token_generation_.load(); }

  /// What to do to one request; consumes counts. Used by the server, public for white-box tests.
  struct Decision {
    int latency_ms = 0;
    int status = 0;                      ///< 0 = answer normally
    std::optional<int> retry_after_s;
    bool malformed = false;
    std::string malformed_kind;
    bool truncate = false;
    int stall_ms = 0;
    int extra_items = 0;
    int fewer_items = 0;
    bool ignore_date_filters = false;
    std::size_t huge_note_bytes = 0;
    std::string huge_note_field;
  };
  /// `target` is the path with its query, for faults counted per URL.
  [[nodiscard]] Decision decide_api(const std::string& path, const std::string& target);
  [[nodiscard]] Decision decide_token();

 private:
  bool rate_limited(const std::string& target);  ///< under mutex_; counts the request
  /// Under mutex_: whether the rolling window is full at `now`; counts the request when not.
  /// `retry_after_s` gets the seconds until a place frees when it is full.
  bool window_full(std::chrono::steady_clock::time_point now, int& retry_after_s);
  mutable std::mutex mutex_;
  FaultConfig config_;
  std::uint64_t api_requests_seen_ = 0;  ///< for rate_limit.every_n
  std::map<std::string, std::uint64_t> requests_per_url_;  ///< for rate_limit.per_url
  std::deque<std::chrono::steady_clock::time_point> window_;  ///< arrivals counted in the rolling window
  std::size_t window_peak_ = 0;          ///< the most requests the window ever held
  std::uint64_t window_refusals_ = 0;    ///< 429s sent because the window was full
  std::atomic<std::uint64_t> token_generation_{0};
};

/// One request as the simulator decoded it, so tests can prove what the client really sent
/// (e.g. that a search text was percent-encoded as one value, never spliced into the query).
struct RequestRecord {
  std::string method;
  std::string path;                             ///< decoded path as routed
  std::string target;                           ///< the raw request target (path?query)
  std::multimap<std::string, std::string> params;  ///< decoded query parameters
  double at_ms = 0;                             ///< when it arrived, ms since the server started
};

/// One request to /auth/token as the simulator decoded it (never the secret), so tests can
/// prove the scope and tenant the client put on the wire.
struct TokenGrant {
  std::string client_id;
  std::string tenant;  ///< the ?tenant= parameter, "" when absent
  std::string scope;   ///< the form's scope, "" when absent
  int status = 0;      ///< what the simulator answered
};

struct Stats {
  static constexpr std::size_t kRecentRequests = 256;  ///< how many RequestRecords are kept
  std::uint64_t requests_total = 0;   ///< /api and /auth requests (not /_sim)
  std::uint64_t token_requests = 0;
  /// Lists count under "/api/Invoice", details under "/api/Invoice/{id}", the token endpoint
  /// under "/auth/token"; unknown routes under their lower-cased path.
  std::map<std::string, std::uint64_t> per_path;
  int max_concurrent_in_flight = 0;
  int in_flight = 0;
  std::vector<RequestRecord> recent;  ///< the last kRecentRequests /api requests, oldest first
  std::vector<TokenGrant> token_grants;  ///< the last kRecentRequests token requests, oldest first
  [[nodiscard]] util::Json to_json() const;
};

struct Options {
  std::string host = "127.0.0.1";  ///< loopback only; anything else is refused by start()
  int port = 0;                    ///< 0 = a free port
  std::uint64_t seed = 42;
  double scale = 1.0;
  std::string dataset_file;        ///< a JSON dataset file replaces generation
  Credentials credentials;
  int token_lifetime_s = 3600;
  std::string today;               ///< "YYYY-MM-DD"; empty = today (UTC). Anchors generated dates.
  FaultConfig faults;              ///< faults active from the start (e.g. latency_ms)
  int threads = 32;                ///< worker pool size; latency must not serialise requests
  /// The /_sim/* control endpoints (faults, stats, health). They are unauthenticated, so the
  /// demo's simulator runs without them (halo-sim --no-control); tests and benchmarks need them.
  bool control_endpoints = true;
  /// Where the token endpoint lives ({base}{auth_path}/token). An on-premise Halo may keep its
  /// authorisation server elsewhere than /auth; /api/authinfo tells where.
  std::string auth_path = "/auth";
};

/// Dataset generation, also used by `halo-sim --dump-dataset` and by tests that need expected values.
struct GenerateOptions {
  std::uint64_t seed = 42;
  double scale = 1.0;
  std::string today;  ///< "YYYY-MM-DD"; empty = today (UTC)
};
/// The generated dataset as one JSON object (keys: clients, sites, users, agents, teams, tickets,
/// actions, projects, assets, contracts, recurring_invoices, invoices, reports, statuses,
/// timesheet_events). Deterministic given (seed, scale, today).
[[nodiscard]] util::Result<util::Json> generate_dataset(const GenerateOptions& options);
/// Reads a dataset file (same format; missing keys = empty).
[[nodiscard]] util::Result<util::Json> load_dataset_file(const std::string& path);

class Server;        // internal: the HTTP side
class DatasetStore;  // internal: the indexed dataset

class Simulator {
 public:
  explicit Simulator(Options options);
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  /// Builds or loads the dataset, binds and starts serving on a background thread.
  /// Returns the bound port, or -1 (see last_error()).
  int start();
  void stop();
  [[nodiscard]] bool running() const;
  [[nodiscard]] std::string base_url() const;  ///< http://127.0.0.1:PORT
  [[nodiscard]] int port() const;
  [[nodiscard]] std::string last_error() const;

  Faults& faults();
  [[nodiscard]] Stats stats() const;
  void reset_stats();
  /// The dataset being served (a copy; empty before start()).
  [[nodiscard]] util::Json dataset() const;
  [[nodiscard]] const Options& options() const { return options_; }

 private:
  Options options_;
  Faults faults_;
  std::shared_ptr<const DatasetStore> store_;
  std::unique_ptr<Server> server_;
  std::string last_error_;
};

}  // namespace sim

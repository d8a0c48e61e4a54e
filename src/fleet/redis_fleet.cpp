// The Redis side of the fleet (see redis_fleet.hpp for the keys and the failure rules).
#include "fleet/redis_fleet.hpp"

#include <algorithm>

#include "util/log.hpp"

namespace fleet {
namespace {

using namespace std::chrono_literals;
using Reply = RedisReply::Type;

constexpr auto kFirstBackoff = 250ms;
constexpr auto kLongestBackoff = 5000ms;

// Both window scripts read Redis's clock, so the replicas' own clocks never need to agree. Scores
// are in µs (ms rounding could free a place up to 1 ms early; 1.7e15 µs is exact in a double);
// durations come and go in ms.
//
// KEYS: inflight, done, cooldown. ARGV: limit, window ms, hold ms, id.
// Returns {1, 0} granted, {0, ms} full (ms -1: a place is in flight, unknown), {2, ms} cooling down.
constexpr const char* kReserve = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local cool = redis.call('PTTL', KEYS[3])
if cool > 0 then return {2, cool} end
local window = tonumber(ARGV[2]) * 1000
local hold = tonumber(ARGV[3]) * 1000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
local inflight = redis.call('ZCARD', KEYS[1])
if inflight + redis.call('ZCARD', KEYS[2]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + hold, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) + tonumber(ARGV[2]))
  return {1, 0}
end
if inflight > 0 then return {0, -1} end
local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
return {0, math.ceil((tonumber(oldest[2]) + window - now) / 1000)}
)lua";

// KEYS: inflight, done. ARGV: id, reached ("1"/"0"), window ms.
constexpr const char* kSettle = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZREM', KEYS[1], ARGV[1])
if ARGV[2] == '1' then
  redis.call('ZADD', KEYS[2], now, ARGV[1])
  redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[3]))
end
return 1
)lua";

// KEYS: cooldown. ARGV: pause ms. Lengthens, never shortens.
constexpr const char* kCoolDown = R"lua(
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 1
)lua";

// KEYS: page. Returns {body, ms left} or nil.
constexpr const char* kFindPage = R"lua(
local body = redis.call('GET', KEYS[1])
if not body then return nil end
return {body, redis.call('PTTL', KEYS[1])}
)lua";

bool is_integer_pair(const RedisReply& reply) {
  return reply.type == Reply::kArray && reply.elements.size() == 2 && reply.elements[0].type == Reply::kInteger &&
         reply.elements[1].type == Reply::kInteger;
}

}  // namespace

RedisFleet::RedisFleet(RedisFleetOptions options)
    : options_(std::move(options)),
      inflight_key_(options_.budget_namespace + ":window:inflight"),
      done_key_(options_.budget_namespace + ":window:done"),
      cooldown_key_(options_.budget_namespace + ":cooldown"),
      page_prefix_(options_.cache_namespace + ":page:") {}

RedisFleet::~RedisFleet() = default;

void RedisFleet::trouble(const std::string& why) {
  connection_.reset();
  backoff_ = backoff_.count() == 0 ? std::chrono::milliseconds(kFirstBackoff) : std::min(2 * backoff_, std::chrono::milliseconds(kLongestBackoff));
  retry_at_ = std::chrono::steady_clock::now() + backoff_;
  if (down_) return;
  down_ = true;
  util::log::warn("Redis at {} is unavailable ({}): until it answers, this replica keeps to its own share of the "
                  "rate budget (HALO_RATE_LIMIT / HALO_MCP_REPLICAS) and its own cache; reconnecting with backoff",
                  describe(), why);
}

std::optional<RedisReply> RedisFleet::run(const std::vector<std::string_view>& args) {
  // Never queue behind an operation stuck on a slow Redis for longer than one timeout.
  {
    std::unique_lock lock(turn_mutex_);
    if (!turn_free_.wait_for(lock, options_.timeout, [&] { return !turn_taken_; })) return std::nullopt;
    turn_taken_ = true;
  }
  struct Turn {
    RedisFleet& fleet;
    ~Turn() {
      {
        std::lock_guard lock(fleet.turn_mutex_);
        fleet.turn_taken_ = false;
      }
      fleet.turn_free_.notify_one();
    }
  } turn{*this};
  if (!connection_) {
    if (std::chrono::steady_clock::now() < retry_at_) return std::nullopt;
    auto opened = RedisConnection::open(options_.address, options_.password, options_.timeout);
    if (!opened) {
      trouble(opened.error().message);
      return std::nullopt;
    }
    connection_ = std::move(*opened);
    backoff_ = {};
    if (down_) {
      down_ = false;
      util::log::info("Redis at {} answers again: the replicas share their rate budget and cache again", describe());
    }
  }
  auto reply = connection_->command(args);
  if (!reply) {
    trouble(reply.error().message);
    return std::nullopt;
  }
  if (reply->type == Reply::kError) {
    trouble("it answered: " + reply->text);
    return std::nullopt;
  }
  return std::move(*reply);
}

halo::Fleet::Reservation RedisFleet::reserve(const std::string& id, int limit, std::chrono::milliseconds window,
                                             std::chrono::milliseconds hold) {
  const std::string limit_text = std::to_string(limit), window_text = std::to_string(window.count()),
                    hold_text = std::to_string(hold.count());
  auto reply = run({"EVAL", kReserve, "3", inflight_key_, done_key_, cooldown_key_, limit_text, window_text,
                    hold_text, id});
  if (!reply || !is_integer_pair(*reply)) return {};
  const long long code = reply->elements[0].integer, ms = reply->elements[1].integer;
  if (code == 1) return {Answer::kGranted, std::nullopt};
  if (code == 2) return {Answer::kCoolingDown, std::chrono::milliseconds(ms)};
  if (ms < 0) return {Answer::kFull, std::nullopt};
  return {Answer::kFull, std::chrono::milliseconds(ms)};
}

void RedisFleet::settle(const std::string& id, bool reached_halo, std::chrono::milliseconds window) {
  // Unanswered, the place lapses on its own after `hold` (and counts until then): the safe side.
  (void)run({"EVAL", kSettle, "2", inflight_key_, done_key_, id, reached_halo ? "1" : "0",
             std::to_string(window.count())});
}

void RedisFleet::cool_down(std::chrono::milliseconds pause) {
  if (pause.count() <= 0) return;
  (void)run({"EVAL", kCoolDown, "1", cooldown_key_, std::to_string(pause.count())});
}

std::optional<halo::Fleet::CachedPage> RedisFleet::find_page(const std::string& key) {
  auto reply = run({"EVAL", kFindPage, "1", page_prefix_ + key});
  if (!reply || reply->type != Reply::kArray || reply->elements.size() != 2 ||
      reply->elements[0].type != Reply::kString || reply->elements[1].type != Reply::kInteger) {
    return std::nullopt;
  }
  return CachedPage{std::move(reply->elements[0].text), std::chrono::milliseconds(reply->elements[1].integer)};
}

void RedisFleet::store_page(const std::string& key, const std::string& body, std::chrono::milliseconds ttl) {
  if (body.size() > options_.max_page_bytes || ttl.count() <= 0) return;
  (void)run({"SET", page_prefix_ + key, body, "PX", std::to_string(ttl.count())});
}

util::Result<std::string> RedisFleet::probe() {
  const std::string where = "Redis at " + describe();
  auto connection = RedisConnection::open(options_.address, options_.password, options_.timeout);
  if (!connection) return util::fail(connection.error().kind, where + ": " + connection.error().message);
  auto pong = (*connection)->command({"PING"});
  if (!pong) return util::fail(pong.error().kind, where + ": " + pong.error().message);
  if (pong->type != Reply::kStatus || pong->text != "PONG") {
    return util::fail(util::ErrorKind::kUpstream, where + " answered PING with: " + pong->text);
  }
  return where;
}

}  // namespace fleet

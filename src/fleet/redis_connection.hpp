// One connection to Redis through hiredis, opened with dlopen on first use like libcurl and cairo
// (a deployment without HALO_MCP_REDIS_URL never loads it). Every connect, write and read is
// bounded by the timeout given; after any I/O failure the connection is unusable and the owner
// opens a new one. Not thread-safe: RedisFleet serialises its use.
#pragma once
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fleet/redis_address.hpp"
#include "util/result.hpp"

struct redisContext;  // hiredis's, kept out of this header

namespace fleet {

/// A reply, copied out of hiredis's.
struct RedisReply {
  enum class Type { kString, kArray, kInteger, kNil, kStatus, kError };
  Type type = Type::kNil;
  long long integer = 0;
  std::string text;  ///< kString, kStatus, kError
  std::vector<RedisReply> elements;
};

class RedisConnection {
 public:
  /// Connects, authenticates (when `password` is not empty) and selects the database. kUpstream
  /// errors say what failed, never the password; kConfig when hiredis cannot be loaded.
  [[nodiscard]] static util::Result<std::unique_ptr<RedisConnection>> open(const RedisAddress& address,
                                                                           const std::string& password,
                                                                           std::chrono::milliseconds timeout);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  /// Sends one command and reads its reply. A Redis error reply is a value (Type::kError); an I/O
  /// failure or timeout is a kUpstream error, after which the connection is broken().
  [[nodiscard]] util::Result<RedisReply> command(const std::vector<std::string_view>& args);
  bool broken() const;

 private:
  explicit RedisConnection(redisContext* redis) : redis_(redis) {}
  redisContext* redis_;
};

}  // namespace fleet

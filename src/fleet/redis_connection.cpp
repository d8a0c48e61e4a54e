// hiredis, opened at run time (see redis_connection.hpp), and the copy of its replies.
#include "fleet/redis_connection.hpp"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include "util/runtime_library.hpp"

namespace fleet {
namespace {

/// Debian 12's libhiredis0.14.
constexpr const char* kHiredisSoname = "libhiredis.so.0.14";

/// The hiredis functions used; <hiredis/hiredis.h> gives the types.
struct HiredisApi {
  redisContext* (*connect_with_timeout)(const char* host, int port, const struct timeval tv) = nullptr;
  int (*set_timeout)(redisContext* context, const struct timeval tv) = nullptr;
  void* (*command_argv)(redisContext* context, int argc, const char** argv, const size_t* lengths) = nullptr;
  void (*free_reply)(void* reply) = nullptr;
  void (*free_context)(redisContext* context) = nullptr;
};

util::Result<HiredisApi> load() {
  auto library = util::RuntimeLibrary::open(kHiredisSoname, "libhiredis0.14");
  if (!library) return util::Unexpected(library.error());
  HiredisApi api;
  library->resolve("redisConnectWithTimeout", api.connect_with_timeout)
      .resolve("redisSetTimeout", api.set_timeout)
      .resolve("redisCommandArgv", api.command_argv)
      .resolve("freeReplyObject", api.free_reply)
      .resolve("redisFree", api.free_context);
  if (auto resolved = library->done(); !resolved) return util::Unexpected(resolved.error());
  return api;
}

const util::Result<HiredisApi>& hiredis() {
  static const util::Result<HiredisApi> api = load();  // thread-safe, once; never unloaded
  return api;
}

timeval to_timeval(std::chrono::milliseconds timeout) {
  return timeval{static_cast<time_t>(timeout.count() / 1000), static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
}

RedisReply copy(const redisReply& reply) {
  RedisReply out;
  switch (reply.type) {
    case REDIS_REPLY_STRING: out.type = RedisReply::Type::kString; break;
    case REDIS_REPLY_ARRAY: out.type = RedisReply::Type::kArray; break;
    case REDIS_REPLY_INTEGER: out.type = RedisReply::Type::kInteger; break;
    case REDIS_REPLY_STATUS: out.type = RedisReply::Type::kStatus; break;
    case REDIS_REPLY_ERROR: out.type = RedisReply::Type::kError; break;
    default: out.type = RedisReply::Type::kNil; break;
  }
  out.integer = reply.integer;
  if (reply.str != nullptr) out.text.assign(reply.str, reply.len);
  out.elements.reserve(reply.elements);
  for (std::size_t i = 0; i < reply.elements; ++i) out.elements.push_back(copy(*reply.element[i]));
  return out;
}

}  // namespace

util::Result<std::unique_ptr<RedisConnection>> RedisConnection::open(const RedisAddress& address,
                                                                     const std::string& password,
                                                                     std::chrono::milliseconds timeout) {
  const auto& api = hiredis();
  if (!api) return util::Unexpected(api.error());
  redisContext* redis = api->connect_with_timeout(address.host.c_str(), address.port, to_timeval(timeout));
  if (redis == nullptr) return util::fail(util::ErrorKind::kUpstream, "out of memory connecting to Redis");
  std::unique_ptr<RedisConnection> connection(new RedisConnection(redis));
  if (redis->err != 0) return util::fail(util::ErrorKind::kUpstream, std::string("cannot connect: ") + redis->errstr);
  // Reads and writes, not only the connect, give up after the timeout.
  if (api->set_timeout(redis, to_timeval(timeout)) != REDIS_OK) {
    return util::fail(util::ErrorKind::kUpstream, std::string("cannot set the timeout: ") + redis->errstr);
  }
  auto expect_ok = [&](const std::vector<std::string_view>& args, const char* what) -> util::Result<void> {
    auto reply = connection->command(args);
    if (!reply) return util::Unexpected(reply.error());
    if (reply->type == RedisReply::Type::kError) {
      return util::fail(util::ErrorKind::kUpstream, std::string(what) + " refused: " + reply->text);
    }
    return {};
  };
  if (!password.empty()) {
    if (auto ok = expect_ok({"AUTH", password}, "AUTH"); !ok) return util::Unexpected(ok.error());
  }
  if (address.db != 0) {
    const std::string db = std::to_string(address.db);
    if (auto ok = expect_ok({"SELECT", db}, "SELECT"); !ok) return util::Unexpected(ok.error());
  }
  return connection;
}

RedisConnection::~RedisConnection() { hiredis()->free_context(redis_); }

bool RedisConnection::broken() const { return redis_->err != 0; }

util::Result<RedisReply> RedisConnection::command(const std::vector<std::string_view>& args) {
  if (broken()) return util::fail(util::ErrorKind::kUpstream, std::string("connection lost: ") + redis_->errstr);
  std::vector<const char*> pointers;
  std::vector<std::size_t> lengths;
  pointers.reserve(args.size());
  lengths.reserve(args.size());
  for (std::string_view arg : args) {
    pointers.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  void* raw = hiredis()->command_argv(redis_, static_cast<int>(args.size()), pointers.data(), lengths.data());
  if (raw == nullptr) {
    return util::fail(util::ErrorKind::kUpstream, std::string("no reply: ") + redis_->errstr);
  }
  RedisReply reply = copy(*static_cast<redisReply*>(raw));
  hiredis()->free_reply(raw);
  return reply;
}

}  // namespace fleet

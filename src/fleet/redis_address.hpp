// Where the shared Redis is: HALO_MCP_REDIS_URL, `redis://host[:port][/db]`. A password never goes
// in the URL (URLs end up in logs and process listings): it comes from HALO_MCP_REDIS_PASSWORD_FILE.
#pragma once
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace fleet {

struct RedisAddress {
  std::string host;
  int port = 6379;
  int db = 0;
  /// host:port/db, for log lines (never holds a secret).
  std::string describe() const;
};

/// kConfig errors name HALO_MCP_REDIS_URL and say what is wrong.
[[nodiscard]] util::Result<RedisAddress> parse_redis_url(std::string_view url);

}  // namespace fleet

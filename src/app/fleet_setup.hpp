// Joining the replicas of a deployment (docs/scale-out.md): HALO_MCP_REDIS_URL (with
// HALO_MCP_REDIS_PASSWORD_FILE) shares Halo's rate budget and the list-page cache on Redis;
// HALO_MCP_REPLICAS says how many replicas there are, so that each keeps to its share of the
// budget whenever Redis is not there to share it (always, when no Redis is configured).
#pragma once
#include "halo/client.hpp"
#include "halo/config.hpp"
#include "util/result.hpp"

namespace app {

/// The fleet link for the Halo client, from the settings. Without HALO_MCP_REDIS_URL the link is
/// empty and, when HALO_MCP_REPLICAS > 1, `config`'s rate limit is lowered to the share. kConfig
/// errors name the variable.
[[nodiscard]] util::Result<halo::FleetLink> join_fleet(const halo::Settings& settings, halo::Config& config);

}  // namespace app

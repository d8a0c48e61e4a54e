#include "app/fleet_setup.hpp"

#include <charconv>

#include "fleet/redis_fleet.hpp"
#include "util/log.hpp"

namespace app {

util::Result<halo::FleetLink> join_fleet(const halo::Settings& settings, halo::Config& config) {
  halo::FleetLink link;
  if (auto replicas = settings.get("HALO_MCP_REPLICAS")) {
    const std::string& text = *replicas;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), link.replicas);
    if (ec != std::errc() || end != text.data() + text.size() || link.replicas < 1 || link.replicas > 1000) {
      return util::fail(util::ErrorKind::kConfig, "HALO_MCP_REPLICAS: expected a whole number from 1 to 1000, got '" +
                                                      text + "'");
    }
  }
  const auto url = settings.get("HALO_MCP_REDIS_URL");
  if (!url) {
    if (link.replicas > 1) {
      const int share = std::max(1, config.rate_limit_requests / link.replicas);
      util::log::info("HALO_MCP_REPLICAS={} and no HALO_MCP_REDIS_URL: this replica keeps to {} Halo requests per {} s",
                      link.replicas, share, config.rate_limit_window.count());
      config.rate_limit_requests = share;
    }
    link.replicas = 1;
    return link;
  }
  auto address = fleet::parse_redis_url(*url);
  if (!address) return util::Unexpected(address.error());
  fleet::RedisFleetOptions options;
  options.address = std::move(*address);
  if (auto file = settings.get("HALO_MCP_REDIS_PASSWORD_FILE")) {
    auto password = halo::read_secret_file("HALO_MCP_REDIS_PASSWORD_FILE", *file);
    if (!password) return util::Unexpected(password.error());
    options.password = std::move(*password);
  }
  // The window is Halo's, per tenant; cached pages are what one API client may read.
  options.budget_namespace = "halo-psa-mcp:" + config.instance_url;
  options.cache_namespace = options.budget_namespace + "|" + config.client_id;
  auto shared = std::make_shared<fleet::RedisFleet>(std::move(options));
  util::log::info("sharing the Halo rate budget ({} requests per {} s) and cache with the other replicas on Redis at {}",
                  config.rate_limit_requests, config.rate_limit_window.count(), shared->describe());
  link.fleet = std::move(shared);
  return link;
}

}  // namespace app

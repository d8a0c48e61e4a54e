// Joining a fleet from the settings (app/fleet_setup.hpp): Redis on or off, the replicas' share
// without Redis, and errors that name the variable and never echo a password.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/fleet_setup.hpp"

namespace {

halo::Settings settings_of(std::map<std::string, std::string> values) {
  halo::ConfigSources sources;
  sources.overrides = std::move(values);
  sources.env_file = "/dev/null";  // never the working directory's .env
  auto settings = halo::Settings::load(sources);
  EXPECT_TRUE(settings) << settings.error().message;
  return *settings;
}

halo::Config config_with_limit(int limit) {
  halo::Config config;
  config.instance_url = "https://msp.halopsa.com";
  config.client_id = "mcp-client";
  config.rate_limit_requests = limit;
  return config;
}

TEST(FleetSetup, NothingConfiguredSharesNothingAndChangesNothing) {
  auto config = config_with_limit(300);
  auto link = app::join_fleet(settings_of({}), config);
  ASSERT_TRUE(link) << link.error().message;
  EXPECT_EQ(link->fleet, nullptr);
  EXPECT_EQ(config.rate_limit_requests, 300);
}

TEST(FleetSetup, ReplicasWithoutRedisEachKeepToTheirShare) {
  auto config = config_with_limit(300);
  auto link = app::join_fleet(settings_of({{"HALO_MCP_REPLICAS", "3"}}), config);
  ASSERT_TRUE(link) << link.error().message;
  EXPECT_EQ(link->fleet, nullptr);
  EXPECT_EQ(config.rate_limit_requests, 100);  // 300 / 3
  // 300 / 7 = 42.86: rounded down, or seven replicas would together send 301.
  auto seven = config_with_limit(300);
  ASSERT_TRUE(app::join_fleet(settings_of({{"HALO_MCP_REPLICAS", "7"}}), seven));
  EXPECT_EQ(seven.rate_limit_requests, 42);
}

TEST(FleetSetup, RedisSharesTheWholeBudgetAndKeepsTheReplicaCountForItsFallback) {
  auto config = config_with_limit(300);
  auto link = app::join_fleet(settings_of({{"HALO_MCP_REDIS_URL", "redis://127.0.0.1:6390/1"}, {"HALO_MCP_REPLICAS", "3"}}),
                              config);
  ASSERT_TRUE(link) << link.error().message;
  EXPECT_NE(link->fleet, nullptr) << "no connection is needed to join: Redis may come later";
  EXPECT_EQ(link->replicas, 3);
  EXPECT_EQ(config.rate_limit_requests, 300) << "the fleet shares the whole budget";
}

TEST(FleetSetup, BadSettingsAreErrorsNamingTheVariable) {
  auto config = config_with_limit(300);
  for (const char* bad : {"0", "-1", "three", "1001", "2.5"}) {
    auto link = app::join_fleet(settings_of({{"HALO_MCP_REPLICAS", bad}}), config);
    ASSERT_FALSE(link) << bad;
    EXPECT_EQ(link.error().message, std::string("HALO_MCP_REPLICAS: expected a whole number from 1 to 1000, got '") + bad + "'");
  }
  auto url = app::join_fleet(settings_of({{"HALO_MCP_REDIS_URL", "redis://user:s3cret-pw@redis:6379"}}), config);
  ASSERT_FALSE(url);
  EXPECT_EQ(url.error().message.rfind("HALO_MCP_REDIS_URL: ", 0), 0u) << url.error().message;
  EXPECT_EQ(url.error().message.find("s3cret-pw"), std::string::npos);
  auto file = app::join_fleet(settings_of({{"HALO_MCP_REDIS_URL", "redis://redis"},
                                           {"HALO_MCP_REDIS_PASSWORD_FILE", "/nonexistent/redis_password"}}),
                              config);
  ASSERT_FALSE(file);
  EXPECT_NE(file.error().message.find("HALO_MCP_REDIS_PASSWORD_FILE"), std::string::npos) << file.error().message;
}

}  // namespace

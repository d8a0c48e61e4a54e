// `halo-psa-mcp check` of a replica sharing on Redis (the real executable against the standalone
// simulator and a real redis-server): after the data sources, a row says whether this replica
// reaches Redis; unreachable fails the check (the deployment is not what it was configured to be)
// without touching the data sources' rows.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "check_run.hpp"
#include "sim_process.hpp"
#include "support/redis_server.hpp"

using nlohmann::json;
using namespace testsupport;

namespace {

const std::size_t kSources = kCheckSources.size();

// Replicas sharing on Redis: `check` ends with a row saying whether this replica reaches it.
TEST(Check, RedisRowSaysWhetherTheReplicasCanShare) {
  SimProcess sim;
  ASSERT_FALSE(sim.url().empty());
  RedisServer redis;
  ProcessOptions options;
  options.cwd = "/tmp";
  options.env = {{"HALO_INSTANCE_URL", sim.url()}, {"HALO_CLIENT_ID", "demo-client"}, {"HALO_CLIENT_SECRET", "demo-secret"}};
  options.env["HALO_MCP_REDIS_URL"] = redis.url();
  options.env["HALO_RATE_LIMIT"] = "120";
  options.env["HALO_RATE_WINDOW_S"] = "60";
  int status = -1;
  auto report = check_json(options, status);
  ASSERT_EQ(status, 0) << report.dump(2);
  ASSERT_EQ(report["sources"].size(), kSources + 1) << report.dump(2);
  const json& row = report["sources"].back();
  EXPECT_EQ(row["source"], "redis");
  EXPECT_EQ(row["status"], "OK");
  const std::string where = "Redis at 127.0.0.1:" + std::to_string(redis.port()) + "/0";
  EXPECT_EQ(row["detail"], where + ": the replicas share 120 requests per 60 s and their cache");

  // Nobody on that port (Redis gone): the data sources are still fine, the row and the exit say not.
  redis.kill();
  report = check_json(options, status);
  EXPECT_EQ(status, 1);
  EXPECT_FALSE(report["ok"].get<bool>());
  const json& gone = report["sources"].back();
  EXPECT_EQ(gone["status"], "unreachable");
  const std::string detail = gone["detail"];
  EXPECT_EQ(detail.rfind(where + ": cannot connect: Connection refused.", 0), 0u) << detail;
  EXPECT_NE(detail.find("HALO_RATE_LIMIT / HALO_MCP_REPLICAS"), std::string::npos) << detail;
  for (std::size_t i = 0; i < kSources; ++i) EXPECT_EQ(report["sources"][i]["status"], "OK");
}

}  // namespace

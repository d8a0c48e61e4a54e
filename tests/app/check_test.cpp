// `halo-psa-mcp check` against the standalone simulator: all sources readable -> exit 0; one
// permission removed -> the table names that source and the permission to grant, exit 1.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sim_process.hpp"

using nlohmann::json;
using namespace testsupport;

namespace {

ProcessOptions env_for(const std::string& url) {
  ProcessOptions options;
  options.cwd = "/tmp";
  options.env = {{"HALO_INSTANCE_URL", url}, {"HALO_CLIENT_ID", "demo-client"}, {"HALO_CLIENT_SECRET", "demo-secret"}};
  return options;
}

TEST(Check, HealthyInstanceIsAllOk) {
  SimProcess sim;
  ASSERT_FALSE(sim.url().empty());
  auto r = run({build_path("halo-psa-mcp"), "check", "--json"}, env_for(sim.url()));
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  auto report = json::parse(r.out);
  EXPECT_TRUE(report["ok"].get<bool>());
  EXPECT_GE(report["sources"].size(), 10u);
  for (const auto& row : report["sources"]) EXPECT_EQ(row["status"], "OK") << row.dump();
}

TEST(Check, MissingContractsPermissionIsNamed) {
  SimProcess sim({"--faults", R"({"status_for":{"/api/ClientContract":403}})"});
  ASSERT_FALSE(sim.url().empty()) << sim.stderr_text();
  auto r = run({build_path("halo-psa-mcp"), "check"}, env_for(sim.url()));
  EXPECT_EQ(r.status, 1);
  bool found = false;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("contracts", 0) == 0) {
      found = true;
      EXPECT_NE(line.find("missing permission"), std::string::npos) << line;
      EXPECT_NE(line.find("Contracts"), std::string::npos) << line;
    } else if (line.rfind("tickets", 0) == 0 || line.rfind("clients", 0) == 0) {
      EXPECT_NE(line.find("OK"), std::string::npos) << line;
    }
  }
  EXPECT_TRUE(found) << r.out;
}

TEST(Check, BadCredentialsSayWhatToCheck) {
  SimProcess sim;
  ASSERT_FALSE(sim.url().empty());
  auto options = env_for(sim.url());
  options.env["HALO_CLIENT_SECRET"] = "not-the-secret";
  auto r = run({build_path("halo-psa-mcp"), "check"}, options);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("login failed"), std::string::npos) << r.out;
}

}  // namespace

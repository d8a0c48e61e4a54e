// `halo-psa-mcp check` against the standalone simulator: a "login" row first, then one row per
// data source. Healthy -> every row OK, exit 0; one permission removed -> only that row fails;
// bad credentials or an unreachable/unresponsive Halo -> the login (or first) row says so and
// the table stops there, quickly, exit 1.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>

#include "check_run.hpp"
#include "sim_process.hpp"
#include "support/loopback.hpp"

using nlohmann::json;
using namespace testsupport;

namespace {

const std::vector<std::string>& kSources = kCheckSources;

ProcessOptions env_for(const std::string& url) {
  ProcessOptions options;
  options.cwd = "/tmp";
  options.env = {{"HALO_INSTANCE_URL", url}, {"HALO_CLIENT_ID", "demo-client"}, {"HALO_CLIENT_SECRET", "demo-secret"}};
  return options;
}


TEST(Check, HealthyInstanceIsAllOk) {
  SimProcess sim;
  ASSERT_FALSE(sim.url().empty());
  int status = -1;
  auto report = check_json(env_for(sim.url()), status);
  ASSERT_EQ(status, 0) << report.dump(2);
  EXPECT_TRUE(report["ok"].get<bool>());
  ASSERT_EQ(report["sources"].size(), kSources.size()) << report.dump(2);
  for (std::size_t i = 0; i < kSources.size(); ++i) {
    const auto& row = report["sources"][i];
    EXPECT_EQ(row["source"], kSources[i]);
    EXPECT_EQ(row["status"], "OK") << row.dump();
  }
  EXPECT_EQ(report["sources"][0]["endpoint"], "/auth/token");
  EXPECT_TRUE(report["not_probed"].empty());

  // The tenant's billing-period table, learned from one detail per code. The simulated tenant
  // labels contract code 9 "Six Monthly" (the built-in table: four-yearly) and code 2 "Monthly".
  const json* nine = nullptr;
  const json* two = nullptr;
  for (const auto& line : report["billing_periods"]) {
    if (line["kind"] == "contract" && line["code"] == 9) nine = &line;
    if (line["kind"] == "contract" && line["code"] == 2) two = &line;
  }
  ASSERT_NE(nine, nullptr) << report["billing_periods"].dump();
  EXPECT_EQ(nine->at("label"), "Six Monthly");
  EXPECT_EQ(nine->at("period"), "half-yearly");
  EXPECT_TRUE(nine->at("differs_from_built_in").get<bool>());
  ASSERT_NE(two, nullptr);
  EXPECT_EQ(two->at("period"), "monthly");
  EXPECT_FALSE(two->at("differs_from_built_in").get<bool>());
}

// An on-premise Halo whose authorisation server is not at {instance}/auth: with HALO_AUTH_URL
// unset, the 404 there leads to /api/authinfo, which names it; check says so and tools work.
TEST(Check, OnPremiseAuthorisationServerIsFoundThroughAuthinfo) {
  SimProcess sim({"--auth-path", "/identity"});
  ASSERT_FALSE(sim.url().empty()) << sim.stderr_text();
  int status = -1;
  auto report = check_json(env_for(sim.url()), status);
  ASSERT_EQ(status, 0) << report.dump(2);
  const auto& login = report["sources"][0];
  EXPECT_EQ(login["status"], "OK") << login.dump();
  const std::string detail = login["detail"];
  EXPECT_NE(detail.find("/api/authinfo"), std::string::npos) << detail;
  EXPECT_NE(detail.find(sim.url() + "/identity"), std::string::npos) << detail;

  auto call = run({build_path("halo-psa-mcp"), "call", "list_clients", "{\"page_size\":1}", "--json"}, env_for(sim.url()));
  EXPECT_EQ(call.status, 0) << call.err;
  EXPECT_NE(call.out.find("\"record_count\""), std::string::npos) << call.out;
}

/// Removes one permission in the simulator and asserts every row: only `failing` fails.
void expect_only_row_fails(const std::string& endpoint, const std::string& failing,
                           const std::string& permission) {
  SimProcess sim({"--faults", json{{"status_for", {{endpoint, 403}}}}.dump()});
  ASSERT_FALSE(sim.url().empty()) << sim.stderr_text();
  int status = -1;
  auto report = check_json(env_for(sim.url()), status);
  EXPECT_EQ(status, 1);
  EXPECT_FALSE(report["ok"].get<bool>());
  ASSERT_EQ(report["sources"].size(), kSources.size()) << "one refusal must not stop the table";
  for (const auto& row : report["sources"]) {
    if (row["source"] == failing) {
      EXPECT_EQ(row["status"], "missing permission") << row.dump();
      EXPECT_EQ(row["endpoint"], endpoint);
      const auto detail = row["detail"].get<std::string>();
      EXPECT_NE(detail.find(permission), std::string::npos) << detail;
      EXPECT_NE(detail.find("revenue_breakdown"), std::string::npos) << "the row must name the tools: " << detail;
    } else {
      EXPECT_EQ(row["status"], "OK") << row.dump();
    }
  }
}

TEST(Check, MissingContractsPermissionFailsOnlyThatRow) {
  expect_only_row_fails("/api/ClientContract", "contracts", "read:contracts");
}

TEST(Check, MissingCustomersPermissionNamesRevenueBreakdown) {
  // revenue_breakdown reads /api/Client for the client currency: the row must say so.
  expect_only_row_fails("/api/Client", "clients", "read:customers");
}

TEST(Check, MissingProjectsPermissionNamesRevenueBreakdown) {
  expect_only_row_fails("/api/Projects", "projects", "read:projects");
}

TEST(Check, HumanTableNamesTheMissingPermission) {
  SimProcess sim({"--faults", R"({"status_for":{"/api/ClientContract":403}})"});
  ASSERT_FALSE(sim.url().empty()) << sim.stderr_text();
  auto r = run({build_path("halo-psa-mcp"), "check"}, env_for(sim.url()));
  EXPECT_EQ(r.status, 1);
  int rows = 0;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    for (const auto& source : kSources) {
      if (line.rfind(source + " ", 0) != 0) continue;  // no source name prefixes another's
      ++rows;
      if (source == "contracts") {
        EXPECT_NE(line.find("missing permission"), std::string::npos) << line;
        EXPECT_NE(line.find("read:contracts"), std::string::npos) << line;
      } else {
        EXPECT_NE(line.find(" OK "), std::string::npos) << line;
      }
    }
  }
  EXPECT_EQ(rows, int(kSources.size())) << r.out;
  EXPECT_NE(r.out.find("Some sources are not readable"), std::string::npos) << r.out;
}

TEST(Check, BadCredentialsFailTheLoginRowAndStop) {
  SimProcess sim;
  ASSERT_FALSE(sim.url().empty());
  auto options = env_for(sim.url());
  options.env["HALO_CLIENT_SECRET"] = "not-the-secret";
  int status = -1;
  auto report = check_json(options, status);
  EXPECT_EQ(status, 1);
  ASSERT_EQ(report["sources"].size(), 1u) << report.dump(2);
  EXPECT_EQ(report["sources"][0]["source"], "login");
  EXPECT_EQ(report["sources"][0]["status"], "login failed");
  EXPECT_NE(report["sources"][0]["detail"].get<std::string>().find("HALO_CLIENT_SECRET"), std::string::npos);
  EXPECT_EQ(report["not_probed"].size(), kSources.size() - 1);
  EXPECT_EQ(report.dump().find("not-the-secret"), std::string::npos) << "the secret was echoed";

  auto r = run({build_path("halo-psa-mcp"), "check"}, options);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out.find("tickets"), std::string::npos) << "the table must stop at login: " << r.out;
  EXPECT_NE(r.out.find("login failed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Stopped"), std::string::npos) << r.out;
}

TEST(Check, UnreachableInstanceIsOneClearRowQuickly) {
  const auto url = "http://127.0.0.1:" + std::to_string(free_port());
  const auto start = std::chrono::steady_clock::now();
  int status = -1;
  auto report = check_json(env_for(url), status);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(status, 1);
  ASSERT_EQ(report["sources"].size(), 1u) << report.dump(2);
  EXPECT_EQ(report["sources"][0]["source"], "login");
  EXPECT_EQ(report["sources"][0]["status"], "unreachable") << report.dump(2);
  // Default retries (4 attempts, 0.5 s backoff doubling) bound it to a few seconds.
  EXPECT_LT(elapsed, std::chrono::seconds(10));
}

TEST(Check, AStalledSourceTimesOutWithinItsOwnBudgetAndStops) {
  // The token endpoint answers; every /api request stalls. Each probe's deadline comes from
  // HALO_REQUEST_TIMEOUT_MS x HALO_MAX_ATTEMPTS (+ backoff), not a fixed minute.
  SimProcess sim({"--faults", R"({"stall_ms":20000})"});
  ASSERT_FALSE(sim.url().empty()) << sim.stderr_text();
  auto options = env_for(sim.url());
  options.env["HALO_REQUEST_TIMEOUT_MS"] = "300";
  options.env["HALO_MAX_ATTEMPTS"] = "2";
  const auto start = std::chrono::steady_clock::now();
  int status = -1;
  auto report = check_json(options, status);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(status, 1);
  ASSERT_EQ(report["sources"].size(), 2u) << report.dump(2);
  EXPECT_EQ(report["sources"][0]["status"], "OK");
  EXPECT_EQ(report["sources"][1]["source"], "tickets");
  EXPECT_EQ(report["sources"][1]["status"], "timed out") << report.dump(2);
  EXPECT_LT(elapsed, std::chrono::seconds(6));
}

}  // namespace

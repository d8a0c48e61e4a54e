// `halo-psa-mcp check --json` run as a child process, and the rows it prints for the simulator's
// tenant: shared by the check tests (tests/app) and the Redis row's test (tests/fleet).
#pragma once
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace testsupport {

// Login, then one row per Halo area a registered tool reads.
inline const std::vector<std::string> kCheckSources = {
    "login",    "tickets", "ticket actions", "clients", "sites",  "contracts",
    "invoices", "recurring invoices",        "projects", "assets", "agents",   "reports"};

/// The JSON report of `check --json` with `options`; `status` gets its exit status.
inline nlohmann::json check_json(const ProcessOptions& options, int& status) {
  auto r = run({build_path("halo-psa-mcp"), "check", "--json"}, options);
  status = r.status;
  auto report = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(report.is_discarded()) << r.out << r.err;
  return report;
}

}  // namespace testsupport

#include "app/check_command.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "halo/http_engine.hpp"
#include "halo/token_provider.hpp"
#include "tools/catalog_docs.hpp"
#include "tools/tenant_periods.hpp"
#include "tools/tool_deps.hpp"
#include "util/json.hpp"

namespace app {
namespace {

using Clock = std::chrono::steady_clock;

/// How long one probe may take: every attempt may use the whole request timeout, and retries
/// wait up to the capped backoff between attempts. One budget per probe (not one for the whole
/// table) so a slow row cannot starve the rows after it.
std::chrono::milliseconds probe_budget(const halo::Config& config) {
  auto budget = config.request_timeout * config.max_attempts;
  auto delay = config.backoff_base;
  for (int retry = 1; retry < config.max_attempts; ++retry) {
    budget += std::min(delay, config.max_backoff);
    delay = std::min(delay * 2, config.max_backoff);
  }
  return budget;
}

/// A failure that every later request would repeat (no login, no route to Halo): the table
/// stops there instead of printing the same slow error for every source.
bool fails_everything(util::ErrorKind kind) {
  return kind == util::ErrorKind::kAuth || kind == util::ErrorKind::kNetwork ||
         kind == util::ErrorKind::kTimeout || kind == util::ErrorKind::kConfig;
}

std::string path_of(const std::string& url) {
  const auto scheme = url.find("://");
  const auto start = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return start == std::string::npos ? "/" : url.substr(start);
}

struct Row {
  std::string source, endpoint, status, detail, tools;
};

/// Status and detail of a failed request, with the fix.
void describe_failure(const util::Error& error, std::string_view permission, std::string_view tools, Row& row) {
  switch (error.kind) {
    case util::ErrorKind::kPermission:
      row.status = "missing permission";
      row.detail = "grant the API application " + std::string(permission) + "; needed by " + std::string(tools);
      break;
    case util::ErrorKind::kAuth:
      row.status = "login failed";
      row.detail = util::describe(error);
      if (error.hint.empty()) row.detail += " Check HALO_CLIENT_ID / HALO_CLIENT_SECRET / HALO_TENANT and HALO_SCOPE.";
      break;
    case util::ErrorKind::kNetwork:
      row.status = "unreachable";
      row.detail = util::describe(error);
      break;
    case util::ErrorKind::kTimeout:
      row.status = "timed out";
      row.detail = util::describe(error);
      break;
    default:
      row.status = "error";
      row.detail = util::describe(error);
  }
}

/// The "login" row: a token from the authorisation server, fetched on its own so a bad secret
/// is reported as a login problem rather than as the first data source.
bool check_login(const halo::Config& config, std::chrono::milliseconds budget, Row& row) {
  row = Row{"login", path_of(config.auth_url + "/token"), "OK", "", ""};
  halo::HttpEngine engine(1, config.ca_file);
  std::atomic<std::uint64_t> fetches{0};
  halo::TokenProvider tokens(config, engine, fetches);
  auto token = tokens.token(util::CancellationToken{}, Clock::now() + budget);
  if (token) {
    row.detail = "token issued (scope " + config.scope + ")";
    if (auto found = tokens.discovered_auth_url()) {
      row.detail += "; no token endpoint at " + path_of(config.auth_url) + ": Halo's /api/authinfo named the "
                    "authorisation server " + *found + " (set HALO_AUTH_URL to it to skip the discovery)";
    }
    return true;
  }
  describe_failure(token.error(), {}, {}, row);
  return false;
}

}  // namespace

int run_check(tools::ToolDeps& deps, const tools::ToolSelection& selection, bool json) {
  halo::Client& client = deps.client;
  const auto& config = client.config();
  const auto budget = probe_budget(config);
  // One request per source the offered tools read; page_size 1 keeps each probe to a few hundred bytes.
  const std::vector<tools::SourceUse> probes = tools::sources_in_use(selection);

  std::vector<Row> rows(1);
  bool stopped = check_login(config, budget, rows.front()) == false;
  int failures = stopped ? 1 : 0;
  std::size_t probed = 0;
  for (const auto& probe : probes) {
    if (stopped) break;
    ++probed;
    const tools::Source& source = *probe.source;
    halo::CallOptions options;
    options.use_cache = false;
    options.deadline = Clock::now() + budget;
    halo::Params params;
    if (!source.paged) params.emplace_back("count", "1");
    auto page = source.paged ? client.list_page(source.path, params, source.key, 1, 1, options)
                             : client.list_unpaged(source.path, params, source.key, options);
    Row row{std::string(source.label), "/api/" + std::string(source.path), "OK", "", probe.tools};
    if (page) {
      // Unpaged endpoints were asked for one record (count=1): their count says nothing.
      row.detail = source.paged ? std::to_string(page->record_count) + " record(s)" : std::string("readable");
    } else {
      ++failures;
      describe_failure(page.error(), source.permission, probe.tools, row);
      stopped = fails_everything(page.error().kind);
    }
    rows.push_back(std::move(row));
  }
  const std::size_t not_probed = probes.size() - probed;

  // Replicas share the budget and cache on Redis: say whether this one can reach it (a deployment
  // whose Redis is wrong still works, each replica alone within its share: worth knowing now).
  if (halo::Fleet* fleet = client.fleet()) {
    auto reached = fleet->probe();
    Row row{"redis", "", "OK", "", "every tool (shared rate budget and cache)"};
    if (reached) {
      row.endpoint = *reached;
      row.detail = *reached + ": the replicas share " + std::to_string(config.rate_limit_requests) + " requests per " +
                   std::to_string(config.rate_limit_window.count()) + " s and their cache";
    } else {
      ++failures;
      row.status = "unreachable";
      row.detail = reached.error().message +
                   ". Until it answers each replica keeps to HALO_RATE_LIMIT / HALO_MCP_REPLICAS alone: check "
                   "HALO_MCP_REDIS_URL, HALO_MCP_REDIS_PASSWORD_FILE and the network";
    }
    rows.push_back(std::move(row));
  }

  // The tenant's billing-period codes, when contracts can be read: the labels decide, and a code the
  // built-in table reads otherwise is flagged (monthly values follow the label).
  std::vector<tools::PeriodTableLine> period_lines;
  std::string period_error;
  const bool contracts_read = std::any_of(rows.begin(), rows.end(), [](const Row& r) {
    return r.source == "contracts" && r.status == "OK";
  });
  if (!stopped && contracts_read) {
    halo::CallOptions options;
    options.deadline = Clock::now() + budget;
    auto table = tools::tenant_period_table(client, deps.periods, *deps.tenant_periods, options);
    if (table) {
      period_lines = std::move(*table);
    } else {
      period_error = util::describe(table.error());
    }
  }
  auto period_text = [](const tools::PeriodTableLine& line) {
    std::string text = std::string(line.kind == tools::PeriodKind::kContract ? "contracts" : "recurring invoices") +
                       ": code " + std::to_string(line.code) + " = " +
                       (line.label.empty() ? std::string("(no label)") : "'" + line.label + "'") + " -> " +
                       line.period.value_or("unknown: not counted in MRR (map it with HALO_PERIOD_CODES)");
    if (line.differs) text += "  [the built-in table reads this code otherwise: Halo's label is used]";
    return text;
  };

  if (json) {
    util::Json sources = util::Json::array();
    for (const auto& row : rows) {
      sources.push_back({{"source", row.source}, {"endpoint", row.endpoint}, {"status", row.status},
                         {"detail", row.detail}, {"tools", row.tools}});
    }
    util::Json skipped = util::Json::array();
    for (std::size_t i = probed; i < probes.size(); ++i) skipped.push_back(probes[i].source->label);
    util::Json periods = util::Json::array();
    for (const auto& line : period_lines) {
      periods.push_back({{"kind", line.kind == tools::PeriodKind::kContract ? "contract" : "recurring_invoice"},
                         {"code", line.code},
                         {"label", line.label},
                         {"period", line.period ? util::Json(*line.period) : util::Json(nullptr)},
                         {"differs_from_built_in", line.differs}});
    }
    std::cout << util::Json{{"instance", config.instance_url}, {"ok", failures == 0}, {"toolsets", selection.describe()},
                            {"sources", sources}, {"not_probed", skipped}, {"billing_periods", periods}}.dump(2)
              << '\n';
  } else {
    std::printf("Halo instance: %s\ntoolsets: %s\n\n", config.instance_url.c_str(), selection.describe().c_str());
    std::printf("%-20s %-20s %s\n", "source", "status", "detail");
    for (const auto& row : rows) {
      std::printf("%-20s %-20s %s\n", row.source.c_str(), row.status.c_str(), row.detail.c_str());
    }
    if (not_probed > 0) {
      std::printf("\nStopped: the other %zu sources were not probed (they would fail the same way).\n",
                  not_probed);
    }
    if (!period_lines.empty()) {
      std::printf("\nBilling-period codes this Halo uses (learned from its records' labels):\n");
      for (const auto& line : period_lines) std::printf("  %s\n", period_text(line).c_str());
    }
    if (!period_error.empty()) std::printf("\nBilling-period codes: could not be read: %s\n", period_error.c_str());
    std::printf("\n%s\n", failures == 0 ? "All data sources are readable: the tools are ready."
                                        : "Some sources are not readable: the tools that need them will report errors.");
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace app

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
    return true;
  }
  describe_failure(token.error(), {}, {}, row);
  return false;
}

}  // namespace

int run_check(halo::Client& client, const tools::ToolSelection& selection, bool json) {
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

  if (json) {
    util::Json sources = util::Json::array();
    for (const auto& row : rows) {
      sources.push_back({{"source", row.source}, {"endpoint", row.endpoint}, {"status", row.status},
                         {"detail", row.detail}, {"tools", row.tools}});
    }
    util::Json skipped = util::Json::array();
    for (std::size_t i = probed; i < probes.size(); ++i) skipped.push_back(probes[i].source->label);
    std::cout << util::Json{{"instance", config.instance_url}, {"ok", failures == 0}, {"toolsets", selection.describe()},
                            {"sources", sources}, {"not_probed", skipped}}.dump(2)
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
    std::printf("\n%s\n", failures == 0 ? "All data sources are readable: the tools are ready."
                                        : "Some sources are not readable: the tools that need them will report errors.");
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace app

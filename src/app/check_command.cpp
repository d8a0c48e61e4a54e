#include "app/check_command.hpp"

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "util/json.hpp"

namespace app {
namespace {

struct Probe {
  const char* source;     ///< what a person calls it
  const char* path;       ///< Halo endpoint under /api
  const char* key;        ///< envelope key ("" for a bare array)
  bool paged;
  const char* tools;      ///< which tools need it
  const char* permission; ///< what to grant when it is refused
};

// One request per source; page_size 1 keeps each probe to a few hundred bytes.
const Probe kProbes[] = {
    {"tickets", "Tickets", "tickets", true, "list_tickets, get_ticket", "Tickets: read (scope read:tickets)"},
    {"ticket actions", "Actions", "actions", false, "list_ticket_actions, list_time_entries", "Tickets: read (scope read:tickets)"},
    {"timesheets", "TimesheetEvent", "", false, "list_time_entries (by agent/client)", "Timesheets: read"},
    {"clients", "Client", "clients", true, "list_clients, get_client", "Customers: read (scope read:customers)"},
    {"sites", "Site", "sites", true, "list_sites, get_site", "Customers: read (scope read:customers)"},
    {"contracts", "ClientContract", "contracts", true, "list_contracts, get_contract, revenue_breakdown", "Contracts: read (scope read:contracts)"},
    {"invoices", "Invoice", "invoices", true, "list_invoices, get_invoice, revenue_breakdown", "Invoices / Billing: read (scope read:invoices)"},
    {"recurring invoices", "RecurringInvoice", "invoices", true, "list_recurring_invoices, revenue_breakdown", "Invoices / Billing: read (scope read:invoices)"},
    {"projects", "Projects", "tickets", true, "list_projects, get_project, revenue_breakdown", "Projects: read (scope read:projects)"},
    {"assets", "Asset", "assets", true, "list_assets, get_asset", "Assets: read (scope read:assets)"},
    {"agents", "Agent", "", false, "list_agents", "Agents: read (scope read:agents)"},
    {"reports", "Report", "reports", true, "list_reports", "Reporting: read (scope read:reporting)"},
};

}  // namespace

int run_check(halo::Client& client, bool json) {
  const auto& config = client.config();
  halo::CallOptions options;
  options.use_cache = false;
  options.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);

  util::Json rows = util::Json::array();
  int failures = 0;
  for (const auto& probe : kProbes) {
    halo::Params params;
    if (!probe.paged) params.emplace_back("count", "1");
    auto page = probe.paged ? client.list_page(probe.path, params, probe.key, 1, 1, options)
                            : client.list_unpaged(probe.path, params, probe.key, options);
    std::string status = "OK", detail;
    if (!page) {
      ++failures;
      const auto& error = page.error();
      switch (error.kind) {
        case util::ErrorKind::kPermission:
          status = "missing permission";
          detail = std::string("grant the API application ") + probe.permission;
          break;
        case util::ErrorKind::kAuth:
          status = "login failed";
          detail = "check HALO_CLIENT_ID / HALO_CLIENT_SECRET / HALO_TENANT and HALO_SCOPE";
          break;
        default:
          status = "error";
          detail = util::describe(error);
      }
    } else {
      detail = std::to_string(page->record_count) + " record(s)";
    }
    rows.push_back({{"source", probe.source}, {"endpoint", std::string("/api/") + probe.path},
                    {"status", status}, {"detail", detail}, {"tools", probe.tools}});
    // A failed login or an unreachable instance fails every probe the same way: say it once.
    if (!page && (page.error().kind == util::ErrorKind::kAuth ||
                  page.error().kind == util::ErrorKind::kNetwork)) {
      break;
    }
  }

  if (json) {
    std::cout << util::Json{{"instance", config.instance_url}, {"ok", failures == 0}, {"sources", rows}}.dump(2) << '\n';
  } else {
    std::printf("Halo instance: %s\n\n", config.instance_url.c_str());
    std::printf("%-20s %-20s %s\n", "source", "status", "detail");
    for (const auto& row : rows) {
      std::printf("%-20s %-20s %s\n", row["source"].get<std::string>().c_str(),
                  row["status"].get<std::string>().c_str(), row["detail"].get<std::string>().c_str());
    }
    std::printf("\n%s\n", failures == 0 ? "All data sources are readable: the tools are ready."
                                        : "Some sources are not readable: the tools that need them will report errors.");
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace app

// The one list of Halo tools (see registry.hpp). The order is what tools/list shows.
#include "tools/registry.hpp"

namespace tools {

// Each is defined in the file of its area (tickets_tools.cpp, clients_tools.cpp, ...) or of its
// analytic tool (mrr_trend_tool.cpp, ...).
extern const ToolDef kListTickets, kGetTicket, kListTicketActions, kListTimeEntries, kListClients, kGetClient,
    kListSites, kGetSite, kListContracts, kGetContract, kListInvoices, kGetInvoice, kListRecurringInvoices,
    kGetRecurringInvoice, kListProjects, kGetProject, kListAssets, kGetAsset, kListAgents, kListReports,
    kRunReport, kRevenueBreakdown, kMrrTrend, kContractRenewals, kClientProfitability, kUnbilledTime,
    kReceivablesAging, kTicketStats, kAgentUtilisation;

namespace {

// Records by area, then the analytics: finance first, then the service desk.
constexpr const ToolDef* kAll[] = {
    &kListTickets,      &kGetTicket,           &kListTicketActions,    &kListTimeEntries,
    &kListClients,      &kGetClient,           &kListSites,            &kGetSite,
    &kListContracts,    &kGetContract,         &kListInvoices,         &kGetInvoice,
    &kListRecurringInvoices,                   &kGetRecurringInvoice,  &kListProjects,
    &kGetProject,       &kListAssets,          &kGetAsset,             &kListAgents,
    &kListReports,      &kRunReport,           &kRevenueBreakdown,     &kMrrTrend,
    &kContractRenewals, &kClientProfitability, &kUnbilledTime,         &kReceivablesAging,
    &kTicketStats,      &kAgentUtilisation,
};

}  // namespace

std::span<const ToolDef* const> all_tools() { return kAll; }

const ToolDef* find_tool(std::string_view name) {
  for (const ToolDef* tool : kAll) {
    if (tool->name == name) return tool;
  }
  return nullptr;
}

}  // namespace tools

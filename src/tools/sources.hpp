// The Halo endpoints the tools read, each declared once with its envelope key, paging, how errors
// name its records and the API permission it needs. Tools list the sources they read
// (ToolDef::reads); `check` probes each source the enabled tools read, and the README's permission
// table is generated from them.
#pragma once
#include "tools/tool_def.hpp"

namespace tools {

inline constexpr Source kTicketsSource{"tickets", "Tickets", "tickets", true,
                                       "ticket", "tickets", "Tickets", "read:tickets"};
inline constexpr Source kActionsSource{"ticket actions", "Actions", "actions", false,
                                       "action", "ticket actions", "Tickets (actions)", "read:tickets"};
inline constexpr Source kClientsSource{"clients", "Client", "clients", true,
                                       "client", "clients", "Customers (clients)", "read:customers"};
inline constexpr Source kSitesSource{"sites", "Site", "sites", true,
                                     "site", "sites", "Customers (sites)", "read:customers"};
inline constexpr Source kContractsSource{"contracts", "ClientContract", "contracts", true,
                                         "contract", "contracts", "Contracts", "read:contracts"};
inline constexpr Source kInvoicesSource{"invoices", "Invoice", "invoices", true,
                                        "invoice", "invoices", "Invoices", "read:invoices"};
inline constexpr Source kRecurringInvoicesSource{"recurring invoices", "RecurringInvoice", "invoices", true,
                                                 "recurring invoice", "recurring invoices",
                                                 "Invoices (recurring invoices)", "read:invoices"};
// /api/Project (singular) is a 404: the route is Projects and the envelope key is "tickets".
inline constexpr Source kProjectsSource{"projects", "Projects", "tickets", true,
                                        "project", "projects", "Projects", "read:projects"};
inline constexpr Source kAssetsSource{"assets", "Asset", "assets", true,
                                      "asset", "assets", "Assets", "read:assets"};
inline constexpr Source kAgentsSource{"agents", "Agent", "agents", false, "agent", "agents", "Agents",
                                      "agents read (its agent's role must allow viewing agents)"};
inline constexpr Source kReportsSource{"reports", "Report", "reports", true,
                                       "report", "reports", "Reporting", "read:reporting"};

/// Every source, in the order `check` probes them and the README lists them.
inline constexpr const Source* kAllSources[] = {
    &kTicketsSource,   &kActionsSource,  &kClientsSource,
    &kSitesSource,     &kContractsSource, &kInvoicesSource,         &kRecurringInvoicesSource,
    &kProjectsSource,  &kAssetsSource,   &kAgentsSource,            &kReportsSource,
};

}  // namespace tools

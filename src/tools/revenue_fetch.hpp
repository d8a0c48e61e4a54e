// Reads what revenue_breakdown needs from Halo, concurrently, folding each page into compact
// records (domain/revenue_parse.hpp) and letting it go: every contract and recurring-invoice
// template, the invoices newest first down to the window start, the project ids (to tell project
// invoices from ad hoc ones), the contract labels the period table cannot resolve from the list,
// and client currencies only where a record names none. A source Halo refuses (403/404) becomes a
// SourceFailure the rules report as null figures; anything else fails the call.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <variant>

#include "domain/revenue_types.hpp"
#include "mcp/tool.hpp"
#include "tools/tool_deps.hpp"

namespace tools {

enum RevenueSource { kContracts, kRecurring, kInvoices, kProjects, kClients, kSourceCount };

struct RevenueFetched {
  domain::RevenueInputs inputs;
  std::array<std::int64_t, kSourceCount> records{};  ///< records read per source
  int requests = 0;
  int cache_hits = 0;
};

/// Which sources a caller needs, and the tool its error texts name. The defaults are
/// revenue_breakdown's (everything). A tool that needs only invoiced revenue (client_profitability)
/// skips contracts, templates and project ids: not one request is made for them, their records stay
/// empty and no failure is recorded (the invoiced totals do not depend on them; the project/ad hoc
/// split and mrr then mean nothing and must not be shown).
struct RevenueReads {
  bool contracts_and_templates = true;
  bool projects = true;
  /// contract_renewals needs no invoices: none is read (the invoice scan's gate opens at once).
  bool invoices = true;
  const char* tool = "revenue_breakdown";
};

/// The records, or the isError text (cancelled, out of time, or a source that failed outright).
/// Reports progress (pages read) through `context`; cancellation aborts every read in flight.
[[nodiscard]] std::variant<RevenueFetched, std::string> fetch_revenue_sources(ToolDeps& deps,
                                                                              const domain::RevenueParams& params,
                                                                              mcp::ToolContext& context,
                                                                              const RevenueReads& reads = {});

}  // namespace tools

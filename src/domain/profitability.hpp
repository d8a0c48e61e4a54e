// client_profitability's rules (docs/analytics.md), pure: revenue comes from the revenue rules
// (compute_revenue over the window, never a copy of them), time entries and agents' cost prices
// are read elsewhere.
//
// Per client and currency:
//   revenue        = recurring_invoiced + non_recurring_total of the revenue row (rules 7-12);
//   labour_hours   = sum of timetaken of the client's entries in the window (tickets and projects,
//                    billable or not); billable_hours = charge hours of entries not marked
//                    non-billable (as agent_utilisation);
//   labour_cost    = sum of timetaken x the agent's costprice (HALO_DEFAULT_COST_RATE for an agent
//                    without one), in the cost currency (HALO_DEFAULT_CURRENCY); unknown (nullopt)
//                    when an entry's agent has neither;
//   margin         = revenue - labour_cost, margin_pct = margin / revenue (0-100),
//   effective_hourly_rate = revenue / labour_hours: only on a row in the cost currency.
//
// Which row the labour joins (costs are never split or converted): the client's row in the cost
// currency; else, for a client billed only in other currencies, its first revenue row by currency
// code (its margin is then null: currency_mismatch); else a new row in the cost currency with
// revenue 0 (labour but no invoice: the margin is the negative cost). Every other row of a
// client has 0 labour.
//
// Exactness: timetaken is read to the second (Halo keeps minutes), so an entry's cost is the exact
// rational cents rate x seconds / 3600; a row's cost is the exact sum, rounded once (half away from
// zero). Totals per currency are sums of the rounded row figures, so they add up to the cent.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/money.hpp"
#include "domain/revenue_types.hpp"
#include "domain/time_entry.hpp"

namespace domain {

struct AgentCost {
  std::string name;
  std::optional<Cents> cost_price;  ///< per hour; nullopt when Halo gives none or 0
};

struct TicketClient {
  std::int64_t client_id = 0;
  std::string client_name;
};

struct ProfitabilityInput {
  RevenueResult revenue;  ///< compute_revenue over the window: every row (no top), contracts unread
  std::optional<SourceFailure> invoices_failure;  ///< revenue is then unknown (null), not 0
  std::optional<SourceFailure> clients_failure;   ///< invoice currencies fell back to the default
  std::vector<TimeEntryRec> entries;              ///< in the window
  std::map<std::int64_t, TicketClient> ticket_clients;  ///< ticket or project id -> its client
  std::map<std::int64_t, AgentCost> agents;
  std::optional<Cents> default_cost_rate;  ///< HALO_DEFAULT_COST_RATE
  std::string cost_currency = "GBP";       ///< HALO_DEFAULT_CURRENCY
  std::optional<std::int64_t> client_id;
  std::optional<int> top;
};

struct ProfitRow {
  std::int64_t client_id = 0;
  std::string client_name;
  std::string currency;  ///< the revenue's currency
  std::optional<Cents> revenue;
  std::int64_t labour_seconds = 0;
  std::int64_t billable_seconds = 0;
  std::optional<Cents> labour_cost;  ///< in the cost currency; nullopt: an agent's cost is unknown
  std::optional<Cents> margin;
  std::optional<double> margin_pct;  ///< 1 decimal
  std::optional<Cents> effective_hourly_rate;
};

struct ProfitTotal {
  std::string currency;
  std::optional<Cents> revenue;
  std::int64_t labour_seconds = 0;
  std::int64_t billable_seconds = 0;
  std::optional<Cents> labour_cost;
  std::optional<Cents> margin;
  std::optional<double> margin_pct;
  std::optional<Cents> effective_hourly_rate;
  int clients = 0;  ///< rows in this currency
};

struct ProfitWarning {
  std::string kind;  ///< source_unavailable | missing_amount | currency_mismatch | no_cost_price |
                     ///< default_cost_rate | unattributed_time
  std::optional<std::int64_t> id;
  std::string detail;
};

struct Profitability {
  std::vector<ProfitRow> clients;  ///< ordered, cut to top
  int clients_before_top = 0;
  std::vector<ProfitTotal> totals;  ///< by currency code, over every row
  std::vector<ProfitWarning> warnings;
};

[[nodiscard]] Profitability compute_profitability(const ProfitabilityInput& in);

/// Halo's decimal hours to whole seconds (the unit labour is summed and costed in).
[[nodiscard]] std::int64_t hours_to_seconds(double hours);

}  // namespace domain

// The revenue rules (docs/revenue-rules.md) as one pure function over compact records.
// No I/O, no clock: the same inputs give the same output, byte for byte.
// Which items count at a day and how invoices are classified are recurring_items.hpp, shared
// with contract_renewals and mrr_trend; this file builds revenue_breakdown's rows from them.
//
// Rounding, decided once: each row's mrr is the exact rational sum of its counted monthly values,
// rounded to cents half away from zero; arr = 12 x that rounded mrr (so arr / 12 is exactly the
// printed mrr). Invoiced figures are whole cents already. Totals per currency are the sums of the
// row figures, so totals equal the sum of the rows to the cent. An item's monthly_value is its own
// rounding and need not add up to the row's mrr (thirds).
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "domain/periods.hpp"
#include "domain/revenue_types.hpp"

namespace domain {

/// Applies every rule: MRR at params.as_of from contracts and templates (no double counting),
/// invoiced revenue in [start_date, end_date] split recurring / project / ad hoc, rows per client
/// and currency, ordering, the top-N cut, totals, warnings and nulls for unavailable sources.
RevenueResult compute_revenue(const RevenueInputs& inputs, const RevenueParams& params,
                              const PeriodTable& periods);

/// Clients whose currency the output needs but no record names (so /api/Client must be asked),
/// given the records read so far. inputs.client_currency entries already known are excluded.
std::set<std::int64_t> clients_needing_currency(const RevenueInputs& inputs, const RevenueParams& params);

/// One record per distinct billing-period code among the contracts and templates in scope that
/// carry no label of their own (Halo's lists never do): what the tool reads details of to learn
/// the tenant's labels for those codes (tools/tenant_periods.hpp).
struct PeriodCodeSamples {
  std::map<std::int64_t, std::int64_t> contracts;  ///< code -> a contract id with that code
  std::map<std::int64_t, std::int64_t> recurring;  ///< code -> a template id with that code
};
PeriodCodeSamples period_code_samples(const RevenueInputs& inputs, const RevenueParams& params);

/// True when a record dated [start, end] (either may be open) is active on `day`.
bool active_on(const std::optional<Date>& start, const std::optional<Date>& end, Date day);

}  // namespace domain

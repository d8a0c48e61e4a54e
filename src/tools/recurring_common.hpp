// What contract_renewals and mrr_trend share on top of fetch_revenue_sources: the revenue rules'
// warnings as `warnings` entries, and the fetch's counts as `sources`.
#pragma once
#include <vector>

#include "domain/revenue_types.hpp"
#include "tools/analytics_common.hpp"
#include "tools/revenue_fetch.hpp"
#include "util/json.hpp"

namespace tools {

/// [{kind, id?, detail}] in the order given.
[[nodiscard]] util::Json revenue_warnings_json(const std::vector<domain::RevenueWarning>& warnings);

/// Adds what the fetch read (requests, cache hits, records of every source) to `counter`.
void count_fetched(const RevenueFetched& fetched, ReadCounter& counter);

}  // namespace tools

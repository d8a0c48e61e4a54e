// A contract's billing period, resolved one way for every tool: Halo's label, else its code
// (domain::resolve_billing_period), else - because Halo's contract LIST leaves out
// billing_period_string - the label of the contract's detail record, read for the few contracts
// that need it (a code the period table does not know, such as Half-Yearly's). list_contracts and
// revenue_breakdown both use this, so they agree on every contract's monthly value.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/periods.hpp"
#include "halo/client.hpp"
#include "util/json.hpp"
#include "util/result.hpp"

namespace tools {

/// Detail reads one call may make: revenue_breakdown's bound (list_contracts reads at most one
/// page's worth, and pages hold at most 100 contracts, of which few have an unknown code).
inline constexpr std::size_t kMaxContractLabelLookups = 50;

struct ContractLabels {
  std::map<std::int64_t, std::string> labels;  ///< contract id -> non-empty label
  /// The first failure that is not "no permission" / "not found" (those leave the period
  /// unknown without failing anything); the caller decides whether it is fatal.
  std::optional<util::Error> error;
  halo::FetchStats cost;  ///< requests and cache hits of the lookups
};

/// GET ClientContract/{id} through the response cache for the first `max_lookups` of `ids`, a few
/// at a time (at most the client's concurrency, 4 at most). `on_error` runs once, on a worker
/// thread, at the first failure recorded in `error` (revenue_breakdown cancels its other reads);
/// no further lookup starts after it.
[[nodiscard]] ContractLabels fetch_contract_labels(halo::Client& client, std::vector<std::int64_t> ids,
                                                   const halo::CallOptions& options,
                                                   std::size_t max_lookups = kMaxContractLabelLookups,
                                                   const std::function<void()>& on_error = {});

/// For list_contracts: completes the projected items (not `full` records) whose billing_period is
/// null from their detail records. A failed lookup leaves the item's period (and monthly_value)
/// null, as an unknown period is; the list itself still answers.
void complete_contract_periods(halo::Client& client, util::Json& items, const domain::PeriodTable& periods,
                               const halo::CallOptions& options);

}  // namespace tools

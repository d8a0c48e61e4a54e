// mrr_trend's rules (docs/analytics.md "mrr_trend"): the run-rate of the revenue rules
// (recurring_items.hpp) at the end of each month, what came and went between month ends, and the
// invoices of each month classified by rules 7-9. Pure: no I/O, no clock (today is a parameter).
//
// Halo keeps no history of amounts: every month is valued with today's amounts and periods
// (value_basis "current_amounts"). mrr is the sum of the counted items' monthly values rounded
// each to the cent (as recurring_items lists them), so that net_change = new_mrr - churned_mrr is
// exactly mrr(M) - mrr(M-1); it may differ from revenue_breakdown's per-client rounded mrr by a
// cent per client whose items have thirds of a cent.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/periods.hpp"
#include "domain/revenue_types.hpp"

namespace domain {

struct TrendParams {
  std::chrono::year_month end_month;       ///< not after today's month (the tool refuses later ones)
  int months = 12;                         ///< 1-36
  Date today;                              ///< the current month is measured today
  std::optional<std::int64_t> client_id;
};

/// The first month's first day and the last month's measuring day: the invoice window to read.
Date trend_first_day(const TrendParams& params);
Date trend_last_day(const TrendParams& params);
/// The day month `m` is measured: its last day, or today for today's month.
Date measuring_day(std::chrono::year_month m, Date today);

struct TrendRow {
  std::string month;  ///< YYYY-MM
  Date measured_on;
  std::string currency;
  std::optional<Cents> mrr, new_mrr, churned_mrr, net_change;  ///< null when contracts/templates were unreadable
  int items = 0;                                                ///< items counted at measured_on
  std::optional<Cents> recurring_invoiced, non_recurring_invoiced;  ///< null when invoices were unreadable
};

struct TrendResult {
  std::string start_month, end_month;
  std::vector<TrendRow> rows;  ///< by month, then currency; every currency seen appears in every month
  std::vector<RevenueWarning> warnings;
};

TrendResult compute_mrr_trend(const RevenueInputs& inputs, const TrendParams& params, const PeriodTable& periods);

}  // namespace domain

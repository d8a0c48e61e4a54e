// contract_renewals' rules (docs/analytics.md "contract_renewals"): the recurring items that count
// at as_of (recurring_items.hpp, the revenue rules) and end within [as_of, as_of + days], with the
// MRR they carry, per currency and per month of their end. Pure: no I/O, no clock.
//
// A contract billed through a template (rule 4) is one item: the contract, with the template's
// monthly value, period and currency and `billed_via` naming the template. Its end date is the
// EARLIER of the two end dates (an open end on one side takes the other's): whichever ends first,
// the owner has a renewal to decide, and that is the day the run-rate of the pair is at risk.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/periods.hpp"
#include "domain/revenue_types.hpp"

namespace domain {

struct RenewalParams {
  Date as_of;
  int days = 90;                           ///< 1-730, checked by the tool
  std::optional<std::int64_t> client_id;   ///< only this client
};

struct RenewalItem {
  ItemKind kind = ItemKind::kContract;
  std::int64_t id = 0;
  std::string ref;
  std::int64_t client_id = 0;
  std::string client_name;
  std::string currency;
  Date end_date;
  int days_left = 0;                          ///< end_date - as_of
  std::optional<std::string> billing_period;  ///< canonical name; nullopt when unknown
  std::optional<Cents> monthly_value;         ///< nullopt when the period is unknown (a warning says so)
  std::int64_t billed_via = 0;                ///< contract: the template that bills it; 0 otherwise
};

/// One currency: Σ of the known monthly values of its items (null when a recurring source was
/// unreadable); items with an unknown value are counted apart, never as 0.
struct RenewalTotal {
  std::string currency;
  std::optional<Cents> mrr_at_risk;
  int items = 0;
  int items_without_value = 0;
};

/// One month of end dates and one currency.
struct RenewalMonth {
  std::string month;  ///< YYYY-MM
  std::string currency;
  int items = 0;
  int items_without_value = 0;
  std::optional<Cents> mrr;
};

struct RenewalsResult {
  Date as_of;
  Date until;  ///< as_of + days
  int days = 0;
  std::vector<RenewalItem> items;      ///< by end_date, then id, then kind
  std::vector<RenewalTotal> totals;    ///< by currency
  std::vector<RenewalMonth> by_month;  ///< by month, then currency
  std::vector<RevenueWarning> warnings;
};

RenewalsResult compute_renewals(const RevenueInputs& inputs, const RenewalParams& params, const PeriodTable& periods);

/// The warning of an unreadable source, worded as revenue_breakdown words it; nullopt when read.
std::optional<RevenueWarning> source_warning(const std::optional<SourceFailure>& failure, const char* source,
                                             std::optional<std::int64_t> client_id, const std::string& affects);

}  // namespace domain

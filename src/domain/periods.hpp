// Billing periods: the monthly factor of each, resolved from Halo's label (billing_period_string /
// periodname) or its numeric code (billingperiod / period). Labels win over codes. Both tables are
// data, overridable by configuration (HALO_PERIOD_CODES for codes, HALO_PERIOD_LABELS for labels
// the built-in parser does not read, such as a tenant's own "Bi-Annually"), because Halo's codes
// are only partly verified and its labels are free text (docs/halo-api.md). An
// unknown period is never guessed: resolve() returns nothing and the caller warns.
//
// One implementation, used by list_contracts, list_recurring_invoices and revenue_breakdown.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/money.hpp"
#include "util/result.hpp"

namespace domain {

struct Period {
  std::string name;          ///< canonical name: weekly, monthly, quarterly, half-yearly, yearly, two-yearly, three-yearly, four-yearly
  std::int64_t factor_num;   ///< monthly factor = factor_num / factor_den (weekly: 52/12)
  std::int64_t factor_den;
};

class PeriodTable {
 public:
  /// The default code table: 1 weekly, 2 monthly, 3 yearly, 4 quarterly, 7 three-yearly,
  /// 8 two-yearly, 9 four-yearly.
  static PeriodTable defaults();

  /// Parses "code=name,code=name" (names as in Period::name, or any label parse_label accepts)
  /// and returns a table with those codes replaced or added. kConfig error on a bad entry.
  [[nodiscard]] util::Result<PeriodTable> with_overrides(std::string_view spec) const;

  /// Parses "label=name,label=name" (names as for with_overrides) and returns a table where those
  /// labels resolve to those periods. A configured label wins over the built-in label parser; it
  /// matches a record's label exactly, ignoring case and surrounding spaces. kConfig error naming
  /// the bad entry.
  [[nodiscard]] util::Result<PeriodTable> with_label_overrides(std::string_view spec) const;

  /// Label first (when non-empty: configured labels, then parse_label), then code. nullopt when
  /// neither resolves.
  std::optional<Period> resolve(std::optional<std::string_view> label,
                                std::optional<std::int64_t> code) const;

  /// A label such as "Monthly", "Quarterly", "Half-Yearly", "6 Monthly", "Annually", "Yearly",
  /// "2 Yearly", "Two Yearly", "Weekly" -> the period; nullopt when not recognised.
  static std::optional<Period> parse_label(std::string_view label);

  /// amount per period -> exact monthly value.
  static Money monthly_value(Cents amount_per_period, const Period& period);

 private:
  std::map<std::int64_t, Period> by_code_;
  std::map<std::string, Period> by_label_;  ///< configured labels, trimmed and lower-cased
};

}  // namespace domain

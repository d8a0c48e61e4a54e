// The tenant's own billing-period table. Halo's contract and recurring-invoice LISTS carry a
// numeric period code but not its label; a record's DETAIL carries the label
// (billing_period_string, periodname). Only code 2 = monthly is independently known to mean the
// same everywhere, so the codes are learned from the tenant: one detail read per distinct code,
// kept for the life of the process. A learned label then decides (labels beat codes), the built-in
// or configured code table is only the fallback, and where the two disagree the tenant wins and
// the answer says so. revenue_breakdown, list_contracts, list_recurring_invoices and `check` share
// this one table.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/periods.hpp"
#include "halo/client.hpp"
#include "util/json.hpp"
#include "util/result.hpp"

namespace tools {

enum class PeriodKind { kContract, kRecurringInvoice };

class TenantPeriods {
 public:
  /// The learned non-empty label of `code`, if any.
  [[nodiscard]] std::optional<std::string> label(PeriodKind kind, std::int64_t code) const;
  /// Whether a detail of `code` has been read (its label may have been empty).
  [[nodiscard]] bool tried(PeriodKind kind, std::int64_t code) const;
  void record(PeriodKind kind, std::int64_t code, std::string label);
  /// code -> label ("" when the detail had none), every code tried.
  [[nodiscard]] std::map<std::int64_t, std::string> table(PeriodKind kind) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::int64_t, std::string> learned_[2];
};

/// At most this many codes are learned in one call (a tenant uses a handful).
inline constexpr std::size_t kMaxPeriodCodeLookups = 12;

struct PeriodLearning {
  /// The first failure that is not "no permission" / "not found" (those leave the code
  /// unlearned, falling back to the table); the caller decides whether it is fatal.
  std::optional<util::Error> error;
  halo::FetchStats cost;  ///< requests and cache hits of the detail reads
};

/// Reads one detail per code of `samples` (code -> the id of a record carrying it) that has not
/// been tried yet, a few at a time, and records each label in `learned`. `on_error` runs once at
/// the first failure recorded in `error`.
[[nodiscard]] PeriodLearning learn_period_codes(halo::Client& client, PeriodKind kind,
                                                const std::map<std::int64_t, std::int64_t>& samples,
                                                const halo::CallOptions& options, TenantPeriods& learned,
                                                const std::function<void()>& on_error = {});

/// A code whose tenant label names another period than the code table does. A code the table
/// lacks is not a disagreement: the label simply resolves it (an unresolvable one is warned
/// about as an unknown period where a record uses it).
struct PeriodDisagreement {
  std::int64_t code;
  std::string label;          ///< the tenant's
  std::string tenant_period;  ///< what the label means ("quarterly")
  std::string table_period;   ///< what the table says ("yearly")
};
[[nodiscard]] std::vector<PeriodDisagreement> period_disagreements(const TenantPeriods& learned, PeriodKind kind,
                                                                   const domain::PeriodTable& periods);
/// One sentence for a disagreement (a warning, a `check` row).
[[nodiscard]] std::string describe(const PeriodDisagreement& d, PeriodKind kind);

/// For list tools: learns the codes of the projected items (`code_field`), then sets each item's
/// period and monthly value from its code's label where the tenant has one. Failures leave items
/// as the code table resolved them.
void apply_tenant_periods(halo::Client& client, PeriodKind kind, util::Json& items, const domain::PeriodTable& periods,
                          const halo::CallOptions& options, TenantPeriods& learned);

/// One line per billing-period code this Halo uses: the code, its label, what it means, and whether
/// the built-in table agrees (what `check` prints). Reads a page of contracts and of templates to
/// find the codes, then learns their labels.
struct PeriodTableLine {
  PeriodKind kind;
  std::int64_t code;
  std::string label;                  ///< "" when the detail has none
  std::optional<std::string> period;  ///< what it resolves to, label first
  bool differs = false;               ///< the built-in / configured code table says otherwise
};
[[nodiscard]] util::Result<std::vector<PeriodTableLine>> tenant_period_table(halo::Client& client,
                                                                             const domain::PeriodTable& periods,
                                                                             TenantPeriods& learned,
                                                                             const halo::CallOptions& options);

}  // namespace tools

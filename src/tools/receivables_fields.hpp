// list_invoices' receivables fields and filters, computed by domain/receivables.hpp's rule so that
// list_invoices and receivables_aging agree on which invoice is unpaid and how overdue it is.
#pragma once
#include "domain/record.hpp"
#include "domain/revenue_dates.hpp"
#include "tools/tool_def.hpp"
#include "util/json.hpp"

namespace tools::billing {

/// Today in HALO_TIMEZONE (env.zone; UTC without one) for the call's `now`.
[[nodiscard]] domain::Date today_of(const ProjectionEnv& env);

/// days_overdue of an invoice item: today - due date (else invoice date) while the invoice is owed
/// (not voided, not a credit note, amountdue > 0), negative while not yet due; null otherwise.
[[nodiscard]] util::Json invoice_days_overdue(const domain::Record& invoice, const ProjectionEnv& env);

/// unpaid_only: an invoice still owed, or (listed with include_credits) a credit note not used up.
[[nodiscard]] bool is_unpaid(const domain::Record& invoice);
/// overdue_only: an invoice still owed whose due date (else invoice date) is before `today`.
[[nodiscard]] bool is_overdue(const domain::Record& invoice, domain::Date today);

}  // namespace tools::billing

// Which recurring items count at a day, and for how much (docs/revenue-rules.md rules 2-5, 11):
// the one implementation revenue_breakdown (compute_revenue), contract_renewals and mrr_trend
// share. A day in, every contract and template of the client filter out, each with its status
// (counted, billed through a template, unknown period, inactive), its monthly value and its
// currency; and the warnings the unknown periods and missing amounts raise. Pure: no I/O, no clock.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/periods.hpp"
#include "domain/revenue_types.hpp"

namespace domain {

/// One contract or template as the rules see it at one day.
struct ItemAtDate {
  RecurringItem item;        ///< kind, id, ref, period, amount, monthly value, status, reason, links
  std::int64_t client_id = 0;
  std::string client_name;   ///< as the record names it (may be empty)
  std::string currency;      ///< rule 11: the record's, else the client's, else the default
  std::optional<Date> start_date;
  std::optional<Date> end_date;
  std::optional<RevenueWarning> warning;  ///< unknown_period or missing_amount, when the rules raise one
};

/// Every contract (in input order), then every template (in input order) of `client_id` (all when
/// nullopt), evaluated at `day`. Counted items carry their exact and rounded monthly values; a
/// contract a counting template bills is kBilledViaRecurringInvoice with value 0 and billed_via
/// set (the lowest such template id); everything else is worth 0.
std::vector<ItemAtDate> recurring_items_at(const RevenueInputs& inputs, Date day,
                                           std::optional<std::int64_t> client_id, const PeriodTable& periods);

/// Rule 11: the record's currency, else the client's `currencyisocode`, else the default.
std::string currency_of(const std::string& record_currency, std::int64_t client_id, const RevenueInputs& inputs);

/// Rule 7: a non-voided invoice dated within [start, end] inclusive.
bool invoice_in_window(const InvoiceRec& invoice, Date start, Date end);
/// Rules 8-9: how an invoice is classified, and the amount it adds (credits negative).
enum class InvoiceClass { kRecurring, kProject, kAdHoc };
InvoiceClass classify_invoice(const InvoiceRec& invoice, const RevenueInputs& inputs);
/// Net amount with the sign rule 7 gives it (a credit is always negative); 0 when Halo gave none.
Cents invoice_amount(const InvoiceRec& invoice);
/// The missing_amount warning of an invoice without an amount; nullopt when it has one.
std::optional<RevenueWarning> invoice_warning(const InvoiceRec& invoice);

}  // namespace domain

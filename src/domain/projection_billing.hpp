// The computed fields of billing items: contracts, invoices and recurring-invoice templates. The
// billing period, the amount and the currency are read by revenue_breakdown's own parser
// (revenue_parse.hpp: the same field names and spellings) and resolved by the same PeriodTable, so
// a list and revenue_breakdown cannot disagree about one record. Monthly values are null when the
// billing period cannot be resolved: an unknown period is never guessed into a number. Halo's
// lists carry period codes but not labels; tools/tenant_periods.hpp relabels list items with the
// labels the tenant uses. The plain fields are read by the tools' field tables.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/periods.hpp"
#include "domain/record.hpp"
#include "util/json.hpp"

namespace domain {

/// amount per period x the period's monthly factor, rounded to cents; null when the period is
/// unknown or the amount is missing.
util::Json monthly_value_json(const std::optional<Period>& period, std::optional<double> amount);

/// The billing period as revenue_breakdown resolves it: the label when it is non-empty, else
/// the code; nullopt when neither resolves.
std::optional<Period> resolve_billing_period(const PeriodTable& periods, std::string_view label,
                                             std::optional<std::int64_t> code);

/// The currency code of a record as revenue_breakdown compares it (trimmed, upper case); empty
/// when the record names none.
std::string record_currency(const Record& record);
/// The ISO code the record's own currency decides (domain/currency.hpp), "$" when it needs the
/// client to tell which dollar, or null when it names none: both are decided from the client
/// later (tools/billing_currency.hpp), the rule revenue_breakdown applies.
util::Json record_currency_or_null(const Record& record);

// ---- contracts ----
util::Json contract_billing_period(const Record& contract, const PeriodTable& periods);  ///< name or null
util::Json contract_billing_period_code(const Record& contract);
util::Json contract_billing_period_label(const Record& contract);
util::Json contract_period_amount(const Record& contract);
util::Json contract_monthly_value(const Record& contract, const PeriodTable& periods);
/// Halo's contract_status label, else active / expired / inactive from the flags.
util::Json contract_status(const Record& contract);

// ---- invoices ----
/// Net amount: `revenue`, else total - tax_total (revenue-rules.md rule 3).
util::Json invoice_net_amount(const Record& invoice);

// ---- recurring invoice templates ----
util::Json recurring_period(const Record& recurring, const PeriodTable& periods);  ///< name or null
util::Json recurring_period_code(const Record& recurring);
util::Json recurring_period_label(const Record& recurring);
util::Json recurring_net_amount(const Record& recurring);
util::Json recurring_total(const Record& recurring);
util::Json recurring_monthly_value(const Record& recurring, const PeriodTable& periods);

}  // namespace domain

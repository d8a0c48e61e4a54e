// Compact projections of Halo billing records: contracts, invoices and recurring-invoice
// templates. The billing period, the amount and the currency are read by revenue_breakdown's own
// parser (revenue_parse.hpp: the same field names and spellings) and resolved by the same
// PeriodTable, so a list and revenue_breakdown cannot disagree about one record. Monthly values
// are null when the billing period cannot be resolved: an unknown period is never guessed into a
// number. Halo's contract list has no period label; tools/contract_periods.hpp completes those
// items from the detail record (apply_contract_label below).
#pragma once
#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

#include "domain/money.hpp"
#include "domain/periods.hpp"
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
std::string record_currency(simdjson::dom::element record);

/// Completes a projected contract (list or detail) with a billing-period label read elsewhere
/// (the detail record): billing_period and monthly_value are set when the label (or the item's
/// code) resolves; the item is left as it is otherwise. True when the period is now known.
bool apply_contract_label(util::Json& item, std::string_view label, const PeriodTable& periods);

/// list_contracts item: id, ref, client, start/end dates, billing_period (name, null when
/// unknown), billing_period_code, period_amount, monthly_value, status, active, expired, type,
/// next_invoice_date.
util::Json project_contract(simdjson::dom::element contract, const PeriodTable& periods);
/// get_contract item: list fields + site, cost per period, prepay charge, note, periods[] and
/// schedule[] when Halo has them.
util::Json project_contract_detail(simdjson::dom::element contract, const PeriodTable& periods);

/// Currency of an invoice or template (revenue-rules.md rule 11): the record's own; when it names
/// none, `default_currency`, or null when that is empty (the tools pass empty and then read the
/// client's currency, tools/billing_currency.hpp).
///
/// list_invoices item: id, invoicenumber, client, invoice_date, due date, revenue (net), tax,
/// total (gross), amount due, currency, posted, voided, and the links to recurring invoice,
/// contract and ticket.
util::Json project_invoice(simdjson::dom::element invoice, std::string_view default_currency);
/// get_invoice item: list fields + datepaid, credit link and lines[].
util::Json project_invoice_detail(simdjson::dom::element invoice, std::string_view default_currency);
/// One invoice line (also used for recurring-invoice lines).
util::Json project_invoice_line(simdjson::dom::element line);

/// list_recurring_invoices item: id, client, period (name, null when unknown), period_code,
/// revenue (net per period), total, monthly_value, currency, nextcreationdate, lastcreated,
/// startdate, enddate, disabled, contract_id.
util::Json project_recurring_invoice(simdjson::dom::element invoice, const PeriodTable& periods,
                                     std::string_view default_currency);
/// get_recurring_invoice item: list fields + lines[].
util::Json project_recurring_invoice_detail(simdjson::dom::element invoice,
                                            const PeriodTable& periods,
                                            std::string_view default_currency);

}  // namespace domain

// Compact projections of Halo billing records: contracts, invoices and recurring-invoice
// templates. Monthly values come from PeriodTable (the same table and arithmetic revenue_breakdown
// uses), and are null when the billing period cannot be resolved: an unknown period is never
// guessed into a number.
#pragma once
#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

#include "domain/periods.hpp"
#include "util/json.hpp"

namespace domain {

/// amount per period x the period's monthly factor, rounded to cents; null when the period is
/// unknown or the amount is missing.
util::Json monthly_value_json(const std::optional<Period>& period, std::optional<double> amount);

/// list_contracts item: id, ref, client, start/end dates, billing_period (name, null when
/// unknown), billing_period_code, period_amount, monthly_value, status, active, expired, type,
/// next_invoice_date.
util::Json project_contract(simdjson::dom::element contract, const PeriodTable& periods);
/// get_contract item: list fields + site, cost per period, prepay charge, note, periods[] and
/// schedule[] when Halo has them.
util::Json project_contract_detail(simdjson::dom::element contract, const PeriodTable& periods);

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

// Halo JSON records -> the compact records of revenue_types.hpp. Called inside a page visitor so
// that the raw page can be released as soon as it is folded.
//
// Leniency (docs/halo-api.md): ids may arrive as 12.0 or "12"; amounts as numbers
// or numeric strings; booleans as true/1/"true"; a date before 1901 (Halo's 1900-01-01 sentinel)
// is no date; field names have a few spellings across endpoints and versions.
//
// Credit notes. Halo's OpenAPI has no documented boolean for "this is a credit note", so an
// invoice is a credit when ANY of these holds:
//   1. a boolean `is_credit_note`, `iscreditnote`, `is_credit`, `creditnote` or `credit_note` is true;
//   2. `invoice_type_code` or `type` is a string containing "credit" (any case), or is "CN"/"CRN";
//   3. `creditlinkedtoinvoiceid` > 0 (the invoice this credit note credits).
// `invoicetype` (an undocumented integer) is deliberately not interpreted. The rules then count a
// credit as -|revenue|; a non-credit with a negative revenue keeps its sign (an adjustment).
#pragma once
#include <simdjson.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "domain/revenue_types.hpp"

namespace domain {

/// Lenient scalar readers: nullopt for null, a missing value, or a value of the wrong kind.
std::optional<std::int64_t> lenient_int(simdjson::dom::element value);    ///< 12, 12.0, "12", "12.0"
std::optional<double> lenient_number(simdjson::dom::element value);       ///< 1.5, "1.5"
std::optional<bool> lenient_bool(simdjson::dom::element value);           ///< true, 1, "true", "yes", "1"
std::optional<std::string> lenient_string(simdjson::dom::element value);  ///< strings only

/// The first of `names` present (and not null) in `record`, read leniently.
std::optional<std::int64_t> int_field(simdjson::dom::element record, std::initializer_list<std::string_view> names);
std::optional<Cents> cents_field(simdjson::dom::element record, std::initializer_list<std::string_view> names);
std::optional<bool> bool_field(simdjson::dom::element record, std::initializer_list<std::string_view> names);
std::optional<std::string> string_field(simdjson::dom::element record, std::initializer_list<std::string_view> names);
/// A Halo date field; nullopt for the pre-1901 sentinel, null, or text that is not a date.
std::optional<Date> date_field(simdjson::dom::element record, std::initializer_list<std::string_view> names);

/// nullopt when `record` is not a JSON object.
std::optional<ContractRec> parse_contract(simdjson::dom::element record);
std::optional<RecurringRec> parse_recurring_invoice(simdjson::dom::element record);
std::optional<InvoiceRec> parse_invoice(simdjson::dom::element record);

/// A /api/Projects element: an object's `id`, or a bare number (ticketidonly answers).
std::optional<std::int64_t> parse_project_id(simdjson::dom::element record);

/// A /api/Client record -> (id, currencyisocode); nullopt when it names no currency.
std::optional<std::pair<std::int64_t, std::string>> parse_client_currency(simdjson::dom::element record);

/// The credit-note rule above, on its own (exposed for tests and for list_invoices).
bool is_credit_note(simdjson::dom::element record);

}  // namespace domain

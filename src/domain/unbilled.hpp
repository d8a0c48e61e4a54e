// Billable work not yet invoiced (unbilled_time). Pure: the time entries, their tickets' clients and
// the clients' currencies are read elsewhere. The rules:
//   unbilled  = actisbillable not false, actionchargehours > 0, no invoice named
//               (domain::is_unbilled: actioninvoicenumber "" or "0", invoice_id 0);
//   hours     = the entry's actionchargehours (the hours that would be billed);
//   value     = actionchargeamount when > 0, else actionchargehours x chargerate when chargerate
//               > 0, computed exactly (hours to 1/10000 h, the rate to the cent) and rounded to the
//               cent half away from zero once per entry; else unknown: the entry's hours count,
//               its value is in no sum, the row says so (unvalued_entries, value_complete false)
//               and a warning names the entry. Sums are sums of whole cents, so totals add up.
//   currency  = the client's (actions carry none): domain::decide_currency("", client's
//               currencyisocode, the default). Rows are per client and currency, never mixed.
//   client    = the entry's ticket's (or project's); an entry whose ticket Halo did not return is
//               in a client-0 row (unless one client was asked for) and a warning counts it.
// Rows are ordered by value descending, then client id, then currency; each lists its `top` tickets
// by value descending (then ticket id). Totals are per currency, the sums of the rows.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/money.hpp"
#include "domain/revenue_dates.hpp"
#include "domain/time_entry.hpp"
#include "util/json.hpp"

namespace domain {

/// An entry in the window, with its day in the MSP's time zone.
struct DatedEntry {
  TimeEntryRec entry;
  Date day;
};

/// What the entry's ticket (or project) tells: its client and summary.
struct TicketInfo {
  std::int64_t client_id = 0;
  std::string client_name;
  std::string summary;
};

struct UnbilledInput {
  std::vector<DatedEntry> entries;              ///< in the window; the unbilled ones are picked here
  std::map<std::int64_t, TicketInfo> tickets;   ///< ticket id -> what Halo said of it
  std::map<std::int64_t, std::string> client_currency;  ///< client id -> currencyisocode
  std::string default_currency = "GBP";         ///< HALO_DEFAULT_CURRENCY
  std::optional<std::int64_t> client_id;        ///< only this client
  int top = 5;
};

/// Hours kept as whole ten-thousandths of an hour, so sums are exact.
using HourUnits = std::int64_t;

struct UnbilledTicketRow {
  std::int64_t ticket_id = 0;
  std::string summary;
  HourUnits hours = 0;
  Cents value = 0;
  std::int64_t unvalued_entries = 0;
};

struct UnbilledRow {
  std::int64_t client_id = 0;
  std::string client_name;
  std::string currency;
  HourUnits hours = 0;
  Cents value = 0;  ///< of the valued entries only
  std::int64_t entries = 0;
  std::int64_t unvalued_entries = 0;
  HourUnits unvalued_hours = 0;
  std::optional<Date> oldest;
  std::vector<UnbilledTicketRow> tickets;  ///< the top ones
  std::int64_t ticket_count = 0;           ///< all of them
  std::int64_t clients = 0;                ///< totals only: the rows in the currency
};

/// An entry whose value cannot be known (no charge amount, no charge rate).
struct UnvaluedEntry {
  std::int64_t action_id = 0;
  std::int64_t ticket_id = 0;
  HourUnits hours = 0;
};

struct Unbilled {
  std::vector<UnbilledRow> rows;
  std::vector<UnbilledRow> totals;  ///< one per currency (client fields empty), by currency code
  std::vector<UnvaluedEntry> unvalued;
  std::int64_t unattributed_entries = 0;  ///< ticket unknown to Halo (client 0)
};

[[nodiscard]] Unbilled compute_unbilled(const UnbilledInput& in);

/// Decimal hours -> whole ten-thousandths (Halo stores 2 decimals; the rest absorbs binary noise).
[[nodiscard]] HourUnits to_hour_units(double hours);

/// An entry's value in cents; nullopt when it has neither a charge amount nor a charge rate.
[[nodiscard]] std::optional<Cents> entry_value(const TimeEntryRec& entry);

/// The ids of the tickets of the unbilled entries (what the client lookup needs).
[[nodiscard]] std::vector<std::int64_t> unbilled_ticket_ids(const std::vector<DatedEntry>& entries);

/// A row (or a currency's total, without the client and tickets) as the tool shows it.
[[nodiscard]] util::Json unbilled_row_json(const UnbilledRow& row, bool with_client);

}  // namespace domain

// Receivables aging: who owes what, and for how long (docs/analytics.md, "receivables_aging").
// Pure: the tool reads Halo's invoices and gives them here as compact records.
//
// The rule, in one place so that receivables_aging and list_invoices' unpaid_only, overdue_only
// and days_overdue agree on every invoice:
//  - An invoice is open when it is not voided and its `amountdue` > 0. A voided invoice owes
//    nothing, whatever amount Halo still shows as due on it.
//  - Days overdue = as_of - due date, the due date being `duedate`, or the invoice date when Halo
//    has none (its 1900 "no date"): an invoice with no terms is due when it is raised.
//  - Buckets: current (<= 0 days), 1-30, 31-60, 61-90, over 90.
//  - Credit notes (revenue_parse.hpp's rule) are money the MSP owes the client until they are
//    applied. An aged-debtors report nets them against the client's balance, as accounting
//    packages do: an unapplied credit note (|amountdue| > 0) counts as -|amountdue| in the bucket
//    of its own date, is counted in `credit_notes` (not `invoices`) and never makes a client's
//    debt older (`oldest_due_date` is over invoices only). So `outstanding` is what the client
//    owes net, and may be negative when the MSP owes the client.
//  - Documents dated after as_of did not exist on as_of and are left out. Halo keeps today's
//    amount due only (no history of payments), so an as_of in the past ages today's unpaid amounts.
#pragma once
#include <simdjson.h>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/money.hpp"
#include "domain/revenue_dates.hpp"
#include "util/json.hpp"

namespace domain {

/// The invoice fields the aging reads.
struct ReceivableRec {
  std::int64_t id = 0;
  std::string number;
  std::int64_t client_id = 0;
  std::string client_name;
  std::optional<Date> invoice_date;
  std::optional<Date> due_date;  ///< nullopt: Halo's 1900 "no date" or absent
  bool voided = false;
  bool is_credit = false;
  std::optional<Cents> amount_due;  ///< nullopt: Halo sent no amountdue
  std::string currency;             ///< as Halo wrote it (code, symbol or empty)
};

[[nodiscard]] std::optional<ReceivableRec> parse_receivable(simdjson::dom::element record);

/// The day the aging counts from: the due date, else the invoice date.
[[nodiscard]] std::optional<Date> aging_date(const ReceivableRec& r);
/// as_of - aging_date in days; nullopt when there is neither date.
[[nodiscard]] std::optional<int> days_overdue(const ReceivableRec& r, Date as_of);
/// An invoice the client still owes on (not voided, not a credit note, amountdue > 0).
[[nodiscard]] bool owes(const ReceivableRec& r);
/// A credit note not yet used up (not voided, amountdue of either sign but not 0).
[[nodiscard]] bool open_credit(const ReceivableRec& r);

/// list_invoices' days_overdue of a Halo invoice record: null when nothing is due on it (paid,
/// voided, a credit note, no amountdue) or it has no date at all; negative while not yet due.
[[nodiscard]] util::Json days_overdue_json(simdjson::dom::element record, Date today);

enum AgingBucket { kCurrent, k1To30, k31To60, k61To90, kOver90, kBucketCount };
[[nodiscard]] AgingBucket bucket_of(int days_overdue);
/// "current", "1_30", "31_60", "61_90", "over_90".
[[nodiscard]] const char* bucket_name(AgingBucket b);

struct AgingFigures {
  std::array<Cents, kBucketCount> buckets{};
  Cents outstanding = 0;
  int invoices = 0;
  int credit_notes = 0;
  std::optional<Date> oldest_due_date;  ///< the oldest aging date of the open invoices
};

struct AgingRow {
  std::int64_t client_id = 0;
  std::string client_name;
  std::string currency;
  AgingFigures figures;
};

struct AgingInput {
  Date as_of;
  std::optional<std::int64_t> client_id;
  std::vector<ReceivableRec> invoices;
  std::map<std::int64_t, std::string> client_currency;  ///< client id -> currencyisocode
  std::string default_currency = "GBP";
};

struct Aging {
  std::vector<AgingRow> rows;                  ///< by outstanding desc, then client id, currency
  std::map<std::string, AgingFigures> totals;  ///< per currency
  int voided_with_amount_due = 0;              ///< left out: a voided invoice owes nothing
  int dated_after_as_of = 0;                   ///< left out: not raised yet on as_of
  std::vector<std::int64_t> no_amount_due;     ///< Halo sent no amountdue: cannot be judged
  std::vector<std::int64_t> no_date;           ///< open, but neither due nor invoice date: cannot be aged
};

/// Clients whose currencyisocode decides the currency of a record that reaches a figure (one that
/// names no currency, or "$"): the only client reads the aging needs.
[[nodiscard]] std::set<std::int64_t> clients_needing_currency(const AgingInput& in);

[[nodiscard]] Aging compute_aging(const AgingInput& in);

/// {current, 1_30, 31_60, 61_90, over_90, outstanding, invoices, credit_notes, oldest_due_date}.
[[nodiscard]] util::Json aging_figures_json(const AgingFigures& f);

}  // namespace domain

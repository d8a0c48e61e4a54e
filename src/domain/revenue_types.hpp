// The compact records the revenue rules read, and the result they produce. Records hold only the
// fields the rules need (a raw Halo invoice is ~230 fields), so a whole tenant's worth fits in
// memory while pages are read and released. revenue_parse.hpp fills them from Halo JSON.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/money.hpp"
#include "domain/revenue_dates.hpp"

namespace domain {

/// A client contract (/api/ClientContract).
struct ContractRec {
  std::int64_t id = 0;
  std::int64_t client_id = 0;
  std::string client_name;
  std::string ref;
  std::optional<Date> start_date;  ///< nullopt: no date (open start)
  std::optional<Date> end_date;    ///< nullopt: no date (open end)
  bool expired = false;
  bool inactive = false;  ///< `active: false` or `inactive: true`
  std::optional<std::int64_t> billing_period;  ///< numeric code (`billingperiod`)
  std::string billing_period_label;            ///< `billing_period_string`, may be empty
  std::optional<Cents> period_amount;          ///< `periodchargeamount` per billing period
  std::string currency;                        ///< upper-case ISO code, empty when not given
};

/// A recurring invoice template (/api/RecurringInvoice).
struct RecurringRec {
  std::int64_t id = 0;
  std::int64_t client_id = 0;
  std::string client_name;
  std::string ref;
  std::optional<Date> start_date;
  std::optional<Date> end_date;
  bool disabled = false;
  std::optional<std::int64_t> period;  ///< numeric code (`period`)
  std::string period_label;            ///< `periodname`, may be empty
  std::optional<Cents> revenue;        ///< net of tax
  std::optional<Cents> total;          ///< gross
  std::optional<Cents> tax_total;
  std::string currency;
  std::int64_t contract_id = 0;  ///< the contract this template bills, 0 when none
};

/// An invoice or credit note (/api/Invoice?includecredits=true).
struct InvoiceRec {
  std::int64_t id = 0;
  std::int64_t client_id = 0;
  std::string client_name;
  std::optional<Date> invoice_date;
  bool voided = false;
  bool is_credit = false;
  std::optional<Cents> revenue;  ///< net of tax as Halo gave it (sign as given); nullopt: no amount
  std::string currency;
  std::int64_t recurring_invoice_id = 0;
  std::int64_t contract_id = 0;
  std::int64_t ticket_id = 0;
};

/// Why a source could not be read: its figures become null and a warning says so.
struct SourceFailure {
  int http_status = 0;
  std::string error_kind;  ///< util::to_string(kind): "permission", "not_found", ...
  std::string message;     ///< util::describe(error)
};

/// Everything the rules read. A source whose failure is set is treated as unknown, not empty.
struct RevenueInputs {
  std::vector<ContractRec> contracts;
  std::vector<RecurringRec> recurring;
  std::vector<InvoiceRec> invoices;
  std::set<std::int64_t> project_ticket_ids;
  std::map<std::int64_t, std::string> client_currency;  ///< client id -> `currencyisocode`
  std::string default_currency = "GBP";

  std::optional<SourceFailure> contracts_failure;
  std::optional<SourceFailure> recurring_failure;
  std::optional<SourceFailure> invoices_failure;
  std::optional<SourceFailure> projects_failure;
  std::optional<SourceFailure> clients_failure;  ///< client currencies could not be read
};

struct RevenueParams {
  Date as_of;
  Date start_date;
  Date end_date;
  std::optional<std::int64_t> client_id;  ///< only this client
  std::optional<int> top;                 ///< keep the first N rows (totals still cover all)
  bool include_all_items = false;         ///< also list inactive and unknown-period items
};

enum class ItemKind { kContract, kRecurringInvoice };
enum class ItemStatus { kCounted, kBilledViaRecurringInvoice, kUnknownPeriod, kInactive };

const char* to_string(ItemKind kind);    ///< "contract" | "recurring_invoice"
const char* to_string(ItemStatus status);  ///< "counted" | "billed_via_recurring_invoice" | "unknown_period" | "inactive"

/// One contract or template as listed under a client row.
struct RecurringItem {
  ItemKind kind = ItemKind::kContract;
  std::int64_t id = 0;
  std::string ref;
  std::optional<std::string> period;  ///< canonical period name; nullopt when unknown
  std::optional<Cents> amount;        ///< amount per period (net); nullopt when Halo gave none
  Money monthly_exact;                ///< contribution to mrr (0 unless counted)
  Cents monthly_value = 0;            ///< monthly_exact rounded to cents
  ItemStatus status = ItemStatus::kCounted;
  std::string reason;                 ///< why not counted ("expired", "ended 2024-01-31", ...)
  std::int64_t billed_via = 0;        ///< contract: the template that bills it; 0 otherwise
  std::int64_t contract_id = 0;       ///< template: the contract it bills; 0 otherwise
};

/// One client in one currency. A figure is nullopt when a source it depends on was unavailable.
struct ClientRow {
  std::int64_t client_id = 0;
  std::string client_name;
  std::string currency;
  Money mrr_exact;
  std::optional<Cents> mrr;                  ///< mrr_exact rounded half away from zero
  std::optional<Cents> arr;                  ///< 12 x mrr (the rounded figure)
  std::optional<Cents> recurring_invoiced;
  std::optional<Cents> non_recurring_total;  ///< project_total + ad_hoc_total
  std::optional<Cents> project_total;
  std::optional<Cents> ad_hoc_total;
  std::optional<double> recurring_share;     ///< 4 decimals; nullopt when the denominator is 0
  std::vector<RecurringItem> recurring_items;
};

/// Totals of one currency over every row (not only the top N); sums of the row figures.
struct CurrencyTotal {
  std::string currency;
  std::optional<Cents> mrr;
  std::optional<Cents> arr;
  std::optional<Cents> recurring_invoiced;
  std::optional<Cents> non_recurring_total;
  std::optional<Cents> project_total;
  std::optional<Cents> ad_hoc_total;
  std::optional<double> recurring_share;
  int clients = 0;  ///< rows in this currency
};

struct RevenueWarning {
  std::string kind;  ///< "unknown_period" | "source_unavailable" | "missing_amount"
  std::optional<std::int64_t> id;         ///< the record, when the warning is about one
  std::optional<std::int64_t> client_id;
  std::string detail;                     ///< one sentence for a person
  std::string source;                     ///< "contracts", "recurring_invoices", "invoices", "projects", "clients"
  std::optional<int> status;              ///< HTTP status for source_unavailable (0 omitted)
};

struct RevenueResult {
  Date as_of;
  Date start_date;
  Date end_date;
  std::vector<ClientRow> clients;  ///< ordered, cut to `top`
  int clients_before_top = 0;      ///< rows before the cut
  std::optional<int> top;          ///< the caller's `top`; nullopt when not given (the text summary then shows a few)
  std::vector<CurrencyTotal> totals;  ///< by currency code
  std::vector<RevenueWarning> warnings;
};

}  // namespace domain

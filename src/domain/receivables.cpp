// The receivables aging rules (see receivables.hpp).
#include "domain/receivables.hpp"

#include <algorithm>
#include <chrono>
#include <tuple>

#include "domain/currency.hpp"
#include "domain/revenue_output.hpp"
#include "domain/revenue_parse.hpp"

namespace domain {

std::optional<ReceivableRec> parse_receivable(simdjson::dom::element record) {
  if (!record.is_object()) return std::nullopt;
  ReceivableRec r;
  r.id = int_field(record, {"id"}).value_or(0);
  r.number = string_field(record, {"invoicenumber", "invoice_number"}).value_or("");
  r.client_id = int_field(record, {"client_id"}).value_or(0);
  r.client_name = string_field(record, {"client_name"}).value_or("");
  r.invoice_date = date_field(record, {"invoice_date", "invoicedate"});
  r.due_date = date_field(record, {"duedate", "due_date"});
  r.voided = bool_field(record, {"voided"}).value_or(false);
  r.is_credit = is_credit_note(record);
  r.amount_due = cents_field(record, {"amountdue", "amount_due"});
  r.currency = string_field(record, {"currency", "currencyisocode"}).value_or("");
  return r;
}

std::optional<Date> aging_date(const ReceivableRec& r) { return r.due_date ? r.due_date : r.invoice_date; }

std::optional<int> days_overdue(const ReceivableRec& r, Date as_of) {
  auto from = aging_date(r);
  if (!from) return std::nullopt;
  return static_cast<int>((std::chrono::sys_days{as_of} - std::chrono::sys_days{*from}).count());
}

bool owes(const ReceivableRec& r) { return !r.voided && !r.is_credit && r.amount_due && *r.amount_due > 0; }

bool open_credit(const ReceivableRec& r) { return !r.voided && r.is_credit && r.amount_due && *r.amount_due != 0; }

util::Json days_overdue_json(simdjson::dom::element record, Date today) {
  auto r = parse_receivable(record);
  if (!r || !owes(*r)) return nullptr;
  auto days = days_overdue(*r, today);
  return days ? util::Json(*days) : util::Json(nullptr);
}

AgingBucket bucket_of(int days) {
  if (days <= 0) return kCurrent;
  if (days <= 30) return k1To30;
  if (days <= 60) return k31To60;
  if (days <= 90) return k61To90;
  return kOver90;
}

const char* bucket_name(AgingBucket b) {
  static const char* const kNames[] = {"current", "1_30", "31_60", "61_90", "over_90"};
  return kNames[b];
}

namespace {

/// A record that reaches a figure of the aging at in.as_of.
bool counted(const AgingInput& in, const ReceivableRec& r) {
  if (in.client_id && r.client_id != *in.client_id) return false;  // re-checked: Halo may ignore the filter
  if (r.invoice_date && *r.invoice_date > in.as_of) return false;
  return (owes(r) || open_credit(r)) && aging_date(r).has_value();
}

void add(AgingFigures& f, const ReceivableRec& r, AgingBucket bucket, Date from) {
  // An unapplied credit note lowers what the client owes, whatever sign Halo gave its amount.
  const Cents amount = !r.is_credit ? *r.amount_due : (*r.amount_due < 0 ? *r.amount_due : -*r.amount_due);
  f.buckets[bucket] += amount;
  f.outstanding += amount;
  if (r.is_credit) {
    ++f.credit_notes;
    return;
  }
  ++f.invoices;
  if (!f.oldest_due_date || from < *f.oldest_due_date) f.oldest_due_date = from;
}

}  // namespace

std::set<std::int64_t> clients_needing_currency(const AgingInput& in) {
  std::set<std::int64_t> ids;
  for (const auto& r : in.invoices) {
    if (r.client_id > 0 && counted(in, r) && !own_currency(r.currency)) ids.insert(r.client_id);
  }
  return ids;
}

Aging compute_aging(const AgingInput& in) {
  Aging out;
  std::map<std::tuple<std::int64_t, std::string>, AgingRow> rows;  // (client, currency)
  for (const auto& r : in.invoices) {
    if (in.client_id && r.client_id != *in.client_id) continue;  // re-checked: Halo may ignore the filter
    if (r.invoice_date && *r.invoice_date > in.as_of) {
      if (r.amount_due && *r.amount_due != 0 && !r.voided) ++out.dated_after_as_of;
      continue;
    }
    if (!r.amount_due) {
      if (!r.voided) out.no_amount_due.push_back(r.id);
      continue;
    }
    if (r.voided) {
      if (*r.amount_due != 0) ++out.voided_with_amount_due;
      continue;
    }
    if (!owes(r) && !open_credit(r)) continue;  // paid, or a negative "due" that is no debt
    auto from = aging_date(r);
    if (!from) {
      out.no_date.push_back(r.id);
      continue;
    }
    const auto days = static_cast<int>((std::chrono::sys_days{in.as_of} - std::chrono::sys_days{*from}).count());
    std::string client_iso;
    if (auto it = in.client_currency.find(r.client_id); it != in.client_currency.end()) client_iso = it->second;
    const std::string currency = decide_currency(r.currency, client_iso, in.default_currency);
    AgingRow& row = rows[{r.client_id, currency}];
    row.client_id = r.client_id;
    if (row.client_name.empty()) row.client_name = r.client_name;
    row.currency = currency;
    add(row.figures, r, bucket_of(days), *from);
    add(out.totals[currency], r, bucket_of(days), *from);
  }
  for (auto& [key, row] : rows) out.rows.push_back(std::move(row));
  std::stable_sort(out.rows.begin(), out.rows.end(), [](const AgingRow& a, const AgingRow& b) {
    if (a.figures.outstanding != b.figures.outstanding) return a.figures.outstanding > b.figures.outstanding;
    if (a.client_id != b.client_id) return a.client_id < b.client_id;
    return a.currency < b.currency;
  });
  return out;
}

util::Json aging_figures_json(const AgingFigures& f) {
  util::Json j = util::Json::object();
  for (int b = 0; b < kBucketCount; ++b) j[bucket_name(static_cast<AgingBucket>(b))] = money_json(f.buckets[b]);
  j["outstanding"] = money_json(f.outstanding);
  j["invoices"] = f.invoices;
  j["credit_notes"] = f.credit_notes;
  j["oldest_due_date"] = f.oldest_due_date ? util::Json(format_date(*f.oldest_due_date)) : util::Json(nullptr);
  return j;
}

}  // namespace domain

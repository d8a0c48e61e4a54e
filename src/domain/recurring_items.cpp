// Rules 2-5 and 7-9 of docs/revenue-rules.md, once (see recurring_items.hpp). Moved here verbatim
// from compute_revenue so its output is unchanged byte for byte.
#include "domain/recurring_items.hpp"

#include <algorithm>
#include <cstdlib>
#include <unordered_map>

#include "domain/currency.hpp"
#include "domain/revenue.hpp"

namespace domain {
namespace {

// Why an item is not active at the day; empty when it is.
std::string inactive_reason(bool expired, bool marked_inactive, bool disabled,
                            const std::optional<Date>& start, const std::optional<Date>& end, Date day) {
  if (disabled) return "disabled";
  if (expired) return "expired";
  if (marked_inactive) return "marked inactive";
  if (start && *start > day) return "starts " + format_date(*start);
  if (end && *end < day) return "ended " + format_date(*end);
  return {};
}

std::string describe_period(const std::string& label, const std::optional<std::int64_t>& code) {
  std::string out;
  if (code) out = "code " + std::to_string(*code);
  if (!label.empty()) out += (out.empty() ? "label '" : ", label '") + label + "'";
  return out.empty() ? "no period" : out;
}

// How the owner fixes an unknown period: an unreadable label through HALO_PERIOD_LABELS (it wins
// over the code), else the code through HALO_PERIOD_CODES.
std::string mapping_hint(const std::string& label, const std::optional<std::int64_t>& code) {
  const std::string code_text = code ? std::to_string(*code) : std::string("5");
  if (label.empty()) return "Map the code with HALO_PERIOD_CODES, e.g. " + code_text + "=monthly.";
  return "Map the label with HALO_PERIOD_LABELS, e.g. " + label + "=monthly" +
         (code ? ", or the code with HALO_PERIOD_CODES, e.g. " + code_text + "=monthly." : std::string("."));
}

// Net amount of a template (rule 3): revenue, else total - tax_total.
std::optional<Cents> template_net(const RecurringRec& t) {
  if (t.revenue) return t.revenue;
  if (t.total) return *t.total - t.tax_total.value_or(0);
  return std::nullopt;
}

std::optional<Period> resolve(const PeriodTable& periods, const std::string& label, std::optional<std::int64_t> code) {
  return periods.resolve(label.empty() ? std::nullopt : std::optional<std::string_view>(label), code);
}

bool contract_active(const ContractRec& c, Date day) {
  return !c.expired && !c.inactive && active_on(c.start_date, c.end_date, day);
}

bool template_active(const RecurringRec& t, Date day) { return !t.disabled && active_on(t.start_date, t.end_date, day); }

}  // namespace

std::string currency_of(const std::string& record_currency, std::int64_t client_id, const RevenueInputs& in) {
  std::string client;
  if (auto it = in.client_currency.find(client_id); it != in.client_currency.end()) client = it->second;
  return decide_currency(record_currency, client, in.default_currency);
}

std::vector<ItemAtDate> recurring_items_at(const RevenueInputs& in, Date day, std::optional<std::int64_t> client_id,
                                           const PeriodTable& periods) {
  auto in_scope = [&](std::int64_t id) { return !client_id || id == *client_id; };
  // Rule 4: the lowest active template that bills a counting contract is how it is billed.
  std::unordered_map<std::int64_t, const ContractRec*> contract_by_id;
  for (const auto& c : in.contracts) contract_by_id.emplace(c.id, &c);
  std::unordered_map<std::int64_t, std::int64_t> billing_template;  // contract id -> template id
  for (const auto& t : in.recurring) {
    if (!template_active(t, day) || t.contract_id <= 0) continue;
    auto it = contract_by_id.find(t.contract_id);
    if (it == contract_by_id.end() || !contract_active(*it->second, day)) continue;
    auto [pos, inserted] = billing_template.emplace(t.contract_id, t.id);
    if (!inserted) pos->second = std::min(pos->second, t.id);
  }

  std::vector<ItemAtDate> out;
  for (const auto& c : in.contracts) {
    if (!in_scope(c.client_id)) continue;
    ItemAtDate at{.client_id = c.client_id, .client_name = c.client_name,
                  .currency = currency_of(c.currency, c.client_id, in), .start_date = c.start_date,
                  .end_date = c.end_date};
    RecurringItem& item = at.item;
    item.kind = ItemKind::kContract;
    item.id = c.id;
    item.ref = c.ref;
    item.amount = c.period_amount;
    auto period = resolve(periods, c.billing_period_label, c.billing_period);
    if (period) item.period = period->name;
    item.reason = inactive_reason(c.expired, c.inactive, false, c.start_date, c.end_date, day);
    if (!item.reason.empty()) {
      item.status = ItemStatus::kInactive;
    } else if (auto via = billing_template.find(c.id); via != billing_template.end()) {
      item.status = ItemStatus::kBilledViaRecurringInvoice;  // rule 4: the template is counted instead
      item.billed_via = via->second;
    } else if (!period) {
      item.status = ItemStatus::kUnknownPeriod;  // rule 5
      item.reason = "unknown billing period (" + describe_period(c.billing_period_label, c.billing_period) + ")";
      at.warning = RevenueWarning{"unknown_period", c.id, c.client_id,
                                  "contract " + std::to_string(c.id) + (c.ref.empty() ? "" : " (" + c.ref + ")") +
                                      " has an unknown billing period (" +
                                      describe_period(c.billing_period_label, c.billing_period) + "); not counted. " +
                                      mapping_hint(c.billing_period_label, c.billing_period),
                                  "contracts", std::nullopt};
    } else {
      item.status = ItemStatus::kCounted;
      item.monthly_exact = PeriodTable::monthly_value(c.period_amount.value_or(0), *period);
      item.monthly_value = item.monthly_exact.round_cents().value_or(0);  // invalid: the row's mrr is n/a
    }
    out.push_back(std::move(at));
  }

  for (const auto& t : in.recurring) {
    if (!in_scope(t.client_id)) continue;
    ItemAtDate at{.client_id = t.client_id, .client_name = t.client_name,
                  .currency = currency_of(t.currency, t.client_id, in), .start_date = t.start_date,
                  .end_date = t.end_date};
    RecurringItem& item = at.item;
    item.kind = ItemKind::kRecurringInvoice;
    item.id = t.id;
    item.ref = t.ref;
    item.contract_id = t.contract_id;
    item.amount = template_net(t);
    auto period = resolve(periods, t.period_label, t.period);
    if (period) item.period = period->name;
    item.reason = inactive_reason(false, false, t.disabled, t.start_date, t.end_date, day);
    if (!item.reason.empty()) {
      item.status = ItemStatus::kInactive;
    } else if (!period) {
      item.status = ItemStatus::kUnknownPeriod;
      item.reason = "unknown period (" + describe_period(t.period_label, t.period) + ")";
      at.warning = RevenueWarning{"unknown_period", t.id, t.client_id,
                                  "recurring invoice " + std::to_string(t.id) + " has an unknown period (" +
                                      describe_period(t.period_label, t.period) + "); not counted. " +
                                      mapping_hint(t.period_label, t.period),
                                  "recurring_invoices", std::nullopt};
    } else {
      item.status = ItemStatus::kCounted;
      if (!item.amount) {
        at.warning = RevenueWarning{"missing_amount", t.id, t.client_id,
                                    "recurring invoice " + std::to_string(t.id) + " has no revenue or total; counted as 0.",
                                    "recurring_invoices", std::nullopt};
      }
      item.monthly_exact = PeriodTable::monthly_value(item.amount.value_or(0), *period);
      item.monthly_value = item.monthly_exact.round_cents().value_or(0);  // invalid: the row's mrr is n/a
    }
    out.push_back(std::move(at));
  }
  return out;
}

bool invoice_in_window(const InvoiceRec& i, Date start, Date end) {
  return !i.voided && i.invoice_date && *i.invoice_date >= start && *i.invoice_date <= end;
}

InvoiceClass classify_invoice(const InvoiceRec& i, const RevenueInputs& in) {
  if (i.recurring_invoice_id > 0 || (i.contract_id > 0 && i.ticket_id <= 0)) return InvoiceClass::kRecurring;
  if (i.ticket_id > 0 && in.project_ticket_ids.count(i.ticket_id) != 0) return InvoiceClass::kProject;
  return InvoiceClass::kAdHoc;
}

Cents invoice_amount(const InvoiceRec& i) {
  Cents amount = i.revenue.value_or(0);
  if (i.is_credit) amount = -std::llabs(amount);
  return amount;
}

std::optional<RevenueWarning> invoice_warning(const InvoiceRec& i) {
  if (i.revenue) return std::nullopt;
  return RevenueWarning{"missing_amount", i.id, i.client_id,
                        "invoice " + std::to_string(i.id) + " has no revenue or total; counted as 0.", "invoices",
                        std::nullopt};
}

}  // namespace domain

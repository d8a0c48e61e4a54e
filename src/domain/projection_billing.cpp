// The computed fields of billing items (see projection_billing.hpp).
#include "domain/projection_billing.hpp"

#include <simdjson.h>

#include "domain/currency.hpp"
#include "domain/halo_fields.hpp"
#include "domain/money.hpp"
#include "domain/revenue_parse.hpp"

namespace domain {
namespace {

using namespace domain::fields;

util::Json text_or_null(const std::string& text) { return text.empty() ? util::Json(nullptr) : util::Json(text); }

std::optional<double> contract_amount(const ContractRec& rec) {
  if (!rec.period_amount) return std::nullopt;
  return to_double(*rec.period_amount);
}

std::optional<Period> contract_period(const ContractRec& rec, const PeriodTable& periods) {
  return resolve_billing_period(periods, rec.billing_period_label, rec.billing_period);
}

/// Net per period as revenue_breakdown reads it (rule 3: revenue, else total - tax).
std::optional<double> recurring_net(const RecurringRec& rec) {
  std::optional<Cents> net = rec.revenue;
  if (!net && rec.total) net = *rec.total - rec.tax_total.value_or(0);
  if (!net) return std::nullopt;
  return to_double(*net);
}

}  // namespace

util::Json monthly_value_json(const std::optional<Period>& period, std::optional<double> amount) {
  if (!period || !amount) return nullptr;
  const auto monthly = PeriodTable::monthly_value(to_cents(*amount), *period).round_cents();
  if (!monthly) return nullptr;  // too large to be money
  return to_double(*monthly);
}

std::optional<Period> resolve_billing_period(const PeriodTable& periods, std::string_view label,
                                             std::optional<std::int64_t> code) {
  std::optional<std::string_view> label_view;
  if (!label.empty()) label_view = label;
  return periods.resolve(label_view, code);
}

std::string record_currency(const Record& record) {
  // The names parse_invoice / parse_recurring_invoice / parse_contract read.
  return normalize_currency(string_field(record, {"currency", "currencyisocode"}).value_or(""));
}

util::Json record_currency_or_null(const Record& record) {
  const std::string raw = record_currency(record);
  if (auto own = own_currency(raw)) return *own;
  // A bare "$" stays until the client decides which dollar it is (billing_currency.hpp); an
  // unreadable value is as good as none.
  return raw == "$" ? util::Json("$") : util::Json(nullptr);
}

util::Json contract_billing_period(const Record& c, const PeriodTable& periods) {
  auto period = contract_period(parse_contract(c).value_or(ContractRec{}), periods);
  return period ? util::Json(period->name) : util::Json(nullptr);
}

util::Json contract_billing_period_code(const Record& c) {
  return or_null(parse_contract(c).value_or(ContractRec{}).billing_period);
}

util::Json contract_billing_period_label(const Record& c) {
  return text_or_null(parse_contract(c).value_or(ContractRec{}).billing_period_label);
}

util::Json contract_period_amount(const Record& c) {
  return or_null(contract_amount(parse_contract(c).value_or(ContractRec{})));
}

util::Json contract_monthly_value(const Record& c, const PeriodTable& periods) {
  const ContractRec rec = parse_contract(c).value_or(ContractRec{});
  return monthly_value_json(contract_period(rec, periods), contract_amount(rec));
}

util::Json contract_status(const Record& c) {
  auto label = as_string(c, "contract_status");
  if (label && !label->empty()) return *label;
  if (as_bool(c, "expired").value_or(false)) return "expired";
  if (auto active = as_bool(c, "active")) return *active ? "active" : "inactive";
  return nullptr;
}

util::Json invoice_net_amount(const Record& i) {
  if (auto revenue = as_double(i, "revenue")) return *revenue;
  auto total = as_double(i, "total");
  if (!total) return nullptr;
  return *total - as_double(i, "tax_total").value_or(0.0);
}

util::Json recurring_period(const Record& r, const PeriodTable& periods) {
  const RecurringRec rec = parse_recurring_invoice(r).value_or(RecurringRec{});
  auto period = resolve_billing_period(periods, rec.period_label, rec.period);
  return period ? util::Json(period->name) : util::Json(nullptr);
}

util::Json recurring_period_code(const Record& r) {
  return or_null(parse_recurring_invoice(r).value_or(RecurringRec{}).period);
}

util::Json recurring_period_label(const Record& r) {
  return text_or_null(parse_recurring_invoice(r).value_or(RecurringRec{}).period_label);
}

util::Json recurring_net_amount(const Record& r) {
  return or_null(recurring_net(parse_recurring_invoice(r).value_or(RecurringRec{})));
}

util::Json recurring_total(const Record& r) {
  auto total = parse_recurring_invoice(r).value_or(RecurringRec{}).total;
  return total ? util::Json(to_double(*total)) : util::Json(nullptr);
}

util::Json recurring_monthly_value(const Record& r, const PeriodTable& periods) {
  const RecurringRec rec = parse_recurring_invoice(r).value_or(RecurringRec{});
  return monthly_value_json(resolve_billing_period(periods, rec.period_label, rec.period), recurring_net(rec));
}

}  // namespace domain

// Projections of contracts, invoices and recurring invoices (see projection_billing.hpp).
#include "domain/projection_billing.hpp"

#include <cctype>

#include "domain/halo_fields.hpp"
#include "domain/html_text.hpp"
#include "domain/money.hpp"
#include "domain/revenue_parse.hpp"
#include "util/json_object.hpp"

namespace domain {
namespace {

using namespace domain::fields;

util::Json currency_of(simdjson::dom::element record, std::string_view default_currency) {
  std::string own = record_currency(record);
  if (!own.empty()) return own;
  std::string fallback = normalize_currency(default_currency);
  if (!fallback.empty()) return fallback;
  return nullptr;
}

util::Json money_json(const std::optional<Cents>& amount) {
  return amount ? util::Json(to_double(*amount)) : util::Json(nullptr);
}

/// Net amount per period: `revenue`, else total - tax_total (revenue-rules.md rule 3).
std::optional<double> net_amount(simdjson::dom::element record) {
  if (auto revenue = as_double(record, "revenue")) return revenue;
  auto total = as_double(record, "total");
  if (!total) return std::nullopt;
  return *total - as_double(record, "tax_total").value_or(0.0);
}

util::Json contract_status(simdjson::dom::element c) {
  auto label = as_string(c, "contract_status");
  if (label && !label->empty()) return *label;
  if (as_bool(c, "expired").value_or(false)) return "expired";
  if (auto active = as_bool(c, "active")) return *active ? "active" : "inactive";
  return nullptr;
}

util::Json lines_of(simdjson::dom::element record) {
  util::Json lines = util::Json::array();
  auto raw = get(record, "lines");
  if (!raw || !raw->is_array()) return lines;
  const simdjson::dom::array array = raw->get_array().value_unsafe();
  for (simdjson::dom::element line : array) {
    lines.push_back(project_invoice_line(line));
  }
  return lines;
}

}  // namespace

util::Json monthly_value_json(const std::optional<Period>& period, std::optional<double> amount) {
  if (!period || !amount) return nullptr;
  Money monthly = PeriodTable::monthly_value(to_cents(*amount), *period);
  return to_double(monthly.round_cents());
}

std::optional<Period> resolve_billing_period(const PeriodTable& periods, std::string_view label,
                                             std::optional<std::int64_t> code) {
  std::optional<std::string_view> label_view;
  if (!label.empty()) label_view = label;
  return periods.resolve(label_view, code);
}

std::string record_currency(simdjson::dom::element record) {
  // The names parse_invoice / parse_recurring_invoice / parse_contract read.
  return normalize_currency(string_field(record, {"currency", "currencyisocode"}).value_or(""));
}

bool apply_contract_label(util::Json& item, std::string_view label, const PeriodTable& periods) {
  if (!item.is_object()) return false;
  std::optional<std::int64_t> code;
  if (auto it = item.find("billing_period_code"); it != item.end() && it->is_number_integer()) {
    code = it->get<std::int64_t>();
  }
  auto period = resolve_billing_period(periods, label, code);
  if (!period) return false;
  std::optional<double> amount;
  if (auto it = item.find("period_amount"); it != item.end() && it->is_number()) amount = it->get<double>();
  item["billing_period"] = period->name;
  item["monthly_value"] = monthly_value_json(period, amount);
  return true;
}

util::Json project_contract(simdjson::dom::element c, const PeriodTable& periods) {
  // Period, code and amount as revenue_breakdown reads them (one parser, one answer).
  const ContractRec rec = parse_contract(c).value_or(ContractRec{});
  auto period = resolve_billing_period(periods, rec.billing_period_label, rec.billing_period);
  std::optional<double> amount;
  if (rec.period_amount) amount = to_double(*rec.period_amount);
  return util::JsonObject(15)
      .add("id", json_int(c, "id"))
      .add("ref", json_string(c, "ref"))
      .add("client_id", json_int(c, "client_id"))
      .add("client_name", json_string(c, "client_name"))
      .add("start_date", json_date(c, "start_date"))
      .add("end_date", json_date(c, "end_date"))
      .add("billing_period", period ? util::Json(period->name) : util::Json(nullptr))
      .add("billing_period_code", or_null(rec.billing_period))
      .add("period_amount", or_null(amount))
      .add("monthly_value", monthly_value_json(period, amount))
      .add("status", contract_status(c))
      .add("active", json_bool(c, "active"))
      .add("expired", json_bool(c, "expired"))
      .add("contracttype_name", json_string(c, "contracttype_name"))
      .add("next_invoice_date", json_date(c, "next_invoice_date"))
      .take();
}

util::Json project_contract_detail(simdjson::dom::element c, const PeriodTable& periods) {
  util::Json item = project_contract(c, periods);
  const std::string label = parse_contract(c).value_or(ContractRec{}).billing_period_label;
  item["billing_period_label"] = label.empty() ? util::Json(nullptr) : util::Json(label);
  item["site_id"] = json_int(c, "site_id");
  item["site_name"] = json_string(c, "site_name");
  item["costperperiod"] = json_double(c, "costperperiod");
  item["prepayrecurringcharge"] = json_double(c, "prepayrecurringcharge");
  auto note = as_string(c, "note");
  item["note"] = note ? util::Json(plain_text(*note, kDetailTextLimit)) : util::Json(nullptr);

  util::Json periods_out = util::Json::array();
  for (std::string_view key : {"periods", "contract_periods"}) {
    auto raw = get(c, key);
    if (!raw || !raw->is_array()) continue;
    const simdjson::dom::array array = raw->get_array().value_unsafe();
    for (simdjson::dom::element p : array) {
      periods_out.push_back(util::JsonObject(8)
          .add("id", json_int(p, "id"))
          .add("name", json_string(p, "name"))
          .add("start_date", json_date(p, "start_date"))
          .add("end_date", json_date(p, "end_date"))
          .add("current", json_bool(p, "current"))
          .add("hours_in_period", json_double(p, "hours_in_period"))
          .add("hours_used", json_double(p, "hours_used"))
          .add("hours_remaining", json_double(p, "hours_remaining"))
          .take());
    }
    if (!periods_out.empty()) break;
  }
  item["periods"] = periods_out;

  util::Json schedule = util::Json::array();
  if (auto raw = get(c, "schedule"); raw && raw->is_array()) {
    const simdjson::dom::array array = raw->get_array().value_unsafe();
    for (simdjson::dom::element s : array) {
      schedule.push_back(util::JsonObject(3)
          .add("date", json_date(s, "date"))
          .add("amount", json_double(s, "amount"))
          .add("note", json_string(s, "note"))
          .take());
    }
  }
  item["schedule"] = schedule;
  return item;
}

util::Json project_invoice(simdjson::dom::element i, std::string_view default_currency) {
  return util::JsonObject(16)
      .add("id", json_int(i, "id"))
      .add("invoicenumber", json_string(i, "invoicenumber"))
      .add("client_id", json_int(i, "client_id"))
      .add("client_name", json_string(i, "client_name"))
      .add("invoice_date", json_date(i, "invoice_date"))
      .add("duedate", json_date(i, "duedate"))
      .add("revenue", or_null(net_amount(i)))
      .add("tax_total", json_double(i, "tax_total"))
      .add("total", json_double(i, "total"))
      .add("amountdue", json_double(i, "amountdue"))
      .add("currency", currency_of(i, default_currency))
      .add("posted", json_bool(i, "posted"))
      .add("voided", json_bool(i, "voided"))
      .add("recurring_invoice_id", json_int(i, "recurring_invoice_id"))
      .add("contract_id", json_int(i, "contract_id"))
      .add("ticket_id", json_int(i, "ticket_id"))
      .take();
}

util::Json project_invoice_detail(simdjson::dom::element i, std::string_view default_currency) {
  util::Json item = project_invoice(i, default_currency);
  item["datepaid"] = json_date(i, "datepaid");
  item["creditlinkedtoinvoiceid"] = json_int(i, "creditlinkedtoinvoiceid");
  item["lines"] = lines_of(i);
  return item;
}

util::Json project_invoice_line(simdjson::dom::element l) {
  return util::JsonObject(11)
      .add("id", json_int(l, "id"))
      .add("description", json_first_string(l, {"item_shortdescription", "item_longdescription"}))
      .add("qty", json_double(l, "qty_order"))
      .add("unit_price", json_double(l, "unit_price"))
      .add("net_amount", json_double(l, "net_amount"))
      .add("tax_amount", json_double(l, "tax_amount"))
      .add("contract_id", json_int(l, "contract_id"))
      .add("recurring_invoice_id", json_int(l, "recurring_invoice_id"))
      .add("ticket_id", json_int(l, "ticket_id"))
      .add("startdate", json_date(l, "startdate"))
      .add("enddate", json_date(l, "enddate"))
      .take();
}

util::Json project_recurring_invoice(simdjson::dom::element r, const PeriodTable& periods,
                                     std::string_view default_currency) {
  // Period and net amount as revenue_breakdown reads them (rule 3: revenue, else total - tax).
  const RecurringRec rec = parse_recurring_invoice(r).value_or(RecurringRec{});
  auto period = resolve_billing_period(periods, rec.period_label, rec.period);
  std::optional<Cents> net = rec.revenue;
  if (!net && rec.total) net = *rec.total - rec.tax_total.value_or(0);
  std::optional<double> revenue;
  if (net) revenue = to_double(*net);
  return util::JsonObject(15)
      .add("id", json_int(r, "id"))
      .add("client_id", json_int(r, "client_id"))
      .add("client_name", json_string(r, "client_name"))
      .add("period", period ? util::Json(period->name) : util::Json(nullptr))
      .add("period_code", or_null(rec.period))
      .add("revenue", or_null(revenue))
      .add("total", money_json(rec.total))
      .add("monthly_value", monthly_value_json(period, revenue))
      .add("currency", currency_of(r, default_currency))
      .add("nextcreationdate", json_date(r, "nextcreationdate"))
      .add("lastcreated", json_date(r, "lastcreated"))
      .add("startdate", json_date(r, "startdate"))
      .add("enddate", json_date(r, "enddate"))
      .add("disabled", json_bool(r, "disabled"))
      .add("contract_id", json_int(r, "contract_id"))
      .take();
}

util::Json project_recurring_invoice_detail(simdjson::dom::element r, const PeriodTable& periods,
                                            std::string_view default_currency) {
  util::Json item = project_recurring_invoice(r, periods, default_currency);
  const std::string label = parse_recurring_invoice(r).value_or(RecurringRec{}).period_label;
  item["periodname"] = label.empty() ? util::Json(nullptr) : util::Json(label);
  item["tax_total"] = json_double(r, "tax_total");
  item["lines"] = lines_of(r);
  return item;
}

}  // namespace domain

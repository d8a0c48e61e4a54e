// Lenient parsing of Halo records into compact revenue records (see revenue_parse.hpp).
#include "domain/revenue_parse.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace domain {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A whole numeric string ("12", "-3.50", "1e3"); nullopt for anything else ("12abc", "", "1,200").
std::optional<double> number_from_text(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 64) return std::nullopt;
  std::string copy(text);
  char* end = nullptr;
  double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::int64_t> integral(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  double rounded = std::round(value);
  if (std::fabs(value - rounded) > 1e-9) return std::nullopt;
  if (rounded > 9.0e18 || rounded < -9.0e18) return std::nullopt;
  return static_cast<std::int64_t>(rounded);
}

std::optional<simdjson::dom::element> find(simdjson::dom::element record, std::string_view name) {
  simdjson::dom::object object;
  if (record.get_object().get(object) != simdjson::SUCCESS) return std::nullopt;
  simdjson::dom::element value;
  if (object.at_key(name).get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
  return value;
}

template <class T, class Read>
std::optional<T> first_of(simdjson::dom::element record, std::initializer_list<std::string_view> names, Read read) {
  for (auto name : names) {
    if (auto value = find(record, name)) {
      if (auto parsed = read(*value)) return parsed;
    }
  }
  return std::nullopt;
}

std::int64_t id_or_zero(simdjson::dom::element record, std::initializer_list<std::string_view> names) {
  return int_field(record, names).value_or(0);
}

}  // namespace

std::optional<std::int64_t> lenient_int(simdjson::dom::element value) {
  switch (value.type()) {
    case simdjson::dom::element_type::INT64: return value.get_int64().value_unsafe();
    case simdjson::dom::element_type::UINT64: {
      std::uint64_t u = value.get_uint64().value_unsafe();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
      return static_cast<std::int64_t>(u);
    }
    case simdjson::dom::element_type::DOUBLE: return integral(value.get_double().value_unsafe());
    case simdjson::dom::element_type::STRING: {
      auto number = number_from_text(value.get_string().value_unsafe());
      return number ? integral(*number) : std::nullopt;
    }
    default: return std::nullopt;
  }
}

std::optional<double> lenient_number(simdjson::dom::element value) {
  switch (value.type()) {
    case simdjson::dom::element_type::INT64: return static_cast<double>(value.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64: return static_cast<double>(value.get_uint64().value_unsafe());
    case simdjson::dom::element_type::DOUBLE: return value.get_double().value_unsafe();
    case simdjson::dom::element_type::STRING: return number_from_text(value.get_string().value_unsafe());
    default: return std::nullopt;
  }
}

std::optional<bool> lenient_bool(simdjson::dom::element value) {
  switch (value.type()) {
    case simdjson::dom::element_type::BOOL: return value.get_bool().value_unsafe();
    case simdjson::dom::element_type::INT64: return value.get_int64().value_unsafe() != 0;
    case simdjson::dom::element_type::UINT64: return value.get_uint64().value_unsafe() != 0;
    case simdjson::dom::element_type::DOUBLE: return value.get_double().value_unsafe() != 0.0;
    case simdjson::dom::element_type::STRING: {
      std::string text = lower(trim(value.get_string().value_unsafe()));
      if (text == "true" || text == "1" || text == "yes") return true;
      if (text == "false" || text == "0" || text == "no") return false;
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

std::optional<std::string> lenient_string(simdjson::dom::element value) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) return std::nullopt;
  return std::string(text);
}

std::optional<std::int64_t> int_field(simdjson::dom::element record, std::initializer_list<std::string_view> names) {
  return first_of<std::int64_t>(record, names, lenient_int);
}

std::optional<Cents> cents_field(simdjson::dom::element record, std::initializer_list<std::string_view> names) {
  return first_of<Cents>(record, names, [](simdjson::dom::element v) -> std::optional<Cents> {
    auto number = lenient_number(v);
    if (!number) return std::nullopt;
    return to_cents(*number);
  });
}

std::optional<bool> bool_field(simdjson::dom::element record, std::initializer_list<std::string_view> names) {
  return first_of<bool>(record, names, lenient_bool);
}

std::optional<std::string> string_field(simdjson::dom::element record, std::initializer_list<std::string_view> names) {
  return first_of<std::string>(record, names, lenient_string);
}

std::optional<Date> date_field(simdjson::dom::element record, std::initializer_list<std::string_view> names) {
  // The first field present decides: a sentinel in `start_date` must not fall through to another
  // spelling and pick up an unrelated date.
  for (auto name : names) {
    if (auto value = find(record, name)) {
      std::string_view text;
      if (value->get_string().get(text) != simdjson::SUCCESS) return std::nullopt;
      return parse_halo_date(text);
    }
  }
  return std::nullopt;
}

bool is_credit_note(simdjson::dom::element record) {
  if (bool_field(record, {"is_credit_note"}).value_or(false) || bool_field(record, {"iscreditnote"}).value_or(false) ||
      bool_field(record, {"is_credit"}).value_or(false) || bool_field(record, {"creditnote"}).value_or(false) ||
      bool_field(record, {"credit_note"}).value_or(false)) {
    return true;
  }
  for (auto name : {"invoice_type_code", "type"}) {
    if (auto text = string_field(record, {name})) {
      std::string t = lower(trim(*text));
      if (t.find("credit") != std::string::npos || t == "cn" || t == "crn") return true;
    }
  }
  return int_field(record, {"creditlinkedtoinvoiceid"}).value_or(0) > 0;
}

std::optional<ContractRec> parse_contract(simdjson::dom::element record) {
  if (!record.is_object()) return std::nullopt;
  ContractRec c;
  c.id = id_or_zero(record, {"id"});
  c.client_id = id_or_zero(record, {"client_id"});
  c.client_name = string_field(record, {"client_name"}).value_or("");
  c.ref = string_field(record, {"ref", "contract_ref", "reference"}).value_or("");
  c.start_date = date_field(record, {"start_date", "startdate"});
  c.end_date = date_field(record, {"end_date", "enddate"});
  c.expired = bool_field(record, {"expired"}).value_or(false);
  c.inactive = !bool_field(record, {"active"}).value_or(true) || bool_field(record, {"inactive"}).value_or(false);
  c.billing_period = int_field(record, {"billingperiod", "billing_period"});
  c.billing_period_label =
      string_field(record, {"billing_period_string", "billingperiod_string", "billing_period_name", "billingperiodname"})
          .value_or("");
  c.period_amount = cents_field(record, {"periodchargeamount", "period_charge_amount", "period_amount"});
  c.currency = string_field(record, {"currency", "currencyisocode"}).value_or("");
  return c;
}

std::optional<RecurringRec> parse_recurring_invoice(simdjson::dom::element record) {
  if (!record.is_object()) return std::nullopt;
  RecurringRec t;
  t.id = id_or_zero(record, {"id"});
  t.client_id = id_or_zero(record, {"client_id"});
  t.client_name = string_field(record, {"client_name"}).value_or("");
  t.ref = string_field(record, {"reference", "invoicenumber", "contract_ref"}).value_or("");
  t.start_date = date_field(record, {"startdate", "start_date"});
  t.end_date = date_field(record, {"enddate", "end_date"});
  t.disabled = bool_field(record, {"disabled"}).value_or(false) || bool_field(record, {"inactive"}).value_or(false);
  t.period = int_field(record, {"period", "billingperiod"});
  t.period_label = string_field(record, {"periodname", "period_name", "billing_period_string"}).value_or("");
  t.revenue = cents_field(record, {"revenue"});
  t.total = cents_field(record, {"total"});
  t.tax_total = cents_field(record, {"tax_total", "taxtotal"});
  t.currency = string_field(record, {"currency", "currencyisocode"}).value_or("");
  t.contract_id = id_or_zero(record, {"contract_id"});
  return t;
}

std::optional<InvoiceRec> parse_invoice(simdjson::dom::element record) {
  if (!record.is_object()) return std::nullopt;
  InvoiceRec i;
  i.id = id_or_zero(record, {"id"});
  i.client_id = id_or_zero(record, {"client_id"});
  i.client_name = string_field(record, {"client_name"}).value_or("");
  i.invoice_date = date_field(record, {"invoice_date", "invoicedate"});
  i.voided = bool_field(record, {"voided"}).value_or(false);
  i.is_credit = is_credit_note(record);
  // Net of tax (rule 7); like a template, fall back to total - tax_total when revenue is absent.
  i.revenue = cents_field(record, {"revenue"});
  if (!i.revenue) {
    if (auto total = cents_field(record, {"total"})) i.revenue = *total - cents_field(record, {"tax_total", "taxtotal"}).value_or(0);
  }
  i.currency = string_field(record, {"currency", "currencyisocode"}).value_or("");
  i.recurring_invoice_id = id_or_zero(record, {"recurring_invoice_id", "recurringinvoice_id"});
  i.contract_id = id_or_zero(record, {"contract_id"});
  i.ticket_id = id_or_zero(record, {"ticket_id"});
  return i;
}

std::optional<std::int64_t> parse_project_id(simdjson::dom::element record) {
  if (record.is_object()) return int_field(record, {"id", "ticket_id"});
  return lenient_int(record);
}

std::optional<std::pair<std::int64_t, std::string>> parse_client_currency(simdjson::dom::element record) {
  if (!record.is_object()) return std::nullopt;
  auto id = int_field(record, {"id"});
  auto currency = string_field(record, {"currencyisocode", "currency_iso_code", "currency"});
  if (!id || !currency || trim(*currency).empty()) return std::nullopt;
  return std::make_pair(*id, std::string(trim(*currency)));
}

}  // namespace domain

// libFuzzer target: everything that reads a Halo response body, which is untrusted input (a
// proxy, a misconfigured tenant or a hostile record can put anything there): halo::Document,
// the list envelope rule, every domain projection, the revenue record parsers, HTML to text, and
// the raw-field readers used for `fields` and `full`.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>
#include <string>

#include "domain/halo_fields.hpp"
#include "domain/html_text.hpp"
#include "domain/periods.hpp"
#include "domain/projection_billing.hpp"
#include "domain/projection_time_entries.hpp"
#include "domain/time_zone.hpp"
#include "tools/projection.hpp"
#include "tools/registry.hpp"
#include "domain/revenue_parse.hpp"
#include "halo/document.hpp"
#include "halo/envelope.hpp"

namespace {

void check_serialisable(const util::Json& value) {
  // A projection must never produce something the protocol layer cannot send.
  (void)value.dump(-1, ' ', false, util::Json::error_handler_t::strict);
}

void visit_record(simdjson::dom::element record, const domain::PeriodTable& periods) {
  // Every tool's projection, list and detail, through its declared field table.
  const tools::ProjectionEnv env{&periods, "GBP"};
  for (const tools::ToolDef* tool : tools::all_tools()) {
    if (tool->fields.empty()) continue;
    check_serialisable(tools::project(record, tool->fields, false, env));
    check_serialisable(tools::project(record, tool->fields, true, env));
  }
  if (auto entry = domain::parse_time_entry(record)) {
    check_serialisable(domain::project_time_entry(record, *entry, nullptr, nullptr));
  }
  (void)domain::parse_halo_instant(domain::fields::as_string(record, "datetime").value_or(""));
  check_serialisable(domain::fields::to_json(record));
  (void)domain::parse_contract(record);
  (void)domain::parse_recurring_invoice(record);
  (void)domain::parse_invoice(record);
  (void)domain::parse_project_id(record);
  (void)domain::parse_client_currency(record);
  (void)domain::is_credit_note(record);
  for (const char* key : {"details", "note", "id", "invoice_date", "amount", "customfields"}) {
    if (auto v = domain::fields::get(record, key)) check_serialisable(domain::fields::to_json(*v));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const domain::PeriodTable periods = domain::PeriodTable::defaults();
  std::string body(reinterpret_cast<const char*>(data), size);
  (void)domain::html_to_text(body);
  (void)domain::plain_text(body, 200);
  (void)domain::fields::normalize_date(body);
  (void)domain::fields::normalize_datetime(body);
  halo::Document doc;
  if (!doc.parse(std::move(body))) return 0;
  const simdjson::dom::element root = doc.root();
  visit_record(root, periods);
  for (const char* key : {"tickets", "invoices", "clients", "contracts", "actions"}) {
    auto envelope = halo::find_list(root, key);
    if (!envelope) continue;
    int seen = 0;
    for (simdjson::dom::element item : envelope->items) {
      visit_record(item, periods);
      if (++seen == 8) break;
    }
  }
  return 0;
}

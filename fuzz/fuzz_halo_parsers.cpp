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
#include "domain/projection_clients.hpp"
#include "domain/projection_misc.hpp"
#include "domain/projection_tickets.hpp"
#include "domain/revenue_parse.hpp"
#include "halo/document.hpp"
#include "halo/envelope.hpp"

namespace {

void check_serialisable(const util::Json& value) {
  // A projection must never produce something the protocol layer cannot send.
  (void)value.dump(-1, ' ', false, util::Json::error_handler_t::strict);
}

void visit_record(simdjson::dom::element record, const domain::PeriodTable& periods) {
  check_serialisable(domain::project_ticket(record));
  check_serialisable(domain::project_ticket_detail(record));
  check_serialisable(domain::project_action(record));
  check_serialisable(domain::project_time_entry_from_action(record));
  check_serialisable(domain::project_time_entry_from_event(record, util::Json("agent")));
  check_serialisable(domain::project_project(record));
  check_serialisable(domain::project_project_detail(record));
  check_serialisable(domain::project_client(record));
  check_serialisable(domain::project_client_detail(record, "GBP"));
  check_serialisable(domain::project_site(record));
  check_serialisable(domain::project_site_detail(record));
  check_serialisable(domain::project_asset(record));
  check_serialisable(domain::project_asset_detail(record));
  check_serialisable(domain::project_agent(record));
  check_serialisable(domain::project_report(record));
  check_serialisable(domain::project_contract(record, periods));
  check_serialisable(domain::project_contract_detail(record, periods));
  check_serialisable(domain::project_invoice(record, "GBP"));
  check_serialisable(domain::project_invoice_detail(record, "GBP"));
  check_serialisable(domain::project_invoice_line(record));
  check_serialisable(domain::project_recurring_invoice(record, periods, "GBP"));
  check_serialisable(domain::project_recurring_invoice_detail(record, periods, "GBP"));
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

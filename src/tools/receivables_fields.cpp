// list_invoices' receivables fields and filters (see receivables_fields.hpp).
#include "tools/receivables_fields.hpp"

#include <simdjson.h>

#include "domain/receivables.hpp"
#include "domain/time_zone.hpp"

namespace tools::billing {

domain::Date today_of(const ProjectionEnv& env) {
  const auto now = env.now == std::chrono::sys_seconds{}
                       ? std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())
                       : env.now;
  if (env.zone != nullptr) return env.zone->local_date(now);
  return domain::Date{std::chrono::floor<std::chrono::days>(now)};
}

util::Json invoice_days_overdue(const domain::Record& invoice, const ProjectionEnv& env) {
  return domain::days_overdue_json(invoice, today_of(env));
}

bool is_unpaid(const domain::Record& invoice) {
  auto r = domain::parse_receivable(invoice);
  return r && (domain::owes(*r) || domain::open_credit(*r));
}

bool is_overdue(const domain::Record& invoice, domain::Date today) {
  auto r = domain::parse_receivable(invoice);
  if (!r || !domain::owes(*r)) return false;
  auto days = domain::days_overdue(*r, today);
  return days && *days > 0;
}

}  // namespace tools::billing

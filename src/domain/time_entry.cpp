// Time entries from ticket actions (see time_entry.hpp).
#include "domain/time_entry.hpp"

#include <simdjson.h>

#include "domain/halo_fields.hpp"

namespace domain {

std::optional<TimeEntryRec> parse_time_entry(const Record& a) {
  using namespace domain::fields;
  const double hours = as_double(a, "timetaken").value_or(0.0);
  if (!(hours > 0.0)) return std::nullopt;
  TimeEntryRec e;
  e.id = as_int(a, "id").value_or(0);
  e.ticket_id = as_int(a, "ticket_id").value_or(0);
  e.agent_id = as_int(a, "who_agentid").value_or(0);
  e.agent = as_string(a, "who").value_or("");
  e.datetime = as_string(a, "datetime").value_or("");
  e.hours = hours;
  const auto flag = as_bool(a, "actisbillable");
  const auto charge = as_double(a, "actionchargehours");
  e.billable = flag.value_or(true);
  e.charge_hours = charge.value_or(0.0);
  if (flag && !*flag) {
    e.billable_hours = 0.0;
  } else if (charge) {
    e.billable_hours = *charge;
  } else if (flag) {
    e.billable_hours = hours;  // marked billable, no split given: the whole time
  }
  if (auto amount = as_double(a, "actionchargeamount"); amount && *amount > 0) e.charge_amount = to_cents(*amount);
  if (auto rate = as_double(a, "chargerate"); rate && *rate > 0) e.charge_rate = *rate;
  e.invoice_number = as_string(a, "actioninvoicenumber").value_or("");
  e.invoice_id = as_int(a, "invoice_id").value_or(0);
  e.project_id = as_int(a, "project_id").value_or(0);
  return e;
}

bool is_unbilled(const TimeEntryRec& e) {
  const bool invoiced = (!e.invoice_number.empty() && e.invoice_number != "0") || e.invoice_id > 0;
  return e.billable && e.charge_hours > 0 && !invoiced;
}

}  // namespace domain

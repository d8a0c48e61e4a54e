// Time entry items from actions and timesheet events (see projection_time_entries.hpp).
#include "domain/projection_time_entries.hpp"

#include "domain/halo_fields.hpp"
#include "util/json_object.hpp"
#include "domain/html_text.hpp"

namespace domain {
namespace {

using namespace domain::fields;

util::Json text_field(simdjson::dom::element record, std::string_view key, std::size_t limit) {
  auto text = as_string(record, key);
  if (!text) return nullptr;
  return plain_text(*text, limit);
}

}  // namespace

util::Json project_time_entry_from_action(simdjson::dom::element a) {
  auto hours = as_double(a, "timetaken");
  // Halo splits an action's time into chargeable and non-chargeable hours; when only the
  // billable flag is present, the whole time is billable or none of it is.
  util::Json billable = nullptr;
  if (auto charge = as_double(a, "actionchargehours")) {
    billable = *charge;
  } else if (auto flag = as_bool(a, "actisbillable")) {
    billable = *flag ? hours.value_or(0.0) : 0.0;
  }
  return util::JsonObject(10)
      .add("source", "action")
      .add("id", json_int(a, "id"))
      .add("ticket_id", json_int(a, "ticket_id"))
      .add("datetime", json_datetime(a, "datetime"))
      .add("agent_id", json_int(a, "who_agentid"))
      .add("agent", json_string(a, "who"))
      .add("client_id", nullptr)
      .add("hours", or_null(hours))
      .add("billable_hours", billable)
      .add("note", text_field(a, "note", kListTextLimit))
      .take();
}

util::Json project_time_entry_from_event(simdjson::dom::element e, const util::Json& agent_name) {
  // TimesheetEvent has no billable hours field: use an explicit flag when a tenant sends one,
  // else the charge rate (0 = no charge), which is how the timesheet colours billable time.
  util::Json billable = nullptr;
  const double hours = as_double(e, "timetaken").value_or(0.0);
  if (auto flag = as_bool(e, "billable")) {
    billable = *flag ? hours : 0.0;
  } else if (auto flag2 = as_bool(e, "actisbillable")) {
    billable = *flag2 ? hours : 0.0;
  } else if (auto rate = as_int(e, "charge_rate")) {
    billable = *rate != 0 ? hours : 0.0;
  }
  util::Json note = text_field(e, "note", kListTextLimit);
  if (note.is_null() || (note.is_string() && note.get<std::string>().empty())) {
    note = text_field(e, "subject", kListTextLimit);
  }
  return util::JsonObject(10)
      .add("source", "timesheet")
      .add("id", json_int(e, "id"))
      .add("ticket_id", json_int(e, "ticket_id"))
      .add("datetime", json_datetime(e, "start_date"))
      .add("agent_id", json_int(e, "agent_id"))
      .add("agent", agent_name)
      .add("client_id", json_int(e, "client_id"))
      .add("hours", json_double(e, "timetaken"))
      .add("billable_hours", billable)
      .add("note", note)
      .take();
}

}  // namespace domain

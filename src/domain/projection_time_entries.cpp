// Projections of tickets, projects, actions and time entries (see projection_tickets.hpp).
#include "domain/projection_tickets.hpp"

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

util::Json project_ticket(simdjson::dom::element t) {
  return util::JsonObject(12)
      .add("id", json_int(t, "id"))
      .add("summary", json_string(t, "summary"))
      .add("client_id", json_int(t, "client_id"))
      .add("client_name", json_string(t, "client_name"))
      .add("site_id", json_int(t, "site_id"))
      .add("status_id", json_int(t, "status_id"))
      .add("status_name", json_string(t, "status_name"))
      .add("agent_id", json_int(t, "agent_id"))
      .add("agent_name", json_string(t, "agent_name"))
      .add("team", json_string(t, "team"))
      .add("priority_id", json_int(t, "priority_id"))
      .add("dateoccurred", json_datetime(t, "dateoccurred"))
      .take();
}

util::Json project_ticket_detail(simdjson::dom::element t) {
  util::Json item = project_ticket(t);
  item["details"] = text_field(t, "details", kDetailTextLimit);
  item["site_name"] = json_string(t, "site_name");
  item["user_id"] = json_int(t, "user_id");
  item["user_name"] = json_string(t, "user_name");
  item["tickettype_id"] = json_int(t, "tickettype_id");
  item["timetaken"] = json_double(t, "timetaken");
  item["chargehours"] = json_double(t, "chargehours");
  item["nonchargehours"] = json_double(t, "nonchargehours");
  item["onhold"] = json_bool(t, "onhold");
  item["deadlinedate"] = json_datetime(t, "deadlinedate");
  item["dateclosed"] = json_datetime(t, "dateclosed");
  return item;
}

util::Json project_action(simdjson::dom::element a) {
  return util::JsonObject(9)
      .add("id", json_int(a, "id"))
      .add("ticket_id", json_int(a, "ticket_id"))
      .add("datetime", json_datetime(a, "datetime"))
      .add("who", json_string(a, "who"))
      .add("who_agentid", json_int(a, "who_agentid"))
      .add("outcome", json_string(a, "outcome"))
      .add("note", text_field(a, "note", kListTextLimit))
      .add("timetaken", json_double(a, "timetaken"))
      .add("hiddenfromuser", json_bool(a, "hiddenfromuser"))
      .take();
}

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

util::Json project_project(simdjson::dom::element p) {
  return util::JsonObject(12)
      .add("id", json_int(p, "id"))
      .add("summary", json_string(p, "summary"))
      .add("client_id", json_int(p, "client_id"))
      .add("client_name", json_string(p, "client_name"))
      .add("status_id", json_int(p, "status_id"))
      .add("status_name", json_string(p, "status_name"))
      .add("agent_name", json_string(p, "agent_name"))
      .add("startdate", json_date(p, "startdate"))
      .add("targetdate", json_date(p, "targetdate"))
      .add("deadlinedate", json_date(p, "deadlinedate"))
      .add("estimate", json_double(p, "estimate"))
      .add("timetaken", json_double(p, "timetaken"))
      .take();
}

util::Json project_project_detail(simdjson::dom::element p) {
  util::Json item = project_project(p);
  item["details"] = text_field(p, "details", kDetailTextLimit);
  item["budgettype"] = json_string(p, "budgettype");
  item["dateoccurred"] = json_datetime(p, "dateoccurred");
  item["dateclosed"] = json_datetime(p, "dateclosed");
  return item;
}

}  // namespace domain

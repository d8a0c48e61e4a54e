// Time entry items (see projection_time_entries.hpp).
#include "domain/projection_time_entries.hpp"

#include <simdjson.h>

#include "domain/halo_fields.hpp"
#include "domain/html_text.hpp"
#include "util/json_object.hpp"

namespace domain {

util::Json project_time_entry(const Record& a, const TimeEntryRec& e, const util::Json& client_id,
                              const util::Json& client_name) {
  using namespace domain::fields;
  auto note = as_string(a, "note");
  return util::JsonObject(11)
      .add("source", "action")
      .add("id", e.id)
      .add("ticket_id", e.ticket_id)
      .add("datetime", json_datetime(a, "datetime"))
      .add("agent_id", e.agent_id > 0 ? util::Json(e.agent_id) : util::Json(nullptr))
      .add("agent", e.agent.empty() ? util::Json(nullptr) : util::Json(e.agent))
      .add("client_id", client_id)
      .add("client_name", client_name)
      .add("hours", e.hours)
      .add("billable_hours", or_null(e.billable_hours))
      .add("note", note ? util::Json(plain_text(*note, kListTextLimit)) : util::Json(nullptr))
      .take();
}

}  // namespace domain

// Reading a service-desk ticket (see service_ticket.hpp).
#include "domain/service_ticket.hpp"

#include "domain/halo_fields.hpp"

namespace domain {
namespace {

/// A key from an id field and a name field. An id of 0 or less is Halo's "none"; a name without
/// an id keeps the name (so "(none)" only collects records with neither). `noun` names a group
/// whose name Halo did not send ("priority 2").
GroupKey key_of(const Record& record, std::string_view id_field, std::string_view name_field, std::string_view noun) {
  GroupKey key;
  if (!id_field.empty()) {
    const std::int64_t id = fields::as_int(record, id_field).value_or(0);
    if (id > 0) key.id = id;
  }
  auto name = fields::as_string(record, name_field);
  if (name && !name->empty()) {
    key.name = *name;
  } else if (key.id) {
    key.name = std::string(noun) + " " + std::to_string(*key.id);
  }
  if (!key.id && key.name.empty()) key.name = "(none)";
  return key;
}

}  // namespace

std::optional<ServiceTicket> parse_service_ticket(const Record& record) {
  auto id = fields::as_int(record, "id");
  if (!id) return std::nullopt;
  ServiceTicket t;
  t.id = *id;
  t.opened = fields::as_instant(record, "dateoccurred");
  t.closed = fields::as_instant(record, "dateclosed");
  t.responded = fields::as_instant(record, "responsedate");
  t.respond_by = fields::as_instant(record, "respondbydate");
  t.fix_by = fields::as_instant(record, "fixbydate");
  t.exclude_from_sla = fields::as_bool(record, "excludefromsla").value_or(false);
  t.client = key_of(record, "client_id", "client_name", "client");
  t.agent = key_of(record, "agent_id", "agent_name", "agent");
  t.team = key_of(record, "", "team", "team");
  t.status = key_of(record, "status_id", "status_name", "status");
  t.priority = key_of(record, "priority_id", "priority_name", "priority");
  t.tickettype = key_of(record, "tickettype_id", "tickettype_name", "ticket type");
  return t;
}

}  // namespace domain

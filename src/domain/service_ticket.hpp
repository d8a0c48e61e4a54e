// A service-desk ticket as the statistics read it: its id, the instants that decide which counts it
// is in (opened, closed, first response, and the SLA targets Halo computed), and the keys it can
// be grouped by. Halo writes "no date" as 1900-01-01: such a datetime is absent here.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "domain/record.hpp"
#include "domain/time_zone.hpp"

namespace domain {

/// What a group is called: Halo's id and name. No id = the "(none)" group, unless the name alone
/// is known (a ticket names its team, not the team's id).
struct GroupKey {
  std::optional<std::int64_t> id;
  std::string name;
  friend bool operator<(const GroupKey& a, const GroupKey& b) {
    return a.id != b.id ? a.id < b.id : a.name < b.name;
  }
  friend bool operator==(const GroupKey& a, const GroupKey& b) = default;
};

struct ServiceTicket {
  std::int64_t id = 0;
  std::optional<Instant> opened;      ///< dateoccurred
  std::optional<Instant> closed;      ///< dateclosed
  std::optional<Instant> responded;   ///< responsedate
  std::optional<Instant> respond_by;  ///< respondbydate
  std::optional<Instant> fix_by;      ///< fixbydate (Halo has already added hold time)
  bool exclude_from_sla = false;      ///< excludefromsla
  GroupKey client, agent, team, status, priority, tickettype;
};

/// Reads a ticket from Halo's list record; nullopt when it has no id.
[[nodiscard]] std::optional<ServiceTicket> parse_service_ticket(const Record& record);

}  // namespace domain

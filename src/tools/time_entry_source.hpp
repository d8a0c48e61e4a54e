// Time entries over a date window, across tickets and projects, each attributed to its agent and,
// through its ticket, to its client. Halo's timesheet (TimesheetEvent) cannot do this: it has no
// client filter and, without an agent, may answer for the API's own agent only, so "0 hours" from
// it could mean "nothing was read". Instead: one request for the window's actions (Halo filters by
// date; each action's day is checked again here in the MSP's zone), then the tickets those actions
// belong to, read in batches by id (GET Tickets?ticketids=..., then Projects for the ids Tickets
// does not know). An entry whose ticket neither knows keeps client 0 and is counted as such.
// Used by list_time_entries and the utilisation, unbilled-time and profitability analytics.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/time_entry.hpp"
#include "halo/client.hpp"
#include "tools/date_window.hpp"

namespace tools {

struct TicketOwner {
  std::int64_t client_id = 0;
  std::string client_name;
  std::string summary;   ///< the ticket's (or project's) summary
  bool project = false;  ///< the id is a project (or a project's task), not a service ticket
};

struct TimeEntries {
  halo::Document actions;                    ///< keeps `records` alive
  std::vector<domain::TimeEntryRec> entries; ///< in the window (and of the agent, when asked)
  std::vector<simdjson::dom::element> records;  ///< the action behind each entry, for items
  std::map<std::int64_t, TicketOwner> owners;   ///< ticket id -> owner (when clients were asked for)
  int requests = 0;
  int cache_hits = 0;
  std::int64_t actions_read = 0;  ///< every action Halo returned (more when it ignored the dates)
};

struct TimeEntryQuery {
  DateWindow window;  ///< both bounds required
  std::optional<std::int64_t> agent_id;
  bool with_owners = true;  ///< resolve each entry's ticket to its client
};

/// The entries, or the failure (never an empty answer that only means nothing could be read).
[[nodiscard]] util::Result<TimeEntries> fetch_time_entries(halo::Client& client, const TimeEntryQuery& query,
                                                           const halo::CallOptions& options);

/// Reads the owners of `ticket_ids` (clients of tickets, then of projects), 100 ids a request.
[[nodiscard]] util::Result<std::map<std::int64_t, TicketOwner>> fetch_ticket_owners(
    halo::Client& client, const std::vector<std::int64_t>& ticket_ids, const halo::CallOptions& options,
    int& requests, int& cache_hits);

}  // namespace tools

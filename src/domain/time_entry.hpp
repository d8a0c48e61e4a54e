// A time entry as the tools count it: a Halo ticket action with time on it (timetaken > 0, in
// hours), attributed to an agent by who_agentid and to a client through its ticket. The rules of
// billable time live here once: billable hours are the action's charge hours, none when Halo marks
// the action not billable (whatever charge hours it carries); an entry is unbilled while it names
// no invoice.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "domain/money.hpp"
#include "domain/record.hpp"

namespace domain {

struct TimeEntryRec {
  std::int64_t id = 0;
  std::int64_t ticket_id = 0;
  std::int64_t agent_id = 0;   ///< who_agentid (0: not an agent)
  std::string agent;           ///< who
  std::string datetime;        ///< as Halo wrote it (UTC)
  double hours = 0;            ///< timetaken
  /// Charge hours when billable; 0 when actisbillable is false; nullopt when Halo says neither.
  std::optional<double> billable_hours;
  bool billable = true;        ///< actisbillable is not false
  double charge_hours = 0;     ///< actionchargehours (0 when absent)
  std::optional<Cents> charge_amount;  ///< actionchargeamount, when > 0
  std::optional<double> charge_rate;   ///< chargerate, when > 0
  std::string invoice_number;  ///< actioninvoicenumber ("" or "0": none)
  std::int64_t invoice_id = 0;
  std::int64_t project_id = 0;
};

/// Reads an action; nullopt when it is not a time entry (no time on it).
[[nodiscard]] std::optional<TimeEntryRec> parse_time_entry(const Record& action);

/// Billable work not yet invoiced: billable, with charge hours, naming no invoice.
[[nodiscard]] bool is_unbilled(const TimeEntryRec& entry);

}  // namespace domain

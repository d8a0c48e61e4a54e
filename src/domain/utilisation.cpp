// Agent utilisation (see utilisation.hpp).
#include "domain/utilisation.hpp"

#include <algorithm>
#include <cmath>

#include "domain/ticket_stats.hpp"

namespace domain {
namespace {

std::string lowered(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

}  // namespace

int weekdays_between(Date start, Date end) {
  int count = 0;
  for (auto d = std::chrono::sys_days{start}; d <= std::chrono::sys_days{end}; d += std::chrono::days{1}) {
    const unsigned wd = std::chrono::weekday{d}.iso_encoding();
    count += wd <= 5;
  }
  return count;
}

Utilisation compute_utilisation(const UtilisationInput& in) {
  Utilisation out;
  out.working_days = weekdays_between(in.start, in.end);
  const double available = out.working_days * in.workday_hours;
  const std::optional<std::string> team = in.team ? std::optional(lowered(*in.team)) : std::nullopt;

  std::map<std::int64_t, const AgentRef*> known;
  for (const auto& a : in.agents) known[a.id] = &a;
  auto asked_for = [&](std::int64_t id) {
    if (in.agent_id && id != *in.agent_id) return false;
    if (team) {
      auto it = known.find(id);
      return it != known.end() && lowered(it->second->team) == *team;
    }
    return true;
  };

  std::map<std::int64_t, UtilisationRow> rows;
  std::map<std::int64_t, std::set<std::int64_t>> tickets;
  auto row_for = [&](std::int64_t id, const std::string& fallback_name) -> UtilisationRow& {
    UtilisationRow& row = rows[id];
    if (row.agent_id == 0) {
      row.agent_id = id;
      auto it = known.find(id);
      row.agent_name = it != known.end() ? it->second->name : fallback_name;
      row.team = it != known.end() ? it->second->team : "";
      row.available_hours = available;
    }
    return row;
  };
  for (const auto& a : in.agents) {
    if (a.enabled && asked_for(a.id)) row_for(a.id, a.name);
  }
  for (const auto& e : in.entries) {
    if (e.agent_id <= 0) {
      if (!in.agent_id && !team) out.unattributed_hours += e.hours;
      continue;
    }
    if (!asked_for(e.agent_id)) continue;
    UtilisationRow& row = row_for(e.agent_id, e.agent);
    const double billable = e.billable ? e.charge_hours : 0.0;
    row.hours += e.hours;
    row.billable_hours += billable;
    row.non_billable_hours += std::max(0.0, e.hours - billable);
    if (e.ticket_id > 0 && in.project_ids.count(e.ticket_id) == 0 && in.project_ids.count(e.project_id) == 0) {
      tickets[e.agent_id].insert(e.ticket_id);
    }
  }
  for (auto& [id, row] : rows) {
    row.tickets_worked = static_cast<std::int64_t>(tickets[id].size());
    if (auto it = in.open_tickets_by_agent.find(id); it != in.open_tickets_by_agent.end()) row.open_tickets = it->second;
    out.agents.push_back(row);
    out.totals.hours += row.hours;
    out.totals.billable_hours += row.billable_hours;
    out.totals.non_billable_hours += row.non_billable_hours;
    out.totals.available_hours += row.available_hours;
    out.totals.tickets_worked += row.tickets_worked;
    out.totals.open_tickets += row.open_tickets;
  }
  std::sort(out.agents.begin(), out.agents.end(), [](const UtilisationRow& a, const UtilisationRow& b) {
    return a.hours != b.hours ? a.hours > b.hours : a.agent_id < b.agent_id;
  });
  return out;
}

util::Json utilisation_row_json(const UtilisationRow& row, bool with_agent) {
  util::Json out = util::Json::object();
  if (with_agent) {
    out["agent_id"] = row.agent_id;
    out["agent_name"] = row.agent_name;
    out["team"] = row.team;
  }
  out["hours"] = hours_json(row.hours);
  out["billable_hours"] = hours_json(row.billable_hours);
  out["non_billable_hours"] = hours_json(row.non_billable_hours);
  out["billable_share_pct"] = percent_json(row.billable_hours, row.hours);
  out["available_hours"] = hours_json(row.available_hours);
  out["utilisation_pct"] = percent_json(row.hours, row.available_hours);
  out["billable_utilisation_pct"] = percent_json(row.billable_hours, row.available_hours);
  out["tickets_worked"] = row.tickets_worked;
  out["open_tickets"] = row.open_tickets;
  return out;
}

}  // namespace domain

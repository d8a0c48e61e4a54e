// The saved reports of the generated tenant, with the rows Halo would return when each one is run,
// built from what the other record groups tallied (open tickets, hours, revenue, renewals,
// warranties, SLA outcomes, closures). Cells are text, as Halo returns them.
// Besides the rows, a report record may carry two controls the report API reads and never serves:
// `load_error` (running it fails with that message) and `period_column` (the column of
// YYYY-MM-DD dates the reporting period filters on).
#include <cstdio>
#include <map>

#include "sim/dates.hpp"
#include "sim/generator_state.hpp"

namespace sim::gen {

using util::Json;
namespace d = dates;

namespace {

std::string money_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

/// "87.5": a share as a percentage with one decimal; "" when there is nothing to share (Halo
/// leaves a cell empty when its figure is undefined).
std::string percent_text(int part, int whole) {
  if (whole == 0) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", 100.0 * part / whole);
  return buf;
}

/// Per month of opening, from the tickets' SLA outcomes: opened; of those under an SLA (not
/// excluded), the share responded to by their respond-by; of those also closed, the share closed
/// by their fix-by.
struct SlaMonth {
  int opened = 0, measured = 0, responded_in_time = 0, measured_closed = 0, fixed_in_time = 0;
};

std::map<std::string, SlaMonth> sla_by_month(const Generation& g) {
  std::map<std::string, SlaMonth> months;
  for (const auto& o : g.sla_outcomes) {
    SlaMonth& m = months[d::iso_day(o.opened).substr(0, 7)];
    ++m.opened;
    if (!o.measured) continue;
    ++m.measured;
    m.responded_in_time += o.responded_in_time;
    if (o.closed) {
      ++m.measured_closed;
      m.fixed_in_time += o.fixed_in_time;
    }
  }
  return months;
}

/// "YYYY-MM" of the month `back` months before today's.
std::string month_before(long today, int back) { return d::iso_day(d::add_months(today, -back)).substr(0, 7); }

/// The Monthly SLA rows for the months from `newest_back` to `oldest_back` months before today's
/// (0 = this month), oldest first, months without tickets left out. `with_fix` adds the fix column;
/// `with_response` the response column (the draft has neither yet).
Json monthly_sla_rows(const Generation& g, int oldest_back, int newest_back, bool with_response, bool with_fix) {
  const auto months = sla_by_month(g);
  Json rows = Json::array();
  for (int back = oldest_back; back >= newest_back; --back) {
    auto it = months.find(month_before(g.today, back));
    if (it == months.end()) continue;
    const SlaMonth& m = it->second;
    Json row{{"Month", it->first}, {"Opened", std::to_string(m.opened)}};
    if (with_response) row["Responded In Time %"] = percent_text(m.responded_in_time, m.measured);
    if (with_fix) row["Fixed In Time %"] = percent_text(m.fixed_in_time, m.measured_closed);
    rows.push_back(std::move(row));
  }
  return rows;
}

/// Per priority, of the closed tickets under an SLA (not excluded), the share closed by their fix-by.
Json priority_sla_rows(const Generation& g) {
  std::map<int, std::pair<int, int>> met;  // priority -> (fixed in time, closed)
  for (const auto& o : g.sla_outcomes) {
    if (!o.measured || !o.closed) continue;
    met[o.priority].first += o.fixed_in_time;
    ++met[o.priority].second;
  }
  Json rows = Json::array();
  for (const auto& [priority, counts] : met) {
    rows.push_back(Json{{"Priority", "P" + std::to_string(priority)}, {"Met", percent_text(counts.first, counts.second)}});
  }
  return rows;
}

/// Tickets closed per day, one row per day with a closure, oldest first.
Json closed_per_day_rows(const Generation& g) {
  std::map<long, int> per_day;
  for (const auto& o : g.sla_outcomes) {
    if (o.closed) ++per_day[o.closed_day];
  }
  Json rows = Json::array();
  for (const auto& [day, n] : per_day) rows.push_back(Json{{"Date", d::iso_day(day)}, {"Closed", std::to_string(n)}});
  return rows;
}

}  // namespace

void add_reports(Generation& g) {
  auto report = [&](int id, const char* name, int group_id, const char* group, const char* description, Json rows) {
    return Json{{"id", id},          {"name", name}, {"group_id", group_id},     {"group_name", group},
                {"description", description}, {"type", 0},   {"mainentity", "Faults"}, {"rows", std::move(rows)}};
  };
  auto add = [&](Json r) { g.sink.add(Kind::kReports, std::move(r)); };
  Json open_rows = Json::array();
  for (const auto& [cid, n] : g.open_by_client) {
    open_rows.push_back(Json{{"Client", g.client_by_id(cid)->name}, {"Open Tickets", std::to_string(n)}});
  }
  Json hour_rows = Json::array();
  for (const auto& a : g.agents) {
    hour_rows.push_back(Json{{"Agent", a.name}, {"Team", a.team}, {"Hours", money_text(g.hours_by_agent[a.id])}});
  }
  Json month_rows = Json::array();
  for (const auto& [month, value] : g.revenue_by_month) {
    month_rows.push_back(Json{{"Month", month.substr(0, 7)}, {"Currency", month.substr(8)}, {"Net", money_text(value)}});
  }
  Json sla_rows = priority_sla_rows(g);
  add(report(1, "Open Tickets by Client", 1, "Service Desk", "Open ticket count per customer", std::move(open_rows)));
  add(report(2, "Agent Hours Logged", 1, "Service Desk", "Hours of time entries per agent", std::move(hour_rows)));
  add(report(3, "SLA Performance by Priority", 1, "Service Desk", "Percentage of tickets meeting SLA", std::move(sla_rows)));
  add(report(4, "Invoiced Revenue by Month", 2, "Finance", "Net invoiced per month and currency", std::move(month_rows)));
  add(report(5, "Contracts Due for Renewal", 2, "Finance", "Contract end dates", Json(g.renewal_rows)));
  add(report(6, "Asset Warranty Expiry", 2, "Assets", "Warranty end dates of assets", Json(g.warranty_rows)));

  // The SLA report, and two near-duplicates of its name a search for it also finds: an old copy
  // that stopped a quarter ago and lacks the fix column, and an unfinished draft.
  add(report(7, "Monthly SLA", 1, "Service Desk",
             "Tickets opened per month; of those under an SLA, the share responded to by their respond-by "
             "and, of those closed, the share closed by their fix-by",
             monthly_sla_rows(g, 11, 0, true, true)));
  add(report(8, "Monthly SLA (old)", 1, "Service Desk", "Superseded by Monthly SLA", monthly_sla_rows(g, 14, 3, true, false)));
  add(report(9, "monthly sla - draft", 1, "Service Desk", "", monthly_sla_rows(g, 2, 0, false, false)));
  // Dated rows the reporting period filters (reportingperiodstartdate/enddate).
  Json closed = report(10, "Tickets Closed per Day", 1, "Service Desk", "Tickets closed per day", closed_per_day_rows(g));
  closed["period_column"] = "Date";
  add(std::move(closed));
  // A report whose query Halo gives up on: running it answers loaded false with this message.
  Json broken = report(11, "Ticket Volume All Time by Hour", 1, "Service Desk", "Tickets logged per hour since go-live",
                       Json::array());
  broken["load_error"] = "Report query timed out";
  add(std::move(broken));
}

}  // namespace sim::gen

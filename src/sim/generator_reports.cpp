// The saved reports of the generated tenant, with the rows Halo would return when each one is run,
// built from what the other record groups tallied (open tickets, hours, revenue, renewals,
// warranties). Cells are text, as Halo returns them.
#include <cstdio>

#include "sim/generator_state.hpp"

namespace sim::gen {

using util::Json;

namespace {

std::string money_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

void add_reports(Generation& g) {
  auto report = [&](int id, const char* name, const char* group, const char* description, Json rows) {
    g.sink.add(Kind::kReports, Json{{"id", id}, {"name", name}, {"group_id", id <= 3 ? 1 : 2}, {"group_name", group},
                                    {"description", description}, {"type", 0}, {"mainentity", "Faults"},
                                    {"rows", std::move(rows)}});
  };
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
  Json sla_rows = Json::array({Json{{"Priority", "P1"}, {"Met", "96.4"}}, Json{{"Priority", "P2"}, {"Met", "91.0"}},
                                    Json{{"Priority", "P3"}, {"Met", "88.7"}}, Json{{"Priority", "P4"}, {"Met", "93.2"}}});
  report(1, "Open Tickets by Client", "Service Desk", "Open ticket count per customer", std::move(open_rows));
  report(2, "Agent Hours Logged", "Service Desk", "Hours of time entries per agent", std::move(hour_rows));
  report(3, "SLA Performance by Priority", "Service Desk", "Percentage of tickets meeting SLA", std::move(sla_rows));
  report(4, "Invoiced Revenue by Month", "Finance", "Net invoiced per month and currency", std::move(month_rows));
  report(5, "Contracts Due for Renewal", "Finance", "Contract end dates", Json(g.renewal_rows));
  report(6, "Asset Warranty Expiry", "Assets", "Warranty end dates of assets", Json(g.warranty_rows));
}

}  // namespace sim::gen

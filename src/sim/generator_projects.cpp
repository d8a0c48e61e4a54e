// Generated projects: ticket-shaped records with a start, a target date, an estimate and a budget
// type; finished projects are closed, and each has two tasks (child tickets). Their deposit and
// completion invoices come later (a completion is billed against the project's first task).
#include <algorithm>
#include <cmath>

#include "sim/dates.hpp"
#include "sim/generator_state.hpp"
#include "sim/generator_words.hpp"

namespace sim::gen {

using util::Json;
namespace d = dates;

void add_projects(Generation& g) {
  const int count = g.scaled_sqrt(15);
  for (int i = 0; i < count; ++i) {
    const ClientInfo& c = g.active_client();
    long start = g.today - g.rng.range(10, 600);
    long target = start + g.rng.range(30, 150);
    bool closed = target < g.today - 20;
    int id = g.next_ticket_id++;
    std::string name = words::kProjectNames[static_cast<std::size_t>(i) % words::kProjectNames.size()];
    Json p = make_ticket(g, id, c, name + " - " + c.name, start, closed, true);
    p["startdate"] = d::halo_date(start);
    p["targetdate"] = d::halo_date(target);
    // The estimate is 0.7 to 2.0 times the hours logged so far, whole hours: about a quarter of
    // the projects are over their estimate (list_projects over_estimate has some to find).
    const double logged = p["timetaken"].get<double>();
    const double factor = 0.7 + static_cast<double>(g.rng.range(8, 120) - 8) / 112.0 * 1.3;
    p["estimate"] = std::max(1.0, std::round(logged * factor));
    p["budgettype"] = g.rng.chance(0.5) ? "Fixed Price" : "Time and Materials";
    p["isproject"] = true;
    g.projects.push_back({id, c.id, start, target});
    const std::string opened = p["dateoccurred"].get<std::string>();
    g.sink.add(Kind::kProjects, std::move(p));
    // Two tasks per project: child tickets (parent_id) that Halo lists among the project ids.
    // Made without the random stream, so everything generated after them stays the same.
    for (int k = 1; k <= 2; ++k) {
      g.sink.add(Kind::kProjects, Json{{"id", project_task_id(id, k)},
                                       {"parent_id", id},
                                       {"summary", "Task " + std::to_string(k) + ": " + name},
                                       {"client_id", c.id},
                                       {"client_name", c.name},
                                       {"dateoccurred", opened},
                                       {"isproject", false}});
    }
  }
}

}  // namespace sim::gen

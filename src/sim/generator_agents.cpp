// Generated teams and agents: the MSP's own staff, one of whom has left (a disabled agent), with
// what each costs the MSP an hour, what it charges, and the working day.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>

#include "sim/dates.hpp"
#include "sim/generator_state.hpp"
#include "sim/generator_words.hpp"

namespace sim::gen {

using util::Json;
namespace d = dates;

namespace {

/// Cost price, charge rate and working hours, from the agent's side stream (added after the
/// agents were: the main stream, and every record after the agents, is as it was without them).
/// The second agent has no cost price set (Halo: 0), as on real tenants where HR never filled it
/// in: whatever costs time must say that agent's time is uncosted rather than free.
void add_rates(const Generation& g, Json& agent, int index) {
  Rng r = g.side_stream(kAgentCostStream, agent["id"].get<int>());
  agent["costprice"] = index == 1 ? 0.0 : 28.5 + static_cast<double>(r.range(0, 53)) * 0.5;  // 28.50 to 55.00
  agent["chargerate"] = 95.0;  // the rate the generated time is charged at (actionchargeamount)
  const int start_min = 8 * 60 + static_cast<int>(r.range(0, 3)) * 30;  // 08:00 to 09:30
  const int end_min = start_min + 8 * 60 + 30;
  auto clock = [](int minutes) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
    return std::string(buf);
  };
  agent["workhour_start"] = clock(start_min);
  agent["workhour_end"] = clock(end_min);
}

}  // namespace

void add_teams_and_agents(Generation& g) {
  int team_id = 1;
  for (const auto& t : words::kTeams) g.sink.add(Kind::kTeams, Json{{"id", team_id++}, {"name", t}});
  const int count = std::max(3, static_cast<int>(std::lround(8 * std::sqrt(g.scale))));
  std::set<std::string> used;
  for (int i = 0; i < count; ++i) {
    std::string name;
    do {
      name = g.person();
    } while (!used.insert(name).second && used.size() < 900);
    const std::string& team = words::kTeams[static_cast<std::size_t>(i % 3 == 2 ? 1 : (i % 5 == 4 ? 2 : 0))];
    bool disabled = (i == count - 1);  // one leaver
    AgentInfo a{i + 2, name, team, disabled};  // id 1 is Halo's built-in admin agent
    g.agents.push_back(a);
    std::string first = name.substr(0, name.find(' '));
    std::string last = name.substr(name.find(' ') + 1);
    std::string email = first + "." + last + "@northwind-it.co.uk";
    for (auto& c : email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    email.erase(std::remove(email.begin(), email.end(), '\''), email.end());
    Json agent{{"id", a.id},
               {"name", name},
               {"firstname", first},
               {"surname", last},
               {"initials", std::string{first[0]} + last[0]},
               {"email", email},
               {"team", team},
               {"isdisabled", disabled},
               {"is_agent", true},
               {"jobtitle", g.rng.pick(words::kJobTitles)},
               {"colour", "#4a90e2"},
               {"lastlogindate", disabled ? std::string(d::kNoDate) : g.stamp(g.today - g.rng.range(0, 3))},
               {"isapiagent", false}};
    add_rates(g, agent, i);
    g.sink.add(Kind::kAgents, std::move(agent));
  }
}

}  // namespace sim::gen

// Generated teams and agents: the MSP's own staff, one of whom has left (a disabled agent).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "sim/dates.hpp"
#include "sim/generator_state.hpp"
#include "sim/generator_words.hpp"

namespace sim::gen {

using util::Json;
namespace d = dates;

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
    g.sink.add(Kind::kAgents, Json{{"id", a.id},
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
                                   {"isapiagent", false}});
  }
}

}  // namespace sim::gen

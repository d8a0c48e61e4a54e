// Generated customers with their sites and contacts (users). Two currencies (some US customers),
// inactive customers and sites, and Halo's habit of typing some ids as doubles.
#include <cctype>
#include <set>

#include "sim/generator_state.hpp"
#include "sim/generator_words.hpp"

namespace sim::gen {

using util::Json;

void add_clients_sites_users(Generation& g) {
  const int count = g.scaled(25);
  std::set<std::string> used;
  int site_id = 1, user_id = 1;
  for (int i = 0; i < count; ++i) {
    std::string name;
    if (i < static_cast<int>(words::kClientNames.size())) {
      name = words::kClientNames[static_cast<std::size_t>(i)];
    } else {
      const std::string trade = g.rng.pick(words::kNameTrades);  // sequenced: see Generation::person()
      name = g.rng.pick(words::kNamePrefixes) + " " + trade;
      if (!used.insert(name).second) name += " " + std::to_string(i);
    }
    used.insert(name);
    ClientInfo c;
    c.id = i + 12;  // low ids belong to Halo's internal/unknown clients
    c.name = name;
    // A couple of US customers; client index 5 is a GBP customer with a US subsidiary (two currencies).
    c.currency = (i % 11 == 3 || i % 11 == 8) ? "USD" : "GBP";
    c.inactive = (i % 13 == 12);
    std::string prefix;
    for (char ch : name) {
      if (std::isupper(static_cast<unsigned char>(ch)) && prefix.size() < 4) prefix += ch;
    }
    c.prefix = prefix + std::to_string(c.id);
    const bool us = c.currency == "USD";
    int nsites = static_cast<int>(g.rng.range(1, 4));
    std::string first_phone;
    for (int s = 0; s < nsites; ++s) {
      std::string kind = s == 0 ? "Head Office" : g.rng.pick(words::kSiteKinds);
      std::string town = us ? g.rng.pick(words::kUsTowns) : g.rng.pick(words::kTowns);
      std::string sname = s == 0 ? "Head Office" : kind + " - " + town;
      c.site_ids.push_back(site_id);
      c.site_names.push_back(sname);
      std::string phone = us ? "+1 617 555 0" + std::to_string(100 + site_id % 900)
                             : "0113 496 0" + std::to_string(100 + site_id % 900);
      if (s == 0) first_phone = phone;
      g.sink.add(Kind::kSites, Json{{"id", site_id},
                                    {"name", sname},
                                    {"client_id", static_cast<double>(c.id)},  // Halo types this as a double
                                    {"client_name", c.name},
                                    {"clientsite_name", c.name + "/" + sname},
                                    {"inactive", c.inactive || (s > 0 && g.rng.chance(0.08))},
                                    {"phonenumber", phone},
                                    {"timezone", us ? "Eastern Standard Time" : "GMT Standard Time"},
                                    {"delivery_address_line1", [&g] {  // sequenced: see Generation::person()
                                       const std::string street = g.rng.pick(words::kStreets);
                                       return std::to_string(g.rng.range(1, 180)) + " " + street;
                                     }()},
                                    {"delivery_address_line2", ""},
                                    {"delivery_address_line3", town},
                                    {"delivery_address_line4", us ? "MA" : ""},
                                    {"delivery_address_line5", us ? "0210" + std::to_string(site_id % 10) : "LS1 " + std::to_string(site_id % 9 + 1) + "AB"},
                                    {"colour", ""},
                                    {"customfields", Json::array()}});
      int nusers = static_cast<int>(g.rng.range(2, 5));
      for (int u = 0; u < nusers; ++u) {
        std::string uname = g.person();
        c.user_ids.push_back(user_id);
        c.user_names.push_back(uname);
        c.user_sites.push_back(s);
        std::string email = uname.substr(0, uname.find(' ')) + "@" + c.prefix + ".example";
        for (auto& ch : email) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        g.sink.add(Kind::kUsers, Json{{"id", user_id},
                                      {"name", uname},
                                      {"firstname", uname.substr(0, uname.find(' '))},
                                      {"surname", uname.substr(uname.find(' ') + 1)},
                                      {"site_id", static_cast<double>(site_id)},
                                      {"site_name", sname},
                                      {"client_id", c.id},
                                      {"client_name", c.name},
                                      {"emailaddress", email},
                                      {"phonenumber", "07700 900" + std::to_string(100 + user_id % 900)},
                                      {"inactive", g.rng.chance(0.05)},
                                      {"isimportantcontact", u == 0}});
        ++user_id;
      }
      ++site_id;
    }
    const AgentInfo& manager = g.agents[static_cast<std::size_t>(i) % g.agents.size()];
    g.sink.add(Kind::kClients, Json{{"id", c.id},
                                    {"name", c.name},
                                    {"toplevel_id", us ? 2 : 1},
                                    {"toplevel_name", us ? "North America" : "UK Customers"},
                                    {"inactive", c.inactive},
                                    {"colour", ""},
                                    {"main_site_id", c.site_ids.front()},
                                    {"main_site_name", c.site_names.front()},
                                    {"accountmanagertech", manager.id},
                                    {"accountmanagertech_name", manager.name},
                                    {"currencyisocode", c.currency},
                                    {"website", "https://www." + c.prefix + ".example"},
                                    {"main_phonenumber", first_phone},
                                    {"customertype", 1},
                                    {"customfields", Json::array({Json{{"id", 101}, {"name", "CFSupportTier"}, {"value", i % 3 == 0 ? "Gold" : "Standard"}}})}});
    g.clients.push_back(std::move(c));
  }
}

}  // namespace sim::gen

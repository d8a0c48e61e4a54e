// Generates the simulator's MSP dataset: customers, sites, people, tickets with actions and time,
// projects, assets, contracts, recurring invoice templates and two years of invoices and credits.
// Deterministic for (seed, scale, today); every date is relative to `today` so the demo looks current.
// The data deliberately exercises revenue-rules.md: several billing periods, unknown period codes,
// templates linked to contracts, disabled templates, voided invoices, credits, two currencies.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "sim/dataset_store.hpp"
#include "sim/dates.hpp"
#include "sim/generator_words.hpp"
#include "sim/rng.hpp"
#include "sim/simulator.hpp"

namespace sim {
namespace {

using util::Json;
namespace d = dates;

constexpr int kClosedStatus = 9;

struct ClientInfo {
  int id;
  std::string name;
  std::string currency;
  bool inactive;
  std::vector<int> site_ids;
  std::vector<std::string> site_names;
  std::vector<int> user_ids;
  std::vector<std::string> user_names;
  std::vector<int> user_sites;
  std::string prefix;  ///< short code for inventory numbers
};

struct AgentInfo {
  int id;
  std::string name;
  std::string team;
  bool disabled;
};

/// Billing periods, by Halo's RecurringInvoice.period codes (halo-api.md section 7).
struct Period {
  int code;
  const char* label;  ///< "" = a code whose label Halo does not give (unknown to the client)
  int months;         ///< 0 = weekly
};
const Period kWeekly{1, "Weekly", 0};
const Period kMonthly{2, "Monthly", 1};
const Period kYearly{3, "Yearly", 12};
const Period kQuarterly{4, "Quarterly", 3};
const Period kTwoYearly{8, "Two-Yearly", 24};
const Period kHalfYearlyUnknownCode{5, "Half-Yearly", 6};  // code unknown; the label resolves it
const Period kUnknown{6, "", 1};                           // neither code nor label resolve
const Period kUnknownContract{12, "", 1};

double round2(double v) { return std::round(v * 100.0) / 100.0; }

class Generator {
 public:
  Generator(const GenerateOptions& options, long today, DatasetSink& sink)
      : rng_(options.seed), today_(today), scale_(options.scale > 0 ? options.scale : 1.0), sink_(sink) {}

  void run() {
    make_statuses();
    make_teams_and_agents();
    make_clients_sites_users();
    make_tickets();
    make_projects();
    make_assets();
    make_contracts_and_templates();
    make_invoices();
    make_reports();
  }

 private:
  int scaled(double base) const { return std::max(1, static_cast<int>(std::lround(base * scale_))); }
  /// Tickets, projects and assets grow more slowly than billing: a big MSP's invoice history is
  /// what the benchmarks page through, and a linear ticket history would only cost memory.
  int scaled_sqrt(double base) const {
    return scale_ <= 1 ? scaled(base) : std::max(1, static_cast<int>(std::lround(base * std::sqrt(scale_))));
  }
  std::string stamp(long day) {  // a working-hours timestamp with Halo's 7 fractional digits
    return d::halo_timestamp(day, static_cast<int>(rng_.range(8 * 3600, 17 * 3600)),
                             static_cast<int>(rng_.range(0, 9999999)));
  }
  std::string person() { return rng_.pick(words::kFirstNames) + " " + rng_.pick(words::kSurnames); }

  void make_statuses() {
    struct S {
      int id;
      const char* name;
      const char* colour;
    };
    const S list[] = {{1, "New", "#2d9cdb"},           {2, "In Progress", "#f2994a"},
                      {3, "Action Required", "#eb5757"}, {4, "Waiting on Customer", "#9b51e0"},
                      {5, "Updated", "#27ae60"},         {8, "Scheduled", "#56ccf2"},
                      {kClosedStatus, "Closed", "#828282"}};
    int seq = 1;
    for (const auto& s : list) {
      sink_.add(Kind::kStatuses, Json{{"id", s.id}, {"name", s.name}, {"shortname", std::string(s.name).substr(0, 4)},
                               {"type", s.id == kClosedStatus ? 2 : (s.id == 4 ? 1 : 0)},
                               {"colour", s.colour}, {"sequence", seq++}});
      status_names_[s.id] = s.name;
    }
  }

  void make_teams_and_agents() {
    int team_id = 1;
    for (const auto& t : words::kTeams) sink_.add(Kind::kTeams, Json{{"id", team_id++}, {"name", t}});
    const int count = std::max(3, static_cast<int>(std::lround(8 * std::sqrt(scale_) * (scale_ < 1 ? 1 : 1))));
    std::set<std::string> used;
    for (int i = 0; i < count; ++i) {
      std::string name;
      do {
        name = person();
      } while (!used.insert(name).second && used.size() < 900);
      const std::string& team = words::kTeams[static_cast<std::size_t>(i % 3 == 2 ? 1 : (i % 5 == 4 ? 2 : 0))];
      bool disabled = (i == count - 1);  // one leaver
      AgentInfo a{i + 2, name, team, disabled};  // id 1 is Halo's built-in admin agent
      agent_info_.push_back(a);
      std::string first = name.substr(0, name.find(' '));
      std::string last = name.substr(name.find(' ') + 1);
      std::string email = first + "." + last + "@northwind-it.co.uk";
      for (auto& c : email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      email.erase(std::remove(email.begin(), email.end(), '\''), email.end());
      sink_.add(Kind::kAgents, Json{{"id", a.id},
                             {"name", name},
                             {"firstname", first},
                             {"surname", last},
                             {"initials", std::string{first[0]} + last[0]},
                             {"email", email},
                             {"team", team},
                             {"isdisabled", disabled},
                             {"is_agent", true},
                             {"jobtitle", rng_.pick(words::kJobTitles)},
                             {"colour", "#4a90e2"},
                             {"lastlogindate", disabled ? std::string(d::kNoDate) : stamp(today_ - rng_.range(0, 3))},
                             {"isapiagent", false}});
    }
  }

  void make_clients_sites_users() {
    const int count = scaled(25);
    std::set<std::string> used;
    int site_id = 1, user_id = 1;
    for (int i = 0; i < count; ++i) {
      std::string name;
      if (i < static_cast<int>(words::kClientNames.size())) {
        name = words::kClientNames[static_cast<std::size_t>(i)];
      } else {
        name = rng_.pick(words::kNamePrefixes) + " " + rng_.pick(words::kNameTrades);
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
      int nsites = static_cast<int>(rng_.range(1, 4));
      std::string first_phone;
      for (int s = 0; s < nsites; ++s) {
        std::string kind = s == 0 ? "Head Office" : rng_.pick(words::kSiteKinds);
        std::string town = us ? rng_.pick(words::kUsTowns) : rng_.pick(words::kTowns);
        std::string sname = s == 0 ? "Head Office" : kind + " - " + town;
        c.site_ids.push_back(site_id);
        c.site_names.push_back(sname);
        std::string phone = us ? "+1 617 555 0" + std::to_string(100 + site_id % 900)
                               : "0113 496 0" + std::to_string(100 + site_id % 900);
        if (s == 0) first_phone = phone;
        sink_.add(Kind::kSites, Json{{"id", site_id},
                              {"name", sname},
                              {"client_id", static_cast<double>(c.id)},  // Halo types this as a double
                              {"client_name", c.name},
                              {"clientsite_name", c.name + "/" + sname},
                              {"inactive", c.inactive || (s > 0 && rng_.chance(0.08))},
                              {"phonenumber", phone},
                              {"timezone", us ? "Eastern Standard Time" : "GMT Standard Time"},
                              {"delivery_address_line1", std::to_string(rng_.range(1, 180)) + " " + rng_.pick(words::kStreets)},
                              {"delivery_address_line2", ""},
                              {"delivery_address_line3", town},
                              {"delivery_address_line4", us ? "MA" : ""},
                              {"delivery_address_line5", us ? "0210" + std::to_string(site_id % 10) : "LS1 " + std::to_string(site_id % 9 + 1) + "AB"},
                              {"colour", ""},
                              {"customfields", Json::array()}});
        int nusers = static_cast<int>(rng_.range(2, 5));
        for (int u = 0; u < nusers; ++u) {
          std::string uname = person();
          c.user_ids.push_back(user_id);
          c.user_names.push_back(uname);
          c.user_sites.push_back(s);
          std::string email = uname.substr(0, uname.find(' ')) + "@" + c.prefix + ".example";
          for (auto& ch : email) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          sink_.add(Kind::kUsers, Json{{"id", user_id},
                                {"name", uname},
                                {"firstname", uname.substr(0, uname.find(' '))},
                                {"surname", uname.substr(uname.find(' ') + 1)},
                                {"site_id", static_cast<double>(site_id)},
                                {"site_name", sname},
                                {"client_id", c.id},
                                {"client_name", c.name},
                                {"emailaddress", email},
                                {"phonenumber", "07700 900" + std::to_string(100 + user_id % 900)},
                                {"inactive", rng_.chance(0.05)},
                                {"isimportantcontact", u == 0}});
          ++user_id;
        }
        ++site_id;
      }
      const AgentInfo& manager = agent_info_[static_cast<std::size_t>(i) % agent_info_.size()];
      sink_.add(Kind::kClients, Json{{"id", c.id},
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
      client_info_.push_back(std::move(c));
    }
  }

  const ClientInfo& active_client() {
    for (;;) {
      const auto& c = client_info_[static_cast<std::size_t>(rng_.range(0, static_cast<long>(client_info_.size()) - 1))];
      if (!c.inactive || client_info_.size() < 2) return c;
    }
  }
  const AgentInfo& agent() {
    return agent_info_[static_cast<std::size_t>(rng_.range(0, static_cast<long>(agent_info_.size()) - 1))];
  }

  /// One ticket-shaped record with actions and time entries; projects pass is_project.
  Json make_ticket(int id, const ClientInfo& c, const std::string& summary, long opened, bool closed,
                   bool is_project) {
    const AgentInfo& a = agent();
    std::size_t ui = static_cast<std::size_t>(rng_.range(0, static_cast<long>(c.user_ids.size()) - 1));
    std::size_t si = static_cast<std::size_t>(c.user_sites[ui]);
    long closed_day = closed ? std::min(today_, opened + rng_.range(0, is_project ? 90 : 12)) : 0;
    int status = closed ? kClosedStatus : static_cast<int>(rng_.pick(std::vector<long>{1, 2, 2, 3, 4, 5, 8}));
    std::string opened_at = stamp(opened);

    // Actions: a system "logged" entry, then notes, some with time; HTML in notes as Halo stores it.
    int nactions = static_cast<int>(rng_.range(is_project ? 4 : 2, is_project ? 12 : 7));
    double time_total = 0, charge_total = 0;
    long span_end = closed ? closed_day : today_;
    std::vector<long> action_days;  // chronological, as a ticket's history is
    for (int k = 0; k < nactions; ++k) action_days.push_back(opened + (span_end > opened ? rng_.range(0, span_end - opened) : 0));
    std::sort(action_days.begin(), action_days.end());
    if (closed) action_days.back() = closed_day;
    for (int k = 0; k < nactions; ++k) {
      const bool system = (k == 0) || (closed && k == nactions - 1);
      const bool from_user = !system && k == 1 && rng_.chance(0.4);
      long day = k == 0 ? opened : action_days[static_cast<std::size_t>(k)];
      double hours = 0;
      if (!system && !from_user) hours = static_cast<double>(rng_.range(1, is_project ? 16 : 8)) * 0.25;
      const bool billable = hours > 0 && rng_.chance(0.75);
      const AgentInfo& who = (k % 3 == 2) ? agent() : a;
      std::string note;
      std::string outcome;
      if (system) {
        outcome = k == 0 ? "Ticket Logged" : "Status Change";
        note = k == 0 ? "<p>Ticket logged by " + c.user_names[ui] + " via email.</p>"
                      : "<p>Status changed to <b>Closed</b>.</p>";
      } else if (from_user) {
        outcome = "Email Received";
        note = "<div><p>Hi,</p><p>Any update on this? It is still happening.</p><p>Thanks,<br>" +
               c.user_names[ui] + "</p></div>";
      } else {
        outcome = rng_.chance(0.5) ? "Remote Session" : "Note";
        note = "<p>" + rng_.pick(words::kActionNotes) + "</p>" +
               (rng_.chance(0.3) ? "<ul><li>Checked event viewer</li><li>Rebooted &amp; tested</li></ul>" : "");
      }
      const bool private_note = !system && !from_user && rng_.chance(0.2);
      std::string when = k == 0 ? opened_at : stamp(day);
      Json act{{"id", next_action_id_},
               {"ticket_id", id},
               {"outcome", outcome},
               {"outcome_id", system ? 0 : (from_user ? 21 : 1)},
               {"who", system ? std::string("System") : (from_user ? c.user_names[ui] : who.name)},
               {"who_type", system ? 0 : (from_user ? 2 : 1)},
               {"who_agentid", (system || from_user) ? 0 : who.id},
               {"actionby_agent_id", (system || from_user) ? 0 : who.id},
               {"action_systemid", system ? (k == 0 ? 1 : 2) : 0},
               {"datetime", when},
               {"note", note},
               {"hiddenfromuser", private_note},
               {"important", false},
               {"timetaken", hours},
               {"nonbilltime", billable ? 0.0 : hours},
               {"actionchargehours", billable ? hours : 0.0},
               {"actionnonchargehours", billable ? 0.0 : hours},
               {"actionchargeamount", billable ? round2(hours * 95.0) : 0.0},
               {"actionnonchargeamount", 0.0},
               {"actisbillable", billable},
               {"chargerate", billable ? 1 : 0}};
      sink_.add(Kind::kActions, std::move(act));
      if (hours > 0) {
        time_total += hours;
        if (billable) charge_total += hours;
        const long start_s = rng_.range(8 * 3600, 15 * 3600);
        const long end_s = start_s + static_cast<long>(hours * 3600);
        hours_by_agent_[who.id] += hours;
        sink_.add(Kind::kTimesheetEvents, Json{{"id", next_event_id_++},
                                  {"event_type", 0},
                                  {"subject", "#" + std::to_string(id) + " " + summary},
                                  {"start_date", d::halo_timestamp(day, static_cast<int>(start_s), 0)},
                                  {"end_date", d::halo_timestamp(day, static_cast<int>(end_s), 0)},
                                  {"timetaken", hours},
                                  {"agent_id", who.id},
                                  {"ticket_id", id},
                                  {"action_number", k + 1},
                                  {"client_id", c.id},
                                  {"site_id", c.site_ids[si]},
                                  {"customer", c.name},
                                  {"user_name", c.user_names[ui]},
                                  {"charge_rate", billable ? 1 : 0},
                                  {"note", note}});
      }
      ++next_action_id_;
    }

    Json t{{"id", id},
           {"summary", summary},
           {"details", "<p>" + summary + ".</p><p>Reported by <b>" + c.user_names[ui] + "</b> at " +
                           c.site_names[si] + ".</p>" +
                           (rng_.chance(0.3) ? "<p><img src=\"cid:image001.png\" alt=\"screenshot\"></p>" : "")},
           {"dateoccurred", opened_at},
           {"dateclosed", closed ? stamp(closed_day) : std::string(d::kNoDate)},
           {"status_id", status},
           {"status_name", status_names_[status]},
           {"tickettype_id", is_project ? 6 : (rng_.chance(0.6) ? 1 : 3)},
           {"priority_id", static_cast<int>(rng_.range(1, 4))},
           {"client_id", c.id},
           {"client_name", c.name},
           {"site_id", c.site_ids[si]},
           {"site_name", c.site_names[si]},
           {"user_id", c.user_ids[ui]},
           {"user_name", c.user_names[ui]},
           {"agent_id", a.id},
           {"agent_name", a.name},
           {"team", is_project ? std::string("Projects") : a.team},
           {"timetaken", time_total},
           {"chargehours", charge_total},
           {"nonchargehours", time_total - charge_total},
           {"onhold", status == 4},
           {"deadlinedate", closed ? std::string(d::kNoDate) : d::halo_timestamp(opened + 5, 17 * 3600, 0)},
           {"customfields", Json::array()}};
    return t;
  }

  void make_tickets() {
    const int count = scaled_sqrt(300);
    for (int i = 0; i < count; ++i) {
      const ClientInfo& c = active_client();
      // Skewed towards recent days, like a real queue.
      long age = static_cast<long>(std::pow(rng_.unit(), 1.8) * 540.0);
      long opened = today_ - age;
      bool closed = age > 21 ? rng_.chance(0.97) : rng_.chance(0.45);
      int id = next_ticket_id_++;
      Json t = make_ticket(id, c, rng_.pick(words::kTicketSubjects), opened, closed, false);
      if (closed && rng_.chance(0.3)) adhoc_ticket_ids_.push_back({id, c.id});
      if (!closed) ++open_by_client_[c.id];
      sink_.add(Kind::kTickets, std::move(t));
    }
  }

  void make_projects() {
    const int count = scaled_sqrt(15);
    for (int i = 0; i < count; ++i) {
      const ClientInfo& c = active_client();
      long start = today_ - rng_.range(10, 600);
      long target = start + rng_.range(30, 150);
      bool closed = target < today_ - 20;
      int id = next_ticket_id_++;
      std::string name = words::kProjectNames[static_cast<std::size_t>(i) % words::kProjectNames.size()];
      Json p = make_ticket(id, c, name + " - " + c.name, start, closed, true);
      p["startdate"] = d::halo_date(start);
      p["targetdate"] = d::halo_date(target);
      p["estimate"] = static_cast<double>(rng_.range(8, 120));
      p["budgettype"] = rng_.chance(0.5) ? "Fixed Price" : "Time and Materials";
      p["isproject"] = true;
      project_info_.push_back({id, c.id, start, target});
      sink_.add(Kind::kProjects, std::move(p));
    }
  }

  void make_assets() {
    const int count = scaled_sqrt(150);
    for (int i = 0; i < count; ++i) {
      const ClientInfo& c = client_info_[static_cast<std::size_t>(i) % client_info_.size()];
      const auto& type = words::kAssetTypes[static_cast<std::size_t>(rng_.range(0, static_cast<long>(words::kAssetTypes.size()) - 1))];
      std::size_t si = static_cast<std::size_t>(rng_.range(0, static_cast<long>(c.site_ids.size()) - 1));
      std::size_t ui = static_cast<std::size_t>(rng_.range(0, static_cast<long>(c.user_ids.size()) - 1));
      bool has_warranty = rng_.chance(0.8);
      const long warranty_end = today_ + rng_.range(-400, 900);
      const std::string inventory = c.prefix + "-" + type.code + "-" + std::to_string(100 + i);
      if (has_warranty) {
        warranty_rows_.push_back(Json{{"Asset", inventory}, {"Client", c.name}, {"Warranty End", d::iso_day(warranty_end)}});
      }
      sink_.add(Kind::kAssets, Json{{"id", i + 1},
                             {"inventory_number", inventory},
                             {"key_field", rng_.pick(words::kModels)},
                             {"key_field2", "SN" + std::to_string(rng_.range(100000, 999999))},
                             {"key_field3", ""},
                             {"client_id", c.id},
                             {"client_name", c.name},
                             {"site_id", c.site_ids[si]},
                             {"site_name", c.site_names[si]},
                             {"assettype_id", type.id},
                             {"assettype_name", type.name},
                             {"inactive", c.inactive || rng_.chance(0.07)},
                             {"warranty_start", has_warranty ? d::halo_date(today_ - rng_.range(100, 1400)) : std::string(d::kNoDate)},
                             {"warranty_end", has_warranty ? d::halo_date(warranty_end) : std::string(d::kNoDate)},
                             {"contract_id", 0},
                             {"contract_ref", ""},
                             {"username", type.id <= 2 || type.id == 8 ? c.user_names[ui] : std::string()},
                             {"status_id", 1}});
    }
  }

  // ---- contracts, recurring templates -------------------------------------------------------

  struct ContractInfo {
    int id;
    const ClientInfo* client;
    Period period;
    double amount;
    long start, end;  ///< end 0 = open-ended
    bool counts;      ///< active at today (used for invoice generation)
    bool via_template;
    std::string ref;
  };
  struct TemplateInfo {
    int id;
    const ClientInfo* client;
    std::string currency;
    Period period;
    Json lines;
    double revenue, tax;
    long start, end;  ///< end 0 = open-ended
    bool disabled;
    int contract_id;
  };

  static long next_boundary(long day, const Period& p) { return p.months == 0 ? day + 7 : d::add_months(day, p.months); }

  void make_contracts_and_templates() {
    const int ccount = scaled(30);
    const std::vector<Period> mix = {kMonthly, kMonthly, kMonthly, kMonthly, kMonthly, kQuarterly,
                                     kQuarterly, kYearly, kYearly, kWeekly};
    Json lapsed;  // a copy of the first contract, emitted as the lapsed one below
    for (int i = 0; i < ccount; ++i) {
      const ClientInfo& c = client_info_[static_cast<std::size_t>(i) % client_info_.size()];
      Period p = rng_.pick(mix);
      if (i == 7) p = kHalfYearlyUnknownCode;
      if (i == 11) p = kUnknownContract;
      double base = p.months == 0 ? rng_.range(40, 180) : rng_.range(250, 2500) * std::max(1, p.months) * 0.9;
      ContractInfo ci{i + 1, &c, p, round2(base + rng_.range(0, 99) / 100.0), 0, 0, true, false, ""};
      ci.start = d::add_months(today_, -static_cast<int>(rng_.range(3, 40)));
      int shape = static_cast<int>(rng_.range(0, 9));
      bool active = true, expired = false;
      if (shape == 0) {  // ended last year
        ci.end = today_ - rng_.range(30, 300);
        expired = true;
        active = false;
      } else if (shape == 1) {  // starts next month
        ci.start = today_ + rng_.range(5, 40);
        ci.end = d::add_months(ci.start, 36);
      } else if (shape <= 5) {  // fixed term covering today
        ci.end = d::add_months(ci.start, 36);
        if (ci.end < today_) ci.end = d::add_months(today_, 6);
      }
      if (i % 17 == 9) active = false;  // switched off by hand
      if (c.inactive) active = false;
      ci.counts = active && !expired && ci.start <= today_ && (ci.end == 0 || ci.end >= today_);
      ci.ref = c.prefix + "-" + (p.months == 0 ? "SUP" : "MSP") + std::to_string(ci.id);
      ci.via_template = ci.counts && p.code != kUnknownContract.code && rng_.chance(0.45);
      const char* type_name = p.months == 0 ? "Onsite Support (Weekly)" : (rng_.chance(0.3) ? "Backup & DR" : "Managed Services");
      long next_invoice = ci.start > today_ ? ci.start : next_boundary(today_, p);
      // Periods in the OpenAPI ContractPeriod shape, newest (the current one) first; hours are a
      // deterministic function of the ids so the rng sequence (and the rest of the data) is unchanged.
      Json periods = Json::array();
      const int months = std::max(1, p.months);
      for (int k = 0; k < 3; ++k) {
        const long ps = d::add_months(today_, -k * months) - 10;
        const long pe = d::add_months(ps, months) - 1;
        const double in_period = 10.0 * months;
        const double used = static_cast<double>((ci.id * 7 + k * 3) % (10 * months + 1));
        periods.push_back(Json{{"id", ci.id * 100 + k},
                               {"contract_id", ci.id},
                               {"name", "Period " + std::to_string(3 - k)},
                               {"start_date", d::halo_date(ps)},
                               {"end_date", d::halo_date(pe)},
                               {"start_date_display", d::halo_date(ps)},
                               {"end_date_display", d::halo_date(pe)},
                               {"current", k == 0},
                               {"hours_in_period", in_period},
                               {"hours_used", used},
                               {"hours_remaining", in_period - used},
                               {"hours_charged", used}});
      }
      renewal_rows_.push_back(Json{{"Contract", ci.ref}, {"Client", c.name},
                                   {"End Date", ci.end ? d::iso_day(ci.end) : std::string("1900-01-01")},
                                   {"Status", expired ? "Expired" : (active ? "Active" : "Inactive")}});
      Json contract{{"id", ci.id},
                    {"client_id", c.id},
                    {"client_name", c.name},
                    {"site_id", c.site_ids.front()},
                    {"site_name", c.site_names.front()},
                    {"ref", ci.ref},
                    {"start_date", d::halo_date(ci.start)},
                    {"end_date", ci.end ? d::halo_date(ci.end) : std::string(d::kNoDate)},
                    {"started", ci.start <= today_},
                    {"active", active},
                    {"expired", expired},
                    {"status", active ? 1 : 0},
                    {"contract_status", expired ? "Expired" : (active ? "Active" : "Inactive")},
                    {"billingperiod", p.code},
                    {"periodchargeamount", ci.amount},
                    {"contracttype", p.months == 0 ? 3 : 1},
                    {"contracttype_name", type_name},
                    {"next_invoice_date", ci.counts ? d::halo_date(next_invoice) : std::string(d::kNoDate)},
                    {"periodicinvoicenextdate", ci.counts ? d::halo_date(next_invoice) : std::string(d::kNoDate)},
                    {"note", ""},
                    {"customfields", Json::array()},
                    // Detail-only fields (the server strips them from lists, as Halo does).
                    {"billing_period_string", p.label},
                    {"costperperiod", round2(ci.amount * 0.35)},
                    {"prepayrecurringcharge", 0.0},
                    {"periods", periods}};
      if (i == 0) lapsed = contract;
      sink_.add(Kind::kContracts, std::move(contract));
      contract_info_.push_back(ci);
    }
    // One contract past its end date that is still switched on: Halo sets `expired` when the end
    // date passes, but `active` is the user's switch and often stays on, so Halo's list (which
    // filters on active only) still returns it. Built without the rng, so the rest of the data
    // does not move; it raises no invoices (invoicing follows contract_info_, which it is not in).
    if (!lapsed.is_null()) {
      const int id = ccount + 1;
      const long end = today_ - 20;
      lapsed["id"] = id;
      lapsed["ref"] = lapsed["ref"].get<std::string>() + "-OLD";
      lapsed["start_date"] = d::halo_date(d::add_months(end, -12));
      lapsed["end_date"] = d::halo_date(end);
      lapsed["active"] = true;
      lapsed["expired"] = true;
      lapsed["contract_status"] = "Expired";
      lapsed["next_invoice_date"] = d::kNoDate;
      lapsed["periodicinvoicenextdate"] = d::kNoDate;
      lapsed["periods"] = Json::array();
      sink_.add(Kind::kContracts, std::move(lapsed));
    }

    // Templates: one per contract billed through a template, plus licence/hosting templates.
    const int tcount = scaled(30);
    int tid = 1;
    auto add_template = [&](const ClientInfo& c, Period p, const std::string& what, double amount, int contract_id,
                            long start, long end, bool disabled, const std::string& currency) {
      TemplateInfo ti{tid++, &c, currency, p, Json::array(), 0, 0, start, end, disabled, contract_id};
      const double tax_rate = currency == "USD" ? 0.0 : 0.2;
      int nlines = contract_id ? 1 : static_cast<int>(rng_.range(1, 3));
      for (int k = 0; k < nlines; ++k) {
        double qty = contract_id ? 1 : static_cast<double>(rng_.range(1, 25));
        double unit = contract_id ? amount : round2(amount / qty / nlines + 0.5);
        double net = round2(qty * unit);
        double tax = round2(net * tax_rate);
        ti.revenue = round2(ti.revenue + net);
        ti.tax = round2(ti.tax + tax);
        ti.lines.push_back(Json{{"id", ti.id * 10 + k},
                                {"item_shortdescription", k == 0 ? what : std::string("Microsoft 365 Business Premium")},
                                {"qty_order", qty}, {"unit_price", unit}, {"net_amount", net}, {"tax_amount", tax},
                                {"tax_rate", tax_rate * 100}, {"contract_id", contract_id},
                                {"recurring_invoice_id", ti.id}, {"ticket_id", 0}, {"billingperiod", p.code},
                                {"startdate", d::kNoDate}, {"enddate", d::kNoDate}});
      }
      template_info_.push_back(std::move(ti));
    };
    for (const auto& ci : contract_info_) {
      if (!ci.via_template) continue;
      add_template(*ci.client, ci.period, ci.ref + " " + (ci.period.months == 0 ? "support" : "managed services"),
                   ci.amount, ci.id, ci.start, ci.end, false, ci.client->currency);
    }
    int extra = 0;
    while (static_cast<int>(template_info_.size()) < tcount) {
      const ClientInfo& c = client_info_[static_cast<std::size_t>(extra * 7 + 3) % client_info_.size()];
      Period p = extra % 6 == 1 ? kYearly : (extra % 9 == 4 ? kQuarterly : kMonthly);
      if (extra == 2) p = kHalfYearlyUnknownCode;
      if (extra == 5) p = kUnknown;
      if (extra == 8) p = kTwoYearly;
      if (extra == 10) p = kWeekly;
      bool disabled = extra % 5 == 3 || c.inactive;
      long start = d::add_months(today_, -static_cast<int>(rng_.range(6, 36)));
      long end = disabled ? today_ - rng_.range(20, 200) : 0;
      if (disabled && end < start) end = d::add_months(start, 3);
      std::string what = p.months >= 12 ? "Domain, hosting & SSL" : "Microsoft 365 licences";
      std::string currency = c.currency;
      if (c.id == client_info_[5 % client_info_.size()].id && extra % 2 == 1) currency = "USD";  // US subsidiary
      add_template(c, p, what, static_cast<double>(rng_.range(60, 900)) * std::max(1, p.months / 3 + 1), 0, start,
                   end, disabled, currency);
      ++extra;
    }
    // The client billed in two currencies must have one USD template even at small scales.
    {
      const ClientInfo& c = client_info_[5 % client_info_.size()];
      bool has_usd = false;
      for (const auto& t : template_info_) has_usd |= (t.client->id == c.id && t.currency == "USD");
      if (!has_usd) add_template(c, kMonthly, "US office: Microsoft 365 licences", 480, 0,
                                 d::add_months(today_, -14), 0, false, "USD");
    }
    for (auto& ti : template_info_) {
      long last = 0;
      long stop = ti.end ? std::min(ti.end, today_) : today_;
      for (long day = ti.start; day <= stop; day = next_boundary(day, ti.period)) last = day;
      long next = last ? next_boundary(last, ti.period) : ti.start;
      sink_.add(Kind::kRecurringInvoices, Json{{"id", ti.id},
                                {"client_id", ti.client->id},
                                {"client_name", ti.client->name},
                                {"invoicenumber", ""},
                                {"reference", ti.lines[0]["item_shortdescription"]},
                                {"disabled", ti.disabled},
                                {"is_recurring_invoice", true},
                                {"period", ti.period.code},
                                {"periodname", ti.period.label},
                                {"startdate", d::halo_date(ti.start)},
                                {"enddate", ti.end ? d::halo_date(ti.end) : std::string(d::kNoDate)},
                                {"lastcreated", last ? d::halo_date(last) : std::string(d::kNoDate)},
                                {"nextcreationdate", ti.disabled ? std::string(d::kNoDate) : d::halo_date(next)},
                                {"contract_id", ti.contract_id},
                                {"currency", ti.currency},
                                {"revenue", ti.revenue},
                                {"tax_total", ti.tax},
                                {"total", round2(ti.revenue + ti.tax)},
                                {"lines", ti.lines}});
    }
  }

  // ---- invoices ------------------------------------------------------------------------------

  /// An invoice line before it is emitted (kept compact: 60k invoices are generated at scale 60).
  struct LineSpec {
    std::string what;
    double qty, unit, tax_rate;
    int contract_id, recurring_id, ticket_id, period_code;
    long start, end;  ///< 0 = no date
  };
  struct PendingInvoice {
    long day;
    const ClientInfo* client;
    std::string currency;
    int recurring_id = 0, contract_id = 0, ticket_id = 0;
    std::string contract_ref;
    std::vector<LineSpec> lines;
  };

  /// factor scales the amounts: 1 for an invoice, the (signed) share of the original for a credit.
  static Json line_json(const LineSpec& l, int id, int invoice_id, double factor) {
    const double net = round2(factor * round2(l.qty * l.unit));
    return Json{{"id", id}, {"ihid", invoice_id}, {"item_shortdescription", l.what},
                {"qty_order", factor < 0 ? -l.qty : l.qty}, {"unit_price", l.unit},
                {"net_amount", net}, {"tax_amount", round2(net * l.tax_rate)}, {"tax_rate", l.tax_rate * 100},
                {"contract_id", l.contract_id}, {"recurring_invoice_id", l.recurring_id}, {"ticket_id", l.ticket_id},
                {"billingperiod", l.period_code},
                {"startdate", l.start ? d::halo_date(l.start) : std::string(d::kNoDate)},
                {"enddate", l.end ? d::halo_date(l.end) : std::string(d::kNoDate)}};
  }

  const ClientInfo* client_by_id(int id) const {
    for (const auto& c : client_info_) {
      if (c.id == id) return &c;
    }
    return &client_info_.front();
  }

  void make_invoices() {
    const long window_start = d::add_months(today_, -24);
    std::map<int, std::string> contract_refs;
    for (const auto& ci : contract_info_) contract_refs[ci.id] = ci.ref;
    std::vector<PendingInvoice> pending;
    for (const auto& ti : template_info_) {
      long stop = ti.end ? std::min(ti.end, today_) : today_;
      for (long day = ti.start; day <= stop; day = next_boundary(day, ti.period)) {
        if (day < window_start) continue;
        PendingInvoice inv{day, ti.client, ti.currency, ti.id, ti.contract_id, 0,
                           ti.contract_id ? contract_refs[ti.contract_id] : std::string(), {}};
        for (const auto& l : ti.lines) {
          inv.lines.push_back(LineSpec{l["item_shortdescription"].get<std::string>(), l["qty_order"].get<double>(),
                                       l["unit_price"].get<double>(), l["tax_rate"].get<double>() / 100,
                                       ti.contract_id, ti.id, 0, ti.period.code, day,
                                       next_boundary(day, ti.period) - 1});
        }
        pending.push_back(std::move(inv));
      }
    }
    for (const auto& ci : contract_info_) {
      if (ci.via_template || ci.period.code == kUnknownContract.code) continue;
      long stop = ci.end ? std::min(ci.end, today_) : today_;
      if (!ci.counts && ci.end == 0) continue;
      const double tax_rate = ci.client->currency == "USD" ? 0.0 : 0.2;
      for (long day = ci.start; day <= stop; day = next_boundary(day, ci.period)) {
        if (day < window_start) continue;
        PendingInvoice inv{day, ci.client, ci.client->currency, 0, ci.id, 0, ci.ref, {}};
        inv.lines.push_back(LineSpec{"Contract " + ci.ref + " (" + (ci.period.label[0] ? ci.period.label : "period") + ")",
                                     1, ci.amount, tax_rate, ci.id, 0, 0, ci.period.code, day,
                                     next_boundary(day, ci.period) - 1});
        pending.push_back(std::move(inv));
      }
    }
    for (const auto& pi : project_info_) {  // deposit and completion invoices
      const ClientInfo* c = client_by_id(pi.client_id);
      const double tax_rate = c->currency == "USD" ? 0.0 : 0.2;
      for (long day : {pi.start + 3, pi.target + 5}) {
        if (day > today_ || day < window_start) continue;
        PendingInvoice inv{day, c, c->currency, 0, 0, pi.id, "", {}};
        inv.lines.push_back(LineSpec{day == pi.start + 3 ? "Project deposit" : "Project completion", 1,
                                     static_cast<double>(rng_.range(15, 90)) * 50, tax_rate, 0, 0, pi.id, 0, 0, 0});
        pending.push_back(std::move(inv));
      }
    }
    for (const auto& [ticket_id, client_id] : adhoc_ticket_ids_) {  // break-fix labour
      const ClientInfo* c = client_by_id(client_id);
      const double tax_rate = c->currency == "USD" ? 0.0 : 0.2;
      PendingInvoice inv{today_ - rng_.range(0, 700), c, c->currency, 0, 0, ticket_id, "", {}};
      inv.lines.push_back(LineSpec{"Labour: ticket #" + std::to_string(ticket_id),
                                   static_cast<double>(rng_.range(1, 12)) * 0.5, 95, tax_rate, 0, 0, ticket_id, 0, 0, 0});
      pending.push_back(std::move(inv));
    }
    const int hardware = scaled(80);
    for (int i = 0; i < hardware; ++i) {  // one-off sales with no ticket
      const ClientInfo& c = active_client();
      const double tax_rate = c.currency == "USD" ? 0.0 : 0.2;
      PendingInvoice inv{today_ - rng_.range(0, 720), &c, c.currency, 0, 0, 0, "", {}};
      inv.lines.push_back(LineSpec{rng_.pick(words::kModels), static_cast<double>(rng_.range(1, 4)),
                                   static_cast<double>(rng_.range(120, 1400)), tax_rate, 0, 0, 0, 0, 0, 0});
      pending.push_back(std::move(inv));
    }
    std::stable_sort(pending.begin(), pending.end(),
                     [](const PendingInvoice& a, const PendingInvoice& b) { return a.day < b.day; });

    int id = 1, line_id = 1;
    const std::size_t credit_every = 45;
    for (std::size_t i = 0; i < pending.size(); ++i) {
      const auto& p = pending[i];
      const bool voided = (i % 97 == 41);
      const bool paid = p.day < today_ - 35 || rng_.chance(0.3);
      const int invoice_id = id++;
      emit_invoice(invoice_id, "INV-" + std::to_string(10000 + invoice_id), p, 1.0, voided, paid, 0, line_id);
      if (i % credit_every == 17) {  // a credit note against this invoice, a few days later
        PendingInvoice credit = p;
        credit.day = std::min(today_, p.day + rng_.range(2, 20));
        credit.recurring_id = 0;
        const double share = rng_.chance(0.5) ? 1.0 : 0.5;
        // Most credits carry negative amounts; some carry positive ones (both are seen in the wild).
        const double sign = (i / credit_every) % 3 == 2 ? 1.0 : -1.0;
        const int credit_id = id++;
        emit_invoice(credit_id, "CN-" + std::to_string(5000 + credit_id), credit, sign * share, false, true,
                     invoice_id, line_id);
      }
    }
  }

  /// factor: 1 for an invoice; for a credit note, its sign times the share of the original.
  void emit_invoice(int id, const std::string& number, const PendingInvoice& p, double factor, bool voided,
                    bool paid, int credit_of, int& line_id) {
    Json lines = Json::array();
    double revenue = 0, tax = 0;
    const bool is_credit = credit_of > 0;
    for (const auto& l : p.lines) {
      Json lj = line_json(l, line_id++, id, is_credit ? factor : 1.0);
      if (is_credit) lj["item_shortdescription"] = "Credit: " + l.what;
      revenue += lj["net_amount"].get<double>();
      tax += lj["tax_amount"].get<double>();
      lines.push_back(std::move(lj));
    }
    revenue = round2(revenue);
    tax = round2(tax);
    const double total = round2(revenue + tax);
    const bool posted = p.day < today_ - 3 || voided;
    if (!voided) revenue_by_month_[d::iso_day(p.day).substr(0, 7) + " " + p.currency] += revenue;
    sink_.add(Kind::kInvoices,
              Json{{"id", id},
                   {"invoicenumber", number},
                   {"client_id", p.client->id},
                   {"client_name", p.client->name},
                   {"sitenumber", p.client->site_ids.front()},
                   {"site_name", p.client->site_names.front()},
                   {"invoice_date", d::halo_date(p.day)},
                   {"duedate", d::halo_date(p.day + 30)},
                   {"datepaid", paid && !voided ? d::halo_date(p.day + rng_.range(3, 40)) : std::string(d::kNoDate)},
                   {"posted", posted},
                   {"voided", voided},
                   {"revenue", revenue},
                   {"tax_total", tax},
                   {"total", total},
                   {"currency", p.currency},
                   {"amountpaid", paid && !voided ? total : 0.0},
                   {"amountdue", paid || voided ? 0.0 : total},
                   {"contract_id", p.contract_id},
                   {"contract_ref", p.contract_ref},
                   {"ticket_id", p.ticket_id},
                   {"recurring_invoice_id", p.recurring_id},
                   {"creditlinkedtoinvoiceid", credit_of},
                   {"reference", p.lines.empty() ? std::string() : p.lines[0].what},
                   {"lines", std::move(lines)}});
  }

  // ---- reports -------------------------------------------------------------------------------

  static std::string money_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
  }

  void make_reports() {
    auto report = [&](int id, const char* name, const char* group, const char* description, Json rows) {
      sink_.add(Kind::kReports, Json{{"id", id}, {"name", name}, {"group_id", id <= 3 ? 1 : 2}, {"group_name", group},
                                     {"description", description}, {"type", 0}, {"mainentity", "Faults"},
                                     {"rows", std::move(rows)}});
    };
    Json open_rows = Json::array();
    for (const auto& [cid, n] : open_by_client_) {
      open_rows.push_back(Json{{"Client", client_by_id(cid)->name}, {"Open Tickets", std::to_string(n)}});
    }
    Json hour_rows = Json::array();
    for (const auto& a : agent_info_) {
      hour_rows.push_back(Json{{"Agent", a.name}, {"Team", a.team}, {"Hours", money_text(hours_by_agent_[a.id])}});
    }
    Json month_rows = Json::array();
    for (const auto& [month, value] : revenue_by_month_) {
      month_rows.push_back(Json{{"Month", month.substr(0, 7)}, {"Currency", month.substr(8)}, {"Net", money_text(value)}});
    }
    Json sla_rows = Json::array({Json{{"Priority", "P1"}, {"Met", "96.4"}}, Json{{"Priority", "P2"}, {"Met", "91.0"}},
                                 Json{{"Priority", "P3"}, {"Met", "88.7"}}, Json{{"Priority", "P4"}, {"Met", "93.2"}}});
    report(1, "Open Tickets by Client", "Service Desk", "Open ticket count per customer", std::move(open_rows));
    report(2, "Agent Hours Logged", "Service Desk", "Hours of time entries per agent", std::move(hour_rows));
    report(3, "SLA Performance by Priority", "Service Desk", "Percentage of tickets meeting SLA", std::move(sla_rows));
    report(4, "Invoiced Revenue by Month", "Finance", "Net invoiced per month and currency", std::move(month_rows));
    report(5, "Contracts Due for Renewal", "Finance", "Contract end dates", Json(renewal_rows_));
    report(6, "Asset Warranty Expiry", "Assets", "Warranty end dates of assets", Json(warranty_rows_));
  }

  Rng rng_;
  long today_;
  double scale_;
  DatasetSink& sink_;
  std::map<int, int> open_by_client_;
  std::map<int, double> hours_by_agent_;
  std::map<std::string, double> revenue_by_month_;
  std::vector<Json> renewal_rows_, warranty_rows_;
  std::map<int, std::string> status_names_;
  std::vector<AgentInfo> agent_info_;
  std::vector<ClientInfo> client_info_;
  std::vector<std::pair<int, int>> adhoc_ticket_ids_;
  struct ProjectInfo {
    int id, client_id;
    long start, target;
  };
  std::vector<ProjectInfo> project_info_;
  std::vector<ContractInfo> contract_info_;
  std::vector<TemplateInfo> template_info_;
  int next_ticket_id_ = 1001, next_action_id_ = 1, next_event_id_ = 1;
};

}  // namespace

util::Result<void> generate_into(const GenerateOptions& options, DatasetSink& sink) {
  long today = dates::today_utc();
  if (!options.today.empty()) {
    auto parsed = dates::parse_day(options.today);
    if (!parsed) return util::fail(util::ErrorKind::kBadInput, "today must be YYYY-MM-DD, got '" + options.today + "'");
    today = *parsed;
  }
  if (!(options.scale > 0) || options.scale > 1000) {
    return util::fail(util::ErrorKind::kBadInput, "scale must be in (0, 1000]");
  }
  Generator generator(options, today, sink);
  generator.run();
  return {};
}

util::Result<util::Json> generate_dataset(const GenerateOptions& options) {
  JsonSink sink;
  auto done = generate_into(options, sink);
  if (!done) return tl::unexpected(done.error());
  return sink.take();
}

}  // namespace sim

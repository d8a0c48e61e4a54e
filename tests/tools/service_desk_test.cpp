// The service-desk analytics end to end against a hand-made Halo: ticket_stats and
// agent_utilisation, in-process and through the real executable. Every expected figure is worked
// out by hand below from the dataset, never by the code under test.
//
// Window: 2025-06-02 (a Monday) .. 2025-06-15 (a Sunday), UTC unless a test says otherwise:
// from 2025-06-02T00:00Z, until 2025-06-16T00:00Z (exclusive).
//
// Tickets (Acme = client 1, Beta = 2; Ann = agent 5, Bob = 6; team "Service Desk" = 1):
//   T1 Acme Ann  opened 06-02 09:00  responded 09:30 (by 10:00: met)   closed 06-02 17:00 (fix by 06-03: met)
//   T2 Acme Bob  opened 06-03 08:00  responded 14:00 (by 12:00: late)  closed 06-06 08:00 (fix by 06-05: late)
//   T3 Beta Ann  opened 06-10 10:00  no response (1900), due 06-10 11:00: breached; open, fix by 06-12: breached
//   T4 Beta none opened 06-14 12:00  excludefromsla: no SLA counts; open
//   T5 Acme Ann  opened 05-31 23:59:59, closed 06-15 23:59:59 (the window's last second; 360 h), fix by 06-20: met
//   T6 Beta Bob  opened 06-05 10:00  responded 11:00 (by 14:00: met)   closed 06-16 00:00 (the first instant after)
//   T7 Acme Ann  opened 05-01 09:00  open (backlog), fix by 05-05: breached
//   T8 Acme Bob  opened 05-25 10:00  closed 06-20 10:00 (after the window), fix by 06-01: breached at the end
//   T9 Acme Ann  opened 05-01, closed 05-10: in no count
//   Project 900 (Acme) and its task 901 (Bob, opened 06-04, open; also listed as a ticket): never counted.
//
// ticket_stats, UTC, whole window:
//   opened      T1 T2 T3 T4 T6 = 5        closed  T1 T2 T5 = 3 (T6 closed at `until`: not in)
//   open_at_end T3 T4 T6 T7 T8 = 5
//   response    T1 0.5, T2 6, T6 1: count 3, mean 7.5/3 = 2.5, median 1
//   resolution  T1 8, T2 72, T5 360: count 3, mean 440/3 = 146.67, median 72
//   SLA response met T1 T6 = 2, breached T2 T3 = 2 -> 50.0 %
//   SLA fix      met T1 T5 = 2, breached T2 T3 T7 T8 = 4 -> 2/6 = 33.3 %
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sim_suite.hpp"

namespace {

using tools_test::Harness;
using tools_test::HarnessOptions;
using tools_test::Via;
using util::Json;

constexpr const char* kNoDate = "1900-01-01T00:00:00";

Json ticket(int id, int client, int agent, const char* opened, const char* closed) {
  static const char* clients[] = {"", "Acme", "Beta"};
  static const char* agents[] = {"", "", "", "", "", "Ann", "Bob"};
  Json t{{"id", id},
         {"summary", "Ticket " + std::to_string(id)},
         {"client_id", client},
         {"client_name", clients[client]},
         {"agent_id", agent},
         {"agent_name", agent ? agents[agent] : ""},
         {"team", agent ? "Service Desk" : ""},
         {"priority_id", 2},
         {"tickettype_id", 1},
         {"dateoccurred", opened},
         {"dateclosed", closed ? closed : kNoDate},
         {"status_id", closed ? 9 : 1},
         {"respondbydate", kNoDate},
         {"responsedate", kNoDate},
         {"fixbydate", kNoDate},
         {"excludefromsla", false}};
  return t;
}

Json sla(Json t, const char* respond_by, const char* responded, const char* fix_by) {
  if (respond_by) t["respondbydate"] = respond_by;
  if (responded) t["responsedate"] = responded;
  if (fix_by) t["fixbydate"] = fix_by;
  return t;
}

Json action(int id, int ticket_id, int agent, const char* when, double hours, double charge, bool billable) {
  static const char* agents[] = {"", "", "", "", "", "Ann", "Bob"};
  return Json{{"id", id}, {"ticket_id", ticket_id}, {"who_agentid", agent}, {"who", agents[agent]},
              {"datetime", when}, {"timetaken", hours}, {"actionchargehours", charge}, {"actisbillable", billable},
              {"outcome", "Work"}, {"note", "done"}};
}

Json dataset() {
  Json d = Json::object();
  d["clients"] = Json::array({{{"id", 1}, {"name", "Acme"}, {"inactive", false}},
                              {{"id", 2}, {"name", "Beta"}, {"inactive", false}}});
  d["teams"] = Json::array({{{"id", 1}, {"name", "Service Desk"}}, {{"id", 2}, {"name", "Projects"}}});
  d["agents"] = Json::array({{{"id", 5}, {"name", "Ann"}, {"team", "Service Desk"}, {"isdisabled", false}},
                             {{"id", 6}, {"name", "Bob"}, {"team", "Service Desk"}, {"isdisabled", false}},
                             {{"id", 7}, {"name", "Cid"}, {"team", "Projects"}, {"isdisabled", false}},
                             {{"id", 8}, {"name", "Dee"}, {"team", "Service Desk"}, {"isdisabled", true}}});
  d["statuses"] = Json::array({{{"id", 1}, {"name", "New"}, {"type", 0}}, {{"id", 9}, {"name", "Closed"}, {"type", 2}}});
  Json t4 = ticket(4, 2, 0, "2025-06-14T12:00:00", nullptr);
  t4 = sla(t4, "2025-06-14T13:00:00", nullptr, "2025-06-14T14:00:00");
  t4["excludefromsla"] = true;
  Json task = ticket(901, 1, 6, "2025-06-04T09:00:00", nullptr);
  task["parent_id"] = 900;
  task = sla(task, "2025-06-04T10:00:00", nullptr, "2025-06-05T10:00:00");
  d["tickets"] = Json::array({
      sla(ticket(1, 1, 5, "2025-06-02T09:00:00", "2025-06-02T17:00:00"), "2025-06-02T10:00:00", "2025-06-02T09:30:00",
          "2025-06-03T09:00:00"),
      sla(ticket(2, 1, 6, "2025-06-03T08:00:00", "2025-06-06T08:00:00"), "2025-06-03T12:00:00", "2025-06-03T14:00:00",
          "2025-06-05T08:00:00"),
      sla(ticket(3, 2, 5, "2025-06-10T10:00:00", nullptr), "2025-06-10T11:00:00", nullptr, "2025-06-12T10:00:00"),
      t4,
      sla(ticket(5, 1, 5, "2025-05-31T23:59:59", "2025-06-15T23:59:59"), nullptr, nullptr, "2025-06-20T00:00:00"),
      sla(ticket(6, 2, 6, "2025-06-05T10:00:00", "2025-06-16T00:00:00"), "2025-06-05T14:00:00", "2025-06-05T11:00:00",
          "2025-06-20T00:00:00"),
      sla(ticket(7, 1, 5, "2025-05-01T09:00:00", nullptr), nullptr, nullptr, "2025-05-05T09:00:00"),
      sla(ticket(8, 1, 6, "2025-05-25T10:00:00", "2025-06-20T10:00:00"), nullptr, nullptr, "2025-06-01T10:00:00"),
      ticket(9, 1, 5, "2025-05-01T09:00:00", "2025-05-10T09:00:00"),
      task,  // a project task is a ticket to Halo's ticket list
  });
  d["projects"] = Json::array({ticket(900, 1, 6, "2025-06-01T09:00:00", nullptr), task});
  d["actions"] = Json::array({
      action(1, 1, 5, "2025-06-02T10:00:00", 2.0, 2.0, true),
      action(2, 2, 6, "2025-06-03T09:00:00", 1.5, 1.0, true),
      action(3, 3, 5, "2025-06-10T12:00:00", 1.0, 1.0, false),  // not billable, whatever its charge hours
      action(4, 901, 6, "2025-06-11T09:00:00", 3.0, 3.0, true),  // project time: hours, not a ticket worked
      action(5, 1, 5, "2025-06-12T09:00:00", 0.5, 0.75, true),  // charged more than worked
      action(6, 2, 5, "2025-06-16T00:30:00", 4.0, 4.0, true),   // after the window (UTC)
      action(7, 3, 5, "2025-06-10T13:00:00", 0.0, 0.0, true),   // a note: no time
      action(8, 6, 6, "2025-06-01T23:00:00", 2.0, 2.0, true),   // before the window
  });
  d["contracts"] = Json::array();
  d["invoices"] = Json::array();
  d["recurring_invoices"] = Json::array();
  return d;
}

// Today is 2025-06-30 (now: noon): the window is over, and every close date is in the past.
constexpr const char* kToday = "2025-06-30";
const char* today() { return kToday; }
using ServiceDesk = tools_test::DatasetSuite<dataset, today>;
INSTANTIATE_TEST_SUITE_P(Via, ServiceDesk, ::testing::Values(Via::kInProcess, Via::kExecutable), tools_test::via_name);

const Json kWindow = {{"start_date", "2025-06-02"}, {"end_date", "2025-06-15"}};

Json with(Json args, const Json& more) {
  args.update(more);
  return args;
}

TEST_P(ServiceDesk, TicketStatsTotalsFollowEveryRule) {
  Json r = ok("ticket_stats", kWindow);
  const Json& t = r["totals"];
  EXPECT_EQ(t["opened"], 5);
  EXPECT_EQ(t["closed"], 3);
  EXPECT_EQ(t["open_at_end"], 5);
  EXPECT_EQ(t["response"], (Json{{"count", 3}, {"mean_hours", 2.5}, {"median_hours", 1.0}}));
  EXPECT_EQ(t["resolution"], (Json{{"count", 3}, {"mean_hours", 146.67}, {"median_hours", 72.0}}));
  EXPECT_EQ(t["sla"], (Json{{"response_met", 2}, {"response_breached", 2}, {"response_compliance_pct", 50.0},
                            {"fix_met", 2}, {"fix_breached", 4}, {"fix_compliance_pct", 33.3}}));
  EXPECT_FALSE(r.contains("groups"));
  EXPECT_FALSE(r.contains("series"));
  EXPECT_EQ(r["time_zone"], "UTC");
  EXPECT_EQ(r["warnings"], Json::array());
}

// Requests: tickets opened in the window (1 page), closed in it (1), open now (1), closed after
// it (1: the window is over), project ids (1) = 5. Each read asks Halo to filter.
TEST_P(ServiceDesk, TicketStatsReadsOnlyTheWindowAndAsksHaloToFilter) {
  Json r = ok("ticket_stats", with(kWindow, {{"client_id", 1}}));
  EXPECT_EQ(r["sources"]["requests"], 5);
  int filtered = 0;
  for (const auto& req : harness_->sim().stats().recent) {
    if (req.path != "/api/Tickets") continue;
    EXPECT_EQ(req.params.count("client_id"), 1u) << req.target;
    const bool dated = req.params.count("datesearch") == 1 && req.params.count("startdate") == 1;
    const bool open = req.params.count("open_only") == 1;
    EXPECT_TRUE(dated || open) << "a ticket read without a filter pages the whole history: " << req.target;
    ++filtered;
  }
  EXPECT_EQ(filtered, 4);
  // Acme: opened T1 T2 = 2; closed T1 T2 T5 = 3; open at end T7 T8 = 2.
  EXPECT_EQ(r["totals"]["opened"], 2);
  EXPECT_EQ(r["totals"]["closed"], 3);
  EXPECT_EQ(r["totals"]["open_at_end"], 2);
}

// The same answer when Halo ignores every date filter: more pages, same figures.
TEST_P(ServiceDesk, TicketStatsIsTheSameWhenHaloIgnoresTheDateFilters) {
  auto faults = harness_->sim().faults().get();
  faults.ignore_date_filters = true;
  harness_->sim().faults().set(faults);
  Json r = ok("ticket_stats", kWindow);
  EXPECT_EQ(r["totals"]["opened"], 5);
  EXPECT_EQ(r["totals"]["closed"], 3);
  EXPECT_EQ(r["totals"]["open_at_end"], 5);
  EXPECT_EQ(r["totals"]["sla"]["fix_breached"], 4);
}

// By client: Beta opened T3 T4 T6 = 3 (first: most opened), Acme T1 T2 = 2.
//   Beta: closed 0; open at end T3 T4 T6 = 3; response T6 1 h; SLA response met T6, breached T3
//         (50.0); fix breached T3 (0.0).
//   Acme: closed T1 T2 T5 = 3; open at end T7 T8 = 2; response 0.5 and 6: mean 3.25, median 3.25;
//         fix met T1 T5, breached T2 T7 T8: 2/5 = 40.0.
TEST_P(ServiceDesk, TicketStatsByClient) {
  Json r = ok("ticket_stats", with(kWindow, {{"group_by", "client"}}));
  ASSERT_EQ(r["groups"].size(), 2u);
  const Json& beta = r["groups"][0];
  const Json& acme = r["groups"][1];
  EXPECT_EQ(beta["key_id"], 2);
  EXPECT_EQ(beta["key_name"], "Beta");
  EXPECT_EQ(beta["opened"], 3);
  EXPECT_EQ(beta["closed"], 0);
  EXPECT_EQ(beta["open_at_end"], 3);
  EXPECT_EQ(beta["response"], (Json{{"count", 1}, {"mean_hours", 1.0}, {"median_hours", 1.0}}));
  EXPECT_EQ(beta["sla"]["response_compliance_pct"], 50.0);
  EXPECT_EQ(beta["sla"]["fix_compliance_pct"], 0.0);
  EXPECT_EQ(acme["key_id"], 1);
  EXPECT_EQ(acme["opened"], 2);
  EXPECT_EQ(acme["closed"], 3);
  EXPECT_EQ(acme["open_at_end"], 2);
  EXPECT_EQ(acme["response"], (Json{{"count", 2}, {"mean_hours", 3.25}, {"median_hours", 3.25}}));
  EXPECT_EQ(acme["sla"]["fix_met"], 2);
  EXPECT_EQ(acme["sla"]["fix_breached"], 3);
  EXPECT_EQ(acme["sla"]["fix_compliance_pct"], 40.0);
}

// By agent: Ann T1 T3 T5 T7, Bob T2 T6 T8, no agent T4.
//   Ann opened T1 T3 = 2, open at end T3 T7 = 2; Bob opened T2 T6 = 2, open at end T6 T8 = 2:
//   a tie, so by id (Ann 5 before Bob 6); "(none)" (opened 1) last. Names come with details.
TEST_P(ServiceDesk, TicketStatsByAgentPutsTicketsWithoutOneInTheNoneGroup) {
  Json r = ok("ticket_stats", with(kWindow, {{"group_by", "agent"}}));
  ASSERT_EQ(r["groups"].size(), 3u);
  EXPECT_EQ(r["groups"][0]["key_id"], 5);
  EXPECT_EQ(r["groups"][0]["key_name"], "Ann");
  EXPECT_EQ(r["groups"][1]["key_id"], 6);
  EXPECT_EQ(r["groups"][1]["key_name"], "Bob");
  EXPECT_EQ(r["groups"][2]["key_id"], nullptr);
  EXPECT_EQ(r["groups"][2]["key_name"], "(none)");
  EXPECT_EQ(r["groups"][2]["opened"], 1);
  EXPECT_EQ(r["groups"][2]["sla"]["response_met"], 0);  // T4 is excluded from the SLA
  EXPECT_EQ(r["groups"][2]["sla"]["response_breached"], 0);
}

// A team by name: Halo gets the team's id (1); T4 (no team) drops out. Service Desk: opened
// T1 T2 T3 T6 = 4; closed T1 T2 T5 = 3; open at end T3 T6 T7 T8 = 4. One more request: the team list.
TEST_P(ServiceDesk, TicketStatsForATeamSendsItsIdToHalo) {
  Json r = ok("ticket_stats", with(kWindow, {{"team", "service desk"}}));
  EXPECT_EQ(r["totals"]["opened"], 4);
  EXPECT_EQ(r["totals"]["closed"], 3);
  EXPECT_EQ(r["totals"]["open_at_end"], 4);
  EXPECT_EQ(r["sources"]["requests"], 6);
  for (const auto& req : harness_->sim().stats().recent) {
    if (req.path != "/api/Tickets") continue;
    ASSERT_EQ(req.params.count("team"), 1u) << req.target;
    EXPECT_EQ(req.params.find("team")->second, "1") << req.target;
  }
  EXPECT_NE(error("ticket_stats", with(kWindow, {{"team", "Nobody"}})).find("'team'"), std::string::npos);
}

// Weeks start on Monday. Window Wed 06-04 .. Sun 06-15: weeks of 06-02 and 06-09.
//   opened: T6 (06-05) in the first; T3 (06-10), T4 (06-14) in the second. T1 (06-02) and T2
//   (06-03) are before the window even though their week overlaps it.
//   closed: T2 (06-06) first; T5 (06-15) second.
TEST_P(ServiceDesk, TicketStatsWeeksStartOnMonday) {
  Json r = ok("ticket_stats", {{"start_date", "2025-06-04"}, {"end_date", "2025-06-15"}, {"interval", "week"}});
  EXPECT_EQ(r["series"], (Json::array({{{"period_start", "2025-06-02"}, {"opened", 1}, {"closed", 1}},
                                       {{"period_start", "2025-06-09"}, {"opened", 2}, {"closed", 1}}})));
  // Months: one period, the whole window's counts (opened 5, closed 3); days: 14, zeros included.
  Json month = ok("ticket_stats", with(kWindow, {{"interval", "month"}}));
  EXPECT_EQ(month["series"], (Json::array({{{"period_start", "2025-06-01"}, {"opened", 5}, {"closed", 3}}})));
  Json day = ok("ticket_stats", with(kWindow, {{"interval", "day"}}));
  ASSERT_EQ(day["series"].size(), 14u);
  EXPECT_EQ(day["series"][0], (Json{{"period_start", "2025-06-02"}, {"opened", 1}, {"closed", 1}}));  // T1
  EXPECT_EQ(day["series"][1], (Json{{"period_start", "2025-06-03"}, {"opened", 1}, {"closed", 0}}));  // T2
  EXPECT_EQ(day["series"][13], (Json{{"period_start", "2025-06-15"}, {"opened", 0}, {"closed", 1}}));  // T5
}

TEST_P(ServiceDesk, TicketStatsRefusesBadArgumentsBeforeReadingHalo) {
  auto before = api_requests();
  std::string e = error("ticket_stats", with(kWindow, {{"group_by", "colour"}}));
  EXPECT_NE(e.find("group_by"), std::string::npos) << e;
  EXPECT_NE(e.find("tickettype"), std::string::npos) << "names the allowed values: " << e;
  e = error("ticket_stats", with(kWindow, {{"interval", "fortnight"}}));
  EXPECT_NE(e.find("interval"), std::string::npos) << e;
  e = error("ticket_stats", {{"start_date", "2025-06-15"}, {"end_date", "2025-06-02"}});
  EXPECT_NE(e.find("start_date"), std::string::npos) << e;
  // 2024-06-15 .. 2025-06-15 is 366 days: allowed; a day more is not.
  e = error("ticket_stats", {{"start_date", "2024-06-14"}, {"end_date", "2025-06-15"}});
  EXPECT_NE(e.find("367 days"), std::string::npos) << e;
  e = error("ticket_stats", {{"start_date", "2025-02-30"}});
  EXPECT_NE(e.find("start_date"), std::string::npos) << e;
  EXPECT_EQ(api_requests(), before) << "nothing may be fetched for bad input";
}

// New York is UTC-4 in June: the window is 06-02T04:00Z .. 06-16T04:00Z.
//   T6 closed 06-16T00:00Z = 06-15 20:00 there: closed in the window now; T5 (19:59:59) still in.
//   T1 (05:00 there) is in; T5 opened 05-31 19:59:59 there: still before.
//   closed T1 T2 T5 T6 = 4; open at end T3 T4 T7 T8 = 4; opened 5.
TEST(ServiceDeskZone, TheWindowEdgeMovesWithTheTimeZone) {
  const std::string path = "/tmp/tools_service_desk_zone_" + std::to_string(::getpid()) + ".json";
  std::ofstream(path) << dataset().dump();
  HarnessOptions options;
  options.dataset_file = path;
  options.timezone = "America/New_York";
  options.today = kToday;
  Harness h(options);
  ASSERT_TRUE(h.ok()) << h.error();
  auto outcome = h.call("ticket_stats", kWindow);
  std::remove(path.c_str());
  ASSERT_FALSE(outcome.is_error) << outcome.error_text;
  const Json& t = outcome.structured["totals"];
  EXPECT_EQ(t["opened"], 5);
  EXPECT_EQ(t["closed"], 4);
  EXPECT_EQ(t["open_at_end"], 4);
  EXPECT_EQ(outcome.structured["time_zone"], "America/New_York");
}

}  // namespace

namespace {

// agent_utilisation over the same window (UTC): 10 weekdays (06-02..06-06, 06-09..06-13) x 7.5 h =
// 75 h available per agent.
//   Ann: entries 1 (2.0 h, charge 2.0), 3 (1.0 h, charge 1.0, NOT billable), 5 (0.5 h, charge 0.75)
//        hours 3.5; billable 2.0 + 0 + 0.75 = 2.75; non-billable 0 + 1.0 + max(0, 0.5 - 0.75) = 1.0;
//        share 2.75 / 3.5 = 78.57 -> 78.6; utilisation 3.5 / 75 = 4.67 -> 4.7; billable 2.75 / 75 = 3.67 -> 3.7;
//        tickets worked T1 T3 = 2; open now T3 T7 = 2.
//   Bob: entries 2 (1.5 h, charge 1.0), 4 (3.0 h on project task 901, charge 3.0)
//        hours 4.5; billable 4.0; non-billable 0.5; share 4 / 4.5 = 88.9; utilisation 6.0; billable 5.3;
//        tickets worked T2 = 1 (901 is a project task); open now 0 (901 is a project task).
//   Cid: enabled, logged nothing: a row of zeros, share null, utilisation 0.0.
//   Dee: disabled and logged nothing: no row.
//   Order by hours: Bob, Ann, Cid. Totals: hours 8.0, billable 6.75, non-billable 1.5, available 225,
//   share 6.75 / 8 = 84.375 -> 84.4, utilisation 8 / 225 = 3.56 -> 3.6, billable 6.75 / 225 = 3.0,
//   tickets worked 3, open 2.
TEST_P(ServiceDesk, AgentUtilisationFollowsEveryRule) {
  Json r = ok("agent_utilisation", kWindow);
  EXPECT_EQ(r["working_days"], 10);
  EXPECT_EQ(r["workday_hours"], 7.5);
  ASSERT_EQ(r["agents"].size(), 3u) << r["agents"].dump();
  const Json& bob = r["agents"][0];
  const Json& ann = r["agents"][1];
  const Json& cid = r["agents"][2];
  EXPECT_EQ(bob["agent_id"], 6);
  EXPECT_EQ(bob, (Json{{"agent_id", 6}, {"agent_name", "Bob"}, {"team", "Service Desk"}, {"hours", 4.5},
                       {"billable_hours", 4.0}, {"non_billable_hours", 0.5}, {"billable_share_pct", 88.9},
                       {"available_hours", 75.0}, {"utilisation_pct", 6.0}, {"billable_utilisation_pct", 5.3},
                       {"tickets_worked", 1}, {"open_tickets", 0}}));
  EXPECT_EQ(ann, (Json{{"agent_id", 5}, {"agent_name", "Ann"}, {"team", "Service Desk"}, {"hours", 3.5},
                       {"billable_hours", 2.75}, {"non_billable_hours", 1.0}, {"billable_share_pct", 78.6},
                       {"available_hours", 75.0}, {"utilisation_pct", 4.7}, {"billable_utilisation_pct", 3.7},
                       {"tickets_worked", 2}, {"open_tickets", 2}}));
  EXPECT_EQ(cid["agent_id"], 7);
  EXPECT_EQ(cid["hours"], 0.0);
  EXPECT_EQ(cid["billable_share_pct"], nullptr);
  EXPECT_EQ(cid["utilisation_pct"], 0.0);
  EXPECT_EQ(r["totals"], (Json{{"hours", 8.0}, {"billable_hours", 6.75}, {"non_billable_hours", 1.5},
                               {"billable_share_pct", 84.4}, {"available_hours", 225.0}, {"utilisation_pct", 3.6},
                               {"billable_utilisation_pct", 3.0}, {"tickets_worked", 3}, {"open_tickets", 2}}));
  // Actions (1), agents (1), project ids (1), open tickets (1 page).
  EXPECT_EQ(r["sources"]["requests"], 4);
}

// HALO_WORKDAY_HOURS=8 reaches the tool, in-process and through the executable's configuration
// (it once stopped at the configuration and the tools kept 7.5): 10 weekdays x 8 h = 80 h per agent;
// Bob's 4.5 h are 4.5 / 80 = 5.625 -> 5.6 %, his 4.0 billable h 4 / 80 = 5.0 %.
void eight_hour_days(tools_test::HarnessOptions& options) { options.workday_hours = 8.0; }
using ServiceDeskEightHourDays = tools_test::DatasetSuite<dataset, today, eight_hour_days>;
INSTANTIATE_TEST_SUITE_P(Via, ServiceDeskEightHourDays, ::testing::Values(Via::kInProcess, Via::kExecutable),
                         tools_test::via_name);

TEST_P(ServiceDeskEightHourDays, AvailableHoursFollowTheConfiguredWorkday) {
  Json r = ok("agent_utilisation", kWindow);
  EXPECT_EQ(r["workday_hours"], 8.0);
  ASSERT_FALSE(r["agents"].empty());
  const Json& bob = r["agents"][0];
  EXPECT_EQ(bob["agent_name"], "Bob");
  EXPECT_EQ(bob["available_hours"], 80.0);
  EXPECT_EQ(bob["utilisation_pct"], 5.6);
  EXPECT_EQ(bob["billable_utilisation_pct"], 5.0);
}

// A team with an agent who logged nothing: Projects holds Cid alone, so one row of zeros.
// One agent: Bob alone, as above.
TEST_P(ServiceDesk, AgentUtilisationForATeamOrAnAgent) {
  Json team = ok("agent_utilisation", with(kWindow, {{"team", "projects"}}));
  ASSERT_EQ(team["agents"].size(), 1u);
  EXPECT_EQ(team["agents"][0]["agent_name"], "Cid");
  EXPECT_EQ(team["totals"]["hours"], 0.0);
  EXPECT_EQ(team["totals"]["available_hours"], 75.0);
  Json bob = ok("agent_utilisation", with(kWindow, {{"agent_id", 6}}));
  ASSERT_EQ(bob["agents"].size(), 1u);
  EXPECT_EQ(bob["totals"]["hours"], 4.5);
  EXPECT_EQ(bob["totals"]["billable_hours"], 4.0);
  EXPECT_NE(error("agent_utilisation", with(kWindow, {{"team", "Nobody"}})).find("'team'"), std::string::npos);
}

TEST_P(ServiceDesk, AgentUtilisationRefusesAWindowOverTheLimitBeforeReadingHalo) {
  auto before = api_requests();
  std::string e = error("agent_utilisation", {{"start_date", "2024-01-01"}, {"end_date", "2025-06-15"}});
  EXPECT_NE(e.find("start_date"), std::string::npos) << e;
  e = error("agent_utilisation", {{"start_date", "2025-06-15"}, {"end_date", "2025-06-14"}});
  EXPECT_NE(e.find("start_date"), std::string::npos) << e;
  EXPECT_EQ(api_requests(), before);
}

}  // namespace

namespace {

// Long reads report progress (pages read from Halo, ending at done == total) and stop when the
// call is cancelled, without waiting for the reads in flight.
TEST_P(ServiceDesk, TicketStatsReportsProgressAndCanBeCancelled) {
  if (via_executable()) GTEST_SKIP() << "a ToolContext reaches only in-process handlers";
  std::mutex mutex;
  std::vector<std::pair<double, double>> reports;
  mcp::ToolContext context;
  context.progress = [&](double done, std::optional<double> total, std::string_view) {
    std::lock_guard lock(mutex);
    reports.emplace_back(done, total.value_or(-1));
  };
  auto outcome = harness_->call("ticket_stats", kWindow, context);
  ASSERT_FALSE(outcome.is_error) << outcome.error_text;
  ASSERT_FALSE(reports.empty());
  EXPECT_EQ(reports.back().first, 5) << "five reads of one page each";
  EXPECT_EQ(reports.back().first, reports.back().second);

  auto faults = harness_->sim().faults().get();
  faults.latency_ms = 2000;  // every Halo request takes 2 s
  harness_->sim().faults().set(faults);
  util::CancellationSource cancel;
  mcp::ToolContext slow;
  slow.cancel = cancel.token();
  const auto started = std::chrono::steady_clock::now();
  auto running = std::async(std::launch::async, [&] { return harness_->call("ticket_stats", kWindow, slow); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  cancel.cancel();
  ASSERT_EQ(running.wait_for(std::chrono::seconds(10)), std::future_status::ready) << "the call must end";
  auto cancelled = running.get();
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_TRUE(cancelled.is_error);
  EXPECT_NE(cancelled.error_text.find("cancelled"), std::string::npos) << cancelled.error_text;
  EXPECT_LT(took, std::chrono::milliseconds(1900)) << "it waited for a 2 s request instead of stopping";
}

}  // namespace

// What the service-desk analytics read from the generated tenant: SLA fields on tickets that are
// consistent with the tickets and spread over met, breached and at-risk; unbilled time that still
// carries charge hours; agents' cost prices and working hours; and the saved reports built from
// the same tickets (Monthly SLA with its near-duplicate names, a dated report, one that fails).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "sim/dates.hpp"
#include "sim_test_support.hpp"

namespace sim::testing {
namespace {

using util::Json;

constexpr long kDay = 86400;

/// Seconds since 1970 of a Halo timestamp ("YYYY-MM-DDTHH:MM:SS…"; the fraction is ignored).
long seconds(const Json& stamp) {
  const std::string s = stamp.get<std::string>();
  return *dates::parse_day(s) * kDay + std::stol(s.substr(11, 2)) * 3600 + std::stol(s.substr(14, 2)) * 60 +
         std::stol(s.substr(17, 2));
}
bool no_date(const Json& stamp) { return stamp.get<std::string>() == dates::kNoDate; }
bool is_closed(const Json& t) { return t["status_id"].get<int>() == 9; }

class SimAnalyticsData : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto d = generate_dataset({42, 1.0, kToday});
    ASSERT_TRUE(d);
    data_ = new Json(std::move(*d));
  }
  static void TearDownTestSuite() {
    delete data_;
    data_ = nullptr;
  }
  static const Json& data(const char* key) { return (*data_)[key]; }
  static long today0() { return *dates::parse_day(kToday) * kDay; }
  static Json* data_;
};
Json* SimAnalyticsData::data_ = nullptr;

TEST_F(SimAnalyticsData, EveryTicketAndProjectCarriesTheSlaFieldsConsistently) {
  const std::map<int, double> fix_hours = {{1, 24}, {2, 72}, {3, 120}, {4, 168}};
  const std::map<int, double> respond_hours = {{1, 1}, {2, 4}, {3, 8}, {4, 24}};
  int checked = 0;
  for (const char* key : {"tickets", "projects"}) {
    for (const auto& t : data(key)) {
      if (t.contains("parent_id")) continue;  // a project's task is a bare child ticket
      SCOPED_TRACE(t["id"].dump());
      for (const char* f : {"sla_id", "sla_name", "respondbydate", "responsedate", "fixbydate", "excludefromsla",
                            "slaholdtime", "onhold"}) {
        ASSERT_TRUE(t.contains(f)) << f;
      }
      ASSERT_TRUE(t["excludefromsla"].is_boolean());
      ASSERT_TRUE(t["slaholdtime"].is_number());
      const long opened = seconds(t["dateoccurred"]);
      const double hold = t["slaholdtime"].get<double>();
      EXPECT_GE(hold, 0.0);
      if (t["sla_id"].get<int>() == 0) {
        EXPECT_EQ(t["sla_name"], "");
        EXPECT_TRUE(no_date(t["respondbydate"]));
        EXPECT_TRUE(no_date(t["fixbydate"]));
      } else {
        EXPECT_EQ(t["sla_name"], t["sla_id"].get<int>() == 2 ? "Gold" : "Standard");
        if (t["onhold"].get<bool>()) {
          EXPECT_GT(hold, 0.0) << "on hold now, so its hold clock has run";
        }
        const int priority = t["priority_id"].get<int>();
        EXPECT_EQ(seconds(t["respondbydate"]) - opened, std::lround(respond_hours.at(priority) * 3600));
        // Fix-by: the priority's target plus the time on hold.
        EXPECT_EQ(seconds(t["fixbydate"]) - opened, std::lround((fix_hours.at(priority) + hold) * 3600));
      }
      if (!no_date(t["responsedate"])) {
        const long response = seconds(t["responsedate"]);
        EXPECT_GE(response, opened);
        if (is_closed(t) && seconds(t["dateclosed"]) >= opened) {
          EXPECT_LE(response, seconds(t["dateclosed"])) << "answered before it closed";
        }
        if (!is_closed(t)) {
          EXPECT_LE(response, today0() + 12 * 3600) << "not after the dataset's now";
        }
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 300 + 15);
}

TEST_F(SimAnalyticsData, TicketsSpreadOverMetBreachedAndNeverAnswered) {
  int no_sla = 0, excluded = 0, responded_in_time = 0, responded_late = 0, never = 0, fixed_in_time = 0,
      fixed_late = 0, held = 0, gold = 0;
  const auto& tickets = data("tickets");
  for (const auto& t : tickets) {
    excluded += t["excludefromsla"].get<bool>();
    if (t["sla_id"].get<int>() == 0) {
      ++no_sla;
      continue;
    }
    gold += t["sla_id"].get<int>() == 2;
    held += t["slaholdtime"].get<double>() > 0;
    if (no_date(t["responsedate"])) {
      ++never;
    } else {
      (seconds(t["responsedate"]) <= seconds(t["respondbydate"]) ? responded_in_time : responded_late)++;
    }
    if (is_closed(t)) (seconds(t["dateclosed"]) <= seconds(t["fixbydate"]) ? fixed_in_time : fixed_late)++;
  }
  const int n = static_cast<int>(tickets.size());
  EXPECT_GE(no_sla, 3);
  EXPECT_LE(no_sla, n / 10) << "a few tickets have no SLA";
  EXPECT_GE(excluded, 3);
  EXPECT_LE(excluded, n / 10) << "a few percent are excluded from the SLA";
  EXPECT_GE(gold, 20);
  EXPECT_GT(held, 0);
  // Most answered within target, some late, some never.
  EXPECT_GT(responded_in_time, 3 * (responded_late + never));
  EXPECT_GE(responded_late, 10);
  EXPECT_GE(never, 5);
  // Closed tickets mostly fixed by their fix-by, some after.
  EXPECT_GT(fixed_in_time, 3 * fixed_late);
  EXPECT_GE(fixed_late, 10);
}

// Open tickets fall into three groups whatever "now" on today (until 19:00 UTC) a tool takes:
// breached before today began, due this evening (within 24 h), or due from the day after tomorrow.
TEST_F(SimAnalyticsData, OpenTicketsAreBreachedAtRiskOrDueLater) {
  int breached = 0, at_risk = 0, later = 0, open = 0;
  for (const auto& t : data("tickets")) {
    if (is_closed(t) || t["sla_id"].get<int>() == 0) continue;
    ++open;
    const long fix = seconds(t["fixbydate"]);
    if (fix < today0()) {
      ++breached;
    } else if (fix >= today0() + 19 * 3600 && fix < today0() + kDay) {
      ++at_risk;
    } else if (fix >= today0() + 2 * kDay) {
      ++later;
    } else {
      ADD_FAILURE() << "fix-by between the groups: " << t["id"] << " " << t["fixbydate"];
    }
  }
  EXPECT_GE(open, 30);
  EXPECT_GE(breached, 5);
  EXPECT_GE(at_risk, 2);
  EXPECT_GE(later, 5);
}

// Halo lets an entry be marked not billable while it keeps its charge hours; those hours are not
// billable, so a few such entries are there for the time tools to leave out. The ticket's charge
// hours count only billable entries, as before.
TEST_F(SimAnalyticsData, AFewUnbilledEntriesKeepTheirChargeHours) {
  int unbilled_with_charge = 0, timed = 0;
  std::map<int, double> billable_by_ticket;
  for (const auto& a : data("actions")) {
    const double hours = a["timetaken"].get<double>();
    if (!(hours > 0)) continue;
    ++timed;
    const double charge = a["actionchargehours"].get<double>();
    EXPECT_NEAR(charge + a["actionnonchargehours"].get<double>(), hours, 1e-9) << a["id"];
    if (a["actisbillable"].get<bool>()) {
      EXPECT_EQ(charge, hours);
      billable_by_ticket[a["ticket_id"].get<int>()] += hours;
    } else if (charge > 0) {
      ++unbilled_with_charge;
      EXPECT_EQ(a["actionchargeamount"].get<double>(), 0.0) << "nothing is charged for it";
    }
  }
  EXPECT_GE(unbilled_with_charge, 3);
  EXPECT_LE(unbilled_with_charge, timed / 20);
  for (const auto& t : data("tickets")) {
    EXPECT_NEAR(t["chargehours"].get<double>(), billable_by_ticket[t["id"].get<int>()], 1e-9) << t["id"];
  }
}

// Utilisation needs every working agent's time over recent months; the one who has left may log
// none, and nobody is required to.
TEST_F(SimAnalyticsData, EveryEnabledAgentLoggedTimeInTheLastThreeMonths) {
  const std::string since = dates::iso_day(dates::add_months(*dates::parse_day(kToday), -3));
  std::map<int, double> hours;
  for (const auto& a : data("actions")) {
    if (a["timetaken"].get<double>() > 0 && a["datetime"].get<std::string>().substr(0, 10) >= since) {
      hours[a["who_agentid"].get<int>()] += a["timetaken"].get<double>();
    }
  }
  for (const auto& agent : data("agents")) {
    if (!agent["isdisabled"].get<bool>()) {
      EXPECT_GT(hours[agent["id"].get<int>()], 0.0) << agent["name"];
    }
  }
}

TEST_F(SimAnalyticsData, AgentsHaveCostPricesChargeRatesAndWorkingHoursButOneHasNoCost) {
  int enabled_without_cost = 0;
  for (const auto& a : data("agents")) {
    SCOPED_TRACE(a["name"].dump());
    const double cost = a.value("costprice", 0.0);
    if (cost == 0.0) {
      enabled_without_cost += !a["isdisabled"].get<bool>();
    } else {
      EXPECT_GE(cost, 28.5);
      EXPECT_LE(cost, 55.0);
    }
    EXPECT_EQ(a["chargerate"], 95.0) << "the rate the generated time is charged at";
    const std::string start = a["workhour_start"], end = a["workhour_end"];
    ASSERT_EQ(start.size(), 5u);
    ASSERT_EQ(end.size(), 5u);
    EXPECT_GE(start, "08:00");
    EXPECT_LT(start, end);
    EXPECT_LE(end, "18:00");
  }
  EXPECT_EQ(enabled_without_cost, 1);
}

TEST_F(SimAnalyticsData, SavedReportsIncludeMonthlySlaItsNearDuplicatesADatedOneAndOneThatFails) {
  std::map<std::string, Json> by_name;
  for (const auto& r : data("reports")) by_name[r["name"].get<std::string>()] = r;
  for (const char* name : {"Open Tickets by Client", "Agent Hours Logged", "SLA Performance by Priority",
                           "Invoiced Revenue by Month", "Contracts Due for Renewal", "Asset Warranty Expiry",
                           "Monthly SLA", "Monthly SLA (old)", "monthly sla - draft", "Tickets Closed per Day"}) {
    ASSERT_TRUE(by_name.count(name)) << name;
    EXPECT_FALSE(by_name[name]["rows"].empty()) << name;
    EXPECT_FALSE(by_name[name].contains("load_error")) << name;
  }
  int failing = 0;
  for (const auto& r : data("reports")) {
    if (!r.contains("load_error")) continue;
    ++failing;
    EXPECT_EQ(r["load_error"], "Report query timed out");
    EXPECT_TRUE(r["rows"].empty());
  }
  EXPECT_EQ(failing, 1);

  // Tickets Closed per Day: dated rows, filtered by the reporting period on its Date column, that
  // add up to the closed tickets.
  const Json& closed = by_name["Tickets Closed per Day"];
  EXPECT_EQ(closed["period_column"], "Date");
  int closed_total = 0;
  std::string previous;
  for (const auto& row : closed["rows"]) {
    const std::string day = row["Date"];
    EXPECT_TRUE(dates::parse_day(day).has_value()) << day;
    EXPECT_EQ(day.size(), 10u);
    EXPECT_GT(day, previous) << "one row a day, oldest first";
    previous = day;
    closed_total += std::stoi(row["Closed"].get<std::string>());
  }
  int closed_tickets = 0;
  for (const auto& t : data("tickets")) closed_tickets += is_closed(t);
  EXPECT_EQ(closed_total, closed_tickets);
}

// The Monthly SLA rows are what the tickets say: opened per month, and of those under an SLA (not
// excluded) the share answered by their respond-by.
TEST_F(SimAnalyticsData, MonthlySlaRowsAreComputedFromTheTickets) {
  struct Month {
    int opened = 0, measured = 0, in_time = 0;
  };
  std::map<std::string, Month> months;
  for (const auto& t : data("tickets")) {
    Month& m = months[t["dateoccurred"].get<std::string>().substr(0, 7)];
    ++m.opened;
    if (t["sla_id"].get<int>() == 0 || t["excludefromsla"].get<bool>()) continue;
    ++m.measured;
    m.in_time += !no_date(t["responsedate"]) && seconds(t["responsedate"]) <= seconds(t["respondbydate"]);
  }
  const Json* monthly = nullptr;
  for (const auto& r : data("reports")) {
    if (r["name"] == "Monthly SLA") monthly = &r;
  }
  ASSERT_NE(monthly, nullptr);
  const auto& rows = (*monthly)["rows"];
  ASSERT_GE(rows.size(), 10u) << "about a year of months";
  EXPECT_EQ(rows.back()["Month"], std::string(kToday).substr(0, 7));
  for (const auto& row : rows) {
    SCOPED_TRACE(row.dump());
    for (const auto& [column, cell] : row.items()) EXPECT_TRUE(cell.is_string()) << column;
    const Month& m = months[row["Month"].get<std::string>()];
    EXPECT_EQ(row["Opened"], std::to_string(m.opened));
    ASSERT_GT(m.measured, 0);
    EXPECT_NEAR(std::stod(row["Responded In Time %"].get<std::string>()), 100.0 * m.in_time / m.measured, 0.05);
    EXPECT_TRUE(row.contains("Fixed In Time %"));
  }
}

// Over HTTP: a search for the report's name finds it and both near-duplicates; the API serves the
// new ticket and agent fields in lists.
class SimAnalyticsServed : public SimFixture {};

TEST_F(SimAnalyticsServed, ReportSearchFindsTheNearDuplicatesAndListsCarryTheNewFields) {
  Reply found = api("/api/Report?search=monthly%20sla");
  ASSERT_EQ(found.status, 200) << found.body;
  std::set<std::string> names;
  for (const auto& r : found.json["reports"]) names.insert(r["name"].get<std::string>());
  EXPECT_EQ(names, (std::set<std::string>{"Monthly SLA", "Monthly SLA (old)", "monthly sla - draft"}));

  Reply tickets = api("/api/Tickets?open_only=true&count=5");
  ASSERT_EQ(tickets.status, 200);
  ASSERT_FALSE(tickets.json["tickets"].empty());
  for (const auto& t : tickets.json["tickets"]) {
    for (const char* f : {"sla_id", "respondbydate", "responsedate", "fixbydate", "excludefromsla", "slaholdtime"}) {
      EXPECT_TRUE(t.contains(f)) << f;
    }
  }
  Reply agents = api("/api/Agent");
  ASSERT_EQ(agents.status, 200);
  ASSERT_FALSE(agents.json.empty());
  for (const auto& a : agents.json) {
    for (const char* f : {"costprice", "chargerate", "workhour_start", "workhour_end"}) EXPECT_TRUE(a.contains(f)) << f;
  }
}

}  // namespace
}  // namespace sim::testing

// list_tickets' SLA filter and run_report, on a hand-made dataset, in-process and through the real
// executable. The tools' "now" is fixed by the harness at noon UTC on its today:
//   now = 2025-06-15T12:00:00Z
// (ToolDeps::fixed_now in-process, HALO_MCP_NOW for the executable), so every hours-left figure
// below is worked out by hand from the dataset.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim_suite.hpp"

namespace {

using tools_test::DatasetSuite;
using tools_test::Via;
using util::Json;

// Tickets (client 1 Acme unless noted; status 1 New is open, 9 Closed is closed), fix-by times
// and their hours from now (12:00 on 15 June):
//   200  fix 14 Jun 09:00          -27.00 h  breached (ties with 201: ordered by id)
//   201  fix 14 Jun 09:00          -27.00 h  breached; opened after 200, so Halo lists it first
//   202  fix 15 Jun 11:59           -0.02 h  breached (-1/60 h = -0.0167)
//   203  fix 15 Jun 12:01            0.02 h  at risk: one minute past now
//   204  fix 16 Jun 12:00           24.00 h  at risk: exactly now + 24 h (the bound is inclusive)
//   205  fix 16 Jun 12:00:01        24.00 h  one second past now + 24 h: at risk only with 25 h
//   206  fix 10 Jun 08:30         -123.50 h  excludefromsla: never listed by sla
//   207  fix 1900-01-01            null     Halo's "no date": never listed by sla
//   208  fix 15 Jun 18:45:00.12Z     6.75 h  at risk (Halo's fraction and zone)
//   209  fix 13 Jun 12:00          -48.00 h  breached; client 2 Beta
//   210  fix 11 Jun 10:00, closed (status 9, dateclosed 12 Jun): Halo's open_only leaves it out
//   211  fix 13 Jun 10:00, status 1 but dateclosed 14 Jun: Halo calls it open, it is closed
//   900  project (Halo lists it among tickets), fix 12 Jun 12:00: never listed by sla
//   901  task of project 900 (among tickets too), fix 15 Jun 13:00: never listed by sla
// Breached, soonest first: 209 (-48), 200 (-27), 201 (-27), 202 (-0.02).
// At risk within 24 h: 203 (0.02), 208 (6.75), 204 (24.00); within 25 h also 205.
Json sla_tickets() {
  auto ticket = [](int id, int client, const char* opened, const char* fixby) {
    return Json{{"id", id},
                {"summary", "Ticket " + std::to_string(id)},
                {"client_id", client},
                {"client_name", client == 1 ? "Acme" : "Beta"},
                {"status_id", 1},
                {"dateoccurred", opened},
                {"sla_id", 1},
                {"sla_name", "Standard"},
                {"respondbydate", "1900-01-01T00:00:00"},
                {"responsedate", "1900-01-01T00:00:00"},
                {"fixbydate", fixby},
                {"excludefromsla", false},
                {"slaholdtime", 0},
                {"onhold", false},
                {"dateclosed", "1900-01-01T00:00:00"}};
  };
  Json tickets = Json::array();
  tickets.push_back(ticket(200, 1, "2025-06-10T08:00:00", "2025-06-14T09:00:00"));
  Json t201 = ticket(201, 1, "2025-06-11T08:00:00", "2025-06-14T09:00:00");
  t201["respondbydate"] = "2025-06-11T12:00:00";
  t201["responsedate"] = "2025-06-11T09:30:00";
  tickets.push_back(t201);
  tickets.push_back(ticket(202, 1, "2025-06-12T08:00:00", "2025-06-15T11:59:00"));
  tickets.push_back(ticket(203, 1, "2025-06-13T08:00:00", "2025-06-15T12:01:00"));
  tickets.push_back(ticket(204, 1, "2025-06-13T09:00:00", "2025-06-16T12:00:00"));
  tickets.push_back(ticket(205, 1, "2025-06-13T10:00:00", "2025-06-16T12:00:01"));
  Json t206 = ticket(206, 1, "2025-06-01T08:00:00", "2025-06-10T08:30:00");
  t206["excludefromsla"] = true;
  tickets.push_back(t206);
  tickets.push_back(ticket(207, 1, "2025-06-02T08:00:00", "1900-01-01T00:00:00"));
  tickets.push_back(ticket(208, 1, "2025-06-14T08:00:00", "2025-06-15T18:45:00.1234567Z"));
  tickets.push_back(ticket(209, 2, "2025-06-09T08:00:00", "2025-06-13T12:00:00"));
  Json t210 = ticket(210, 1, "2025-06-05T08:00:00", "2025-06-11T10:00:00");
  t210["status_id"] = 9;
  t210["dateclosed"] = "2025-06-12T10:00:00";
  tickets.push_back(t210);
  Json t211 = ticket(211, 1, "2025-06-06T08:00:00", "2025-06-13T10:00:00");
  t211["dateclosed"] = "2025-06-14T10:00:00";
  tickets.push_back(t211);
  tickets.push_back(ticket(900, 1, "2025-05-01T08:00:00", "2025-06-12T12:00:00"));
  Json task = ticket(901, 1, "2025-05-02T08:00:00", "2025-06-15T13:00:00");
  task["parent_id"] = 900;
  tickets.push_back(task);
  return tickets;
}

// Reports:
//   1 "Monthly SLA", 2 "Monthly SLA (old)", 3 "monthly sla - draft": near-duplicate names
//   4 "Open Tickets by Client": 5 rows, columns Client, Open, Average Age (numbers sent as text)
//   5 "Broken Report": Halo cannot run it ("Invalid column name 'foo'.")
//   6 "Tickets Closed by Day": period column Date, 6 rows from 30 May to 1 July
//   7, 8 "Weekly Hours": the same name twice
Json report_rows() {
  Json rows = Json::array();
  const char* clients[] = {"Acme", "Beta", "Cara", "Dan", "Eve"};
  for (int i = 0; i < 5; ++i) {
    // "Open" as Halo sends it (text); "Average Age" given as a number here, which the simulator
    // (as Halo) sends as text too.
    rows.push_back(Json{{"Client", clients[i]}, {"Open", std::to_string(10 - i)}, {"Average Age", 1.5 * (i + 1)}});
  }
  return rows;
}

Json sla_dataset() {
  Json d = Json::object();
  d["clients"] = Json::array({{{"id", 1}, {"name", "Acme"}, {"inactive", false}},
                              {{"id", 2}, {"name", "Beta"}, {"inactive", false}}});
  d["statuses"] =
      Json::array({{{"id", 1}, {"name", "New"}, {"type", 1}}, {{"id", 9}, {"name", "Closed"}, {"type", 4}}});
  d["tickets"] = sla_tickets();
  // The project and its task as Halo's project list holds them (ticketidonly reads these ids).
  d["projects"] = Json::array({{{"id", 900}, {"summary", "Project"}, {"client_id", 1}, {"status_id", 1},
                                {"dateoccurred", "2025-05-01T08:00:00"}},
                               {{"id", 901}, {"summary", "Task"}, {"client_id", 1}, {"status_id", 1},
                                {"parent_id", 900}, {"dateoccurred", "2025-05-02T08:00:00"}}});
  auto report = [](int id, const char* name, Json rows) {
    return Json{{"id", id}, {"name", name}, {"group_name", "Service Desk"}, {"description", ""},
                {"type", 0}, {"rows", std::move(rows)}};
  };
  Json sla_rows = Json::array({{{"Priority", "P1"}, {"Met", "96.4"}}, {{"Priority", "P2"}, {"Met", "91.0"}}});
  Json old_rows = Json::array({{{"Priority", "P1"}, {"Met", "80.0"}}});
  Json broken = report(5, "Broken Report", Json::array({{{"A", "1"}}}));
  broken["load_error"] = "Invalid column name 'foo'.";
  Json by_day = report(6, "Tickets Closed by Day",
                       Json::array({{{"Date", "2025-05-30"}, {"Closed", "4"}},
                                    {{"Date", "2025-05-31T08:00:00"}, {"Closed", "2"}},
                                    {{"Date", "2025-06-01"}, {"Closed", "7"}},
                                    {{"Date", "2025-06-15"}, {"Closed", "3"}},
                                    {{"Date", "2025-06-30"}, {"Closed", "5"}},
                                    {{"Date", "2025-07-01"}, {"Closed", "1"}}}));
  by_day["period_column"] = "Date";
  d["reports"] = Json::array({report(1, "Monthly SLA", sla_rows), report(2, "Monthly SLA (old)", old_rows),
                              report(3, "monthly sla - draft", Json::array()),
                              report(4, "Open Tickets by Client", report_rows()), broken, by_day,
                              report(7, "Weekly Hours", Json::array()), report(8, "Weekly Hours", Json::array())});
  return d;
}

class ReportsSla : public DatasetSuite<sla_dataset> {
 protected:
  static std::vector<int> ids(const Json& result) {
    std::vector<int> out;
    for (const auto& item : result["items"]) out.push_back(item["id"].get<int>());
    return out;
  }
  static const Json* item(const Json& result, int id) {
    for (const auto& i : result["items"]) {
      if (i["id"] == id) return &i;
    }
    return nullptr;
  }
  /// The query parameters of the last request to `path` the simulator saw.
  std::multimap<std::string, std::string> last_params(const std::string& path) {
    auto stats = harness_->sim().stats();
    for (auto it = stats.recent.rbegin(); it != stats.recent.rend(); ++it) {
      if (it->path == path) return it->params;
    }
    return {};
  }
  static bool has_param(const std::multimap<std::string, std::string>& params, const std::string& key,
                        const std::string& value) {
    auto [from, to] = params.equal_range(key);
    for (auto it = from; it != to; ++it) {
      if (it->second == value) return true;
    }
    return false;
  }
  static bool mentions(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
  }
};

INSTANTIATE_TEST_SUITE_P(Via, ReportsSla, ::testing::Values(Via::kInProcess, Via::kExecutable), tools_test::via_name);

// ---- list_tickets sla ------------------------------------------------------------------------------

TEST_P(ReportsSla, SlaBreachedListsOpenSlaTicketsPastTheirFixByTimeSoonestFirst) {
  Json breached = ok("list_tickets", {{"sla", "breached"}});
  // 209 (13 Jun), 200 and 201 (14 Jun 09:00, by id), 202 (11:59 today). Not 206 (excluded from
  // SLA), 207 (no date), 210 and 211 (closed), 900 and 901 (project, task), nor 203-205, 208.
  EXPECT_EQ(ids(breached), (std::vector<int>{209, 200, 201, 202})) << breached.dump();
  EXPECT_EQ(breached["record_count"], 4);
  EXPECT_FALSE(breached["has_more"].get<bool>());
  // Hours left, from 12:00 on 15 June: 209 13 Jun 12:00 = -48; 200/201 14 Jun 09:00 = -27;
  // 202 11:59 = -1/60 = -0.0167 -> -0.02.
  EXPECT_DOUBLE_EQ(item(breached, 209)->at("fix_hours_left").get<double>(), -48.0);
  EXPECT_DOUBLE_EQ(item(breached, 200)->at("fix_hours_left").get<double>(), -27.0);
  EXPECT_DOUBLE_EQ(item(breached, 201)->at("fix_hours_left").get<double>(), -27.0);
  EXPECT_DOUBLE_EQ(item(breached, 202)->at("fix_hours_left").get<double>(), -0.02);
  EXPECT_EQ(item(breached, 202)->at("fixbydate"), "2025-06-15T11:59:00");
  // Halo was asked for open tickets only, and the project ids were read once.
  EXPECT_TRUE(has_param(last_params("/api/Tickets"), "open_only", "true"));
  EXPECT_EQ(requests("/api/Projects"), 1u);
  EXPECT_EQ(requests("/api/Tickets"), 1u);
}

TEST_P(ReportsSla, SlaAtRiskIsFromNowToNowPlusTheHoursBothInclusive) {
  // Default 24 h, up to 16 Jun 12:00:00: 203 (12:01 today, 0.0167 -> 0.02), 208 (18:45, 6.75),
  // 204 (exactly now + 24 h, 24.00). 205 is one second later; 901 (13:00) is a project task.
  Json at_risk = ok("list_tickets", {{"sla", "at_risk"}});
  EXPECT_EQ(ids(at_risk), (std::vector<int>{203, 208, 204})) << at_risk.dump();
  EXPECT_EQ(at_risk["record_count"], 3);
  EXPECT_DOUBLE_EQ(item(at_risk, 203)->at("fix_hours_left").get<double>(), 0.02);
  EXPECT_DOUBLE_EQ(item(at_risk, 208)->at("fix_hours_left").get<double>(), 6.75);
  EXPECT_DOUBLE_EQ(item(at_risk, 204)->at("fix_hours_left").get<double>(), 24.0);
  EXPECT_EQ(item(at_risk, 208)->at("fixbydate"), "2025-06-15T18:45:00Z");

  // 25 h reaches 205 (24 h and 1 s: 24.0003 -> 24.00).
  Json wider = ok("list_tickets", {{"sla", "at_risk"}, {"at_risk_hours", 25}});
  EXPECT_EQ(ids(wider), (std::vector<int>{203, 208, 204, 205})) << wider.dump();
  EXPECT_DOUBLE_EQ(item(wider, 205)->at("fix_hours_left").get<double>(), 24.0);
  // 1 h, up to 13:00: 203 only (901 at 13:00 is a project task).
  EXPECT_EQ(ids(ok("list_tickets", {{"sla", "at_risk"}, {"at_risk_hours", 1}})), (std::vector<int>{203}));
}

TEST_P(ReportsSla, SlaCombinesWithTheOtherFiltersAndPagesLocally) {
  // Beta's breached: 209 only.
  Json beta = ok("list_tickets", {{"sla", "breached"}, {"client_id", 2}});
  EXPECT_EQ(ids(beta), (std::vector<int>{209}));
  EXPECT_EQ(beta["record_count"], 1);
  // Opened 10-11 June: 200 (10 Jun) and 201 (11 Jun); 209 was opened on 9 June.
  Json opened = ok("list_tickets", {{"sla", "breached"}, {"start_date", "2025-06-10"}, {"end_date", "2025-06-11"}});
  EXPECT_EQ(ids(opened), (std::vector<int>{200, 201}));
  // Pages of 3 over the 4 breached: 209, 200, 201 | 202.
  Json first = ok("list_tickets", {{"sla", "breached"}, {"page_size", 3}});
  EXPECT_EQ(ids(first), (std::vector<int>{209, 200, 201}));
  EXPECT_EQ(first["record_count"], 4);
  EXPECT_TRUE(first["has_more"].get<bool>());
  Json second = ok("list_tickets", {{"sla", "breached"}, {"page_size", 3}, {"page_no", 2}});
  EXPECT_EQ(ids(second), (std::vector<int>{202}));
  EXPECT_EQ(second["record_count"], 4);
  EXPECT_FALSE(second["has_more"].get<bool>());
  Json past = ok("list_tickets", {{"sla", "breached"}, {"page_size", 3}, {"page_no", 3}});
  EXPECT_TRUE(past["items"].empty());
  EXPECT_EQ(past["record_count"], 4);
}

TEST_P(ReportsSla, EveryTicketItemCarriesItsSlaTimes) {
  Json all = ok("list_tickets", {{"page_size", 100}});
  ASSERT_EQ(all["record_count"], 14) << all.dump();  // the 14 ticket records, projects among them
  const Json& t201 = *item(all, 201);
  EXPECT_EQ(t201["respondbydate"], "2025-06-11T12:00:00");
  EXPECT_EQ(t201["responsedate"], "2025-06-11T09:30:00");
  EXPECT_EQ(t201["fixbydate"], "2025-06-14T09:00:00");
  EXPECT_DOUBLE_EQ(t201["fix_hours_left"].get<double>(), -27.0);
  // Halo's 1900 "no date" is null; no fix-by time, no hours left.
  const Json& t207 = *item(all, 207);
  EXPECT_TRUE(t207["fixbydate"].is_null());
  EXPECT_TRUE(t207["respondbydate"].is_null());
  EXPECT_TRUE(t207["responsedate"].is_null());
  EXPECT_TRUE(t207["fix_hours_left"].is_null());
  // Closed tickets have no hours left, whatever their status says.
  EXPECT_TRUE(item(all, 210)->at("fix_hours_left").is_null());
  EXPECT_TRUE(item(all, 211)->at("fix_hours_left").is_null());
  EXPECT_EQ(item(all, 211)->at("fixbydate"), "2025-06-13T10:00:00");
  // Excluded from SLA still shows its figure: 10 Jun 08:30 to 15 Jun 12:00 = 5 d 3.5 h = 123.5 h.
  EXPECT_DOUBLE_EQ(item(all, 206)->at("fix_hours_left").get<double>(), -123.5);

  Json got = ok("get_ticket", {{"ticket_id", 208}});
  // 18:45:00.1234567Z: 6.75 h and 0.12 s -> 6.75.
  EXPECT_DOUBLE_EQ(got["item"]["fix_hours_left"].get<double>(), 6.75);
  EXPECT_EQ(got["item"]["fixbydate"], "2025-06-15T18:45:00Z");
}

TEST_P(ReportsSla, BadSlaArgumentsAreRefusedByName) {
  std::string bad = error("list_tickets", {{"sla", "overdue"}});
  EXPECT_TRUE(mentions(bad, "sla")) << bad;
  EXPECT_TRUE(mentions(bad, "\"breached\"")) << bad;
  EXPECT_TRUE(mentions(bad, "\"at_risk\"")) << bad;
  for (int hours : {0, 169}) {
    std::string refused = error("list_tickets", {{"sla", "at_risk"}, {"at_risk_hours", hours}});
    EXPECT_TRUE(mentions(refused, "at_risk_hours")) << refused;
  }
  std::string alone = error("list_tickets", {{"at_risk_hours", 48}});
  EXPECT_TRUE(mentions(alone, "at_risk_hours")) << alone;
  std::string with_breached = error("list_tickets", {{"sla", "breached"}, {"at_risk_hours", 48}});
  EXPECT_TRUE(mentions(with_breached, "at_risk_hours")) << with_breached;
  // Nothing reached Halo for a refused call.
  EXPECT_EQ(api_requests(), 0u);
}

// ---- run_report --------------------------------------------------------------------------------

TEST_P(ReportsSla, RunReportByIdReturnsColumnsInHalosOrderAndCellsAsText) {
  Json run = ok("run_report", {{"report_id", 4}});
  EXPECT_EQ(run["report_id"], 4);
  EXPECT_EQ(run["name"], "Open Tickets by Client");
  EXPECT_EQ(run["columns"], (Json{"Client", "Open", "Average Age"}));
  EXPECT_EQ(run["row_count"], 5);
  ASSERT_EQ(run["rows"].size(), 5u);
  EXPECT_FALSE(run["truncated"].get<bool>());
  // Row 1: Acme, "10" open (10 - 0), average age 1.5 * 1 -> "1.5"; text stays text.
  EXPECT_EQ(run["rows"][0], (Json{{"Client", "Acme"}, {"Open", "10"}, {"Average Age", "1.5"}}));
  // Row 5: Eve, 10 - 4 = "6", 1.5 * 5 = "7.5".
  EXPECT_EQ(run["rows"][4], (Json{{"Client", "Eve"}, {"Open", "6"}, {"Average Age", "7.5"}}));
  EXPECT_TRUE(run["warnings"].empty()) << run.dump();
  // One request: the run itself.
  EXPECT_EQ(run["sources"]["requests"], 1);
  EXPECT_EQ(run["sources"]["records_read"], 5);
  EXPECT_EQ(requests("/api/Report/{id}"), 1u);
  EXPECT_EQ(requests("/api/Report"), 0u);
  EXPECT_TRUE(has_param(last_params("/api/Report/4"), "loadreport", "true"));
}

TEST_P(ReportsSla, RunReportCutsAtMaxRowsAndSaysSo) {
  Json run = ok("run_report", {{"report_id", 4}, {"max_rows", 2}});
  EXPECT_EQ(run["row_count"], 5);
  ASSERT_EQ(run["rows"].size(), 2u);
  EXPECT_EQ(run["rows"][1]["Client"], "Beta");
  EXPECT_TRUE(run["truncated"].get<bool>());
  ASSERT_EQ(run["warnings"].size(), 1u) << run.dump();
  EXPECT_EQ(run["warnings"][0]["kind"], "truncated");
  EXPECT_TRUE(mentions(run["warnings"][0]["detail"].get<std::string>(), "2 of 5")) << run.dump();
  for (int rows : {0, 1001}) {
    EXPECT_TRUE(mentions(error("run_report", {{"report_id", 4}, {"max_rows", rows}}), "max_rows"));
  }
}

TEST_P(ReportsSla, RunReportByNameIsExactAndCaseInsensitive) {
  // "MONTHLY SLA" is report 1, although 2 "Monthly SLA (old)" and 3 "monthly sla - draft" hold it.
  Json run = ok("run_report", {{"name", "MONTHLY SLA"}});
  EXPECT_EQ(run["report_id"], 1);
  EXPECT_EQ(run["name"], "Monthly SLA");
  EXPECT_EQ(run["rows"], (Json::array({{{"Priority", "P1"}, {"Met", "96.4"}}, {{"Priority", "P2"}, {"Met", "91.0"}}})));
  // Two requests: the report list (searched by the name) and the run. Records read: the 3
  // reports whose names contain "monthly sla" plus the 2 rows.
  EXPECT_EQ(run["sources"]["requests"], 2);
  EXPECT_EQ(run["sources"]["records_read"], 5);
  EXPECT_EQ(requests("/api/Report"), 1u);
  EXPECT_EQ(requests("/api/Report/{id}"), 1u);
  EXPECT_TRUE(has_param(last_params("/api/Report"), "search", "MONTHLY SLA"));
  EXPECT_EQ(ok("run_report", {{"name", "monthly sla (OLD)"}})["report_id"], 2);
}

TEST_P(ReportsSla, RunReportRefusesAnAmbiguousOrUnknownNameListingCloseMatches) {
  std::string twice = error("run_report", {{"name", "weekly hours"}});
  EXPECT_TRUE(mentions(twice, "'name'")) << twice;
  EXPECT_TRUE(mentions(twice, "2 reports")) << twice;
  EXPECT_TRUE(mentions(twice, "7 'Weekly Hours'")) << twice;
  EXPECT_TRUE(mentions(twice, "8 'Weekly Hours'")) << twice;

  // No report is named "SLA monthly"; 1, 2 and 3 hold both words, 4-8 neither.
  std::string unknown = error("run_report", {{"name", "SLA monthly"}});
  EXPECT_TRUE(mentions(unknown, "no report is named 'SLA monthly'")) << unknown;
  EXPECT_TRUE(mentions(unknown, "1 'Monthly SLA'")) << unknown;
  EXPECT_TRUE(mentions(unknown, "2 'Monthly SLA (old)'")) << unknown;
  EXPECT_TRUE(mentions(unknown, "3 'monthly sla - draft'")) << unknown;
  EXPECT_FALSE(mentions(unknown, "Weekly")) << unknown;
  EXPECT_FALSE(mentions(unknown, "Open Tickets")) << unknown;

  std::string nothing = error("run_report", {{"name", "Quarterly churn"}});
  EXPECT_TRUE(mentions(nothing, "no report is named 'Quarterly churn'")) << nothing;
  EXPECT_TRUE(mentions(nothing, "list_reports")) << nothing;
  // Nothing was run.
  EXPECT_EQ(requests("/api/Report/{id}"), 0u);
}

TEST_P(ReportsSla, RunReportNeedsExactlyOneOfIdAndName) {
  for (const Json& args : {Json::object(), Json{{"report_id", 4}, {"name", "Monthly SLA"}}}) {
    std::string refused = error("run_report", args);
    EXPECT_TRUE(mentions(refused, "report_id")) << refused;
    EXPECT_TRUE(mentions(refused, "name")) << refused;
  }
  EXPECT_EQ(api_requests(), 0u);
  EXPECT_EQ(error("run_report", {{"report_id", 999}}), "report 999 not found");
}

TEST_P(ReportsSla, RunReportThatHaloCannotRunIsAnErrorWithHalosMessage) {
  std::string failed = error("run_report", {{"report_id", 5}});
  EXPECT_TRUE(mentions(failed, "Invalid column name 'foo'.")) << failed;
  EXPECT_TRUE(mentions(failed, "Broken Report")) << failed;
  // The simulator's controls are never served as fields.
  Json listed = ok("list_reports", {{"full", true}, {"page_size", 100}});
  ASSERT_EQ(listed["items"].size(), 8u);
  for (const auto& report : listed["items"]) {
    EXPECT_FALSE(report.contains("load_error")) << report.dump();
    EXPECT_FALSE(report.contains("period_column")) << report.dump();
    EXPECT_FALSE(report.contains("rows")) << report.dump();
  }
}

TEST_P(ReportsSla, RunReportPassesTheReportingPeriod) {
  // Without a period: all 6 rows.
  Json all = ok("run_report", {{"report_id", 6}});
  EXPECT_EQ(all["row_count"], 6);
  // June: the rows of 1, 15 and 30 June; 30 and 31 May (08:00) and 1 July are outside.
  Json june = ok("run_report", {{"report_id", 6}, {"start_date", "2025-06-01"}, {"end_date", "2025-06-30"}});
  EXPECT_EQ(june["row_count"], 3);
  std::vector<std::string> days;
  for (const auto& row : june["rows"]) days.push_back(row["Date"].get<std::string>());
  EXPECT_EQ(days, (std::vector<std::string>{"2025-06-01", "2025-06-15", "2025-06-30"}));
  const auto sent = last_params("/api/Report/6");
  EXPECT_TRUE(has_param(sent, "reportingperiodstartdate", "2025-06-01T00:00:00"));
  EXPECT_TRUE(has_param(sent, "reportingperiodenddate", "2025-06-30T23:59:59"));
  bool said = false;
  for (const auto& w : june["warnings"]) said = said || w["kind"] == "reporting_period";
  EXPECT_TRUE(said) << june.dump();
  // From 31 May on: 31 May 08:00, 1, 15, 30 June and 1 July.
  EXPECT_EQ(ok("run_report", {{"report_id", 6}, {"start_date", "2025-05-31"}})["row_count"], 5);
  std::string backwards = error("run_report", {{"report_id", 6}, {"start_date", "2025-07-01"}, {"end_date", "2025-06-01"}});
  EXPECT_TRUE(mentions(backwards, "start_date")) << backwards;
}

}  // namespace

// Every Halo tool run end to end against the simulator, in-process through a real halo::Client and
// again through the real executable over stdio MCP: projections, filters (the result really
// narrows and matches the dataset), paging, full/fields, not-found, permission errors and
// output-schema validity (checked on every call, by run_tool or on the wire).
#include <gtest/gtest.h>

#include <map>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "sim_suite.hpp"
#include "tools/registry.hpp"

namespace {

using namespace tools_test;
using util::Json;

class ToolsSim : public SimSuite {};

INSTANTIATE_TEST_SUITE_P(Via, ToolsSim, ::testing::Values(Via::kInProcess, Via::kExecutable), via_name);

// ---- catalogue -------------------------------------------------------------------------------

TEST_P(ToolsSim, CatalogueHasEveryDeclaredToolInOrder) {
  std::vector<std::string> expected;
  for (const tools::ToolDef* tool : tools::all_tools()) expected.emplace_back(tool->name);
  const std::vector<Json> tools = harness_->tools();
  std::vector<std::string> names;
  for (const auto& tool : tools) names.push_back(tool["name"]);
  EXPECT_EQ(names, expected);
  // The seed set of the catalogue contract, by name (renaming one breaks saved prompts).
  for (const char* seed : {"list_tickets", "get_ticket", "list_ticket_actions", "list_time_entries", "list_clients",
                           "get_client", "list_sites", "get_site", "list_contracts", "get_contract", "list_invoices",
                           "get_invoice", "list_recurring_invoices", "get_recurring_invoice", "list_projects",
                           "get_project", "list_assets", "get_asset", "list_agents", "list_reports",
                           "revenue_breakdown"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), seed), names.end()) << seed;
  }
  for (const auto& tool : tools) {
    const std::string name = tool["name"];
    SCOPED_TRACE(name);
    EXPECT_FALSE(tool.value("title", std::string()).empty());
    EXPECT_GT(tool["description"].get<std::string>().size(), 60u);
    EXPECT_EQ(tool["inputSchema"]["additionalProperties"], false);
    EXPECT_EQ(tool["outputSchema"]["type"], "object");
    EXPECT_EQ(tool["annotations"]["readOnlyHint"], true);
    if (name.rfind("list_", 0) == 0) {
      const Json& p = tool["inputSchema"]["properties"];
      EXPECT_EQ(p["page_size"]["maximum"], 100);
      EXPECT_EQ(p["page_size"]["default"], 25);
      EXPECT_EQ(p["page_no"]["minimum"], 1);
      EXPECT_EQ(p["full"]["type"], "boolean");
      EXPECT_EQ(p["fields"]["type"], "array");
      for (const char* key : {"items", "page_no", "page_size", "record_count", "has_more"}) {
        EXPECT_TRUE(tool["outputSchema"]["properties"].contains(key)) << key;
      }
    }
  }
}

// ---- arguments are checked before anything is sent ------------------------------------------

TEST_P(ToolsSim, BadArgumentsSendNothing) {
  EXPECT_NE(error("list_tickets", {{"colour", "red"}}).find("colour"), std::string::npos);
  EXPECT_NE(error("list_tickets", {{"page_size", 101}}).find("page_size"), std::string::npos);
  EXPECT_NE(error("list_tickets", {{"page_no", 0}}).find("page_no"), std::string::npos);
  EXPECT_NE(error("list_tickets", {{"start_date", "2025-13-01"}}).find("start_date"), std::string::npos);
  EXPECT_NE(error("list_tickets", {{"start_date", "2025-05-02"}, {"end_date", "2025-05-01"}}).find("start_date"),
            std::string::npos);
  EXPECT_NE(error("get_ticket", Json::object()).find("ticket_id"), std::string::npos);
  EXPECT_NE(error("list_time_entries", {{"agent_id", 2}}).find("start_date"), std::string::npos);
  EXPECT_NE(error("list_time_entries", Json::object()).find("ticket_id"), std::string::npos);
  EXPECT_EQ(api_requests(), 0u);
}

// ---- tickets ---------------------------------------------------------------------------------

TEST_P(ToolsSim, ListTicketsDefaultsAndProjection) {
  Json r = ok("list_tickets", Json::object());
  EXPECT_EQ(r["page_no"], 1);
  EXPECT_EQ(r["page_size"], 25);
  EXPECT_EQ(r["record_count"], data("tickets").size());
  EXPECT_EQ(r["items"].size(), 25u);
  EXPECT_TRUE(r["has_more"].get<bool>());
  const Json& item = r["items"][0];
  for (const char* key : {"id", "summary", "client_id", "client_name", "status_id", "status_name", "agent_id",
                          "agent_name", "dateoccurred"}) {
    EXPECT_TRUE(item.contains(key)) << key;
  }
  EXPECT_TRUE(item["status_name"].is_string());  // includedetails was sent
  EXPECT_FALSE(item.contains("details"));
  EXPECT_EQ(item["dateoccurred"].get<std::string>().find('.'), std::string::npos);  // no 7-digit fractions
  std::string previous = "9999";
  for (const auto& t : r["items"]) {
    EXPECT_LE(t["dateoccurred"].get<std::string>(), previous);  // newest first
    previous = t["dateoccurred"];
  }
  EXPECT_EQ(requests("/api/Tickets"), 1u);
}

TEST_P(ToolsSim, ListTicketsFiltersNarrow) {
  const Json& first = data("tickets")[0];
  struct Case {
    const char* arg;
    const char* field;
  };
  for (Case c : {Case{"client_id", "client_id"}, Case{"site_id", "site_id"}, Case{"agent_id", "agent_id"},
                 Case{"status_id", "status_id"}}) {
    SCOPED_TRACE(c.arg);
    const int value = as_int(first[c.field]);
    ASSERT_GT(value, 0);
    Json r = ok("list_tickets", {{c.arg, value}, {"page_size", 100}});
    const auto expected = count("tickets", [&](const Json& t) { return as_int(t[c.field]) == value; });
    EXPECT_EQ(r["record_count"], expected);
    EXPECT_LT(expected, static_cast<std::int64_t>(data("tickets").size()));
    ASSERT_FALSE(r["items"].empty());
    for (const auto& item : r["items"]) EXPECT_EQ(as_int(item[c.field]), value);
  }
}

TEST_P(ToolsSim, ListTicketsOpenOnlySearchAndDates) {
  Json open = ok("list_tickets", {{"open_only", true}, {"page_size", 100}});
  EXPECT_LT(open["record_count"].get<int>(), static_cast<int>(data("tickets").size()));
  for (const auto& item : open["items"]) EXPECT_NE(item["status_name"], "Closed");

  std::string summary = data("tickets")[3]["summary"];
  std::string word = summary.substr(0, summary.find(' '));
  Json found = ok("list_tickets", {{"search", word}, {"page_size", 100}});
  ASSERT_GT(found["record_count"].get<int>(), 0);
  EXPECT_LT(found["record_count"].get<int>(), static_cast<int>(data("tickets").size()));
  for (const auto& item : found["items"]) {
    EXPECT_NE(lower(item["summary"]).find(lower(word)), std::string::npos) << item["summary"];
  }

  Json dated = ok("list_tickets", {{"start_date", "2025-05-01"}, {"end_date", "2025-05-31"}, {"page_size", 100}});
  const auto expected = count("tickets", [](const Json& t) {
    std::string d = t["dateoccurred"];
    return d.substr(0, 10) >= "2025-05-01" && d.substr(0, 10) <= "2025-05-31";
  });
  EXPECT_EQ(dated["record_count"], expected);
  EXPECT_GT(expected, 0);
  for (const auto& item : dated["items"]) {
    std::string d = item["dateoccurred"];
    EXPECT_GE(d.substr(0, 10), "2025-05-01");
    EXPECT_LE(d.substr(0, 10), "2025-05-31");
  }
}

TEST_P(ToolsSim, ListTicketsLastPage) {
  const int total = static_cast<int>(data("tickets").size());
  const int last = (total + 99) / 100;
  Json r = ok("list_tickets", {{"page_size", 100}, {"page_no", last}});
  EXPECT_EQ(r["items"].size(), static_cast<std::size_t>(total - (last - 1) * 100));
  EXPECT_FALSE(r["has_more"].get<bool>());
  Json beyond = ok("list_tickets", {{"page_size", 100}, {"page_no", last + 1}});
  EXPECT_TRUE(beyond["items"].empty());
  EXPECT_FALSE(beyond["has_more"].get<bool>());
  EXPECT_EQ(beyond["record_count"], total);
}

TEST_P(ToolsSim, GetTicketWithActions) {
  const Json& t = data("tickets")[0];
  const int id = t["id"];
  Json r = ok("get_ticket", {{"ticket_id", id}, {"include_actions", true}});
  const Json& item = r["item"];
  EXPECT_EQ(item["id"], id);
  EXPECT_EQ(item["summary"], t["summary"]);
  ASSERT_TRUE(item["details"].is_string());
  EXPECT_EQ(item["details"].get<std::string>().find('<'), std::string::npos);  // HTML stripped
  for (const char* key : {"site_name", "user_name", "priority_id", "timetaken", "dateclosed", "status_name"}) {
    EXPECT_TRUE(item.contains(key)) << key;
  }
  const auto non_system = count("actions", [&](const Json& a) {
    return as_int(a["ticket_id"]) == id && as_int(a["action_systemid"]) == 0 && a["who"] != "System";
  });
  EXPECT_EQ(item["actions_count"], non_system);
  EXPECT_EQ(item["actions"].size(), static_cast<std::size_t>(std::min<std::int64_t>(non_system, 50)));
  for (const auto& a : item["actions"]) EXPECT_EQ(a["ticket_id"], id);
  EXPECT_EQ(requests("/api/Tickets/{id}"), 1u);
  EXPECT_EQ(requests("/api/Actions"), 1u);

  Json plain = ok("get_ticket", {{"ticket_id", id}});
  EXPECT_FALSE(plain["item"].contains("actions"));
}

TEST_P(ToolsSim, GetTicketClosedHasDateAndOpenHasNull) {
  for (const auto& t : data("tickets")) {
    if (t["dateclosed"].get<std::string>().rfind("1900", 0) == 0) {
      Json r = ok("get_ticket", {{"ticket_id", t["id"]}});
      EXPECT_TRUE(r["item"]["dateclosed"].is_null());
      break;
    }
  }
}

TEST_P(ToolsSim, GetTicketFullAndNotFound) {
  const int id = data("tickets")[0]["id"];
  Json raw = ok("get_ticket", {{"ticket_id", id}, {"full", true}});
  EXPECT_NE(raw["item"]["details"].get<std::string>().find('<'), std::string::npos);  // raw HTML kept
  EXPECT_EQ(error("get_ticket", {{"ticket_id", 987654}}), "ticket 987654 not found");
}

TEST_P(ToolsSim, TicketsPermissionDenied) {
  auto faults = harness_->sim().faults().get();
  faults.status_for["/api/Tickets"] = 403;
  harness_->sim().faults().set(faults);
  std::string text = error("list_tickets", Json::object());
  EXPECT_NE(text.find("403"), std::string::npos) << text;
  EXPECT_NE(lower(text).find("permission"), std::string::npos) << text;
  EXPECT_EQ(text.find("demo-secret"), std::string::npos);
  std::string get_text = error("get_ticket", {{"ticket_id", 1}});
  EXPECT_NE(get_text.find("403"), std::string::npos) << get_text;
}

TEST_P(ToolsSim, UpstreamFailureIsOneSentence) {
  auto faults = harness_->sim().faults().get();
  faults.status_for["/api/Client"] = 500;
  harness_->sim().faults().set(faults);
  std::string text = error("list_clients", Json::object());
  EXPECT_NE(text.find("500"), std::string::npos) << text;
  EXPECT_EQ(text.find('\n'), std::string::npos) << text;
}

TEST_P(ToolsSim, CancellationAndDeadlineReachHalo) {
  // A ToolContext cannot cross stdio (notifications/cancelled is the MCP layer's own test).
  if (via_executable()) GTEST_SKIP() << "needs a ToolContext: in-process only";
  util::CancellationSource source;
  source.cancel();
  mcp::ToolContext cancelled;
  cancelled.cancel = source.token();
  mcp::ToolOutcome a = harness_->call("list_clients", Json::object(), cancelled);
  EXPECT_TRUE(a.is_error);
  EXPECT_NE(lower(a.error_text).find("cancel"), std::string::npos) << a.error_text;

  auto faults = harness_->sim().faults().get();
  faults.latency_ms = 3000;
  harness_->sim().faults().set(faults);
  mcp::ToolContext hurried;
  hurried.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
  const auto started = std::chrono::steady_clock::now();
  mcp::ToolOutcome b = harness_->call("list_sites", Json::object(), hurried);
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_TRUE(b.is_error);
  EXPECT_LT(took, std::chrono::milliseconds(2500)) << b.error_text;
  harness_->sim().faults().reset();
}

TEST_P(ToolsSim, ListTicketActionsExcludesSystemByDefault) {
  // A ticket with a system action.
  int id = 0;
  for (const auto& a : data("actions")) {
    if (a["who"] == "System") {
      id = a["ticket_id"];
      break;
    }
  }
  ASSERT_GT(id, 0);
  Json plain = ok("list_ticket_actions", {{"ticket_id", id}, {"page_size", 100}});
  Json all = ok("list_ticket_actions", {{"ticket_id", id}, {"include_system", true}, {"page_size", 100}});
  const auto total = count("actions", [&](const Json& a) { return as_int(a["ticket_id"]) == id; });
  EXPECT_EQ(all["record_count"], total);
  EXPECT_LT(plain["record_count"].get<int>(), total);
  for (const auto& a : plain["items"]) {
    EXPECT_NE(a["who"], "System");
    EXPECT_EQ(a["ticket_id"], id);
    if (a["note"].is_string()) { EXPECT_EQ(a["note"].get<std::string>().find("<p>"), std::string::npos); }
  }
  // Slicing an unpaged list.
  Json second = ok("list_ticket_actions", {{"ticket_id", id}, {"include_system", true}, {"page_size", 1}, {"page_no", 2}});
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_EQ(second["items"][0]["id"], all["items"][1]["id"]);
  EXPECT_EQ(second["has_more"], total > 2);
}

// ---- time entries ----------------------------------------------------------------------------

TEST_P(ToolsSim, TimeEntriesPerTicket) {
  int id = 0;
  for (const auto& a : data("actions")) {
    if (a["timetaken"].get<double>() > 0) {
      id = a["ticket_id"];
      break;
    }
  }
  ASSERT_GT(id, 0);
  double hours = 0, billable = 0;
  std::int64_t n = 0;
  for (const auto& a : data("actions")) {
    if (as_int(a["ticket_id"]) != id || a["timetaken"].get<double>() <= 0) continue;
    hours += a["timetaken"].get<double>();
    // An entry Halo marks not billable counts none of its charge hours (the simulator has some).
    if (a.value("actisbillable", true)) billable += a["actionchargehours"].get<double>();
    ++n;
  }
  Json r = ok("list_time_entries", {{"ticket_id", id}});
  EXPECT_EQ(r["record_count"], n);
  EXPECT_NEAR(r["total_hours"].get<double>(), hours, 0.005);
  EXPECT_NEAR(r["total_billable_hours"].get<double>(), billable, 0.005);
  EXPECT_EQ(r["source"], "actions");
  for (const auto& e : r["items"]) {
    EXPECT_EQ(e["ticket_id"], id);
    EXPECT_GT(e["hours"].get<double>(), 0);
    EXPECT_TRUE(e["agent"].is_string());
  }
}

// Time by agent and by client over a window comes from ticket actions (Halo's timesheet has no
// client filter and, without an agent, answers for the API's own agent): every action with time in
// the window, its client that of its ticket or project. Expected figures are summed here from the
// simulator's raw actions, tickets and projects.
TEST_P(ToolsSim, TimeEntriesPerAgentAndClient) {
  std::map<int, int> client_of;  // ticket or project id -> client id
  for (const char* key : {"tickets", "projects"}) {
    for (const auto& t : data(key)) client_of[as_int(t["id"])] = as_int(t["client_id"]);
  }
  const std::string start = "2025-05-01", end = "2025-06-15";
  auto timed_in_window = [&](const Json& a) {
    const std::string d = a["datetime"].get<std::string>().substr(0, 10);  // UTC; the harness's zone is UTC
    return a["timetaken"].get<double>() > 0 && d >= start && d <= end;
  };
  const Json* first = nullptr;
  for (const auto& a : data("actions")) {
    if (timed_in_window(a)) {
      first = &a;
      break;
    }
  }
  ASSERT_NE(first, nullptr);
  const int agent = as_int((*first)["who_agentid"]);
  double hours = 0;
  std::int64_t n = 0;
  for (const auto& a : data("actions")) {
    if (as_int(a["who_agentid"]) == agent && timed_in_window(a)) {
      hours += a["timetaken"].get<double>();
      ++n;
    }
  }
  Json r = ok("list_time_entries", {{"agent_id", agent}, {"start_date", start}, {"end_date", end}, {"page_size", 100}});
  EXPECT_EQ(r["record_count"], n);
  EXPECT_NEAR(r["total_hours"].get<double>(), hours, 0.005);
  EXPECT_EQ(r["source"], "actions");
  for (const auto& e : r["items"]) {
    EXPECT_EQ(e["agent_id"], agent);
    EXPECT_TRUE(e["agent"].is_string());
  }
  EXPECT_EQ(requests("/api/TimesheetEvent"), 0u);

  const int client = client_of[as_int((*first)["ticket_id"])];
  ASSERT_GT(client, 0);
  double client_hours = 0;
  std::int64_t cn = 0;
  for (const auto& a : data("actions")) {
    if (timed_in_window(a) && client_of[as_int(a["ticket_id"])] == client) {
      client_hours += a["timetaken"].get<double>();
      ++cn;
    }
  }
  ASSERT_GT(cn, 0);
  Json c = ok("list_time_entries", {{"client_id", client}, {"start_date", start}, {"end_date", end}, {"page_size", 100}});
  EXPECT_EQ(c["record_count"], cn);
  EXPECT_NEAR(c["total_hours"].get<double>(), client_hours, 0.005);
  for (const auto& e : c["items"]) EXPECT_EQ(e["client_id"], client);
  EXPECT_EQ(requests("/api/TimesheetEvent"), 0u) << "the timesheet cannot say whose client time is";
}

// ---- clients and sites -----------------------------------------------------------------------

TEST_P(ToolsSim, ListClientsInactiveAndSearch) {
  const auto active = count("clients", [](const Json& c) { return !c["inactive"].get<bool>(); });
  Json r = ok("list_clients", {{"page_size", 100}});
  EXPECT_EQ(r["record_count"], active);
  for (const auto& c : r["items"]) {
    EXPECT_EQ(c["inactive"], false);
    for (const char* key : {"id", "name", "inactive", "toplevel_name"}) EXPECT_TRUE(c.contains(key));
  }
  Json all = ok("list_clients", {{"include_inactive", true}, {"page_size", 100}});
  EXPECT_EQ(all["record_count"], data("clients").size());
  EXPECT_GT(all["record_count"].get<int>(), active);

  std::string name = data("clients")[0]["name"];
  Json found = ok("list_clients", {{"search", name}});
  ASSERT_GE(found["items"].size(), 1u);
  for (const auto& c : found["items"]) EXPECT_NE(lower(c["name"]).find(lower(name)), std::string::npos);
}

TEST_P(ToolsSim, ListClientsFullAndFields) {
  Json raw = ok("list_clients", {{"full", true}, {"page_size", 2}});
  ASSERT_EQ(raw["items"].size(), 2u);
  const Json& source = data("clients")[0];
  EXPECT_EQ(raw["items"][0].size(), source.size());  // the raw record, every field

  // A raw field the projection leaves out.
  std::string extra;
  for (auto& [key, value] : source.items()) {
    if (key != "id" && key != "name" && key != "inactive" && key != "toplevel_id" && key != "toplevel_name") {
      extra = key;
      break;
    }
  }
  ASSERT_FALSE(extra.empty());
  Json with = ok("list_clients", {{"fields", {extra, "no_such_field"}}, {"page_size", 2}});
  EXPECT_TRUE(with["items"][0].contains(extra));
  EXPECT_TRUE(with["items"][0]["no_such_field"].is_null());
  EXPECT_EQ(with["items"][0]["name"], raw["items"][0]["name"]);
}

TEST_P(ToolsSim, GetClient) {
  const Json& c = data("clients")[0];
  Json r = ok("get_client", {{"client_id", c["id"]}});
  EXPECT_EQ(r["item"]["name"], c["name"]);
  EXPECT_TRUE(r["item"]["currency"].is_string());
  EXPECT_TRUE(r["item"].contains("main_site_name"));
  EXPECT_TRUE(r["item"].contains("account_manager"));
  EXPECT_EQ(error("get_client", {{"client_id", 99999}}), "client 99999 not found");
}

TEST_P(ToolsSim, ListAndGetSites) {
  const int client = as_int(data("sites")[0]["client_id"]);
  Json r = ok("list_sites", {{"client_id", client}});
  const auto expected = count("sites", [&](const Json& s) {
    return as_int(s["client_id"]) == client && !s["inactive"].get<bool>();
  });
  EXPECT_EQ(r["record_count"], expected);
  for (const auto& s : r["items"]) {
    EXPECT_EQ(s["client_id"], client);
    EXPECT_TRUE(s["client_id"].is_number_integer());  // 12.0 in Halo -> 12
  }
  const Json& site = data("sites")[0];
  Json g = ok("get_site", {{"site_id", site["id"]}});
  EXPECT_EQ(g["item"]["timezone"], site["timezone"]);
  EXPECT_EQ(g["item"]["phonenumber"], site["phonenumber"]);
  EXPECT_TRUE(g["item"]["address"].is_string());
  EXPECT_EQ(error("get_site", {{"site_id", 99999}}), "site 99999 not found");
}

// ---- contracts -------------------------------------------------------------------------------

TEST_P(ToolsSim, ListContractsActiveOnlyAndMonthlyValue) {
  Json active = ok("list_contracts", {{"page_size", 100}});
  Json all = ok("list_contracts", {{"active_only", false}, {"page_size", 100}});
  EXPECT_EQ(all["record_count"], data("contracts").size());
  EXPECT_LT(active["record_count"].get<int>(), all["record_count"].get<int>());
  for (const auto& c : active["items"]) EXPECT_NE(c["active"], false);
  int checked = 0;
  for (const auto& c : all["items"]) {
    for (const char* key : {"id", "ref", "client_id", "client_name", "start_date", "end_date", "billing_period",
                            "period_amount", "monthly_value", "status"}) {
      EXPECT_TRUE(c.contains(key)) << key;
    }
    if (c["billing_period"] == "yearly" && c["period_amount"].is_number()) {
      EXPECT_NEAR(c["monthly_value"].get<double>(), c["period_amount"].get<double>() / 12.0, 0.006);
      ++checked;
    }
    if (c["billing_period"] == "monthly" && c["period_amount"].is_number()) {
      EXPECT_DOUBLE_EQ(c["monthly_value"].get<double>(), c["period_amount"].get<double>());
      ++checked;
    }
    if (c["billing_period"].is_null()) { EXPECT_TRUE(c["monthly_value"].is_null()); }
  }
  EXPECT_GT(checked, 0);

  const int client = as_int(data("contracts")[0]["client_id"]);
  Json one = ok("list_contracts", {{"client_id", client}, {"active_only", false}});
  EXPECT_EQ(one["record_count"], count("contracts", [&](const Json& c) { return as_int(c["client_id"]) == client; }));
  for (const auto& c : one["items"]) EXPECT_EQ(c["client_id"], client);
}

TEST_P(ToolsSim, GetContract) {
  const Json& c = data("contracts")[0];
  Json r = ok("get_contract", {{"contract_id", c["id"]}});
  EXPECT_EQ(r["item"]["ref"], c["ref"]);
  EXPECT_EQ(r["item"]["billing_period_label"], c["billing_period_string"]);
  EXPECT_TRUE(r["item"]["periods"].is_array());
  EXPECT_EQ(error("get_contract", {{"contract_id", 99999}}), "contract 99999 not found");
}

TEST_P(ToolsSim, ContractsPermissionDeniedNamesThePermission) {
  auto faults = harness_->sim().faults().get();
  faults.status_for["/api/ClientContract"] = 403;
  harness_->sim().faults().set(faults);
  std::string text = error("list_contracts", Json::object());
  EXPECT_NE(text.find("403"), std::string::npos) << text;
  EXPECT_NE(text.find("No permission to read contracts"), std::string::npos) << text;
  EXPECT_NE(text.find("'contracts' permission"), std::string::npos) << text;  // which permission
}

// ---- invoices --------------------------------------------------------------------------------

bool is_credit(const Json& i) {
  return as_int(i.value("creditlinkedtoinvoiceid", Json(0))) > 0 || i["total"].get<double>() < 0;
}

TEST_P(ToolsSim, ListInvoicesNewestFirst) {
  Json r = ok("list_invoices", {{"page_size", 100}});
  EXPECT_EQ(r["record_count"], count("invoices", [](const Json& i) { return !is_credit(i); }));
  std::string previous = "9999";
  for (const auto& i : r["items"]) {
    EXPECT_LE(i["invoice_date"].get<std::string>(), previous);
    previous = i["invoice_date"];
    for (const char* key : {"id", "invoicenumber", "client_id", "client_name", "invoice_date", "revenue", "total",
                            "currency", "recurring_invoice_id", "contract_id", "ticket_id"}) {
      EXPECT_TRUE(i.contains(key)) << key;
    }
  }
  Json credits = ok("list_invoices", {{"include_credits", true}});
  EXPECT_EQ(credits["record_count"], data("invoices").size());
}

TEST_P(ToolsSim, ListInvoicesDateWindowCountsOnlyTheWindowAndStopsEarly) {
  const std::string start = "2025-03-01", end = "2025-03-31";
  auto in_window = [&](const Json& i) {
    std::string d = i["invoice_date"].get<std::string>().substr(0, 10);
    return !is_credit(i) && d >= start && d <= end;
  };
  const auto expected = count("invoices", in_window);
  ASSERT_GT(expected, 0);
  // Invoices newer than the window's start: the pages the tool has to read.
  const auto newer_or_in = count("invoices", [&](const Json& i) {
    return !is_credit(i) && i["invoice_date"].get<std::string>().substr(0, 10) >= start;
  });
  const auto total = count("invoices", [](const Json& i) { return !is_credit(i); });

  Json r = ok("list_invoices", {{"start_date", start}, {"end_date", end}, {"page_size", 10}});
  EXPECT_EQ(r["record_count"], expected);
  EXPECT_EQ(r["items"].size(), static_cast<std::size_t>(std::min<std::int64_t>(expected, 10)));
  EXPECT_EQ(r["has_more"], expected > 10);
  for (const auto& i : r["items"]) {
    EXPECT_GE(i["invoice_date"].get<std::string>(), start);
    EXPECT_LE(i["invoice_date"].get<std::string>(), end);
  }
  const auto pages_needed = static_cast<std::uint64_t>(newer_or_in / 100 + 1);
  const auto pages_all = static_cast<std::uint64_t>((total + 99) / 100);
  EXPECT_LE(requests("/api/Invoice"), pages_needed + 1);  // at most one page past the start
  if (pages_all > pages_needed + 1) { EXPECT_LT(requests("/api/Invoice"), pages_all); }

  // The last page of the window.
  const int last = static_cast<int>((expected + 9) / 10);
  Json tail = ok("list_invoices", {{"start_date", start}, {"end_date", end}, {"page_size", 10}, {"page_no", last}});
  EXPECT_EQ(tail["items"].size(), static_cast<std::size_t>(expected - (last - 1) * 10));
  EXPECT_FALSE(tail["has_more"].get<bool>());

  // Client and window together.
  const int client = as_int(data("invoices")[0]["client_id"]);
  Json one = ok("list_invoices", {{"client_id", client}, {"start_date", "2024-01-01"}, {"end_date", "2025-06-15"},
                                  {"page_size", 100}});
  EXPECT_EQ(one["record_count"], count("invoices", [&](const Json& i) {
              std::string d = i["invoice_date"].get<std::string>().substr(0, 10);
              return !is_credit(i) && as_int(i["client_id"]) == client && d >= "2024-01-01" && d <= "2025-06-15";
            }));
  for (const auto& i : one["items"]) EXPECT_EQ(i["client_id"], client);
}

TEST_P(ToolsSim, GetInvoiceHasLines) {
  const Json& i = data("invoices")[0];
  Json r = ok("get_invoice", {{"invoice_id", i["id"]}});
  EXPECT_EQ(r["item"]["invoicenumber"], i["invoicenumber"]);
  ASSERT_TRUE(r["item"]["lines"].is_array());
  EXPECT_EQ(r["item"]["lines"].size(), i["lines"].size());
  EXPECT_EQ(error("get_invoice", {{"invoice_id", 999999}}), "invoice 999999 not found");
}

// ---- recurring invoices ----------------------------------------------------------------------

TEST_P(ToolsSim, RecurringInvoicesSkipDisabledUnlessAsked) {
  const auto enabled = count("recurring_invoices", [](const Json& r) { return !r["disabled"].get<bool>(); });
  ASSERT_LT(enabled, static_cast<std::int64_t>(data("recurring_invoices").size()));
  // Some bill a contract: Halo's rinvoice_type default would leave those out.
  ASSERT_GT(count("recurring_invoices", [](const Json& r) { return !r["disabled"].get<bool>() && as_int(r["contract_id"]) > 0; }), 0);
  Json r = ok("list_recurring_invoices", {{"page_size", 100}});
  EXPECT_EQ(r["record_count"], enabled);
  for (const auto& t : r["items"]) {
    EXPECT_EQ(t["disabled"], false);
    if (t["period"] == "monthly") { EXPECT_DOUBLE_EQ(t["monthly_value"].get<double>(), t["revenue"].get<double>()); }
    if (t["period"].is_null()) { EXPECT_TRUE(t["monthly_value"].is_null()); }
  }
  Json all = ok("list_recurring_invoices", {{"include_disabled", true}, {"page_size", 100}});
  EXPECT_EQ(all["record_count"], data("recurring_invoices").size());

  // Paging of the filtered set.
  Json p2 = ok("list_recurring_invoices", {{"page_size", 5}, {"page_no", 2}});
  EXPECT_EQ(p2["record_count"], enabled);
  ASSERT_EQ(p2["items"].size(), 5u);
  EXPECT_EQ(p2["items"][0]["id"], r["items"][5]["id"]);

  const int client = as_int(data("recurring_invoices")[0]["client_id"]);
  Json one = ok("list_recurring_invoices", {{"client_id", client}, {"include_disabled", true}});
  for (const auto& t : one["items"]) EXPECT_EQ(t["client_id"], client);
  EXPECT_EQ(one["record_count"],
            count("recurring_invoices", [&](const Json& t) { return as_int(t["client_id"]) == client; }));
}

TEST_P(ToolsSim, GetRecurringInvoice) {
  const Json& t = data("recurring_invoices")[0];
  Json r = ok("get_recurring_invoice", {{"recurring_invoice_id", t["id"]}});
  EXPECT_EQ(r["item"]["lines"].size(), t["lines"].size());
  EXPECT_EQ(r["item"]["periodname"], t["periodname"]);
  EXPECT_EQ(error("get_recurring_invoice", {{"recurring_invoice_id", 99999}}), "recurring invoice 99999 not found");
}

// ---- projects, assets, agents, reports --------------------------------------------------------

TEST_P(ToolsSim, ProjectsFilterAndDetail) {
  Json all = ok("list_projects", {{"page_size", 100}});
  EXPECT_EQ(all["record_count"], count("projects", is_project));
  ASSERT_FALSE(all["items"].empty());
  for (const char* key : {"id", "summary", "client_id", "client_name", "status_name", "startdate", "targetdate",
                          "estimate", "timetaken"}) {
    EXPECT_TRUE(all["items"][0].contains(key)) << key;
  }
  const int client = as_int(data("projects")[0]["client_id"]);
  Json one = ok("list_projects", {{"client_id", client}});
  EXPECT_EQ(one["record_count"],
            count("projects", [&](const Json& p) { return is_project(p) && as_int(p["client_id"]) == client; }));
  for (const auto& p : one["items"]) EXPECT_EQ(p["client_id"], client);
  Json open = ok("list_projects", {{"open_only", true}, {"page_size", 100}});
  for (const auto& p : open["items"]) EXPECT_NE(p["status_name"], "Closed");

  const int id = data("projects")[0]["id"];
  Json g = ok("get_project", {{"project_id", id}});
  EXPECT_TRUE(g["item"]["details"].is_string());
  EXPECT_EQ(error("get_project", {{"project_id", 987654}}), "project 987654 not found");
}

TEST_P(ToolsSim, AssetsFilters) {
  const Json& first = data("assets")[0];
  const int client = as_int(first["client_id"]);
  const int site = as_int(first["site_id"]);
  Json by_client = ok("list_assets", {{"client_id", client}, {"include_inactive", true}, {"page_size", 100}});
  EXPECT_EQ(by_client["record_count"], count("assets", [&](const Json& a) { return as_int(a["client_id"]) == client; }));
  for (const auto& a : by_client["items"]) EXPECT_EQ(a["client_id"], client);
  Json by_site = ok("list_assets", {{"site_id", site}, {"include_inactive", true}, {"page_size", 100}});
  for (const auto& a : by_site["items"]) EXPECT_EQ(a["site_id"], site);
  Json active = ok("list_assets", {{"page_size", 100}});
  EXPECT_EQ(active["record_count"], count("assets", [](const Json& a) { return !a["inactive"].get<bool>(); }));
  std::string inv = first["inventory_number"];
  Json found = ok("list_assets", {{"search", inv}, {"include_inactive", true}});
  ASSERT_GE(found["items"].size(), 1u);
  EXPECT_EQ(found["items"][0]["inventory_number"], inv);

  Json g = ok("get_asset", {{"asset_id", first["id"]}});
  EXPECT_EQ(g["item"]["inventory_number"], inv);
  EXPECT_TRUE(g["item"].contains("warranty_end"));
  EXPECT_EQ(error("get_asset", {{"asset_id", 999999}}), "asset 999999 not found");
}

TEST_P(ToolsSim, AgentsUnpagedSliceAndDisabled) {
  const auto enabled = count("agents", [](const Json& a) { return !a["isdisabled"].get<bool>(); });
  Json r = ok("list_agents", {{"page_size", 100}});
  EXPECT_EQ(r["record_count"], enabled);
  for (const auto& a : r["items"]) EXPECT_EQ(a["isdisabled"], false);
  Json all = ok("list_agents", {{"include_disabled", true}, {"page_size", 100}});
  EXPECT_EQ(all["record_count"], data("agents").size());
  Json p2 = ok("list_agents", {{"page_size", 2}, {"page_no", 2}});
  ASSERT_EQ(p2["items"].size(), 2u);
  EXPECT_EQ(p2["items"][0]["id"], r["items"][2]["id"]);
  EXPECT_EQ(p2["has_more"], enabled > 4);
  EXPECT_EQ(requests("/api/Agent"), 3u);  // one request per call: Halo does not page agents
  std::string name = r["items"][0]["name"];
  Json found = ok("list_agents", {{"search", name}});
  ASSERT_GE(found["items"].size(), 1u);
  for (const auto& a : found["items"]) EXPECT_NE(lower(a["name"]).find(lower(name)), std::string::npos);
}

TEST_P(ToolsSim, ReportsSearch) {
  Json all = ok("list_reports", {{"page_size", 100}});
  EXPECT_EQ(all["record_count"], data("reports").size());
  ASSERT_FALSE(all["items"].empty());
  std::string name = all["items"][0]["name"];
  Json found = ok("list_reports", {{"search", name}});
  ASSERT_GE(found["items"].size(), 1u);
  EXPECT_LE(found["record_count"].get<int>(), all["record_count"].get<int>());
  for (const auto& r : found["items"]) EXPECT_NE(lower(r["name"]).find(lower(name)), std::string::npos);
}

// ---- full: true validates against every output schema ----------------------------------------

TEST_P(ToolsSim, FullRecordsSatisfyOutputSchemas) {
  for (const char* tool : {"list_tickets", "list_clients", "list_sites", "list_contracts", "list_invoices",
                           "list_recurring_invoices", "list_projects", "list_assets", "list_agents", "list_reports"}) {
    SCOPED_TRACE(tool);
    Json r = ok(tool, {{"full", true}, {"page_size", 3}});
    EXPECT_FALSE(r["items"].empty());
  }
  ok("get_contract", {{"contract_id", data("contracts")[0]["id"]}, {"full", true}});
  ok("get_invoice", {{"invoice_id", data("invoices")[0]["id"]}, {"full", true}});
  ok("get_recurring_invoice", {{"recurring_invoice_id", data("recurring_invoices")[0]["id"]}, {"full", true}});
  ok("get_asset", {{"asset_id", data("assets")[0]["id"]}, {"full", true}});
  ok("get_ticket", {{"ticket_id", data("tickets")[0]["id"]}, {"full", true}, {"include_actions", true}});
  ok("get_project", {{"project_id", data("projects")[0]["id"]}, {"full", true}});
  ok("get_site", {{"site_id", data("sites")[0]["id"]}, {"full", true}});
  ok("get_client", {{"client_id", data("clients")[0]["id"]}, {"full", true}});
  ok("list_time_entries", {{"ticket_id", data("actions")[0]["ticket_id"]}, {"full", true}});
}

}  // namespace

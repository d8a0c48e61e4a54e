// The rest of the per-tool matrix, in-process and through the real executable: the filters the
// main suite does not cover (each result counted against the simulator's dataset, so a dropped
// parameter fails), `fields` for every list flow, `full` content, not-found for every get tool
// and permission denied for every resource.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "sim_suite.hpp"

namespace {

using namespace tools_test;
using util::Json;

class ToolsMatrix : public SimSuite {
 protected:
  /// A word of `text_key` that some but not all records of `key` contain (case-insensitive), so
  /// a search that is dropped returns too many and one that matches nothing returns too few.
  std::string narrowing_word(const char* key, const char* text_key, const std::function<bool(const Json&)>& in_scope) {
    const auto total = count(key, in_scope);
    for (const auto& record : data(key)) {
      std::string text = record.value(text_key, std::string());
      std::size_t start = 0;
      while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const std::string word = lower(text.substr(start, end - start));
        start = end + 1;
        if (word.size() < 4) continue;
        const auto n = count(key, [&](const Json& r) {
          return in_scope(r) && lower(r.value(text_key, std::string())).find(word) != std::string::npos;
        });
        if (n >= 1 && n < total) return word;
      }
    }
    return {};
  }
  std::set<int> closed_statuses() {
    std::set<int> out;
    for (const auto& s : data("statuses")) {
      const std::string name = lower(s["name"]);
      if (name == "closed" || name == "resolved" || name == "cancelled" || as_int(s["type"]) == 2) out.insert(as_int(s["id"]));
    }
    return out;
  }
  const Json& record(const char* key, int id) {
    for (const auto& r : data(key)) {
      if (as_int(r["id"]) == id) return r;
    }
    static const Json none;
    return none;
  }
};

INSTANTIATE_TEST_SUITE_P(Via, ToolsMatrix, ::testing::Values(Via::kInProcess, Via::kExecutable), via_name);

// ---- filters ---------------------------------------------------------------------------------

TEST_P(ToolsMatrix, ListSitesSearch) {
  auto active = [](const Json& s) { return !s["inactive"].get<bool>(); };
  const std::string word = narrowing_word("sites", "name", active);
  ASSERT_FALSE(word.empty());
  Json r = ok("list_sites", {{"search", word}, {"page_size", 100}});
  EXPECT_EQ(r["record_count"], count("sites", [&](const Json& s) {
              return active(s) && lower(s["name"]).find(word) != std::string::npos;
            }));
  ASSERT_FALSE(r["items"].empty());
  for (const auto& s : r["items"]) EXPECT_NE(lower(s["name"]).find(word), std::string::npos) << s["name"];
}

TEST_P(ToolsMatrix, ListProjectsSearch) {
  const std::string word = narrowing_word("projects", "summary", is_project);
  ASSERT_FALSE(word.empty());
  Json r = ok("list_projects", {{"search", word}, {"page_size", 100}});
  EXPECT_EQ(r["record_count"],
            count("projects", [&](const Json& p) {
              return is_project(p) && lower(p["summary"]).find(word) != std::string::npos;
            }));
  ASSERT_FALSE(r["items"].empty());
  for (const auto& p : r["items"]) EXPECT_NE(lower(p["summary"]).find(word), std::string::npos) << p["summary"];
}

TEST_P(ToolsMatrix, ListProjectsOpenOnly) {
  const std::set<int> closed = closed_statuses();
  ASSERT_FALSE(closed.empty());
  auto open = [&](const Json& p) { return is_project(p) && closed.count(as_int(p["status_id"])) == 0; };
  const auto expected = count("projects", open);
  ASSERT_LT(expected, count("projects", is_project));
  Json r = ok("list_projects", {{"open_only", true}, {"page_size", 100}});
  EXPECT_EQ(r["record_count"], expected);
  ASSERT_FALSE(r["items"].empty());
  for (const auto& p : r["items"]) EXPECT_TRUE(open(record("projects", p["id"]))) << p.dump();
}

TEST_P(ToolsMatrix, ListAssetsBySiteAndSearchExactly) {
  const int site = as_int(data("assets")[0]["site_id"]);
  Json by_site = ok("list_assets", {{"site_id", site}, {"include_inactive", true}, {"page_size", 100}});
  const auto at_site = count("assets", [&](const Json& a) { return as_int(a["site_id"]) == site; });
  EXPECT_EQ(by_site["record_count"], at_site);
  EXPECT_LT(at_site, static_cast<std::int64_t>(data("assets").size()));
  for (const auto& a : by_site["items"]) EXPECT_EQ(a["site_id"], site);

  // Halo's asset search looks at the inventory number, the key fields, the type and the user.
  auto matches = [](const Json& a, const std::string& needle) {
    for (const char* f : {"inventory_number", "key_field", "key_field2", "key_field3", "assettype_name", "username"}) {
      if (lower(a.value(f, std::string())).find(needle) != std::string::npos) return true;
    }
    return false;
  };
  const std::string needle = lower(data("assets")[0]["assettype_name"]);
  const auto expected = count("assets", [&](const Json& a) { return matches(a, needle); });
  ASSERT_LT(expected, static_cast<std::int64_t>(data("assets").size()));
  Json found = ok("list_assets", {{"search", needle}, {"include_inactive", true}, {"page_size", 100}});
  EXPECT_EQ(found["record_count"], expected);
  for (const auto& a : found["items"]) EXPECT_TRUE(matches(record("assets", a["id"]), needle)) << a.dump();
}

TEST_P(ToolsMatrix, TimeEntriesOnATicketByAgentAndDates) {
  // The ticket with the most time entries: several agents and days to narrow down.
  std::map<int, std::vector<const Json*>> timed;
  for (const auto& a : data("actions")) {
    if (a["timetaken"].get<double>() > 0) timed[as_int(a["ticket_id"])].push_back(&a);
  }
  int ticket = 0;
  for (const auto& [id, list] : timed) {
    std::set<int> agents;
    std::set<std::string> days;
    for (const Json* a : list) {
      agents.insert(as_int((*a)["who_agentid"]));
      days.insert((*a)["datetime"].get<std::string>().substr(0, 10));
    }
    if (agents.size() >= 2 && days.size() >= 2 && (!ticket || list.size() > timed[ticket].size())) ticket = id;
  }
  ASSERT_GT(ticket, 0) << "no ticket with time from two agents on two days";
  const auto& entries = timed[ticket];

  const int agent = as_int((*entries[0])["who_agentid"]);
  std::int64_t by_agent = 0;
  for (const Json* a : entries) by_agent += as_int((*a)["who_agentid"]) == agent;
  ASSERT_LT(by_agent, static_cast<std::int64_t>(entries.size()));
  Json r = ok("list_time_entries", {{"ticket_id", ticket}, {"agent_id", agent}, {"page_size", 100}});
  EXPECT_EQ(r["record_count"], by_agent);
  for (const auto& e : r["items"]) EXPECT_EQ(e["agent_id"], agent);

  std::set<std::string> days;
  for (const Json* a : entries) days.insert((*a)["datetime"].get<std::string>().substr(0, 10));
  const std::string day = *days.begin();  // the first day only
  std::int64_t on_day = 0;
  double hours = 0;
  for (const Json* a : entries) {
    if ((*a)["datetime"].get<std::string>().substr(0, 10) != day) continue;
    ++on_day;
    hours += (*a)["timetaken"].get<double>();
  }
  Json dated = ok("list_time_entries", {{"ticket_id", ticket}, {"start_date", day}, {"end_date", day}, {"page_size", 100}});
  EXPECT_EQ(dated["record_count"], on_day);
  EXPECT_NEAR(dated["total_hours"].get<double>(), hours, 0.005);
  for (const auto& e : dated["items"]) EXPECT_EQ(e["datetime"].get<std::string>().substr(0, 10), day);

  // client_id cannot narrow a ticket's actions: refused, not silently ignored, and nothing is sent.
  harness_->sim().reset_stats();
  std::string text = error("list_time_entries", {{"ticket_id", ticket}, {"client_id", 1}});
  EXPECT_NE(text.find("client_id"), std::string::npos) << text;
  EXPECT_NE(text.find("ticket_id"), std::string::npos) << text;
  EXPECT_EQ(api_requests(), 0u);
}

// ---- fields: every list flow -----------------------------------------------------------------

TEST_P(ToolsMatrix, FieldsAddRawValuesInEveryListFlow) {
  struct Case {
    const char* tool;
    Json args;
    const char* dataset_key;
    const char* field;  ///< a raw field the projection leaves out
  };
  const int ticket = as_int(data("actions")[0]["ticket_id"]);
  int timed_ticket = 0;
  int timed_agent = 0;
  for (const auto& a : data("actions")) {
    if (a["timetaken"].get<double>() > 0) {
      timed_ticket = as_int(a["ticket_id"]);
      timed_agent = as_int(a["who_agentid"]);
      break;
    }
  }
  const std::vector<Case> cases = {
      {"list_sites", Json::object(), "sites", "delivery_address_line3"},                 // Halo-paged
      {"list_tickets", Json::object(), "tickets", "priority_id"},                        // Halo-paged
      {"list_contracts", Json::object(), "contracts", "periodicinvoicenextdate"},        // filtered
      {"list_recurring_invoices", Json::object(), "recurring_invoices", "reference"},    // filtered
      {"list_invoices", {{"start_date", "2025-01-01"}, {"end_date", "2025-06-15"}}, "invoices", "sitenumber"},  // window
      {"list_agents", Json::object(), "agents", "jobtitle"},                             // unpaged slice
      {"list_ticket_actions", {{"ticket_id", ticket}}, "actions", "actionchargeamount"},  // unpaged slice
      {"list_time_entries", {{"ticket_id", timed_ticket}}, "actions", "actionchargeamount"},  // fold (actions)
      {"list_time_entries",
       {{"agent_id", timed_agent}, {"start_date", "2025-05-01"}, {"end_date", "2025-06-15"}},
       "actions", "outcome"},  // fold (actions in a window)
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.tool) + " " + c.args.dump());
    Json args = c.args;
    args["fields"] = Json::array({c.field, "no_such_field"});
    args["page_size"] = 5;
    Json r = ok(c.tool, args);
    ASSERT_FALSE(r["items"].empty());
    for (const auto& item : r["items"]) {
      const Json& raw = record(c.dataset_key, item["id"]);
      ASSERT_TRUE(raw.is_object()) << item.dump();
      ASSERT_TRUE(raw.contains(c.field)) << "the dataset has no " << c.field;
      EXPECT_EQ(item[c.field], raw[c.field]) << item.dump();
      EXPECT_TRUE(item.contains("no_such_field") && item["no_such_field"].is_null()) << item.dump();
      EXPECT_TRUE(item.contains("id"));  // still the projection, plus the fields
    }
  }
}

// ---- full: Halo's record, unchanged -----------------------------------------------------------

TEST_P(ToolsMatrix, FullIsTheRawRecordForAListAndAGet) {
  Json list = ok("list_assets", {{"full", true}, {"include_inactive", true}, {"page_size", 7}});
  ASSERT_EQ(list["items"].size(), 7u);
  for (const auto& item : list["items"]) EXPECT_EQ(item, record("assets", item["id"]));

  const Json& contract = data("contracts")[0];
  Json got = ok("get_contract", {{"contract_id", contract["id"]}, {"full", true}});
  EXPECT_EQ(got["item"], contract);  // the detail keeps the fields the list leaves out
  const Json& invoice = data("invoices")[0];
  Json inv = ok("get_invoice", {{"invoice_id", invoice["id"]}, {"full", true}});
  EXPECT_EQ(inv["item"], invoice);
}

// ---- not found: every get tool ----------------------------------------------------------------

TEST_P(ToolsMatrix, EveryGetToolSaysNotFound) {
  const std::vector<std::pair<std::string, std::string>> gets = {
      {"get_ticket", "ticket"},   {"get_client", "client"},   {"get_site", "site"},
      {"get_contract", "contract"}, {"get_invoice", "invoice"}, {"get_recurring_invoice", "recurring invoice"},
      {"get_project", "project"}, {"get_asset", "asset"}};
  for (const auto& [tool, noun] : gets) {
    const std::string id_name = tool.substr(4) + "_id";
    EXPECT_EQ(error(tool, {{id_name, 987654}}), noun + " 987654 not found") << tool;
  }
}

// ---- permission denied: every resource --------------------------------------------------------

TEST_P(ToolsMatrix, PermissionDeniedNamesThePermissionForEveryResource) {
  const int ticket = as_int(data("tickets")[0]["id"]);
  struct Case {
    const char* tool;
    Json args;
    const char* path;
    const char* permission;  ///< halo::permission_area of the path
  };
  const std::vector<Case> cases = {
      {"list_tickets", Json::object(), "/api/Tickets", "tickets"},
      {"get_ticket", {{"ticket_id", ticket}}, "/api/Tickets", "tickets"},
      {"list_ticket_actions", {{"ticket_id", ticket}}, "/api/Actions", "tickets"},
      {"list_time_entries", {{"ticket_id", ticket}}, "/api/Actions", "tickets"},
      {"list_time_entries", {{"agent_id", data("agents")[0]["id"]}, {"start_date", "2025-05-01"}, {"end_date", "2025-05-31"}},
       "/api/Actions", "tickets"},
      {"list_clients", Json::object(), "/api/Client", "customers"},
      {"get_client", {{"client_id", data("clients")[0]["id"]}}, "/api/Client", "customers"},
      {"list_sites", Json::object(), "/api/Site", "customers"},
      {"get_site", {{"site_id", data("sites")[0]["id"]}}, "/api/Site", "customers"},
      {"list_contracts", Json::object(), "/api/ClientContract", "contracts"},
      {"get_contract", {{"contract_id", data("contracts")[0]["id"]}}, "/api/ClientContract", "contracts"},
      {"list_invoices", Json::object(), "/api/Invoice", "invoices/billing"},
      {"list_invoices", {{"start_date", "2025-01-01"}, {"end_date", "2025-01-31"}}, "/api/Invoice", "invoices/billing"},
      {"get_invoice", {{"invoice_id", data("invoices")[0]["id"]}}, "/api/Invoice", "invoices/billing"},
      {"list_recurring_invoices", Json::object(), "/api/RecurringInvoice", "invoices/billing"},
      {"get_recurring_invoice", {{"recurring_invoice_id", data("recurring_invoices")[0]["id"]}},
       "/api/RecurringInvoice", "invoices/billing"},
      {"list_projects", Json::object(), "/api/Projects", "projects"},
      {"get_project", {{"project_id", data("projects")[0]["id"]}}, "/api/Projects", "projects"},
      {"list_assets", Json::object(), "/api/Asset", "assets"},
      {"get_asset", {{"asset_id", data("assets")[0]["id"]}}, "/api/Asset", "assets"},
      {"list_agents", Json::object(), "/api/Agent", "agents"},
      {"list_reports", Json::object(), "/api/Report", "reporting"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.tool) + " " + c.args.dump());
    harness_->sim().faults().reset();
    force_status(c.path, 403);
    const std::string text = error(c.tool, c.args);
    EXPECT_NE(text.find("403"), std::string::npos) << text;
    EXPECT_NE(text.find(std::string("'") + c.permission + "' permission"), std::string::npos) << text;
    EXPECT_NE(text.find("HALO_SCOPE"), std::string::npos) << text;  // and the token scope
    EXPECT_EQ(text.find("demo-secret"), std::string::npos);
    EXPECT_EQ(text.find('\n'), std::string::npos) << text;
  }
}

}  // namespace

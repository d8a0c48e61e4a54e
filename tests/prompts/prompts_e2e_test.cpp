// Prompts, completions and record resources through the real executable over stdio, against a
// real simulator process whose clients are the fixture's (ids 12-36; 24 is inactive). "Now" is
// fixed at the simulator's day, Monday 2025-06-30, so every date below is worked out by hand.
#include <gtest/gtest.h>

#include "drill_support.hpp"

namespace {

using drills::json;
using drills::Mcp;

class PromptsE2e : public drills::SimSuite {
 protected:
  static testsupport::ProcessOptions env(std::map<std::string, std::string> extra = {}) {
    extra.emplace("HALO_MCP_NOW", "2025-06-30T10:00:00");
    extra.emplace("HALO_CACHE_TTL_S", "60");
    return drills::server_env(sim_->url(), std::move(extra));
  }

  /// prompts/get's one message text, or the error message prefixed "error ".
  static std::string prompt(Mcp& mcp, const std::string& name, json arguments = json::object()) {
    auto r = mcp.request("prompts/get", {{"name", name}, {"arguments", arguments}});
    if (!r) return "no answer";
    if (r->contains("error")) return "error " + std::to_string((*r)["error"]["code"].get<int>()) + " " +
                                     (*r)["error"]["message"].get<std::string>();
    return (*r)["result"]["messages"][0]["content"]["text"].get<std::string>();
  }

  static json complete(Mcp& mcp, const std::string& prompt_name, const std::string& arg, const std::string& value) {
    auto r = mcp.request("completion/complete", {{"ref", {{"type", "ref/prompt"}, {"name", prompt_name}}},
                                                 {"argument", {{"name", arg}, {"value", value}}}});
    return r ? *r : json();
  }

  static int client_requests() { return sim_->stats()["per_path"].value("/api/Client", 0); }

};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST_F(PromptsE2e, FourPromptsAreListedWithTheirArgumentsAndCapabilities) {
  Mcp mcp(env());
  ASSERT_TRUE(mcp.initialized());
  const json caps = mcp.initialize_response()["result"]["capabilities"];
  EXPECT_TRUE(caps.contains("prompts"));
  EXPECT_TRUE(caps.contains("completions"));
  EXPECT_TRUE(caps.contains("resources"));
  auto r = mcp.request("prompts/list", json::object());
  ASSERT_TRUE(r && r->contains("result")) << (r ? r->dump() : "no answer");
  std::vector<std::string> names;
  for (const auto& p : (*r)["result"]["prompts"]) names.push_back(p["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"month_end_revenue_pack", "client_review", "weekly_service_desk_review",
                                             "renewals_this_quarter"}));
  const json review = (*r)["result"]["prompts"][1];
  ASSERT_EQ(review["arguments"].size(), 1u);
  EXPECT_EQ(review["arguments"][0]["name"], "client");
  EXPECT_EQ(review["arguments"][0]["required"], true);
  EXPECT_EQ(client_requests(), 0) << "listing prompts asks Halo nothing";
}

TEST_F(PromptsE2e, MonthEndPackDefaultsToTheLastClosedMonthWithExactCalls) {
  Mcp mcp(env());
  // 2025-06-30: June has not closed, so May 2025, the 1st to the 31st.
  const std::string text = prompt(mcp, "month_end_revenue_pack");
  EXPECT_TRUE(contains(text, "May 2025 (2025-05-01 to 2025-05-31)")) << text;
  EXPECT_TRUE(contains(text, R"(`revenue_breakdown` {"as_of":"2025-05-31","start_date":"2025-05-01","end_date":"2025-05-31"})")) << text;
  EXPECT_TRUE(contains(text, R"(`mrr_trend` {"end_month":"2025-05","months":12})")) << text;
  EXPECT_TRUE(contains(text, R"(`receivables_aging` {"as_of":"2025-05-31"})")) << text;
  EXPECT_TRUE(contains(text, "Never add or compare amounts in different currencies")) << text;
  EXPECT_TRUE(contains(text, "A null figure is unknown, not zero")) << text;
  // The current month is allowed, up to today; a month not started and a malformed one are not.
  EXPECT_TRUE(contains(prompt(mcp, "month_end_revenue_pack", {{"month", "2025-06"}}),
                       "June 2025 (2025-06-01 to 2025-06-30, the month so far)"));
  EXPECT_EQ(prompt(mcp, "month_end_revenue_pack", {{"month", "2025-07"}}),
            "error -32602 Invalid params: month 2025-07 has not started (today is 2025-06-30)");
  EXPECT_EQ(prompt(mcp, "month_end_revenue_pack", {{"month", "2025-6"}}),
            "error -32602 Invalid params: month must be YYYY-MM, e.g. 2025-05");
}

TEST_F(PromptsE2e, WeeklyReviewCoversTheLastFullWeekAndRenewalsTheQuarterAhead) {
  Mcp mcp(env());
  // Monday 2025-06-30: the last full week is Monday 23 to Sunday 29 June.
  const std::string week = prompt(mcp, "weekly_service_desk_review");
  EXPECT_TRUE(contains(week, R"(`ticket_stats` {"start_date":"2025-06-23","end_date":"2025-06-29","interval":"day"})")) << week;
  EXPECT_TRUE(contains(week, R"(`list_tickets` {"sla":"breached"})")) << week;
  // week_ending 2025-06-15 (a Sunday): 15 - 6 = the 9th.
  EXPECT_TRUE(contains(prompt(mcp, "weekly_service_desk_review", {{"week_ending", "2025-06-15"}}),
                       R"({"start_date":"2025-06-09","end_date":"2025-06-15"})"));
  EXPECT_EQ(prompt(mcp, "weekly_service_desk_review", {{"week_ending", "2025-07-01"}}),
            "error -32602 Invalid params: week_ending 2025-07-01 is in the future (today is 2025-06-30)");

  // 30 June is Q2's last day, so the default is Q3: 1 July to 30 September, 30 + 31 + 30 = 91 days on.
  const std::string renewals = prompt(mcp, "renewals_this_quarter");
  EXPECT_TRUE(contains(renewals, "2025-Q3 (2025-07-01 to 2025-09-30)")) << renewals;
  EXPECT_TRUE(contains(renewals, R"(`contract_renewals` {"as_of":"2025-07-01","days":91})")) << renewals;
  // Q2 asked for explicitly: only today is left; the shortest window (1 day) with the cut-off said.
  const std::string q2 = prompt(mcp, "renewals_this_quarter", {{"quarter", "2025-Q2"}});
  EXPECT_TRUE(contains(q2, R"(`contract_renewals` {"as_of":"2025-06-30","days":1})")) << q2;
  EXPECT_TRUE(contains(q2, "ending on or before 2025-06-30")) << q2;
  EXPECT_EQ(prompt(mcp, "renewals_this_quarter", {{"quarter", "2025-Q1"}}),
            "error -32602 Invalid params: quarter 2025-Q1 is over (today is 2025-06-30)");
}

TEST_F(PromptsE2e, ClientReviewResolvesTheNameItWasGiven) {
  Mcp mcp(env());
  // Any case of the exact name: Acme Dental is client 12.
  const std::string acme = prompt(mcp, "client_review", {{"client", "acme dental"}});
  EXPECT_TRUE(contains(acme, "Acme Dental (client 12)")) << acme;
  EXPECT_TRUE(contains(acme, R"(`receivables_aging` {"client_id":12})")) << acme;
  // 90 days back from 2025-06-30 inclusive starts on 2025-04-02 (30 June - 89 days).
  EXPECT_TRUE(contains(acme, R"(`ticket_stats` {"client_id":12,"start_date":"2025-04-02","end_date":"2025-06-30"})")) << acme;
  // The only match: "Willow" is Willow Dental Group, 32.
  EXPECT_TRUE(contains(prompt(mcp, "client_review", {{"client", "Willow"}}), "Willow Dental Group (client 32)"));
  // An id is taken as it is.
  EXPECT_TRUE(contains(prompt(mcp, "client_review", {{"client", "35"}}), R"(`get_client` {"client_id":35})"));
  // Two names contain "dental": the error names both, with ids, and the argument.
  EXPECT_EQ(prompt(mcp, "client_review", {{"client", "dental"}}),
            "error -32602 Invalid params: client: 'dental' matches several clients: Acme Dental (id 12), "
            "Willow Dental Group (id 32). Give the exact name or the id.");
  EXPECT_EQ(prompt(mcp, "client_review", {{"client", "zzz"}}),
            "error -32602 Invalid params: client: no Halo client's name contains 'zzz'");
  EXPECT_EQ(prompt(mcp, "client_review"), "error -32602 Invalid params: missing required argument 'client'");
}

TEST_F(PromptsE2e, ClientNamesCompleteFromHaloPrefixFirstAndARepeatIsCached) {
  Mcp mcp(env());
  // "gr" is in Crown & Anchor Pub Group (22), Greenway Surveyors (25), Granite Construction (28)
  // and Willow Dental Group (32); the two that start with it come first, each group in Halo's order.
  json r = complete(mcp, "client_review", "client", "gr");
  ASSERT_TRUE(r.contains("result")) << r.dump();
  EXPECT_EQ(r["result"]["completion"]["values"],
            json({"Greenway Surveyors", "Granite Construction", "Crown & Anchor Pub Group", "Willow Dental Group"}));
  EXPECT_EQ(r["result"]["completion"]["total"], 4);
  EXPECT_EQ(r["result"]["completion"]["hasMore"], false);
  EXPECT_EQ(client_requests(), 1);
  (void)complete(mcp, "client_review", "client", "gr");
  EXPECT_EQ(client_requests(), 1) << "the same text again is answered from the cache";

  // Months: the 24 closed months back from May 2025, then June (open); "2024-1" keeps 10-12.
  r = complete(mcp, "month_end_revenue_pack", "month", "2024-1");
  EXPECT_EQ(r["result"]["completion"]["values"], json({"2024-12", "2024-11", "2024-10"}));
  r = complete(mcp, "renewals_this_quarter", "quarter", "");
  EXPECT_EQ(r["result"]["completion"]["values"], json({"2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"}));
  // Arguments with nothing to complete, and unknown names.
  EXPECT_EQ(complete(mcp, "weekly_service_desk_review", "week_ending", "2025")["result"]["completion"]["values"],
            json::array());
  EXPECT_EQ(complete(mcp, "no_such_prompt", "x", "")["error"]["code"], -32602);
  EXPECT_EQ(complete(mcp, "client_review", "nope", "")["error"]["message"],
            "Invalid params: prompt 'client_review' has no argument 'nope'");
}

TEST_F(PromptsE2e, RecordResourcesAnswerWhatTheGetToolsAnswer) {
  Mcp mcp(env());
  auto templates = mcp.request("resources/templates/list", json::object());
  ASSERT_TRUE(templates && templates->contains("result"));
  std::vector<std::string> uris;
  for (const auto& t : (*templates)["result"]["resourceTemplates"]) uris.push_back(t["uriTemplate"]);
  EXPECT_EQ(uris, (std::vector<std::string>{"halo://tickets/{id}", "halo://clients/{id}"}));

  auto client = mcp.request("resources/read", {{"uri", "halo://clients/12"}});
  ASSERT_TRUE(client && client->contains("result")) << (client ? client->dump() : "no answer");
  const json content = (*client)["result"]["contents"][0];
  EXPECT_EQ(content["uri"], "halo://clients/12");
  EXPECT_EQ(content["mimeType"], "application/json");
  auto tool = mcp.call("get_client", {{"client_id", 12}});
  ASSERT_TRUE(tool);
  EXPECT_EQ(json::parse(content["text"].get<std::string>()), (*tool)["result"]["structuredContent"]["item"]);
  EXPECT_EQ(json::parse(content["text"].get<std::string>())["name"], "Acme Dental");

  auto missing = mcp.request("resources/read", {{"uri", "halo://tickets/999999"}});
  ASSERT_TRUE(missing);
  EXPECT_EQ((*missing)["error"]["code"], -32602);
  EXPECT_EQ((*missing)["error"]["message"], "Resource not found");
  auto bad = mcp.request("resources/read", {{"uri", "halo://clients/abc"}});
  ASSERT_TRUE(bad);
  EXPECT_EQ((*bad)["error"]["message"], "Invalid params: the client id in halo://clients/abc must be a positive integer");
}

TEST_F(PromptsE2e, ADeskOnlyDeploymentOffersTicketRecordsButNoPrompts) {
  Mcp mcp(env({{"HALO_MCP_TOOLSETS", "tickets"}}));
  ASSERT_TRUE(mcp.initialized());
  const json caps = mcp.initialize_response()["result"]["capabilities"];
  EXPECT_FALSE(caps.contains("prompts")) << caps.dump();
  EXPECT_FALSE(caps.contains("completions")) << caps.dump();
  ASSERT_TRUE(caps.contains("resources"));
  auto templates = mcp.request("resources/templates/list", json::object());
  ASSERT_TRUE(templates && templates->contains("result"));
  ASSERT_EQ((*templates)["result"]["resourceTemplates"].size(), 1u);
  EXPECT_EQ((*templates)["result"]["resourceTemplates"][0]["uriTemplate"], "halo://tickets/{id}");
  auto hidden = mcp.request("resources/read", {{"uri", "halo://clients/12"}});
  ASSERT_TRUE(hidden);
  EXPECT_EQ((*hidden)["error"]["message"], "Resource not found");
  EXPECT_EQ(mcp.request("prompts/list", json::object()).value_or(json())["error"]["code"], -32601);
}

}  // namespace

// Every filter the tools send must really filter (Halo ignores unknown ones; the simulator must
// not ignore known ones). Each test checks the filtered items and that the filter removed some.
#include <algorithm>

#include "sim_test_support.hpp"

namespace sim::testing {
namespace {

class FilterTest : public SimFixture {
 protected:
  /// All items of a list, paging through it.
  util::Json all(const std::string& path, const std::string& key) {
    util::Json items = util::Json::array();
    const char sep = path.find('?') == std::string::npos ? '?' : '&';
    for (int page = 1; page < 100; ++page) {
      Reply r = api(path + sep + "pageinate=true&page_size=100&page_no=" + std::to_string(page));
      EXPECT_EQ(r.status, 200) << path;
      if (r.status != 200 || r.json[key].empty()) break;
      for (auto& i : r.json[key]) items.push_back(i);
    }
    return items;
  }
  int count_of(const std::string& path) { return api(path + (path.find('?') == std::string::npos ? "?" : "&") + "pageinate=true&page_size=1&page_no=1").json["record_count"]; }
};

TEST_F(FilterTest, TicketsByClientSiteAgentStatus) {
  const int total = count_of("/api/Tickets");
  const util::Json sample = api("/api/Tickets/1001").json;
  const int client = sample["client_id"], site = sample["site_id"], agent = sample["agent_id"];
  for (const auto& [param, value] : std::vector<std::pair<std::string, int>>{
           {"client_id", client}, {"site_id", site}, {"agent_id", agent}, {"status_id", 9}}) {
    auto items = all("/api/Tickets?" + param + "=" + std::to_string(value), "tickets");
    EXPECT_FALSE(items.empty()) << param;
    EXPECT_LT(static_cast<int>(items.size()), total) << param;
    for (const auto& t : items) EXPECT_EQ(t[param].get<int>(), value) << param;
  }
}

TEST_F(FilterTest, TicketsOpenOnlyAndClosedOnly) {
  const int total = count_of("/api/Tickets");
  auto open = all("/api/Tickets?open_only=true", "tickets");
  auto closed = all("/api/Tickets?closed_only=true", "tickets");
  EXPECT_FALSE(open.empty());
  EXPECT_FALSE(closed.empty());
  EXPECT_EQ(static_cast<int>(open.size() + closed.size()), total);
  for (const auto& t : open) EXPECT_NE(t["status_id"], 9);
  for (const auto& t : closed) EXPECT_EQ(t["status_id"], 9);
}

TEST_F(FilterTest, TicketsSearchSummaryCaseInsensitive) {
  auto items = all("/api/Tickets?search=PRINTER", "tickets");
  ASSERT_FALSE(items.empty());
  for (const auto& t : items) {
    std::string s = t["summary"];
    std::transform(s.begin(), s.end(), s.begin(), ::tolower);
    EXPECT_NE(s.find("printer"), std::string::npos) << s;
  }
  EXPECT_LT(static_cast<int>(items.size()), count_of("/api/Tickets"));
}

TEST_F(FilterTest, TicketsByDateOpenedNeedDatesearch) {
  const int total = count_of("/api/Tickets");
  auto items = all("/api/Tickets?datesearch=dateoccured&startdate=2025-05-01&enddate=2025-05-31", "tickets");
  ASSERT_FALSE(items.empty());
  EXPECT_LT(static_cast<int>(items.size()), total);
  for (const auto& t : items) {
    const std::string d = t["dateoccurred"].get<std::string>().substr(0, 10);
    EXPECT_GE(d, "2025-05-01");
    EXPECT_LE(d, "2025-05-31");
  }
  EXPECT_EQ(count_of("/api/Tickets?startdate=2025-05-01&enddate=2025-05-31"), total)
      << "without datesearch the dates are ignored, as Halo does";
}

TEST_F(FilterTest, ActionsFilters) {
  auto all_actions = api("/api/Actions?ticket_id=1001").json["actions"];
  ASSERT_FALSE(all_actions.empty());
  for (const auto& a : all_actions) EXPECT_EQ(a["ticket_id"], 1001);
  auto no_sys = api("/api/Actions?ticket_id=1001&excludesys=true").json["actions"];
  EXPECT_LT(no_sys.size(), all_actions.size());
  for (const auto& a : no_sys) EXPECT_NE(a["who"], "System");
  auto time = api("/api/Actions?ticket_id=1001&timeentriesonly=true").json["actions"];
  for (const auto& a : time) EXPECT_GT(a["timetaken"].get<double>(), 0.0);
  EXPECT_LT(time.size(), all_actions.size());
}

TEST_F(FilterTest, TimesheetEventsByAgentAndDates) {
  util::Json everything = api("/api/TimesheetEvent").json;
  const int agent = everything[0]["agent_id"];
  util::Json mine = api("/api/TimesheetEvent?agent_id=" + std::to_string(agent) +
                        "&start_date=2025-01-01&end_date=2025-03-31").json;
  ASSERT_FALSE(mine.empty());
  EXPECT_LT(mine.size(), everything.size());
  for (const auto& e : mine) {
    EXPECT_EQ(e["agent_id"], agent);
    EXPECT_GE(e["start_date"].get<std::string>().substr(0, 10), "2025-01-01");
    EXPECT_LE(e["start_date"].get<std::string>().substr(0, 10), "2025-03-31");
  }
}

TEST_F(FilterTest, ClientsSearchAndInactive) {
  auto active = all("/api/Client", "clients");
  auto everyone = all("/api/Client?includeinactive=true", "clients");
  EXPECT_LT(active.size(), everyone.size());
  for (const auto& c : active) EXPECT_FALSE(c["inactive"].get<bool>());
  auto acme = all("/api/Client?search=dental", "clients");
  ASSERT_FALSE(acme.empty());
  for (const auto& c : acme) EXPECT_NE(c["name"].get<std::string>().find("Dental"), std::string::npos);
}

TEST_F(FilterTest, SitesUsersAssetsByClient) {
  const int client = 12;
  for (const auto& [path, key] : std::vector<std::pair<std::string, std::string>>{
           {"/api/Site", "sites"}, {"/api/Users", "users"}, {"/api/Asset", "assets"}}) {
    auto items = all(path + "?client_id=" + std::to_string(client) + "&includeinactive=true", key);
    ASSERT_FALSE(items.empty()) << path;
    EXPECT_LT(static_cast<int>(items.size()), count_of(path + "?includeinactive=true")) << path;
    for (const auto& i : items) EXPECT_EQ(i["client_id"].get<double>(), client) << path;
  }
  auto sites = all("/api/Site?search=head", "sites");
  ASSERT_FALSE(sites.empty());
  EXPECT_LT(static_cast<int>(sites.size()), count_of("/api/Site"));
  for (const auto& s : sites) EXPECT_NE(s["name"].get<std::string>().find("Head Office"), std::string::npos);
  const int site = all("/api/Asset", "assets")[0]["site_id"];
  for (const auto& a : all("/api/Asset?site_id=" + std::to_string(site), "assets")) EXPECT_EQ(a["site_id"], site);
  auto laptops = all("/api/Asset?search=-LT-", "assets");
  ASSERT_FALSE(laptops.empty());
  for (const auto& a : laptops) EXPECT_EQ(a["assettype_name"], "Laptop");
  EXPECT_LT(count_of("/api/Asset"), count_of("/api/Asset?includeinactive=true"));
}

TEST_F(FilterTest, ContractsByClientAndActivity) {
  auto active = all("/api/ClientContract", "contracts");
  auto everything = all("/api/ClientContract?includeinactive=true", "contracts");
  EXPECT_LT(active.size(), everything.size());
  for (const auto& c : active) EXPECT_TRUE(c["active"].get<bool>());
  const int client = everything[0]["client_id"];
  auto mine = all("/api/ClientContract?includeinactive=true&client_id=" + std::to_string(client), "contracts");
  ASSERT_FALSE(mine.empty());
  for (const auto& c : mine) EXPECT_EQ(c["client_id"], client);
}

TEST_F(FilterTest, InvoicesByClientTemplateContractTicket) {
  const int total = count_of("/api/Invoice");
  auto sample = all("/api/Invoice?includeinvoices=true&includecredits=true", "invoices");
  int template_id = 0, contract_id = 0, ticket_id = 0;
  for (const auto& i : sample) {
    if (!template_id && i["recurring_invoice_id"].get<int>() > 0) template_id = i["recurring_invoice_id"];
    if (!contract_id && i["contract_id"].get<int>() > 0 && i["recurring_invoice_id"] == 0) contract_id = i["contract_id"];
    if (!ticket_id && i["ticket_id"].get<int>() > 0) ticket_id = i["ticket_id"];
  }
  ASSERT_TRUE(template_id && contract_id && ticket_id);
  for (const auto& [param, field, value] : std::vector<std::tuple<std::string, std::string, int>>{
           {"client_id", "client_id", 12},
           {"recurringinvoice_id", "recurring_invoice_id", template_id},
           {"contract_id", "contract_id", contract_id},
           {"ticket_id", "ticket_id", ticket_id}}) {
    auto items = all("/api/Invoice?" + param + "=" + std::to_string(value), "invoices");
    ASSERT_FALSE(items.empty()) << param;
    EXPECT_LT(static_cast<int>(items.size()), total) << param;
    for (const auto& i : items) EXPECT_EQ(i[field].get<int>(), value) << param;
  }
  // invoicedatestart / invoicedateend: whole days, both inclusive.
  const auto every = all("/api/Invoice", "invoices");
  const auto january = std::count_if(every.begin(), every.end(), [](const util::Json& i) {
    const std::string day = i["invoice_date"].get<std::string>().substr(0, 10);
    return day >= "2025-01-01" && day <= "2025-01-31";
  });
  ASSERT_GT(january, 0);
  EXPECT_EQ(count_of("/api/Invoice?invoicedatestart=2025-01-01&invoicedateend=2025-01-31"), january);
}

TEST_F(FilterTest, RecurringInvoicesByClientIncludeDisabledTemplates) {
  auto templates = all("/api/RecurringInvoice", "invoices");
  bool any_disabled = std::any_of(templates.begin(), templates.end(), [](const util::Json& t) { return t["disabled"].get<bool>(); });
  EXPECT_TRUE(any_disabled) << "disabled templates are listed; the client filters them";
  const int client = templates[0]["client_id"];
  for (const auto& t : all("/api/RecurringInvoice?client_id=" + std::to_string(client), "invoices")) {
    EXPECT_EQ(t["client_id"], client);
  }
}

TEST_F(FilterTest, ProjectsFilters) {
  auto projects = all("/api/Projects", "tickets");
  ASSERT_FALSE(projects.empty());
  auto open = all("/api/Projects?open_only=true", "tickets");
  EXPECT_LT(open.size(), projects.size());
  for (const auto& p : open) EXPECT_NE(p["status_id"], 9);
  const int client = projects[0]["client_id"];
  for (const auto& p : all("/api/Projects?client_id=" + std::to_string(client), "tickets")) EXPECT_EQ(p["client_id"], client);
  auto m365 = all("/api/Projects?search=microsoft 365", "tickets");
  for (const auto& p : m365) EXPECT_NE(p["summary"].get<std::string>().find("Microsoft 365"), std::string::npos);
  const int project_id = projects[0]["id"];
  EXPECT_EQ(api("/api/Projects/" + std::to_string(project_id)).status, 200);
  EXPECT_EQ(api("/api/Projects/1001").status, 404) << "a plain ticket is not a project";
}

TEST_F(FilterTest, AgentsSearchAndDisabled) {
  util::Json enabled = api("/api/Agent").json;
  util::Json everyone = api("/api/Agent?includedisabled=true").json;
  EXPECT_LT(enabled.size(), everyone.size());
  for (const auto& a : enabled) EXPECT_FALSE(a["isdisabled"].get<bool>());
  const std::string first = everyone[0]["name"].get<std::string>().substr(0, 4);
  util::Json found = api("/api/Agent?search=" + first).json;
  ASSERT_FALSE(found.empty());
  for (const auto& a : found) EXPECT_NE(a["name"].get<std::string>().find(first), std::string::npos);
}

}  // namespace
}  // namespace sim::testing

// The generated dataset: determinism, shape, the revenue cases it must exercise, file loading,
// and the scale-60 performance budget.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>

#include "sim_test_support.hpp"

namespace sim::testing {
namespace {

TEST(SimDataset, SameSeedSameDatasetDifferentSeedDifferent) {
  auto a = generate_dataset({42, 1.0, kToday});
  auto b = generate_dataset({42, 1.0, kToday});
  auto c = generate_dataset({43, 1.0, kToday});
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->dump(), b->dump());
  EXPECT_NE(a->dump(), c->dump());
  EXPECT_FALSE(generate_dataset({42, 1.0, "15/06/2025"}));
}

TEST(SimDataset, ShapeExercisesTheRevenueRules) {
  auto d = generate_dataset({42, 1.0, kToday});
  ASSERT_TRUE(d);
  EXPECT_GE((*d)["clients"].size(), 20u);
  EXPECT_GE((*d)["tickets"].size(), 250u);
  EXPECT_GE((*d)["invoices"].size(), 800u);
  std::set<int> contract_periods, template_periods;
  for (const auto& c : (*d)["contracts"]) contract_periods.insert(c["billingperiod"].get<int>());
  for (const auto& t : (*d)["recurring_invoices"]) template_periods.insert(t["period"].get<int>());
  for (int code : {1, 2, 3, 4}) EXPECT_TRUE(contract_periods.count(code)) << code;
  EXPECT_TRUE(template_periods.count(6)) << "an unknown period code";
  int linked = 0, disabled = 0, voided = 0, credits = 0, usd = 0, from_template = 0, from_contract = 0, with_ticket = 0;
  for (const auto& t : (*d)["recurring_invoices"]) {
    linked += t["contract_id"].get<int>() > 0;
    disabled += t["disabled"].get<bool>();
  }
  std::map<int, std::set<std::string>> currencies;
  for (const auto& i : (*d)["invoices"]) {
    voided += i["voided"].get<bool>();
    credits += i["creditlinkedtoinvoiceid"].get<int>() > 0;
    usd += i["currency"] == "USD";
    from_template += i["recurring_invoice_id"].get<int>() > 0;
    from_contract += i["contract_id"].get<int>() > 0 && i["recurring_invoice_id"] == 0 && i["ticket_id"] == 0;
    with_ticket += i["ticket_id"].get<int>() > 0;
    currencies[i["client_id"].get<int>()].insert(i["currency"].get<std::string>());
  }
  EXPECT_GT(linked, 0);
  EXPECT_GT(disabled, 0);
  EXPECT_GT(voided, 0);
  EXPECT_GT(credits, 0);
  EXPECT_GT(usd, 0);
  EXPECT_GT(from_template, 0);
  EXPECT_GT(from_contract, 0);
  EXPECT_GT(with_ticket, 0);
  int two_currency_clients = 0;
  for (const auto& [client, set] : currencies) two_currency_clients += set.size() > 1;
  EXPECT_GE(two_currency_clients, 1);
}

TEST(SimDataset, HasTeamsTimeEntriesTwoYearsOfInvoicesInTwoCurrenciesAndSavedReports) {
  auto d = generate_dataset({42, 1.0, kToday});
  ASSERT_TRUE(d);
  // Teams, and agents that belong to them.
  std::set<std::string> teams;
  for (const auto& t : (*d)["teams"]) teams.insert(t["name"].get<std::string>());
  EXPECT_GE(teams.size(), 2u);
  for (const auto& a : (*d)["agents"]) EXPECT_TRUE(teams.count(a["team"].get<std::string>())) << a.dump();
  // Time entries: actions with time on them, and the per-agent timesheet events.
  int timed_actions = 0;
  for (const auto& a : (*d)["actions"]) timed_actions += a["timetaken"].get<double>() > 0;
  EXPECT_GE(timed_actions, 100);
  ASSERT_GE((*d)["timesheet_events"].size(), 100u);
  for (const auto& e : (*d)["timesheet_events"]) {
    ASSERT_GT(e["timetaken"].get<double>(), 0.0) << e.dump();
    ASSERT_GT(e["agent_id"].get<int>(), 0) << e.dump();
  }
  // One-off and recurring invoices over about two years before `today`, in two currencies, with
  // credit notes linked to the invoice they credit.
  std::string first = "9999", last = "0000";
  std::set<std::string> currencies;
  std::set<int> invoice_ids;
  for (const auto& i : (*d)["invoices"]) invoice_ids.insert(i["id"].get<int>());
  int linked_credits = 0;
  for (const auto& i : (*d)["invoices"]) {
    const std::string date = i["invoice_date"].get<std::string>().substr(0, 10);
    first = std::min(first, date);
    last = std::max(last, date);
    currencies.insert(i["currency"].get<std::string>());
    const int credited = i["creditlinkedtoinvoiceid"].get<int>();
    if (credited > 0) linked_credits += invoice_ids.count(credited) > 0;
  }
  const int months = (std::stoi(last.substr(0, 4)) - std::stoi(first.substr(0, 4))) * 12 +
                     std::stoi(last.substr(5, 2)) - std::stoi(first.substr(5, 2));
  EXPECT_GE(months, 22) << first << " .. " << last;
  EXPECT_LE(months, 25) << first << " .. " << last;
  EXPECT_LE(last, std::string(kToday)) << "no invoice after today";
  // Halo writes a currency as its ISO code or as a symbol, as the real one does.
  EXPECT_EQ(currencies, (std::set<std::string>{"GBP", "USD", "\u00a3", "$"}));
  EXPECT_GE(linked_credits, 3) << "credit notes that name the invoice they credit";
  // Saved reports, each with rows to run but the one that fails to load.
  ASSERT_GE((*d)["reports"].size(), 3u);
  for (const auto& r : (*d)["reports"]) {
    EXPECT_FALSE(r["name"].get<std::string>().empty());
    if (!r.contains("load_error")) {
      EXPECT_FALSE(r["rows"].empty()) << r["name"];
    }
  }
}

TEST(SimDataset, ServesADatasetFile) {
  const std::string path = ::testing::TempDir() + "sim_dataset_file.json";
  {
    std::ofstream out(path);
    out << R"({"clients":[{"id":7,"name":"Hand Built Ltd","inactive":false},{"id":8,"name":"Gone Ltd","inactive":true}],
              "invoices":[{"id":1,"client_id":7,"invoice_date":"2025-01-02T00:00:00","total":10.0},
                          {"id":2,"client_id":7,"invoice_date":"2025-03-02T00:00:00","total":-5.0,"creditlinkedtoinvoiceid":1}]})";
  }
  Options o;
  o.dataset_file = path;
  Simulator simulator(o);
  ASSERT_GT(simulator.start(), 0) << simulator.last_error();
  httplib::Client c("127.0.0.1", simulator.port());
  auto tok = c.Post("/auth/token", "grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret&scope=all",
                    "application/x-www-form-urlencoded");
  ASSERT_TRUE(tok);
  httplib::Headers h{{"Authorization", "Bearer " + util::Json::parse(tok->body)["access_token"].get<std::string>()}};
  auto clients = util::Json::parse(c.Get("/api/Client", h)->body);
  ASSERT_EQ(clients["clients"].size(), 1u);
  EXPECT_EQ(clients["clients"][0]["name"], "Hand Built Ltd");
  EXPECT_EQ(util::Json::parse(c.Get("/api/Invoice", h)->body)["record_count"], 1);
  EXPECT_EQ(util::Json::parse(c.Get("/api/Invoice?includecredits=true", h)->body)["record_count"], 1);
  EXPECT_EQ(util::Json::parse(c.Get("/api/Invoice?includeinvoices=true&includecredits=true", h)->body)["record_count"], 2);
  EXPECT_EQ(util::Json::parse(c.Get("/api/Tickets", h)->body)["record_count"], 0) << "missing keys are empty";
  std::remove(path.c_str());

  Options bad;
  bad.dataset_file = path + ".missing";
  Simulator broken(bad);
  EXPECT_LT(broken.start(), 0);
  EXPECT_FALSE(broken.last_error().empty());
}

// The large tenant the benchmarks use (their figures say how fast it is; here only what it serves):
// tens of thousands of invoices, full pages of 100 in date order deep into the list.
TEST(SimDataset, ScaleSixtyServesTensOfThousandsOfInvoicesInDateOrder) {
  Options o;
  o.today = kToday;
  o.scale = 60;
  Simulator simulator(o);
  ASSERT_GT(simulator.start(), 0);
  httplib::Client c("127.0.0.1", simulator.port());
  c.set_read_timeout(60, 0);  // a hang guard, not a speed target
  auto tok = c.Post("/auth/token", "grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret&scope=all",
                    "application/x-www-form-urlencoded");
  ASSERT_TRUE(tok);
  httplib::Headers h{{"Authorization", "Bearer " + util::Json::parse(tok->body)["access_token"].get<std::string>()}};
  auto first = util::Json::parse(c.Get("/api/Invoice?pageinate=true&page_size=1&page_no=1&includeinvoices=true&includecredits=true", h)->body);
  const int total = first["record_count"].get<int>();
  EXPECT_GT(total, 50000);
  std::string previous_last = "9999";
  for (int page = 25; page <= 500 && (page - 1) * 100 < total; page += 25) {
    auto res = c.Get(("/api/Invoice?pageinate=true&page_size=100&order=invoice_date&orderdesc=true&includeinvoices=true&includecredits=true&page_no=" +
                      std::to_string(page)).c_str(), h);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
    const auto body = util::Json::parse(res->body);
    const auto& invoices = body["invoices"];
    ASSERT_EQ(invoices.size(), 100u) << "page " << page;
    EXPECT_EQ(body["record_count"].get<int>(), total);
    const std::string first_date = invoices.front()["invoice_date"], last_date = invoices.back()["invoice_date"];
    EXPECT_GE(first_date, last_date) << "page " << page << " is not newest first";
    EXPECT_LE(first_date, previous_last) << "page " << page << " starts after the previous sampled page";
    previous_last = last_date;
  }
}

}  // namespace
}  // namespace sim::testing

// revenue_breakdown end to end: the real halo::Client against an in-process simulator serving a
// hand-built dataset. Expected figures are worked out by hand in the comments. Calls go through
// mcp::detail::run_tool, so arguments and structuredContent are validated against the schemas.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

#include "domain/periods.hpp"
#include "halo/client.hpp"
#include "mcp/tool_call.hpp"
#include "sim/simulator.hpp"
#include "tools/revenue_tool.hpp"
#include "util/json.hpp"

namespace {

using util::Json;

std::string day_before(int days) {
  // 2025-06-14 minus `days` days, as a Halo timestamp.
  using namespace std::chrono;
  const sys_days base = sys_days(year(2025) / June / 14);
  const year_month_day d(base - std::chrono::days(days));
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT10:00:00", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buffer;
}

Json dataset() {
  const char* no_date = "1900-01-01T00:00:00";
  Json data;
  data["clients"] = Json::array({{{"id", 1}, {"name", "Acme"}, {"currencyisocode", "GBP"}, {"inactive", false}},
                                 {{"id", 2}, {"name", "Beta"}, {"currencyisocode", "EUR"}, {"inactive", false}},
                                 {{"id", 3}, {"name", "Gamma"}, {"inactive", false}}});
  auto contract = [&](int id, int client, const char* name, int code, double amount) {
    return Json{{"id", id}, {"client_id", client}, {"client_name", name}, {"ref", "C-" + std::to_string(id)},
                {"start_date", "2024-01-01T00:00:00"}, {"end_date", no_date}, {"expired", false}, {"active", true},
                {"billingperiod", code}, {"periodchargeamount", amount}};
  };
  Json half_yearly = contract(12, 1, "Acme", 5, 600.0);  // code 5 unknown; the detail's label resolves it
  half_yearly["billing_period_string"] = "Half-Yearly";
  Json inactive = contract(14, 2, "Beta", 3, 1200.0);
  inactive["active"] = false;
  data["contracts"] = Json::array({contract(11, 1, "Acme", 2, 1000.0), half_yearly,
                                   contract(13, 1, "Acme", 12, 50.0),  // code 12, no label anywhere
                                   inactive, contract(15, 2, "Beta", 2, 300.0)});
  auto recurring = [&](int id, int client, const char* name, int period, const char* label, double revenue,
                       const char* currency, int contract_id, bool disabled) {
    return Json{{"id", id}, {"client_id", client}, {"client_name", name}, {"reference", "R-" + std::to_string(id)},
                {"period", period}, {"periodname", label}, {"revenue", revenue}, {"tax_total", revenue * 0.2},
                {"total", revenue * 1.2}, {"currency", currency}, {"contract_id", contract_id},
                {"disabled", disabled}, {"startdate", "2024-01-01T00:00:00"}, {"enddate", no_date}};
  };
  data["recurring_invoices"] = Json::array({recurring(21, 1, "Acme", 4, "Quarterly", 300.0, "GBP", 0, false),
                                            recurring(22, 2, "Beta", 2, "Monthly", 300.0, "EUR", 15, false),
                                            recurring(23, 2, "Beta", 2, "Monthly", 999.0, "EUR", 0, true)});
  auto invoice = [&](int id, int client, const char* name, const std::string& date, double revenue) {
    return Json{{"id", id}, {"invoicenumber", "INV-" + std::to_string(id)}, {"client_id", client},
                {"client_name", name}, {"invoice_date", date}, {"voided", false}, {"revenue", revenue},
                {"tax_total", 0.0}, {"total", revenue}, {"contract_id", 0}, {"ticket_id", 0},
                {"recurring_invoice_id", 0}, {"creditlinkedtoinvoiceid", 0}};
  };
  Json invoices = Json::array();
  Json from_template = invoice(501, 1, "Acme", "2025-05-01T09:00:00", 300.0);
  from_template["recurring_invoice_id"] = 21;
  Json from_contract = invoice(502, 1, "Acme", "2025-05-02T09:00:00", 1000.0);
  from_contract["contract_id"] = 11;
  Json project = invoice(503, 1, "Acme", "2025-05-03T09:00:00", 2000.0);
  project["ticket_id"] = 7001;
  Json credit = invoice(504, 1, "Acme", "2025-05-04T09:00:00", 500.0);  // a credit with a positive amount
  credit["ticket_id"] = 7001;
  credit["creditlinkedtoinvoiceid"] = 503;
  Json voided = invoice(505, 1, "Acme", "2025-05-05T09:00:00", 999.0);
  voided["voided"] = true;
  Json beta = invoice(511, 2, "Beta", "2025-05-05T09:00:00", 300.0);
  beta["recurring_invoice_id"] = 22;
  beta["currency"] = "EUR";
  for (auto& i : {from_template, from_contract, project, credit, voided, beta}) invoices.push_back(i);
  // Gamma: one 10.00 ad hoc invoice a day, 2025-06-14 back 250 days (no currency: the client has
  // none either, so the default GBP applies).
  for (int k = 0; k < 250; ++k) invoices.push_back(invoice(1000 + k, 3, "Gamma", day_before(k), 10.0));
  data["invoices"] = invoices;
  data["projects"] = Json::array({{{"id", 7001}, {"summary", "Migration"}, {"client_id", 1}, {"client_name", "Acme"},
                                   {"dateoccurred", "2025-01-01T00:00:00"}, {"status_id", 1}}});
  return data;
}

class RevenueToolE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("revenue_e2e_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++) + ".json");
    std::ofstream(path_) << dataset().dump();
    sim::Options options;
    options.dataset_file = path_.string();
    options.today = "2025-06-15";
    options.threads = 8;
    simulator_ = std::make_unique<sim::Simulator>(options);
    ASSERT_GT(simulator_->start(), 0) << simulator_->last_error();
    halo::Config config;
    config.instance_url = simulator_->base_url();
    config.auth_url = simulator_->base_url() + "/auth";
    config.client_id = "demo-client";
    config.client_secret = "demo-secret";
    config.cache_ttl = std::chrono::seconds(0);
    config.max_attempts = 2;
    config.backoff_base = std::chrono::milliseconds(10);
    config.max_backoff = std::chrono::milliseconds(50);
    config.request_timeout = std::chrono::milliseconds(10'000);
    client_ = std::make_unique<halo::Client>(config);
    deps_ = std::make_unique<tools::ToolDeps>(tools::ToolDeps{*client_, periods_, "GBP"});
    tool_ = tools::revenue_breakdown_tool(*deps_);
    // One request before the test: the simulator's stop() can hang if no request ever reached
    // it (start/stop race in the HTTP server); the stats are then reset for the test's counts.
    ASSERT_TRUE(client_->get("Client/1", {}, halo::CallOptions{}));
    simulator_->reset_stats();
  }
  void TearDown() override {
    deps_.reset();
    client_.reset();
    if (simulator_) simulator_->stop();
    std::filesystem::remove(path_);
  }

  mcp::ToolOutcome call(const Json& args, mcp::ToolContext* context = nullptr) {
    mcp::ToolContext local;
    mcp::ToolContext& ctx = context ? *context : local;
    ctx.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    return mcp::detail::run_tool(tool_, args, ctx, /*validate_output=*/true);
  }

  std::uint64_t requests(const std::string& key) {
    auto stats = simulator_->stats();
    auto it = stats.per_path.find(key);
    return it == stats.per_path.end() ? 0 : it->second;
  }

  static inline std::atomic<int> counter_{0};
  std::filesystem::path path_;
  std::unique_ptr<sim::Simulator> simulator_;
  domain::PeriodTable periods_ = domain::PeriodTable::defaults();
  std::unique_ptr<halo::Client> client_;
  std::unique_ptr<tools::ToolDeps> deps_;
  mcp::Tool tool_;
};

const Json* row(const Json& out, int client, const char* currency) {
  for (const auto& r : out["clients"]) {
    if (r["client_id"] == client && r["currency"] == currency) return &r;
  }
  return nullptr;
}

TEST_F(RevenueToolE2E, FiguresFromEverySource) {
  std::vector<double> progress;
  mcp::ToolContext context;
  context.progress = [&](double p, std::optional<double>, std::string_view) { progress.push_back(p); };
  auto outcome = call({{"as_of", "2025-06-15"}, {"start_date", "2025-03-01"}}, &context);
  ASSERT_FALSE(outcome.is_error) << outcome.error_text;
  const Json& out = outcome.structured;
  EXPECT_EQ(out["end_date"], "2025-06-15");

  std::vector<std::pair<int, std::string>> order;
  for (const auto& r : out["clients"]) order.emplace_back(r["client_id"].get<int>(), r["currency"].get<std::string>());
  // Acme 1200 + 1500 = 2700, Gamma 0 + 1060, Beta 300.
  EXPECT_EQ(order, (std::vector<std::pair<int, std::string>>{{1, "GBP"}, {3, "GBP"}, {2, "EUR"}}));

  const Json* acme = row(out, 1, "GBP");
  ASSERT_NE(acme, nullptr);
  // 1000 (monthly) + 600/6 (half-yearly, label from the contract's detail) + 300/3 (quarterly template)
  EXPECT_EQ(acme->at("mrr").dump(), "1200.0");
  EXPECT_EQ(acme->at("arr").dump(), "14400.0");
  EXPECT_EQ(acme->at("recurring_invoiced").dump(), "1300.0");  // 300 template + 1000 contract billing
  EXPECT_EQ(acme->at("project_total").dump(), "1500.0");       // 2000 - 500 (positive credit negated)
  EXPECT_EQ(acme->at("ad_hoc_total").dump(), "0.0");
  EXPECT_EQ(acme->at("recurring_share").dump(), "0.4643");     // 1300 / 2800
  EXPECT_EQ(acme->at("client_name"), "Acme");

  const Json* beta = row(out, 2, "EUR");
  ASSERT_NE(beta, nullptr);
  EXPECT_EQ(beta->at("mrr").dump(), "300.0");  // template 22 only; contract 15 is billed through it
  ASSERT_EQ(beta->at("recurring_items").size(), 2u);
  EXPECT_EQ(beta->at("recurring_items")[0]["id"], 22);
  EXPECT_EQ(beta->at("recurring_items")[1]["id"], 15);
  EXPECT_EQ(beta->at("recurring_items")[1]["status"], "billed_via_recurring_invoice");

  const Json* gamma = row(out, 3, "GBP");
  ASSERT_NE(gamma, nullptr);
  EXPECT_EQ(gamma->at("ad_hoc_total").dump(), "1060.0");  // 106 days from 2025-03-01 to 2025-06-14
  EXPECT_EQ(gamma->at("mrr").dump(), "0.0");

  ASSERT_EQ(out["totals"].size(), 2u);
  EXPECT_EQ(out["totals"][0]["currency"], "EUR");
  EXPECT_EQ(out["totals"][1]["currency"], "GBP");
  EXPECT_EQ(out["totals"][1]["mrr"].dump(), "1200.0");
  EXPECT_EQ(out["totals"][1]["non_recurring_total"].dump(), "2560.0");
  EXPECT_EQ(out["totals"][1]["recurring_share"].dump(), "0.3368");  // 1300 / 3860
  EXPECT_EQ(out["totals"][1]["clients"], 2);

  ASSERT_EQ(out["warnings"].size(), 1u);
  EXPECT_EQ(out["warnings"][0]["kind"], "unknown_period");
  EXPECT_EQ(out["warnings"][0]["id"], 13);

  // 256 invoices, 100 a page, newest first: page 2 reaches 2025-02-28, so page 3 is never asked for.
  EXPECT_EQ(requests("/api/Invoice"), 2u);
  EXPECT_EQ(out["sources"]["invoices"], 200);
  EXPECT_EQ(out["sources"]["contracts"], 5);
  EXPECT_EQ(out["sources"]["recurring_invoices"], 3);
  EXPECT_EQ(requests("/api/ClientContract/{id}"), 2u);  // contracts 12 and 13: codes the table lacks
  EXPECT_EQ(requests("/api/Client/{id}"), 3u);          // currencies of clients 1, 2, 3
  EXPECT_EQ(requests("/api/Client"), 0u);
  EXPECT_NE(outcome.human_text.find("Acme"), std::string::npos);
  ASSERT_FALSE(progress.empty());
}

TEST_F(RevenueToolE2E, BadInputIsAnErrorAndFetchesNothing) {
  auto outcome = call({{"start_date", "2025-07-01"}, {"end_date", "2025-06-30"}});
  ASSERT_TRUE(outcome.is_error);
  EXPECT_NE(outcome.error_text.find("start_date"), std::string::npos) << outcome.error_text;
  outcome = call({{"top", 0}});
  ASSERT_TRUE(outcome.is_error);
  EXPECT_NE(outcome.error_text.find("top"), std::string::npos) << outcome.error_text;
  outcome = call({{"as_of", "2025-02-30"}});
  ASSERT_TRUE(outcome.is_error);
  EXPECT_NE(outcome.error_text.find("as_of"), std::string::npos) << outcome.error_text;
  outcome = call({{"client", 1}});
  ASSERT_TRUE(outcome.is_error);
  EXPECT_NE(outcome.error_text.find("client"), std::string::npos) << outcome.error_text;
  EXPECT_EQ(simulator_->stats().requests_total, 0u);
}

TEST_F(RevenueToolE2E, ForbiddenContractsGiveNullMrrAndAWarning) {
  auto faults = simulator_->faults().get();
  faults.status_for["/api/ClientContract"] = 403;
  simulator_->faults().set(faults);
  auto outcome = call({{"as_of", "2025-06-15"}, {"start_date", "2025-03-01"}});
  ASSERT_FALSE(outcome.is_error) << outcome.error_text;
  const Json& out = outcome.structured;
  EXPECT_EQ(out["warnings"][0]["kind"], "source_unavailable");
  EXPECT_EQ(out["warnings"][0]["source"], "contracts");
  EXPECT_EQ(out["warnings"][0]["status"], 403);
  const Json* acme = row(out, 1, "GBP");
  ASSERT_NE(acme, nullptr);
  EXPECT_TRUE(acme->at("mrr").is_null());
  EXPECT_TRUE(acme->at("arr").is_null());
  EXPECT_EQ(acme->at("recurring_invoiced").dump(), "1300.0");
  EXPECT_TRUE(out["totals"][1]["mrr"].is_null());
}

TEST_F(RevenueToolE2E, ClientFilterIsSentUpstream) {
  auto outcome = call({{"as_of", "2025-06-15"}, {"start_date", "2025-03-01"}, {"client_id", 2}});
  ASSERT_FALSE(outcome.is_error) << outcome.error_text;
  const Json& out = outcome.structured;
  ASSERT_EQ(out["clients"].size(), 1u);
  EXPECT_EQ(out["clients"][0]["client_id"], 2);
  EXPECT_EQ(out["sources"]["invoices"], 1);  // Halo filtered: only Beta's invoice was read
  EXPECT_EQ(out["sources"]["contracts"], 2);
}

TEST_F(RevenueToolE2E, UpstreamFailureIsAnError) {
  auto faults = simulator_->faults().get();
  faults.status_for["/api/Invoice"] = 500;
  simulator_->faults().set(faults);
  auto outcome = call({{"as_of", "2025-06-15"}});
  ASSERT_TRUE(outcome.is_error);
  EXPECT_NE(outcome.error_text.find("invoices"), std::string::npos) << outcome.error_text;
}

TEST_F(RevenueToolE2E, CancelledCallIsAnError) {
  util::CancellationSource source;
  source.cancel();
  mcp::ToolContext context;
  context.cancel = source.token();
  auto outcome = call({{"as_of", "2025-06-15"}}, &context);
  ASSERT_TRUE(outcome.is_error);
  EXPECT_NE(outcome.error_text.find("cancelled"), std::string::npos) << outcome.error_text;
}

}  // namespace

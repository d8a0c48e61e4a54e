// revenue_breakdown over the generated demo company at scale, through the real executable against a
// halo-sim process serving the dataset the test itself reads. Checks that hold whatever the data:
//   - each row's invoiced figures equal an independent sum over the raw invoices (only the simple
//     window / voided / credit / currency rules, applied here), to the cent;
//   - a contract billed through a counted template is never counted itself, and every
//     billed_via_recurring_invoice contract names a counted template;
//   - totals per currency equal the sum of the rows to the cent, and arr is 12 x mrr as printed.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include <nlohmann/json.hpp>

#include "app/sim_process.hpp"
#include "support/process.hpp"

using nlohmann::json;
using testsupport::build_path;
using testsupport::run;

namespace {

const char* const kAsOf = "2025-06-30";
const char* const kStart = "2024-07-01";  // the default window for that as_of, spelled out

long long cents(const json& v) { return std::llround(v.get<double>() * 100.0); }

// Money as printed: a number with at most two decimals ("1366.67", "12.0"), never 0.30000000000000004.
bool printed_to_the_cent(const json& v) {
  if (!v.is_number()) return false;
  const std::string text = v.dump();
  const auto dot = text.find('.');
  return text.find_first_of("eE") == std::string::npos && (dot == std::string::npos || text.size() - dot - 1 <= 2);
}

struct Key {
  long long client;
  std::string currency;
  bool operator<(const Key& o) const { return std::tie(client, currency) < std::tie(o.client, o.currency); }
};

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Net invoiced per client and currency in [kStart, kAsOf], computed from the raw dataset with the
// plain rules: skip voided, credit notes negative, currency from the invoice (a symbol read as its
// currency: £ GBP, € EUR, $ the client's dollar currency else USD), else the client, else GBP.
std::map<Key, long long> invoiced_by_hand(const json& data) {
  std::map<long long, std::string> client_currency;
  for (const auto& c : data["clients"]) client_currency[c["id"].get<long long>()] = c.value("currencyisocode", "");
  std::map<Key, long long> sums;
  for (const auto& i : data["invoices"]) {
    const std::string day = i["invoice_date"].get<std::string>().substr(0, 10);
    if (day < kStart || day > kAsOf || i.value("voided", false)) continue;
    long long amount = cents(i["revenue"]);
    if (i.value("creditlinkedtoinvoiceid", 0) > 0) amount = -std::llabs(amount);
    const long long client = i["client_id"].get<long long>();
    std::string currency = upper(i.value("currency", ""));
    if (currency == "\u00a3") currency = "GBP";
    if (currency == "\u20ac") currency = "EUR";
    if (currency == "$") {
      const std::string theirs = upper(client_currency[client]);
      currency = theirs == "USD" || theirs == "CAD" || theirs == "AUD" || theirs == "NZD" ? theirs : "USD";
    }
    if (currency.empty()) currency = upper(client_currency[client]);
    if (currency.empty()) currency = "GBP";
    sums[{client, currency}] += amount;
  }
  return sums;
}

class RevenueAtScale : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    dataset_file_ = std::filesystem::temp_directory_path() /
                    ("revenue_scale_" + std::to_string(::getpid()) + "_" + GetParam() + ".json");
    auto dumped = run({build_path("halo-sim"), "--dump-dataset", dataset_file_.string(), "--seed", "42", "--scale",
                       GetParam(), "--today", kAsOf});
    ASSERT_EQ(dumped.status, 0) << dumped.err;
    std::ifstream in(dataset_file_);
    data_ = json::parse(in);
  }
  void TearDown() override { std::filesystem::remove(dataset_file_); }

  std::filesystem::path dataset_file_;
  json data_;
};

TEST_P(RevenueAtScale, FiguresAgreeWithTheRawDataAndWithThemselves) {
  testsupport::SimProcess sim({"--dataset", dataset_file_.string(), "--today", kAsOf});
  ASSERT_FALSE(sim.url().empty()) << sim.stderr_text();
  testsupport::ProcessOptions options;
  options.env = {{"HALO_INSTANCE_URL", sim.url()}, {"HALO_CLIENT_ID", "demo-client"},
                 {"HALO_CLIENT_SECRET", "demo-secret"}, {"HALO_CACHE_TTL_S", "0"}};
  const json args = {{"include_all_items", true}, {"as_of", kAsOf}, {"start_date", kStart}, {"end_date", kAsOf}};
  auto r = run({build_path("halo-psa-mcp"), "call", "revenue_breakdown", args.dump(), "--json"}, options);
  ASSERT_EQ(r.status, 0) << r.err;
  const json out = json::parse(r.out);
  ASSERT_FALSE(out["clients"].empty());
  ASSERT_EQ(out["clients_total"].get<std::size_t>(), out["clients"].size()) << "rows were cut: the checks need all";
  ASSERT_FALSE(out.contains("truncated")) << out["truncated"].dump();

  // Invoiced revenue: every row against the independent sum, and every sum has its row.
  std::map<Key, long long> expected = invoiced_by_hand(data_);
  std::set<Key> rows_seen;
  for (const auto& row : out["clients"]) {
    const Key key{row["client_id"].get<long long>(), row["currency"].get<std::string>()};
    EXPECT_TRUE(rows_seen.insert(key).second) << "two rows for one client and currency: " << row.dump();
    const long long invoiced = cents(row["recurring_invoiced"]) + cents(row["project_total"]) + cents(row["ad_hoc_total"]);
    const long long by_hand = expected.count(key) ? expected[key] : 0;
    EXPECT_EQ(invoiced, by_hand) << "client " << key.client << " " << key.currency;
  }
  for (const auto& [key, sum] : expected) {
    EXPECT_EQ(rows_seen.count(key), 1u) << "client " << key.client << " " << key.currency << " invoiced " << sum
                                        << " in the window but has no row";
  }
  EXPECT_GT(expected.size(), 5u) << "the window should hold many clients' invoices";

  // No double counting: counted templates, and what every listed contract became.
  std::map<long long, long long> counted_template_of_contract;  // contract id -> a counted template billing it
  std::set<long long> counted_templates;
  std::map<long long, json> contract_items;  // include_all_items: every contract is listed once
  for (const auto& row : out["clients"]) {
    for (const auto& item : row["recurring_items"]) {
      const long long id = item["id"].get<long long>();
      if (item["kind"] == "recurring_invoice" && item["status"] == "counted") {
        counted_templates.insert(id);
        if (item.value("contract_id", 0LL) > 0) counted_template_of_contract[item["contract_id"].get<long long>()] = id;
      }
      if (item["kind"] == "contract") {
        EXPECT_TRUE(contract_items.emplace(id, item).second) << "contract listed twice: " << item.dump();
      }
    }
  }
  int billed_via = 0;
  for (const auto& [contract_id, template_id] : counted_template_of_contract) {
    auto it = contract_items.find(contract_id);
    if (it == contract_items.end()) continue;  // a template may name a contract Halo does not list
    EXPECT_NE(it->second["status"], "counted")
        << "contract " << contract_id << " is counted and so is template " << template_id << " that bills it";
  }
  for (const auto& [contract_id, item] : contract_items) {
    if (item["status"] != "billed_via_recurring_invoice") continue;
    ++billed_via;
    EXPECT_EQ(cents(item["monthly_value"]), 0) << item.dump();
    EXPECT_EQ(counted_templates.count(item["billed_via_recurring_invoice_id"].get<long long>()), 1u) << item.dump();
    EXPECT_EQ(counted_template_of_contract.count(contract_id), 1u) << item.dump();
  }
  EXPECT_GT(billed_via, 0) << "the demo links templates to contracts: the check above must have had work";

  // Per row: arr = 12 x mrr as printed, non_recurring = project + ad hoc, mrr = its counted items
  // (each item is rounded on its own: allow a cent per item). Then totals = sums of rows.
  struct Sums {
    long long mrr = 0, arr = 0, recurring = 0, non_recurring = 0, project = 0, ad_hoc = 0;
    std::size_t rows = 0;
  };
  std::map<std::string, Sums> by_currency;
  for (const auto& row : out["clients"]) {
    for (const char* f : {"mrr", "arr", "recurring_invoiced", "non_recurring_total", "project_total", "ad_hoc_total"}) {
      ASSERT_TRUE(printed_to_the_cent(row[f])) << f << " in " << row.dump();
    }
    EXPECT_EQ(cents(row["arr"]), 12 * cents(row["mrr"])) << row.dump();
    EXPECT_EQ(cents(row["non_recurring_total"]), cents(row["project_total"]) + cents(row["ad_hoc_total"])) << row.dump();
    long long counted_monthly = 0;
    long long counted_items = 0;
    for (const auto& item : row["recurring_items"]) {
      if (item["status"] != "counted") continue;
      ++counted_items;
      counted_monthly += cents(item["monthly_value"]);
    }
    EXPECT_LE(std::llabs(counted_monthly - cents(row["mrr"])), counted_items) << row.dump();
    auto& sums = by_currency[row["currency"].get<std::string>()];
    sums.mrr += cents(row["mrr"]);
    sums.arr += cents(row["arr"]);
    sums.recurring += cents(row["recurring_invoiced"]);
    sums.non_recurring += cents(row["non_recurring_total"]);
    sums.project += cents(row["project_total"]);
    sums.ad_hoc += cents(row["ad_hoc_total"]);
    ++sums.rows;
  }
  ASSERT_EQ(out["totals"].size(), by_currency.size());
  for (const auto& total : out["totals"]) {
    const auto& sums = by_currency[total["currency"].get<std::string>()];
    for (const char* f : {"mrr", "arr", "recurring_invoiced", "non_recurring_total"}) {
      ASSERT_TRUE(printed_to_the_cent(total[f])) << f << " in " << total.dump();
    }
    EXPECT_EQ(cents(total["mrr"]), sums.mrr) << total.dump();
    EXPECT_EQ(cents(total["arr"]), sums.arr) << total.dump();
    EXPECT_EQ(cents(total["recurring_invoiced"]), sums.recurring) << total.dump();
    EXPECT_EQ(cents(total["non_recurring_total"]), sums.non_recurring) << total.dump();
    EXPECT_EQ(cents(total["project_total"]), sums.project) << total.dump();
    EXPECT_EQ(cents(total["ad_hoc_total"]), sums.ad_hoc) << total.dump();
    EXPECT_EQ(total["clients"].get<std::size_t>(), sums.rows) << total.dump();
  }
  EXPECT_GT(out["sources"]["invoices"].get<long long>(), 0);
}

// The demo company and one about ten times its size (about 10k invoices).
INSTANTIATE_TEST_SUITE_P(Demo, RevenueAtScale, ::testing::Values("1", "10"));

}  // namespace

// Billing tools against revenue_breakdown, in-process and through the real executable: one
// billing-period resolver (list_contracts' monthly_value is the value revenue_breakdown counts,
// including a contract whose period only its detail record names), one currency rule (record,
// else client, else default), active_only leaving out expired contracts, and get_contract's
// periods in Halo's ContractPeriod shape.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "sim_suite.hpp"

namespace {

using namespace tools_test;
using util::Json;

long long cents(const Json& v) { return std::llround(v.get<double>() * 100.0); }

/// The contracts a list returns, by id, reading every page.
std::map<int, Json> by_id(const std::function<Json(int page)>& page_of) {
  std::map<int, Json> out;
  for (int page = 1; page < 50; ++page) {
    Json r = page_of(page);
    for (const auto& item : r["items"]) out[item["id"]] = item;
    if (!r.value("has_more", false)) break;
  }
  return out;
}

/// revenue_breakdown's recurring items of one kind, by id.
std::map<int, Json> revenue_items(const Json& revenue, const std::string& kind) {
  std::map<int, Json> out;
  for (const auto& row : revenue["clients"]) {
    for (const auto& item : row["recurring_items"]) {
      if (item["kind"] == kind) out[item["id"]] = item;
    }
  }
  return out;
}

// ---- over the generated dataset --------------------------------------------------------------

class ToolsBilling : public SimSuite {};

INSTANTIATE_TEST_SUITE_P(Via, ToolsBilling, ::testing::Values(Via::kInProcess, Via::kExecutable), via_name);

TEST_P(ToolsBilling, ContractMonthlyValueIsTheOneRevenueBreakdownCounts) {
  auto contracts = by_id([&](int page) {
    return ok("list_contracts", {{"active_only", false}, {"page_size", 100}, {"page_no", page}});
  });
  ASSERT_EQ(contracts.size(), data("contracts").size());
  // The tenant's label for each code is learned from one contract detail per distinct code.
  std::set<int> codes;
  for (const auto& c : data("contracts")) codes.insert(as_int(c["billingperiod"]));
  ASSERT_GT(codes.size(), 1u);
  EXPECT_EQ(requests("/api/ClientContract/{id}"), codes.size());

  Json revenue = ok("revenue_breakdown", {{"as_of", "2025-06-15"}, {"include_all_items", true}});
  auto items = revenue_items(revenue, "contract");
  int counted = 0, unknown = 0;
  for (const auto& [id, item] : items) {
    SCOPED_TRACE(item.dump());
    ASSERT_TRUE(contracts.count(id)) << "revenue_breakdown has a contract list_contracts does not";
    const Json& listed = contracts[id];
    const std::string status = item["status"];
    if (status == "counted") {
      ASSERT_TRUE(listed["monthly_value"].is_number()) << listed.dump();
      EXPECT_EQ(cents(listed["monthly_value"]), cents(item["monthly_value"])) << listed.dump();
      EXPECT_EQ(listed["billing_period"], item["period"]) << listed.dump();
      ++counted;
    } else if (status == "unknown_period") {
      EXPECT_TRUE(listed["monthly_value"].is_null()) << listed.dump();
      EXPECT_TRUE(listed["billing_period"].is_null()) << listed.dump();
      ++unknown;
    }
  }
  EXPECT_GT(counted, 3);
  RecordProperty("unknown_period_contracts", unknown);

  // The contract with code 5: only its detail's label ("Half-Yearly") resolves it.
  for (const auto& c : data("contracts")) {
    if (as_int(c["billingperiod"]) != 5) continue;
    const Json& listed = contracts[as_int(c["id"])];
    EXPECT_EQ(listed["billing_period"], "half-yearly") << listed.dump();
    EXPECT_EQ(cents(listed["monthly_value"]), std::llround(c["periodchargeamount"].get<double>() * 100.0 / 6.0))
        << listed.dump();
  }
}

// This tenant labels contract code 9 "Six Monthly" in its details, where the built-in table says
// four-yearly: the tenant wins in list_contracts and revenue_breakdown alike, and revenue says so.
// (Taken as four-yearly, the contract's MRR would be an eighth of what it is.)
TEST_P(ToolsBilling, TheTenantsLabelForACodeWinsOverTheBuiltInTable) {
  const Json* raw = nullptr;
  for (const auto& c : data("contracts")) {
    if (as_int(c["billingperiod"]) == 9) raw = &c;
  }
  ASSERT_NE(raw, nullptr) << "the generated tenant has a contract with code 9";
  const int id = (*raw)["id"];
  const double amount = (*raw)["periodchargeamount"];
  const double monthly = std::round(amount / 6 * 100) / 100;  // half-yearly: a sixth a month
  auto contracts = by_id([&](int page) {
    return ok("list_contracts", {{"active_only", false}, {"page_size", 100}, {"page_no", page}});
  });
  ASSERT_TRUE(contracts.count(id));
  EXPECT_EQ(contracts[id]["billing_period"], "half-yearly");
  EXPECT_DOUBLE_EQ(contracts[id]["monthly_value"].get<double>(), monthly);

  Json revenue = ok("revenue_breakdown", {{"as_of", "2025-06-15"}, {"include_all_items", true}});
  auto items = revenue_items(revenue, "contract");
  ASSERT_TRUE(items.count(id));
  EXPECT_EQ(items[id]["period"], "half-yearly");
  bool warned = false;
  for (const auto& w : revenue["warnings"]) {
    warned = warned || (w["kind"] == "period_code_relabelled" &&
                        w["detail"].get<std::string>().find("code 9 'Six Monthly'") != std::string::npos);
  }
  EXPECT_TRUE(warned) << revenue["warnings"].dump();
}

TEST_P(ToolsBilling, ActiveOnlyLeavesOutExpiredContracts) {
  auto kept = [](const Json& c) { return c["active"].get<bool>() && !c["expired"].get<bool>(); };
  // Expired contracts Halo still flags active: its includeinactive filter alone lets them through.
  ASSERT_GT(count("contracts", [](const Json& c) { return c["active"].get<bool>() && c["expired"].get<bool>(); }), 0);
  Json r = ok("list_contracts", {{"page_size", 100}});
  EXPECT_EQ(r["record_count"], count("contracts", kept));
  for (const auto& c : r["items"]) {
    EXPECT_EQ(c["active"], true) << c.dump();
    EXPECT_EQ(c["expired"], false) << c.dump();
  }
  // Paging of the kept set.
  Json two = ok("list_contracts", {{"page_size", 2}, {"page_no", 2}});
  EXPECT_EQ(two["record_count"], r["record_count"]);
  ASSERT_EQ(two["items"].size(), 2u);
  EXPECT_EQ(two["items"][0]["id"], r["items"][2]["id"]);
}

TEST_P(ToolsBilling, GetContractPeriodsFollowHalosContractPeriod) {
  const Json& c = data("contracts")[0];
  const Json& raw = c["periods"];
  ASSERT_EQ(raw.size(), 3u);
  for (const auto& p : raw) {
    for (const char* key : {"id", "contract_id", "name", "start_date", "end_date", "current", "hours_in_period",
                            "hours_used", "hours_remaining"}) {
      EXPECT_TRUE(p.contains(key)) << key;  // the OpenAPI ContractPeriod fields the projection reads
    }
    EXPECT_FALSE(p.contains("amount"));  // not a ContractPeriod field
  }
  Json r = ok("get_contract", {{"contract_id", c["id"]}});
  const Json& periods = r["item"]["periods"];
  ASSERT_EQ(periods.size(), raw.size());
  int current = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    SCOPED_TRACE(periods[i].dump());
    EXPECT_EQ(periods[i]["id"], raw[i]["id"]);
    EXPECT_EQ(periods[i]["name"], raw[i]["name"]);
    EXPECT_EQ(periods[i]["start_date"], raw[i]["start_date"].get<std::string>().substr(0, 10));
    EXPECT_EQ(periods[i]["end_date"], raw[i]["end_date"].get<std::string>().substr(0, 10));
    EXPECT_EQ(periods[i]["current"], raw[i]["current"]);
    EXPECT_EQ(periods[i]["hours_used"], raw[i]["hours_used"]);
    EXPECT_DOUBLE_EQ(periods[i]["hours_remaining"].get<double>(),
                     periods[i]["hours_in_period"].get<double>() - periods[i]["hours_used"].get<double>());
    current += periods[i]["current"].get<bool>();
    if (periods[i]["current"].get<bool>()) {
      EXPECT_LE(periods[i]["start_date"].get<std::string>(), "2025-06-15");
      EXPECT_GE(periods[i]["end_date"].get<std::string>(), "2025-06-15");
    }
  }
  EXPECT_EQ(current, 1);
}

// Halo writes an invoice's currency as an ISO code or as a symbol. A symbol that names one
// currency (£, €) is mapped without any read; "$" is resolved through the client's
// currencyisocode. A symbol is never shown as a currency.
TEST_P(ToolsBilling, InvoiceCurrencySymbolsBecomeIsoCodes) {
  Json r = ok("list_invoices", {{"page_size", 100}});
  ASSERT_FALSE(r["items"].empty());
  std::map<int, std::string> raw_currency, client_iso;
  for (const auto& i : data("invoices")) raw_currency[i["id"]] = i["currency"];
  for (const auto& c : data("clients")) client_iso[c["id"]] = c.value("currencyisocode", "");
  std::set<int> dollar_clients;
  int symbols = 0;
  for (const auto& i : r["items"]) {
    const std::string raw = raw_currency[i["id"]];
    std::string expected = raw;
    if (raw == "\u00a3") expected = "GBP";
    if (raw == "\u20ac") expected = "EUR";
    if (raw == "$") {
      // The client's code when it is a dollar currency; else the default (GBP here) is not one
      // either, so "$" means USD.
      const std::string iso = client_iso[i["client_id"]];
      const std::set<std::string> dollars = {"USD", "CAD", "AUD", "NZD", "HKD", "SGD"};
      expected = dollars.count(iso) ? iso : "USD";
      dollar_clients.insert(i["client_id"].get<int>());
    }
    symbols += raw != expected;
    EXPECT_EQ(i["currency"], expected) << i.dump();
  }
  EXPECT_GT(symbols, 0) << "the page shows no symbol: the test proves nothing";
  // One client read per distinct client of a "$" invoice, none for the rest.
  EXPECT_EQ(requests("/api/Client/{id}"), dollar_clients.size());
  EXPECT_EQ(requests("/api/Client"), 0u);
}

// ---- a hand-built company: currencies and a half-yearly contract ------------------------------

Json billing_dataset() {
  auto client = [](int id, const char* currency) {
    Json c{{"id", id}, {"name", "Client " + std::to_string(id)}, {"inactive", false}, {"toplevel_name", "Customers"}};
    if (currency) c["currencyisocode"] = currency;
    return c;
  };
  auto invoice = [](int id, int client, const char* currency) {
    Json i{{"id", id}, {"invoicenumber", "INV-" + std::to_string(id)}, {"client_id", client},
           {"client_name", "Client " + std::to_string(client)}, {"invoice_date", "2025-05-1" + std::to_string(id) + "T00:00:00"},
           {"revenue", 100.0 * id}, {"tax_total", 0.0}, {"total", 100.0 * id}, {"creditlinkedtoinvoiceid", 0},
           {"lines", Json::array()}};
    if (currency) i["currency"] = currency;
    return i;
  };
  Json d = Json::object();
  d["clients"] = Json::array({client(1, "USD"), client(2, nullptr), client(3, "EUR")});
  // 1: no currency, client in USD; 2: its own (untidy) GBP; 3: no currency, client has none;
  // 4: no currency, no such client; 5: its own EUR.
  d["invoices"] = Json::array({invoice(1, 1, nullptr), invoice(2, 1, "gbp "), invoice(3, 2, nullptr),
                               invoice(4, 99, nullptr), invoice(5, 3, "EUR")});
  d["recurring_invoices"] = Json::array(
      {Json{{"id", 1}, {"client_id", 1}, {"client_name", "Client 1"}, {"period", 2}, {"periodname", "Monthly"},
            {"revenue", 100.0}, {"tax_total", 0.0}, {"total", 100.0}, {"disabled", false},
            {"startdate", "2024-01-01T00:00:00"}, {"contract_id", 0}, {"lines", Json::array()}}});
  // Code 5 has no verified meaning: only the detail's billing_period_string (stripped from the
  // list, as Halo does) says Half-Yearly.
  d["contracts"] = Json::array(
      {Json{{"id", 11}, {"client_id", 3}, {"client_name", "Client 3"}, {"ref", "C-11"}, {"billingperiod", 5},
            {"billing_period_string", "Half-Yearly"}, {"periodchargeamount", 600.0}, {"active", true},
            {"expired", false}, {"start_date", "2024-01-01T00:00:00"}, {"end_date", "1900-01-01T00:00:00"},
            {"currency", "EUR"}}});
  return d;
}

class ToolsCurrency : public DatasetSuite<billing_dataset> {
 protected:
  std::map<int, Json> invoices() {
    return by_id([&](int page) { return ok("list_invoices", {{"page_size", 100}, {"page_no", page}}); });
  }
};

INSTANTIATE_TEST_SUITE_P(Via, ToolsCurrency, ::testing::Values(Via::kInProcess, Via::kExecutable), via_name);

TEST_P(ToolsCurrency, RecordElseClientElseDefault) {
  auto listed = invoices();
  ASSERT_EQ(listed.size(), 5u);
  EXPECT_EQ(listed[1]["currency"], "USD");  // the client's
  EXPECT_EQ(listed[2]["currency"], "GBP");  // its own, tidied
  EXPECT_EQ(listed[3]["currency"], "GBP");  // the client names none: the default
  EXPECT_EQ(listed[4]["currency"], "GBP");  // no such client: the default
  EXPECT_EQ(listed[5]["currency"], "EUR");  // its own
  // One read per client that was needed (1, 2 and 99), none for client 3.
  EXPECT_EQ(harness_->requests("/api/Client/{id}"), 3u);

  EXPECT_EQ(ok("get_invoice", {{"invoice_id", 1}})["item"]["currency"], "USD");
  EXPECT_EQ(ok("list_recurring_invoices", Json::object())["items"][0]["currency"], "USD");
  EXPECT_EQ(ok("get_recurring_invoice", {{"recurring_invoice_id", 1}})["item"]["currency"], "USD");
  // full: Halo's record, which names no currency.
  EXPECT_FALSE(ok("get_invoice", {{"invoice_id", 1}, {"full", true}})["item"].contains("currency"));
}

TEST_P(ToolsCurrency, ListsAndRevenueBreakdownAgree) {
  auto listed = invoices();
  Json revenue = ok("revenue_breakdown", {{"as_of", "2025-06-15"}, {"start_date", "2025-05-01"}, {"end_date", "2025-05-31"}});
  std::set<std::pair<int, std::string>> rows;
  for (const auto& row : revenue["clients"]) rows.emplace(row["client_id"], row["currency"]);
  for (const auto& [id, invoice] : listed) {
    EXPECT_TRUE(rows.count({invoice["client_id"], invoice["currency"]})) << invoice.dump() << " " << revenue["clients"].dump();
  }
  Json templates = ok("list_recurring_invoices", Json::object());
  for (const auto& t : templates["items"]) EXPECT_TRUE(rows.count({t["client_id"], t["currency"]})) << t.dump();
}

TEST_P(ToolsCurrency, UnreadableClientIsNullNotAGuess) {
  auto faults = harness_->sim().faults().get();
  faults.status_for["/api/Client"] = 403;
  harness_->sim().faults().set(faults);
  auto listed = invoices();  // the list itself still answers
  ASSERT_EQ(listed.size(), 5u);
  EXPECT_TRUE(listed[1]["currency"].is_null()) << listed[1].dump();
  EXPECT_TRUE(listed[3]["currency"].is_null()) << listed[3].dump();
  EXPECT_EQ(listed[2]["currency"], "GBP");
  EXPECT_EQ(listed[5]["currency"], "EUR");
}

TEST_P(ToolsCurrency, HalfYearlyContractResolvedFromItsDetailAgreesWithRevenue) {
  Json r = ok("list_contracts", Json::object());
  ASSERT_EQ(r["items"].size(), 1u);
  const Json& c = r["items"][0];
  EXPECT_EQ(c["billing_period"], "half-yearly");
  EXPECT_EQ(c["billing_period_code"], 5);
  EXPECT_EQ(c["monthly_value"], 100.0);
  // The label is learned once per process: one read, or none when an earlier test learned it.
  EXPECT_LE(harness_->requests("/api/ClientContract/{id}"), 1u);

  Json revenue = ok("revenue_breakdown", {{"as_of", "2025-06-15"}, {"include_all_items", true}});
  auto items = revenue_items(revenue, "contract");
  ASSERT_TRUE(items.count(11)) << revenue.dump();
  EXPECT_EQ(items[11]["status"], "counted");
  EXPECT_EQ(items[11]["monthly_value"], c["monthly_value"]);
  EXPECT_EQ(items[11]["period"], c["billing_period"]);
}

// Without the detail (Halo refuses it) the code stays unlearned: the list and revenue_breakdown
// both say unknown rather than guess. A process of its own, so nothing was learned before.
TEST(ToolsCurrencyFresh, RefusedDetailLeavesTheCodeUnknown) {
  const std::string path = "/tmp/tools_refused_detail_" + std::to_string(::getpid()) + ".json";
  std::ofstream(path) << billing_dataset().dump();
  {
    Harness harness(path);
    ASSERT_TRUE(harness.ok()) << harness.error();
    auto faults = harness.sim().faults().get();
    faults.status_for["/api/ClientContract/11"] = 403;
    harness.sim().faults().set(faults);
    mcp::ToolOutcome hidden = harness.call("list_contracts", Json::object());
    ASSERT_FALSE(hidden.is_error) << hidden.error_text;
    EXPECT_TRUE(hidden.structured["items"][0]["monthly_value"].is_null()) << hidden.structured.dump();
    EXPECT_EQ(harness.requests("/api/ClientContract/{id}"), 1u) << "the refused read was tried once";
    mcp::ToolOutcome unknown = harness.call("revenue_breakdown", {{"as_of", "2025-06-15"}, {"include_all_items", true}});
    ASSERT_FALSE(unknown.is_error) << unknown.error_text;
    EXPECT_EQ(revenue_items(unknown.structured, "contract")[11]["status"], "unknown_period");
  }
  std::remove(path.c_str());
}

}  // namespace

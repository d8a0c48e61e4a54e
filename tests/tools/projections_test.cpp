// Projections of Halo records on hand-written JSON snippets, through the field tables the tools
// declare (tools/projection.hpp), and the time-entry items built from two record shapes.
#include <gtest/gtest.h>
#include <simdjson.h>

#include "domain/periods.hpp"
#include "domain/projection_billing.hpp"
#include "domain/projection_time_entries.hpp"
#include "domain/time_entry.hpp"
#include "tools/projection.hpp"
#include "tools/registry.hpp"
#include "tools/ticket_fields.hpp"

namespace {

class Projection : public ::testing::Test {
 protected:
  simdjson::dom::element parse(const std::string& json) {
    padded_.push_back(std::make_unique<simdjson::padded_string>(json));
    parsers_.push_back(std::make_unique<simdjson::dom::parser>());
    return parsers_.back()->parse(*padded_.back()).value();
  }
  std::vector<std::unique_ptr<simdjson::dom::parser>> parsers_;
  std::vector<std::unique_ptr<simdjson::padded_string>> padded_;
  /// The item `tool` returns for `record` (the get tool's richer item when `detail`).
  util::Json projected(const char* tool, simdjson::dom::element record, bool detail = false,
                  std::string_view default_currency = "GBP") {
    const tools::ToolDef* def = tools::find_tool(tool);
    EXPECT_NE(def, nullptr) << tool;
    return tools::project(record, def->fields, detail, tools::ProjectionEnv{&periods_, default_currency});
  }
  domain::PeriodTable periods_ = domain::PeriodTable::defaults();
};

TEST_F(Projection, TicketListItemIsCompact) {
  auto t = parse(R"({"id":7,"summary":"Printer","details":"<p>long</p>","client_id":3.0,"client_name":"Acme",
    "site_id":"4","status_id":2,"status_name":"In Progress","agent_id":5,"agent_name":"Bob","team":"1st Line",
    "priority_id":3,"dateoccurred":"2024-05-01T09:10:11.1234567Z","customfields":[{"id":1}]})");
  util::Json item = projected("list_tickets", t);
  EXPECT_EQ(item["id"], 7);
  EXPECT_EQ(item["client_id"], 3);
  EXPECT_TRUE(item["client_id"].is_number_integer());
  EXPECT_EQ(item["site_id"], 4);
  EXPECT_EQ(item["status_name"], "In Progress");
  EXPECT_EQ(item["dateoccurred"], "2024-05-01T09:10:11Z");
  EXPECT_FALSE(item.contains("details"));
  EXPECT_FALSE(item.contains("customfields"));
}

TEST_F(Projection, TicketDetailHasPlainTextAndNullSentinels) {
  auto t = parse(R"({"id":7,"summary":"S","details":"<p>Hello &amp; <b>bye</b></p>",
    "dateclosed":"1900-01-01T00:00:00","timetaken":1.5,"user_name":"Ann","site_name":"HQ"})");
  util::Json item = projected("get_ticket", t, true);
  EXPECT_EQ(item["details"], "Hello & bye");
  EXPECT_TRUE(item["dateclosed"].is_null());
  EXPECT_EQ(item["timetaken"], 1.5);
  EXPECT_EQ(item["user_name"], "Ann");
  EXPECT_TRUE(item["status_name"].is_null());  // absent -> null, never invented
}

TEST_F(Projection, ActionNoteIsTrimmed) {
  std::string note(1000, 'n');
  auto a = parse(R"({"id":1,"ticket_id":7,"who":"Bob","outcome":"Note","note":"<p>)" + note +
                 R"(</p>","timetaken":0.25,"datetime":"2024-05-01T10:00:00.5Z"})");
  util::Json item = tools::project(a, tools::kActionFields, false, {});
  std::string text = item["note"];
  EXPECT_LT(text.size(), 320u);
  EXPECT_NE(text.find("[truncated]"), std::string::npos);
  EXPECT_EQ(item["datetime"], "2024-05-01T10:00:00Z");
}

// A time entry is a ticket action with time on it; billable hours are its charge hours, none when
// Halo marks it not billable, unknown (null) when Halo says neither.
util::Json time_entry(const domain::Record& action, const util::Json& client_id = nullptr,
                      const util::Json& client_name = nullptr) {
  auto entry = domain::parse_time_entry(action);
  return entry ? domain::project_time_entry(action, *entry, client_id, client_name) : util::Json();
}

TEST_F(Projection, TimeEntryBillableFromActionFields) {
  auto billed = parse(R"({"id":1,"ticket_id":7,"timetaken":2.0,"actionchargehours":1.5,"who":"Bob","who_agentid":5,
    "datetime":"2024-05-01T10:00:00Z"})");
  auto flagged = parse(R"({"id":2,"ticket_id":7,"timetaken":2.0,"actionchargehours":2.0,"actisbillable":false})");
  auto unknown = parse(R"({"id":3,"ticket_id":7,"timetaken":2.0})");
  auto no_time = parse(R"({"id":4,"ticket_id":7,"timetaken":0,"note":"a note, no time"})");
  util::Json item = time_entry(billed, 12, "Acme");
  EXPECT_EQ(item["billable_hours"], 1.5);
  EXPECT_EQ(item["hours"], 2.0);
  EXPECT_EQ(item["agent"], "Bob");
  EXPECT_EQ(item["agent_id"], 5);
  EXPECT_EQ(item["client_id"], 12);
  EXPECT_EQ(item["client_name"], "Acme");
  EXPECT_EQ(time_entry(flagged)["billable_hours"], 0.0) << "not billable whatever its charge hours";
  EXPECT_TRUE(time_entry(flagged)["client_id"].is_null()) << "ticket's client unknown: null, never 0";
  EXPECT_TRUE(time_entry(unknown)["billable_hours"].is_null());
  EXPECT_TRUE(time_entry(no_time).is_null()) << "an action without time is not a time entry";
}

TEST_F(Projection, ContractMonthlyValueUsesPeriodTable) {
  auto yearly = parse(R"({"id":1,"ref":"C1","billingperiod":3,"periodchargeamount":1200.0,"active":true,
    "start_date":"2024-01-01T00:00:00","end_date":"1900-01-01T00:00:00"})");
  auto labelled = parse(R"({"id":2,"billingperiod":99,"billing_period_string":"Quarterly","periodchargeamount":300})");
  auto unknown = parse(R"({"id":3,"billingperiod":99,"periodchargeamount":300})");
  auto weekly = parse(R"({"id":4,"billingperiod":1,"periodchargeamount":100})");
  util::Json y = projected("list_contracts", yearly);
  EXPECT_EQ(y["billing_period"], "yearly");
  EXPECT_EQ(y["monthly_value"], 100.0);
  EXPECT_EQ(y["period_amount"], 1200.0);
  EXPECT_TRUE(y["end_date"].is_null());
  EXPECT_EQ(y["start_date"], "2024-01-01");
  EXPECT_EQ(y["status"], "active");
  EXPECT_EQ(projected("list_contracts", labelled)["monthly_value"], 100.0);
  util::Json u = projected("list_contracts", unknown);
  EXPECT_TRUE(u["monthly_value"].is_null());
  EXPECT_TRUE(u["billing_period"].is_null());
  EXPECT_EQ(u["billing_period_code"], 99);
  EXPECT_EQ(projected("list_contracts", weekly)["monthly_value"], 433.33);  // 100 * 52 / 12
}

TEST_F(Projection, ContractReadsTheFieldsRevenueBreakdownReads) {
  // Spellings revenue_parse accepts: the projection must resolve them the same way.
  auto spelled = parse(R"({"id":5,"billing_period":"3","billingperiod_string":"Half-Yearly","period_amount":"600"})");
  util::Json c = projected("list_contracts", spelled);
  EXPECT_EQ(c["billing_period"], "half-yearly");  // the label beats code 3 (yearly)
  EXPECT_EQ(c["billing_period_code"], 3);
  EXPECT_EQ(c["period_amount"], 600.0);
  EXPECT_EQ(c["monthly_value"], 100.0);
}

TEST_F(Projection, CurrencyIsTheRecordsTidiedOrNullUntilItsClientDecides) {
  auto untidy = parse(R"({"id":1,"total":1,"currency":" usd "})");
  auto other = parse(R"({"id":2,"total":1,"currencyisocode":"EUR"})");
  auto none = parse(R"({"id":3,"total":1})");
  EXPECT_EQ(projected("list_invoices", untidy)["currency"], "USD");
  EXPECT_EQ(projected("list_invoices", other)["currency"], "EUR");
  // Not the configured default: the invoice's client decides first (tools/billing_currency.hpp).
  EXPECT_TRUE(projected("list_invoices", none)["currency"].is_null());
  EXPECT_TRUE(projected("list_recurring_invoices", none)["currency"].is_null());
}

TEST_F(Projection, InvoiceRevenueFallsBackToTotalMinusTax) {
  auto with = parse(R"({"id":1,"invoicenumber":"INV-1","revenue":100.0,"total":120.0,"currency":"EUR",
    "invoice_date":"2024-03-05T00:00:00"})");
  auto without = parse(R"({"id":2,"total":120.0,"tax_total":20.0})");
  util::Json a = projected("list_invoices", with);
  EXPECT_EQ(a["revenue"], 100.0);
  EXPECT_EQ(a["currency"], "EUR");
  EXPECT_EQ(a["invoice_date"], "2024-03-05");
  util::Json b = projected("list_invoices", without);
  EXPECT_EQ(b["revenue"], 100.0);
  EXPECT_FALSE(a.contains("lines")) << "lines are the get tool's";
}

TEST_F(Projection, InvoiceDetailLines) {
  auto i = parse(R"({"id":1,"lines":[{"id":10,"item_shortdescription":"Support","qty_order":2,"unit_price":50,
    "net_amount":100,"tax_amount":20,"contract_id":4}]})");
  util::Json item = projected("get_invoice", i, true);
  ASSERT_EQ(item["lines"].size(), 1u);
  EXPECT_EQ(item["lines"][0]["description"], "Support");
  EXPECT_EQ(item["lines"][0]["qty"], 2.0);
  EXPECT_EQ(item["lines"][0]["contract_id"], 4);
}

TEST_F(Projection, RecurringInvoiceMonthlyValue) {
  auto quarterly = parse(R"({"id":1,"period":4,"revenue":300.0,"disabled":false,"nextcreationdate":"2025-01-01T00:00:00"})");
  auto unknown = parse(R"({"id":2,"period":42,"revenue":300.0})");
  util::Json q = projected("list_recurring_invoices", quarterly);
  EXPECT_EQ(q["period"], "quarterly");
  EXPECT_EQ(q["monthly_value"], 100.0);
  EXPECT_EQ(q["disabled"], false);
  util::Json u = projected("list_recurring_invoices", unknown);
  EXPECT_TRUE(u["monthly_value"].is_null());
  EXPECT_EQ(u["period_code"], 42);
}

TEST_F(Projection, ClientSiteAssetAgentReport) {
  auto c = parse(R"({"id":3,"name":"Acme","inactive":false,"toplevel_name":"Customers","currencyisocode":"",
    "accountmanagertech_name":"Sue","main_site_name":"HQ"})");
  util::Json cd = projected("get_client", c, true, "USD");
  EXPECT_EQ(cd["currency"], "USD");
  EXPECT_EQ(cd["account_manager"], "Sue");
  auto s = parse(R"({"id":4,"name":"HQ","client_id":3.0,"delivery_address_line1":"1 Road","delivery_address_line2":"",
    "delivery_address_line3":"Town","timezone":"GMT"})");
  util::Json sd = projected("get_site", s, true);
  EXPECT_EQ(sd["client_id"], 3);
  EXPECT_EQ(sd["address"], "1 Road, Town");
  EXPECT_EQ(sd["address_lines"].size(), 2u);
  auto a = parse(R"({"id":5,"inventory_number":"A-1","assettype_name":"Laptop","warranty_end":"1900-01-01T00:00:00"})");
  EXPECT_TRUE(projected("get_asset", a, true)["warranty_end"].is_null());
  auto g = parse(R"({"id":6,"name":"Bob","email":"b@x","team":"Ops","isdisabled":false})");
  EXPECT_EQ(projected("list_agents", g)["team"], "Ops");
  auto r = parse(R"({"id":7,"name":"R","group_name":"G","description":"<p>Monthly</p>"})");
  EXPECT_EQ(projected("list_reports", r)["description"], "Monthly");
}

}  // namespace

// Parsing Halo JSON into compact revenue records: lenient numbers and ids, the pre-1901 date
// sentinel, field-name variants and the credit-note rule.
#include "domain/revenue_parse.hpp"

#include <gtest/gtest.h>

#include <string>

namespace domain {
namespace {

class RevenueParse : public ::testing::Test {
 protected:
  simdjson::dom::element parse(const std::string& json) {
    auto result = parser_.parse(json);
    EXPECT_EQ(result.error(), simdjson::SUCCESS) << json;
    return result.value_unsafe();
  }
  simdjson::dom::parser parser_;
};

TEST_F(RevenueParse, ContractWithLenientNumbersAndSentinelDate) {
  auto rec = parse(R"({"id": 12.0, "client_id": "7", "client_name": "Acme", "ref": "MSA-1",
      "start_date": "2023-06-29T10:16:08.8378294Z", "end_date": "1900-01-01T00:00:00",
      "expired": false, "active": true, "billingperiod": "3", "billing_period_string": "Yearly",
      "periodchargeamount": "1200.50"})");
  auto c = parse_contract(rec);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->id, 12);
  EXPECT_EQ(c->client_id, 7);
  EXPECT_EQ(c->client_name, "Acme");
  EXPECT_EQ(c->ref, "MSA-1");
  EXPECT_EQ(c->start_date, parse_iso_date("2023-06-29"));
  EXPECT_FALSE(c->end_date.has_value());  // 1900-01-01 means no date
  EXPECT_FALSE(c->expired);
  EXPECT_FALSE(c->inactive);
  EXPECT_EQ(c->billing_period, 3);
  EXPECT_EQ(c->billing_period_label, "Yearly");
  EXPECT_EQ(c->period_amount, 120050);
  EXPECT_EQ(c->currency, "");
}

TEST_F(RevenueParse, ContractInactiveFlagsAndMissingAmount) {
  auto c = parse_contract(parse(R"({"id": 1, "active": false, "periodchargeamount": null, "end_date": null})"));
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->inactive);
  EXPECT_FALSE(c->period_amount.has_value());
  EXPECT_FALSE(c->end_date.has_value());
  EXPECT_FALSE(c->billing_period.has_value());
  c = parse_contract(parse(R"({"id": 2, "inactive": "true", "expired": 1})"));
  EXPECT_TRUE(c->inactive);
  EXPECT_TRUE(c->expired);
  EXPECT_FALSE(parse_contract(parse("[1,2]")).has_value());
}

TEST_F(RevenueParse, FractionalIdIsNotAnId) {
  auto c = parse_contract(parse(R"({"id": 12.5, "client_id": "12abc"})"));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->id, 0);
  EXPECT_EQ(c->client_id, 0);
}

TEST_F(RevenueParse, RecurringInvoiceTemplate) {
  auto t = parse_recurring_invoice(parse(R"({"id": 5, "client_id": 7.0, "client_name": "Acme", "reference": "Backup",
      "disabled": false, "period": 2, "periodname": "Monthly", "revenue": 99.99, "total": 119.99,
      "tax_total": 20, "currency": "EUR", "contract_id": "12", "startdate": "1899-12-30T00:00:00",
      "enddate": "2026-06-01T09:00:00"})"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->id, 5);
  EXPECT_EQ(t->client_id, 7);
  EXPECT_EQ(t->ref, "Backup");
  EXPECT_FALSE(t->disabled);
  EXPECT_EQ(t->period, 2);
  EXPECT_EQ(t->period_label, "Monthly");
  EXPECT_EQ(t->revenue, 9999);
  EXPECT_EQ(t->total, 11999);
  EXPECT_EQ(t->tax_total, 2000);
  EXPECT_EQ(t->currency, "EUR");
  EXPECT_EQ(t->contract_id, 12);
  EXPECT_FALSE(t->start_date.has_value());
  EXPECT_EQ(t->end_date, parse_iso_date("2026-06-01"));
  auto disabled = parse_recurring_invoice(parse(R"({"id": 6, "disabled": true})"));
  EXPECT_TRUE(disabled->disabled);
  EXPECT_FALSE(disabled->revenue.has_value());
}

TEST_F(RevenueParse, InvoiceFields) {
  auto i = parse_invoice(parse(R"({"id": 900, "client_id": 7, "client_name": "Acme",
      "invoice_date": "2024-03-31T23:59:59", "voided": false, "revenue": 1000.1, "tax_total": 200.02,
      "total": 1200.12, "currency": "GBP", "recurring_invoice_id": 0, "contract_id": 12.0,
      "ticket_id": null})"));
  ASSERT_TRUE(i);
  EXPECT_EQ(i->id, 900);
  EXPECT_EQ(i->invoice_date, parse_iso_date("2024-03-31"));
  EXPECT_FALSE(i->voided);
  EXPECT_FALSE(i->is_credit);
  EXPECT_EQ(i->revenue, 100010);
  EXPECT_EQ(i->currency, "GBP");
  EXPECT_EQ(i->recurring_invoice_id, 0);
  EXPECT_EQ(i->contract_id, 12);
  EXPECT_EQ(i->ticket_id, 0);
}

TEST_F(RevenueParse, InvoiceWithoutRevenueUsesTotalLessTax) {
  auto i = parse_invoice(parse(R"({"id": 1, "total": "120.00", "tax_total": "20.00", "voided": "false"})"));
  EXPECT_EQ(i->revenue, 10000);
  EXPECT_FALSE(i->voided);
  auto none = parse_invoice(parse(R"({"id": 2})"));
  EXPECT_FALSE(none->revenue.has_value());
  EXPECT_FALSE(none->invoice_date.has_value());
}

TEST_F(RevenueParse, CreditNoteRule) {
  auto credit = [&](const char* json) { return parse_invoice(parse(json))->is_credit; };
  EXPECT_TRUE(credit(R"({"id": 1, "is_credit_note": true})"));
  EXPECT_TRUE(credit(R"({"id": 1, "creditnote": 1})"));
  EXPECT_TRUE(credit(R"({"id": 1, "invoice_type_code": "Credit Note"})"));
  EXPECT_TRUE(credit(R"({"id": 1, "invoice_type_code": "CN"})"));
  EXPECT_TRUE(credit(R"({"id": 1, "type": "credit"})"));
  EXPECT_TRUE(credit(R"({"id": 1, "creditlinkedtoinvoiceid": 55})"));
  EXPECT_FALSE(credit(R"({"id": 1, "creditlinkedtoinvoiceid": 0, "is_credit_note": false})"));
  EXPECT_FALSE(credit(R"({"id": 1, "invoice_type_code": "INV", "invoicetype": 2})"));
  EXPECT_FALSE(credit(R"({"id": 1, "revenue": -10})"));  // negative alone is an adjustment, not a credit
}

TEST_F(RevenueParse, ProjectIdsAndClientCurrency) {
  EXPECT_EQ(parse_project_id(parse(R"({"id": 5001.0, "summary": "Migration"})")), 5001);
  EXPECT_EQ(parse_project_id(parse("5002")), 5002);
  EXPECT_FALSE(parse_project_id(parse(R"({"summary": "x"})")).has_value());
  auto currency = parse_client_currency(parse(R"({"id": "3", "name": "Gamma", "currencyisocode": " EUR "})"));
  ASSERT_TRUE(currency);
  EXPECT_EQ(currency->first, 3);
  EXPECT_EQ(currency->second, "EUR");
  EXPECT_FALSE(parse_client_currency(parse(R"({"id": 4, "currencyisocode": ""})")).has_value());
}

TEST_F(RevenueParse, LenientScalars) {
  EXPECT_EQ(lenient_int(parse("12")), 12);
  EXPECT_EQ(lenient_int(parse("12.0")), 12);
  EXPECT_EQ(lenient_int(parse(R"(" 12 ")")), 12);
  EXPECT_FALSE(lenient_int(parse("true")).has_value());
  EXPECT_EQ(lenient_number(parse(R"("-3.5")")), -3.5);
  EXPECT_FALSE(lenient_number(parse(R"("1,200.00")")).has_value());
  EXPECT_EQ(lenient_bool(parse(R"("Yes")")), true);
  EXPECT_FALSE(lenient_bool(parse(R"("maybe")")).has_value());
  EXPECT_FALSE(lenient_string(parse("3")).has_value());
}

TEST(RevenueDates, ParsingAndWindow) {
  EXPECT_EQ(format_date(parse_iso_date("2024-02-29").value()), "2024-02-29");
  EXPECT_FALSE(parse_iso_date("2023-02-29").has_value());
  EXPECT_FALSE(parse_iso_date("2024-2-29").has_value());
  EXPECT_FALSE(parse_iso_date("2024-02-29T00:00:00").has_value());
  EXPECT_EQ(parse_halo_date("2024-02-29T10:00:00.1234567Z"), parse_iso_date("2024-02-29"));
  EXPECT_EQ(parse_halo_date("1901-01-01T00:00:00"), parse_iso_date("1901-01-01"));
  EXPECT_FALSE(parse_halo_date("1900-01-01T00:00:00").has_value());
  EXPECT_FALSE(parse_halo_date("0001-01-01").has_value());
  EXPECT_FALSE(parse_halo_date("").has_value());
  EXPECT_FALSE(parse_halo_date("2024-02-29X").has_value());
  EXPECT_EQ(format_date(default_window_start(parse_iso_date("2024-12-31").value())), "2024-01-01");
  EXPECT_EQ(format_date(default_window_start(parse_iso_date("2024-02-29").value())), "2023-03-01");
  EXPECT_EQ(format_date(default_window_start(parse_iso_date("2024-03-15").value())), "2023-03-16");
  EXPECT_EQ(format_date(add_months_clamped(parse_iso_date("2024-03-31").value(), -1)), "2024-02-29");
}

}  // namespace
}  // namespace domain

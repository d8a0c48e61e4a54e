// The revenue rules over a hand-built set of compact records. Every expected figure below was
// worked out by hand from docs/revenue-rules.md (the arithmetic is in the comments); none
// is computed by the code under test.
#include "domain/revenue.hpp"

#include <gtest/gtest.h>

#include "domain/revenue_output.hpp"

namespace domain {
namespace {

Date day(const char* text) { return parse_iso_date(text).value(); }

ContractRec contract(std::int64_t id, std::int64_t client, std::optional<std::int64_t> code, Cents amount,
                     std::string label = "") {
  ContractRec c;
  c.id = id;
  c.client_id = client;
  c.client_name = "client " + std::to_string(client);
  c.ref = "C" + std::to_string(id);
  c.start_date = day("2024-01-01");
  c.billing_period = code;
  c.billing_period_label = std::move(label);
  c.period_amount = amount;
  return c;
}

RecurringRec recurring(std::int64_t id, std::int64_t client, std::optional<std::int64_t> code, std::optional<Cents> revenue,
                       std::string label = "") {
  RecurringRec t;
  t.id = id;
  t.client_id = client;
  t.client_name = "client " + std::to_string(client);
  t.ref = "R" + std::to_string(id);
  t.start_date = day("2023-01-01");
  t.period = code;
  t.period_label = std::move(label);
  t.revenue = revenue;
  return t;
}

InvoiceRec invoice(std::int64_t id, std::int64_t client, const char* date, std::optional<Cents> revenue) {
  InvoiceRec i;
  i.id = id;
  i.client_id = client;
  i.client_name = "client " + std::to_string(client);
  i.invoice_date = day(date);
  i.revenue = revenue;
  return i;
}

// Clients: 1 Acme (every period kind, every invoice kind), 2 Beta (linked template, inactive
// items, unknown periods), 3 Gamma (two currencies), 4 and 5 (ad hoc only, tied), 6 (inactive
// only), 7 (voided only), 8 (outside the window only).
RevenueInputs dataset() {
  RevenueInputs in;
  in.default_currency = "GBP";
  in.client_currency = {{3, "EUR"}};
  in.project_ticket_ids = {5001, 5002};

  // Client 1: 1000.00 monthly + 300.00 quarterly (100.00) + 100.00 yearly (8.333...) +
  // 90.00 labelled Quarterly over code 2 (30.00, not 90.00) + weekly template 120.00 (520.00).
  in.contracts.push_back(contract(101, 1, 2, 100000));
  in.contracts.push_back(contract(102, 1, 4, 30000));
  in.contracts.push_back(contract(103, 1, 3, 10000));
  in.contracts.push_back(contract(104, 1, 2, 9000, "Quarterly"));
  in.recurring.push_back(recurring(201, 1, 1, 12000));

  // Client 2.
  in.contracts.push_back(contract(111, 2, 2, 50000));  // billed through template 211
  auto linked = recurring(211, 2, 2, 50000);
  linked.contract_id = 111;
  in.recurring.push_back(linked);
  auto disabled = recurring(212, 2, 2, 99900);
  disabled.disabled = true;
  in.recurring.push_back(disabled);
  auto future = contract(112, 2, 2, 20000);
  future.start_date = day("2024-07-01");
  in.contracts.push_back(future);
  auto ended = contract(113, 2, 2, 20000);
  ended.end_date = day("2024-06-14");
  in.contracts.push_back(ended);
  auto expired = contract(114, 2, 2, 20000);
  expired.expired = true;
  in.contracts.push_back(expired);
  auto inactive = contract(115, 2, 2, 20000);
  inactive.inactive = true;
  in.contracts.push_back(inactive);
  auto ends_today = contract(116, 2, 8, 240000);  // two-yearly 2400.00 -> 100.00; end == as_of counts
  ends_today.end_date = day("2024-06-15");
  in.contracts.push_back(ends_today);
  auto starts_today = contract(117, 2, 0, 60000, "Half-Yearly");  // 600.00 / 6 = 100.00; start == as_of counts
  starts_today.start_date = day("2024-06-15");
  in.contracts.push_back(starts_today);
  in.contracts.push_back(contract(118, 2, 5, 100000));                // code 5: unknown
  in.recurring.push_back(recurring(213, 2, 0, 40000, "Fortnightly"));  // unknown label, code 0 unknown
  auto gross_only = recurring(214, 2, 3, std::nullopt);  // no revenue: 120.00 - 20.00 tax = 100.00 yearly
  gross_only.total = 12000;
  gross_only.tax_total = 2000;
  in.recurring.push_back(gross_only);

  // Client 3: three-yearly 3600.00 (100.00/month, EUR from the client) and a USD four-yearly
  // template 4800.00 (100.00/month).
  auto open_dates = contract(121, 3, 7, 360000);
  open_dates.start_date.reset();  // no start date counts as started
  in.contracts.push_back(open_dates);
  auto usd = recurring(221, 3, 9, 480000);
  usd.currency = "USD";
  in.recurring.push_back(usd);

  // Client 6: only an expired contract -> omitted.
  auto old = contract(131, 6, 2, 50000);
  old.expired = true;
  in.contracts.push_back(old);

  // Invoices of client 1.
  auto from_template = invoice(301, 1, "2024-03-01", 48000);
  from_template.recurring_invoice_id = 201;
  in.invoices.push_back(from_template);
  auto from_contract = invoice(302, 1, "2024-03-02", 100000);
  from_contract.contract_id = 101;
  in.invoices.push_back(from_contract);
  auto project = invoice(303, 1, "2024-03-03", 250000);
  project.ticket_id = 5001;
  project.contract_id = 101;  // a ticket makes it non-recurring even with a contract
  in.invoices.push_back(project);
  auto break_fix = invoice(304, 1, "2024-03-04", 15000);
  break_fix.ticket_id = 6001;  // a ticket that is not a project
  in.invoices.push_back(break_fix);
  in.invoices.push_back(invoice(305, 1, "2024-03-05", 5000));
  auto voided = invoice(306, 1, "2024-03-06", 999900);
  voided.voided = true;
  in.invoices.push_back(voided);
  auto positive_credit = invoice(307, 1, "2024-03-07", 2000);  // credit with a positive amount: -20.00
  positive_credit.is_credit = true;
  in.invoices.push_back(positive_credit);
  auto negative_credit = invoice(308, 1, "2024-03-08", -3000);  // -30.00 against the template
  negative_credit.is_credit = true;
  negative_credit.recurring_invoice_id = 201;
  in.invoices.push_back(negative_credit);
  in.invoices.push_back(invoice(309, 1, "2023-12-31", 77700));  // day before the window
  in.invoices.push_back(invoice(310, 1, "2024-07-01", 77700));  // day after the window
  in.invoices.push_back(invoice(311, 1, "2024-01-01", 1000));   // first day: in
  in.invoices.push_back(invoice(312, 1, "2024-06-30", 500));    // last day: in
  auto undated = invoice(313, 1, "2024-03-01", 88800);
  undated.invoice_date.reset();
  in.invoices.push_back(undated);

  // Client 2.
  auto beta_recurring = invoice(321, 2, "2024-05-01", 50000);
  beta_recurring.recurring_invoice_id = 211;
  in.invoices.push_back(beta_recurring);

  // Client 3: USD ad hoc (lower-case code) and EUR (from the client) contract billing.
  auto usd_invoice = invoice(331, 3, "2024-04-01", 25000);
  usd_invoice.currency = "usd";
  in.invoices.push_back(usd_invoice);
  auto eur_invoice = invoice(332, 3, "2024-04-02", 360000);
  eur_invoice.contract_id = 121;
  in.invoices.push_back(eur_invoice);

  // Clients 4 and 5 tie at 100.00 ad hoc; client 5 also has an invoice with no amount.
  in.invoices.push_back(invoice(341, 4, "2024-02-01", 10000));
  in.invoices.push_back(invoice(351, 5, "2024-02-01", 10000));
  in.invoices.push_back(invoice(352, 5, "2024-02-02", std::nullopt));

  auto voided_only = invoice(361, 7, "2024-02-01", 10000);
  voided_only.voided = true;
  in.invoices.push_back(voided_only);
  in.invoices.push_back(invoice(371, 8, "2023-06-01", 10000));
  return in;
}

RevenueParams params() {
  RevenueParams p;
  p.as_of = day("2024-06-15");
  p.start_date = day("2024-01-01");
  p.end_date = day("2024-06-30");
  return p;
}

const ClientRow* row_of(const RevenueResult& r, std::int64_t client, const std::string& currency) {
  for (const auto& row : r.clients) {
    if (row.client_id == client && row.currency == currency) return &row;
  }
  return nullptr;
}

const CurrencyTotal* total_of(const RevenueResult& r, const std::string& currency) {
  for (const auto& t : r.totals) {
    if (t.currency == currency) return &t;
  }
  return nullptr;
}

std::vector<std::int64_t> item_ids(const ClientRow& row) {
  std::vector<std::int64_t> ids;
  for (const auto& item : row.recurring_items) ids.push_back(item.id);
  return ids;
}

const RecurringItem* item_of(const ClientRow& row, std::int64_t id) {
  for (const auto& item : row.recurring_items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

TEST(Revenue, RowsAreOrderedByMrrPlusNonRecurringThenClientId) {
  auto r = compute_revenue(dataset(), params(), PeriodTable::defaults());
  // Ranks: 1 = 1658.33 + 2695.00; 2 = 708.33; 3/USD = 100 + 250; 3/EUR, 4, 5 = 100.00 each.
  std::vector<std::pair<std::int64_t, std::string>> order;
  for (const auto& row : r.clients) order.emplace_back(row.client_id, row.currency);
  std::vector<std::pair<std::int64_t, std::string>> expected = {{1, "GBP"}, {2, "GBP"}, {3, "USD"},
                                                                {3, "EUR"}, {4, "GBP"}, {5, "GBP"}};
  EXPECT_EQ(order, expected);  // 6 (inactive only), 7 (voided only), 8 (outside window) omitted
  EXPECT_EQ(r.clients_before_top, 6);
}

TEST(Revenue, MrrFromEveryPeriodKind) {
  auto r = compute_revenue(dataset(), params(), PeriodTable::defaults());
  const ClientRow* acme = row_of(r, 1, "GBP");
  ASSERT_NE(acme, nullptr);
  // 1000 + 100 + 8.333... + 30 + 520 = 1658.333... -> 1658.33; arr = 12 x 1658.33.
  EXPECT_EQ(acme->mrr, 165833);
  EXPECT_EQ(acme->arr, 1989996);
  EXPECT_EQ(acme->mrr_exact, Money(497500, 3));
  EXPECT_EQ(item_ids(*acme), (std::vector<std::int64_t>{101, 201, 102, 104, 103}));
  EXPECT_EQ(item_of(*acme, 101)->monthly_value, 100000);
  EXPECT_EQ(item_of(*acme, 102)->monthly_value, 10000);
  EXPECT_EQ(item_of(*acme, 102)->period, "quarterly");
  EXPECT_EQ(item_of(*acme, 103)->monthly_value, 833);
  EXPECT_EQ(item_of(*acme, 103)->period, "yearly");
  EXPECT_EQ(item_of(*acme, 104)->monthly_value, 3000);  // the label beat code 2
  EXPECT_EQ(item_of(*acme, 104)->period, "quarterly");
  EXPECT_EQ(item_of(*acme, 201)->monthly_value, 52000);
  EXPECT_EQ(item_of(*acme, 201)->period, "weekly");
  EXPECT_EQ(item_of(*acme, 201)->kind, ItemKind::kRecurringInvoice);
  for (const auto& item : acme->recurring_items) EXPECT_EQ(item.status, ItemStatus::kCounted);
}

TEST(Revenue, LinkedTemplateIsCountedOnceAndInactiveItemsAreNot) {
  auto r = compute_revenue(dataset(), params(), PeriodTable::defaults());
  const ClientRow* beta = row_of(r, 2, "GBP");
  ASSERT_NE(beta, nullptr);
  // 500 (template 211, not contract 111 as well) + 100 (two-yearly, ends today) +
  // 100 (half-yearly label, starts today) + 8.333... (gross-only yearly template) = 708.333...
  EXPECT_EQ(beta->mrr, 70833);
  EXPECT_EQ(beta->arr, 849996);
  EXPECT_EQ(item_ids(*beta), (std::vector<std::int64_t>{211, 116, 117, 214, 111}));
  const RecurringItem* billed = item_of(*beta, 111);
  EXPECT_EQ(billed->status, ItemStatus::kBilledViaRecurringInvoice);
  EXPECT_EQ(billed->monthly_value, 0);
  EXPECT_EQ(billed->billed_via, 211);
  EXPECT_EQ(billed->amount, 50000);
  EXPECT_EQ(item_of(*beta, 211)->monthly_value, 50000);
  EXPECT_EQ(item_of(*beta, 211)->contract_id, 111);
  EXPECT_EQ(item_of(*beta, 214)->amount, 10000);
  EXPECT_EQ(item_of(*beta, 214)->monthly_value, 833);
  EXPECT_EQ(item_of(*beta, 116)->period, "two-yearly");
  EXPECT_EQ(item_of(*beta, 117)->period, "half-yearly");
}

TEST(Revenue, IncludeAllItemsListsInactiveAndUnknownWithReasons) {
  auto p = params();
  p.include_all_items = true;
  auto r = compute_revenue(dataset(), p, PeriodTable::defaults());
  const ClientRow* beta = row_of(r, 2, "GBP");
  ASSERT_NE(beta, nullptr);
  EXPECT_EQ(beta->mrr, 70833);  // listing more changes no figure
  EXPECT_EQ(item_ids(*beta),
            (std::vector<std::int64_t>{211, 116, 117, 214, 111, 118, 213, 112, 113, 114, 115, 212}));
  EXPECT_EQ(item_of(*beta, 118)->status, ItemStatus::kUnknownPeriod);
  EXPECT_EQ(item_of(*beta, 118)->monthly_value, 0);
  EXPECT_FALSE(item_of(*beta, 118)->period.has_value());
  EXPECT_EQ(item_of(*beta, 213)->status, ItemStatus::kUnknownPeriod);
  EXPECT_EQ(item_of(*beta, 112)->status, ItemStatus::kInactive);
  EXPECT_EQ(item_of(*beta, 112)->reason, "starts 2024-07-01");
  EXPECT_EQ(item_of(*beta, 113)->reason, "ended 2024-06-14");
  EXPECT_EQ(item_of(*beta, 114)->reason, "expired");
  EXPECT_EQ(item_of(*beta, 115)->reason, "marked inactive");
  EXPECT_EQ(item_of(*beta, 212)->reason, "disabled");
  EXPECT_EQ(item_of(*beta, 212)->monthly_value, 0);
  // A client whose only item is inactive is still omitted.
  EXPECT_EQ(row_of(r, 6, "GBP"), nullptr);
}

TEST(Revenue, InvoicedRevenueSplitsRecurringProjectAndAdHoc) {
  auto r = compute_revenue(dataset(), params(), PeriodTable::defaults());
  const ClientRow* acme = row_of(r, 1, "GBP");
  ASSERT_NE(acme, nullptr);
  // recurring: 480 (template) + 1000 (contract billing) - 30 (credit) = 1450.00
  EXPECT_EQ(acme->recurring_invoiced, 145000);
  // project: 2500.00 (ticket 5001 is a project, even though the invoice names a contract)
  EXPECT_EQ(acme->project_total, 250000);
  // ad hoc: 150 + 50 - 20 (positive credit negated) + 10 + 5 = 195.00; voided, outside the
  // window and undated invoices ignored
  EXPECT_EQ(acme->ad_hoc_total, 19500);
  EXPECT_EQ(acme->non_recurring_total, 269500);
  // 1450 / (1450 + 2695) = 0.349819... -> 0.3498
  ASSERT_TRUE(acme->recurring_share);
  EXPECT_DOUBLE_EQ(*acme->recurring_share, 0.3498);
}

TEST(Revenue, ClientInTwoCurrenciesGetsTwoRows) {
  auto r = compute_revenue(dataset(), params(), PeriodTable::defaults());
  const ClientRow* eur = row_of(r, 3, "EUR");
  const ClientRow* usd = row_of(r, 3, "USD");
  ASSERT_NE(eur, nullptr);
  ASSERT_NE(usd, nullptr);
  EXPECT_EQ(eur->mrr, 10000);  // 3600 / 36
  EXPECT_EQ(eur->arr, 120000);
  EXPECT_EQ(eur->recurring_invoiced, 360000);
  EXPECT_EQ(eur->non_recurring_total, 0);
  EXPECT_DOUBLE_EQ(eur->recurring_share.value(), 1.0);
  EXPECT_EQ(item_ids(*eur), (std::vector<std::int64_t>{121}));
  EXPECT_EQ(usd->mrr, 10000);  // 4800 / 48
  EXPECT_EQ(usd->recurring_invoiced, 0);
  EXPECT_EQ(usd->ad_hoc_total, 25000);
  EXPECT_DOUBLE_EQ(usd->recurring_share.value(), 0.0);
  EXPECT_EQ(item_ids(*usd), (std::vector<std::int64_t>{221}));
}

TEST(Revenue, TotalsPerCurrencyAreSumsOfRows) {
  auto r = compute_revenue(dataset(), params(), PeriodTable::defaults());
  ASSERT_EQ(r.totals.size(), 3u);
  EXPECT_EQ(r.totals[0].currency, "EUR");
  EXPECT_EQ(r.totals[1].currency, "GBP");
  EXPECT_EQ(r.totals[2].currency, "USD");
  const CurrencyTotal* gbp = total_of(r, "GBP");
  // 1658.33 + 708.33 = 2366.66 (the exact sum 2366.666... would print 2366.67: rows win)
  EXPECT_EQ(gbp->mrr, 236666);
  EXPECT_EQ(gbp->arr, 2839992);  // 19899.96 + 8499.96
  EXPECT_EQ(gbp->recurring_invoiced, 195000);   // 1450 + 500
  EXPECT_EQ(gbp->non_recurring_total, 289500);  // 2695 + 100 + 100
  EXPECT_EQ(gbp->project_total, 250000);
  EXPECT_EQ(gbp->ad_hoc_total, 39500);
  EXPECT_DOUBLE_EQ(gbp->recurring_share.value(), 0.4025);  // 1950 / 4845 = 0.40247...
  EXPECT_EQ(gbp->clients, 4);
  const CurrencyTotal* eur = total_of(r, "EUR");
  EXPECT_EQ(eur->mrr, 10000);
  EXPECT_EQ(eur->recurring_invoiced, 360000);
  EXPECT_EQ(eur->clients, 1);
  const CurrencyTotal* usd = total_of(r, "USD");
  EXPECT_EQ(usd->non_recurring_total, 25000);
  EXPECT_EQ(usd->clients, 1);
}

TEST(Revenue, ThirdsAddUpToTheCentInTotals) {
  RevenueInputs in;
  in.default_currency = "GBP";
  for (std::int64_t client : {1, 2, 3}) in.contracts.push_back(contract(client * 10, client, 3, 10000));
  auto r = compute_revenue(in, params(), PeriodTable::defaults());
  ASSERT_EQ(r.clients.size(), 3u);
  for (const auto& row : r.clients) {
    EXPECT_EQ(row.mrr, 833);   // 100.00 / 12 = 8.333...
    EXPECT_EQ(row.arr, 9996);  // 12 x 8.33
    EXPECT_EQ(row.recurring_invoiced, 0);
    EXPECT_FALSE(row.recurring_share.has_value());  // denominator 0
  }
  EXPECT_EQ(r.clients[0].client_id, 1);  // three-way tie ordered by client id
  EXPECT_EQ(r.clients[2].client_id, 3);
  ASSERT_EQ(r.totals.size(), 1u);
  EXPECT_EQ(r.totals[0].mrr, 2499);   // 3 x 8.33, not 25.00
  EXPECT_EQ(r.totals[0].arr, 29988);  // 3 x 99.96
  EXPECT_FALSE(r.totals[0].recurring_share.has_value());
}

TEST(Revenue, WarningsNameUnknownPeriodsAndMissingAmounts) {
  auto r = compute_revenue(dataset(), params(), PeriodTable::defaults());
  ASSERT_EQ(r.warnings.size(), 3u);
  EXPECT_EQ(r.warnings[0].kind, "missing_amount");
  EXPECT_EQ(r.warnings[0].id, 352);
  EXPECT_EQ(r.warnings[0].client_id, 5);
  EXPECT_EQ(r.warnings[1].kind, "unknown_period");
  EXPECT_EQ(r.warnings[1].id, 118);
  EXPECT_EQ(r.warnings[1].client_id, 2);
  EXPECT_NE(r.warnings[1].detail.find("code 5"), std::string::npos) << r.warnings[1].detail;
  EXPECT_EQ(r.warnings[2].kind, "unknown_period");
  EXPECT_EQ(r.warnings[2].id, 213);
  EXPECT_NE(r.warnings[2].detail.find("Fortnightly"), std::string::npos) << r.warnings[2].detail;
}

TEST(Revenue, ConfiguredCodeResolvesAPreviouslyUnknownPeriod) {
  auto table = PeriodTable::defaults().with_overrides("5=yearly");
  ASSERT_TRUE(table);
  auto r = compute_revenue(dataset(), params(), *table);
  // Contract 118 (1000.00 per year) now counts 83.333...: 708.333... + 83.333... = 791.666... -> 791.67
  EXPECT_EQ(row_of(r, 2, "GBP")->mrr, 79167);
  EXPECT_EQ(r.warnings.size(), 2u);
}

TEST(Revenue, UnavailableContractsMakeMrrNullNotZero) {
  auto in = dataset();
  in.contracts.clear();
  in.contracts_failure = SourceFailure{403, "permission", "Halo refused access to contracts."};
  auto r = compute_revenue(in, params(), PeriodTable::defaults());
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_EQ(r.warnings[0].kind, "source_unavailable");
  EXPECT_EQ(r.warnings[0].source, "contracts");
  EXPECT_EQ(r.warnings[0].status, 403);
  for (const auto& row : r.clients) {
    EXPECT_FALSE(row.mrr.has_value());
    EXPECT_FALSE(row.arr.has_value());
    EXPECT_TRUE(row.recurring_invoiced.has_value());
  }
  const ClientRow* acme = row_of(r, 1, "GBP");
  ASSERT_NE(acme, nullptr);
  EXPECT_EQ(acme->recurring_invoiced, 145000);
  EXPECT_FALSE(total_of(r, "GBP")->mrr.has_value());
  EXPECT_EQ(total_of(r, "GBP")->recurring_invoiced, 195000);
}

TEST(Revenue, UnavailableInvoicesMakeInvoicedFiguresNull) {
  auto in = dataset();
  in.invoices.clear();
  in.invoices_failure = SourceFailure{403, "permission", "no invoice access"};
  auto r = compute_revenue(in, params(), PeriodTable::defaults());
  EXPECT_EQ(r.warnings[0].source, "invoices");
  const ClientRow* acme = row_of(r, 1, "GBP");
  ASSERT_NE(acme, nullptr);
  EXPECT_EQ(acme->mrr, 165833);
  EXPECT_FALSE(acme->recurring_invoiced.has_value());
  EXPECT_FALSE(acme->non_recurring_total.has_value());
  EXPECT_FALSE(acme->project_total.has_value());
  EXPECT_FALSE(acme->recurring_share.has_value());
  EXPECT_FALSE(total_of(r, "GBP")->recurring_invoiced.has_value());
  EXPECT_EQ(row_of(r, 4, "GBP"), nullptr);  // no items and no readable invoices
}

TEST(Revenue, UnavailableProjectsNullOnlyTheSplit) {
  auto in = dataset();
  in.project_ticket_ids.clear();
  in.projects_failure = SourceFailure{404, "not_found", "no projects module"};
  auto r = compute_revenue(in, params(), PeriodTable::defaults());
  const ClientRow* acme = row_of(r, 1, "GBP");
  EXPECT_EQ(acme->non_recurring_total, 269500);
  EXPECT_FALSE(acme->project_total.has_value());
  EXPECT_FALSE(acme->ad_hoc_total.has_value());
  EXPECT_DOUBLE_EQ(acme->recurring_share.value(), 0.3498);
  EXPECT_EQ(r.warnings[0].status, 404);
}

TEST(Revenue, EmptyWindowKeepsMrrAndOmitsInvoiceOnlyClients) {
  auto p = params();
  p.start_date = day("2030-01-01");
  p.end_date = day("2030-12-31");
  auto r = compute_revenue(dataset(), p, PeriodTable::defaults());
  std::vector<std::pair<std::int64_t, std::string>> order;
  for (const auto& row : r.clients) order.emplace_back(row.client_id, row.currency);
  std::vector<std::pair<std::int64_t, std::string>> expected = {{1, "GBP"}, {2, "GBP"}, {3, "EUR"}, {3, "USD"}};
  EXPECT_EQ(order, expected);
  EXPECT_EQ(row_of(r, 1, "GBP")->mrr, 165833);
  EXPECT_EQ(row_of(r, 1, "GBP")->recurring_invoiced, 0);
  EXPECT_EQ(row_of(r, 1, "GBP")->non_recurring_total, 0);
  EXPECT_FALSE(row_of(r, 1, "GBP")->recurring_share.has_value());
}

TEST(Revenue, TopKeepsFirstRowsButTotalsCoverEveryone) {
  auto p = params();
  p.top = 2;
  auto r = compute_revenue(dataset(), p, PeriodTable::defaults());
  ASSERT_EQ(r.clients.size(), 2u);
  EXPECT_EQ(r.clients[0].client_id, 1);
  EXPECT_EQ(r.clients[1].client_id, 2);
  EXPECT_EQ(r.clients_before_top, 6);
  EXPECT_EQ(total_of(r, "GBP")->mrr, 236666);
  EXPECT_EQ(total_of(r, "GBP")->clients, 4);
  EXPECT_NE(total_of(r, "USD"), nullptr);
}

TEST(Revenue, ClientFilterKeepsOneClient) {
  auto p = params();
  p.client_id = 3;
  auto r = compute_revenue(dataset(), p, PeriodTable::defaults());
  ASSERT_EQ(r.clients.size(), 2u);
  for (const auto& row : r.clients) EXPECT_EQ(row.client_id, 3);
  EXPECT_EQ(r.totals.size(), 2u);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(Revenue, ClientsNeedingCurrency) {
  auto in = dataset();
  auto p = params();
  // Client 3 is known; 1, 2, 4, 5 have records without a currency that reach the output; 6 has
  // only an inactive contract, 7 a voided invoice, 8 an invoice outside the window.
  EXPECT_EQ(clients_needing_currency(in, p), (std::set<std::int64_t>{1, 2, 4, 5}));
  p.include_all_items = true;
  EXPECT_EQ(clients_needing_currency(in, p), (std::set<std::int64_t>{1, 2, 4, 5, 6}));
  p.client_id = 3;
  EXPECT_TRUE(clients_needing_currency(in, p).empty());
}

TEST(Revenue, CurrencyFallsBackToClientThenDefault) {
  RevenueInputs in;
  in.default_currency = "gbp";
  in.client_currency = {{2, "AUD"}};
  in.invoices.push_back(invoice(1, 1, "2024-02-01", 100));
  in.invoices.push_back(invoice(2, 2, "2024-02-01", 200));
  auto own = invoice(3, 2, "2024-02-01", 300);
  own.currency = " nzd ";
  in.invoices.push_back(own);
  auto r = compute_revenue(in, params(), PeriodTable::defaults());
  ASSERT_NE(row_of(r, 1, "GBP"), nullptr);
  ASSERT_NE(row_of(r, 2, "AUD"), nullptr);
  ASSERT_NE(row_of(r, 2, "NZD"), nullptr);
  EXPECT_EQ(row_of(r, 2, "NZD")->ad_hoc_total, 300);
}

TEST(RevenueOutput, JsonShapeMoneyAndNulls) {
  auto in = dataset();
  in.projects_failure = SourceFailure{403, "permission", "no"};
  auto r = compute_revenue(in, params(), PeriodTable::defaults());
  auto j = revenue_to_json(r);
  EXPECT_EQ(j["as_of"], "2024-06-15");
  EXPECT_EQ(j["start_date"], "2024-01-01");
  EXPECT_EQ(j["end_date"], "2024-06-30");
  const auto& acme = j["clients"][0];
  EXPECT_EQ(acme["client_id"], 1);
  EXPECT_EQ(acme["currency"], "GBP");
  EXPECT_EQ(acme["mrr"].dump(), "1658.33");
  EXPECT_EQ(acme["arr"].dump(), "19899.96");
  EXPECT_EQ(acme["non_recurring_total"].dump(), "2695.0");
  EXPECT_TRUE(acme["project_total"].is_null());
  EXPECT_EQ(acme["recurring_items"][4]["id"], 103);
  EXPECT_EQ(acme["recurring_items"][4]["monthly_value"].dump(), "8.33");
  EXPECT_EQ(acme["recurring_items"][4]["status"], "counted");
  EXPECT_EQ(acme["recurring_items"][4]["kind"], "contract");
  EXPECT_EQ(j["clients"][1]["recurring_items"][4]["status"], "billed_via_recurring_invoice");
  EXPECT_EQ(j["clients"][1]["recurring_items"][4]["billed_via_recurring_invoice_id"], 211);
  EXPECT_EQ(j["clients_total"], 6);
  EXPECT_EQ(j["totals"][1]["currency"], "GBP");
  EXPECT_EQ(j["totals"][1]["mrr"].dump(), "2366.66");
  EXPECT_EQ(j["warnings"][0]["kind"], "source_unavailable");
  EXPECT_EQ(j["warnings"][0]["status"], 403);
  EXPECT_TRUE(j["warnings"][0]["id"].is_null());
}

TEST(RevenueOutput, TextTableHasRowsAndTotals) {
  auto r = compute_revenue(dataset(), params(), PeriodTable::defaults());
  std::string text = revenue_to_text(r);
  EXPECT_NE(text.find("1,658.33"), std::string::npos) << text;
  EXPECT_NE(text.find("19,899.96"), std::string::npos) << text;
  EXPECT_NE(text.find("TOTAL (4 clients)"), std::string::npos) << text;
  EXPECT_NE(text.find("2,366.66"), std::string::npos) << text;
  EXPECT_EQ(format_money(-123456), "-1,234.56");
  EXPECT_EQ(format_money(5), "0.05");
  EXPECT_EQ(format_money(std::nullopt), "n/a");
}

}  // namespace
}  // namespace domain

namespace domain {
namespace {

TEST(Revenue, PeriodCodeSamplesTakeOneUnlabelledRecordPerCodeInScope) {
  RevenueInputs in;
  in.contracts.push_back(contract(1, 1, 5, 100));             // code 5, no label: sampled
  in.contracts.push_back(contract(2, 1, 5, 100));             // the same code: one sample is enough
  in.contracts.push_back(contract(3, 1, 3, 100, "Yearly"));   // its own label: nothing to learn
  in.contracts.push_back(contract(6, 2, std::nullopt, 100));  // no code: nothing to learn from
  in.contracts.push_back(contract(7, 2, 9, 100));             // code 9, client 2
  in.recurring.push_back(recurring(9, 1, 4, 100));            // template code 4
  const auto all = period_code_samples(in, params());
  EXPECT_EQ(all.contracts, (std::map<std::int64_t, std::int64_t>{{5, 1}, {9, 7}}));
  EXPECT_EQ(all.recurring, (std::map<std::int64_t, std::int64_t>{{4, 9}}));
  auto p = params();
  p.client_id = 2;
  EXPECT_EQ(period_code_samples(in, p).contracts, (std::map<std::int64_t, std::int64_t>{{9, 7}}));
  EXPECT_TRUE(period_code_samples(in, p).recurring.empty());
}

}  // namespace
}  // namespace domain

// The human summary of revenue_breakdown (what `halo-psa-mcp call revenue_breakdown` prints on a
// terminal), from hand-built results: the exact layout of a small one, and the default cut to the
// first kTextDefaultRows rows on a big tenant (the caller's own `top` is left alone).
#include "domain/revenue_output.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace domain {
namespace {

Date day(const char* text) { return parse_iso_date(text).value(); }

std::string spaces(std::size_t n) { return std::string(n, ' '); }

RevenueResult empty_result() {
  RevenueResult r;
  r.as_of = day("2025-06-15");
  r.start_date = day("2024-06-16");
  r.end_date = day("2025-06-15");
  return r;
}

ClientRow gbp_row(std::int64_t id, std::string name, Cents mrr, Cents non_recurring) {
  ClientRow row;
  row.client_id = id;
  row.client_name = std::move(name);
  row.currency = "GBP";
  row.mrr = mrr;
  row.arr = 12 * mrr;
  row.recurring_invoiced = 0;
  row.non_recurring_total = non_recurring;
  row.project_total = 0;
  row.ad_hoc_total = non_recurring;
  return row;
}

TEST(RevenueText, ExactLayoutOfASmallResult) {
  RevenueResult r = empty_result();
  ClientRow acme = gbp_row(1, "Acme Ltd", 120000, 150000);
  acme.recurring_invoiced = 130000;
  acme.recurring_share = 0.4643;  // 1300 / 2800
  ClientRow unnamed = gbp_row(7, "", 0, 0);
  unnamed.mrr.reset();  // its source was unavailable: n/a, never 0.00
  unnamed.arr.reset();
  r.clients = {acme, unnamed};
  r.clients_before_top = 2;
  CurrencyTotal total;
  total.currency = "GBP";
  total.mrr = std::nullopt;
  total.arr = std::nullopt;
  total.recurring_invoiced = 130000;
  total.non_recurring_total = 150000;
  total.recurring_share = 0.4643;
  total.clients = 2;
  r.totals = {total};
  r.warnings = {{"unknown_period", 13, 1, "contract 13 has an unknown billing period (code 12); not counted.",
                 "contracts", std::nullopt}};

  // Columns: name 32 left, 2 spaces, currency 4 left, MRR 14 right, ARR 16 right,
  // non-recurring 16 right, share 11 right. Padding counted by hand per cell.
  const std::string expected =
      "Revenue: MRR at 2025-06-15, invoiced 2024-06-16 to 2025-06-15\n"
      // "Client" 6 + 26; "Cur" 3 + 1; "MRR" 11 + 3; "ARR" 13 + 3; "Non-recurring" 3 + 13; "Recurring" 2 + 9
      "Client" + spaces(26) + "  " + "Cur " + spaces(11) + "MRR" + spaces(13) + "ARR" + spaces(3) + "Non-recurring" +
      spaces(2) + "Recurring\n" +
      // "Acme Ltd" 8 + 24; "1,200.00" 6 + 8; "14,400.00" 7 + 9; "1,500.00" 8 + 8; "46.4%" 6 + 5
      "Acme Ltd" + spaces(24) + "  GBP " + spaces(6) + "1,200.00" + spaces(7) + "14,400.00" + spaces(8) + "1,500.00" +
      spaces(6) + "46.4%\n" +
      // "client 7" 8 + 24; "n/a" 11 + 3; "n/a" 13 + 3; "0.00" 12 + 4; share n/a 8 + 3
      "client 7" + spaces(24) + "  GBP " + spaces(11) + "n/a" + spaces(13) + "n/a" + spaces(12) + "0.00" + spaces(8) +
      "n/a\n" +
      // "TOTAL (2 clients)" 17 + 15
      "TOTAL (2 clients)" + spaces(15) + "  GBP " + spaces(11) + "n/a" + spaces(13) + "n/a" + spaces(8) + "1,500.00" +
      spaces(6) + "46.4%\n" +
      "1 warning(s):\n"
      "  - [unknown_period] contract 13 has an unknown billing period (code 12); not counted.\n";
  EXPECT_EQ(revenue_to_text(r), expected);
}

// 20 GBP rows, "Client 01" .. "Client 20", row i with mrr (21 - i) x 10.00 and nothing invoiced.
// Totals by hand: mrr 10.00 x (20 + 19 + ... + 1) = 10.00 x 210 = 2,100.00; arr 12 x that = 25,200.00.
RevenueResult big_tenant(std::optional<int> top) {
  RevenueResult r = empty_result();
  for (int i = 1; i <= 20; ++i) {
    std::string name = std::string("Client ") + (i < 10 ? "0" : "") + std::to_string(i);
    r.clients.push_back(gbp_row(i, name, (21 - i) * 1000, 0));
  }
  r.clients_before_top = 20;
  CurrencyTotal total;
  total.currency = "GBP";
  total.mrr = 210000;
  total.arr = 2520000;
  total.recurring_invoiced = 0;
  total.non_recurring_total = 0;
  total.clients = 20;
  r.totals = {total};
  r.top = top;
  if (top && *top < 20) {  // what compute_revenue does with the caller's top
    r.clients.resize(static_cast<std::size_t>(*top));
  }
  return r;
}

TEST(RevenueText, WithoutTopShowsTheFirstFifteenRowsAndSaysSo) {
  const std::string text = revenue_to_text(big_tenant(std::nullopt));
  EXPECT_NE(text.find("Client 01"), std::string::npos) << text;
  EXPECT_NE(text.find("Client 15"), std::string::npos) << text;
  EXPECT_EQ(text.find("Client 16"), std::string::npos) << text;
  EXPECT_EQ(text.find("Client 20"), std::string::npos) << text;
  EXPECT_NE(text.find("\n(top 15 of 20 rows shown; totals cover all)\n"), std::string::npos) << text;
  // Totals still cover all 20 rows.
  EXPECT_NE(text.find("TOTAL (20 clients)"), std::string::npos) << text;
  EXPECT_NE(text.find("2,100.00"), std::string::npos) << text;
  EXPECT_NE(text.find("25,200.00"), std::string::npos) << text;
  // 1 heading + 1 column header + 15 rows + 1 note + 1 total = 19 lines.
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 19) << text;
}

TEST(RevenueText, TheCallersTopIsShownInFull) {
  std::string text = revenue_to_text(big_tenant(20));
  EXPECT_NE(text.find("Client 20"), std::string::npos) << text;
  EXPECT_EQ(text.find("rows shown"), std::string::npos) << text;

  text = revenue_to_text(big_tenant(5));
  EXPECT_NE(text.find("Client 05"), std::string::npos) << text;
  EXPECT_EQ(text.find("Client 06"), std::string::npos) << text;
  EXPECT_NE(text.find("(top 5 of 20 rows shown; totals cover all)"), std::string::npos) << text;
}

TEST(RevenueText, FewRowsWithoutTopAreAllShown) {
  RevenueResult r = big_tenant(std::nullopt);
  r.clients.resize(15);
  r.clients_before_top = 15;
  const std::string text = revenue_to_text(r);
  EXPECT_NE(text.find("Client 15"), std::string::npos) << text;
  EXPECT_EQ(text.find("rows shown"), std::string::npos) << text;

  RevenueResult none = empty_result();
  EXPECT_NE(revenue_to_text(none).find("(no client has recurring items or invoices in the window)"), std::string::npos);
}

}  // namespace
}  // namespace domain

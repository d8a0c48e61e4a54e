// The newest-first invoice scan: early stop at the window start, distrust of an unsorted server,
// and the page estimate that keeps requests to the minimum.
#include "domain/revenue_invoice_scan.hpp"

#include <gtest/gtest.h>

namespace domain {
namespace {

Date day(const char* text) { return parse_iso_date(text).value(); }

TEST(InvoiceScan, StopsAfterThePageThatCrossesTheStart) {
  InvoiceScan scan(day("2024-01-01"));
  scan.add(day("2024-06-30"));
  scan.add(day("2024-04-01"));
  scan.end_page();
  EXPECT_FALSE(scan.past_start());
  scan.add(day("2024-01-01"));  // on the start day: still inside
  scan.end_page();
  EXPECT_FALSE(scan.past_start());
  EXPECT_GE(scan.pages_wanted(), 1);
  scan.add(day("2023-12-31"));
  scan.end_page();
  EXPECT_TRUE(scan.past_start());
  EXPECT_EQ(scan.pages_wanted(), 0);
}

TEST(InvoiceScan, EstimatesPagesFromDateDensity) {
  InvoiceScan scan(day("2024-01-01"));
  // Page 1 covers 2024-06-30 .. 2024-06-01: 29 days per page. 152 days remain to 2024-01-01:
  // floor(152 / 29) + 1 = 6 more pages.
  scan.add(day("2024-06-30"));
  scan.add(day("2024-06-01"));
  scan.end_page();
  EXPECT_EQ(scan.pages_wanted(), 6);
  // Page 2 reaches 2024-05-01: 60 days over 2 pages; 121 days left: floor(121 * 2 / 60) + 1 = 5.
  scan.add(day("2024-05-31"));
  scan.add(day("2024-05-01"));
  scan.end_page();
  EXPECT_EQ(scan.pages_wanted(), 5);
}

TEST(InvoiceScan, SameDayPagesAskOneAtATime) {
  InvoiceScan scan(day("2024-01-01"));
  scan.add(day("2024-06-30"));
  scan.add(day("2024-06-30"));
  scan.end_page();
  EXPECT_EQ(scan.pages_wanted(), 1);
}

TEST(InvoiceScan, UnsortedServerMeansReadEverything) {
  InvoiceScan scan(day("2024-01-01"));
  scan.add(day("2024-03-01"));
  scan.add(day("2023-01-01"));  // before the start...
  scan.add(day("2024-05-01"));  // ...but the dates go up: the order is not honoured
  scan.end_page();
  EXPECT_TRUE(scan.order_broken());
  EXPECT_FALSE(scan.past_start());
  EXPECT_GT(scan.pages_wanted(), 1000);
}

TEST(InvoiceScan, UndatedInvoicesSortLast) {
  InvoiceScan scan(day("2024-01-01"));
  scan.add(day("2024-03-01"));
  scan.add(std::nullopt);
  scan.end_page();
  EXPECT_TRUE(scan.past_start());
  InvoiceScan broken(day("2024-01-01"));
  broken.add(std::nullopt);
  broken.add(day("2024-03-01"));
  broken.end_page();
  EXPECT_TRUE(broken.order_broken());
}

}  // namespace
}  // namespace domain

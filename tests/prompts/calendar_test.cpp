// The periods prompts hand the model, worked out by hand from a calendar.
#include "prompts/calendar.hpp"

#include <gtest/gtest.h>

namespace {

using namespace std::chrono;
using prompts::Period;

std::string text(const Period& p) { return domain::format_date(p.first) + ".." + domain::format_date(p.last); }

TEST(PromptCalendar, MonthsParseOnlyAsYearDashTwoDigitMonth) {
  EXPECT_EQ(prompts::parse_month("2026-11"), year{2026} / November);
  EXPECT_EQ(prompts::parse_month("2026-01"), year{2026} / January);
  for (const char* bad : {"2026-13", "2026-00", "2026-1", "26-11", "2026/11", "2026-+1", "2026-11-01", ""}) {
    EXPECT_FALSE(prompts::parse_month(bad)) << bad;
  }
}

TEST(PromptCalendar, MonthPeriodEndsOnItsLastDayLeapYearsIncluded) {
  EXPECT_EQ(text(prompts::month_period(year{2024} / February)), "2024-02-01..2024-02-29");  // 2024 is a leap year
  EXPECT_EQ(text(prompts::month_period(year{2025} / February)), "2025-02-01..2025-02-28");
  EXPECT_EQ(prompts::month_name(year{2026} / November), "November 2026");
  EXPECT_EQ(prompts::format_month(year{2026} / March), "2026-03");
}

TEST(PromptCalendar, QuartersRunJanuaryAprilJulyOctober) {
  EXPECT_EQ(text(prompts::quarter_of(year{2026} / December / 4)), "2026-10-01..2026-12-31");
  EXPECT_EQ(text(prompts::quarter_of(year{2025} / June / 30)), "2025-04-01..2025-06-30");
  EXPECT_EQ(text(prompts::quarter_of(year{2025} / July / 1)), "2025-07-01..2025-09-30");
  EXPECT_EQ(prompts::quarter_name(year{2025} / February / 14), "2025-Q1");
  ASSERT_TRUE(prompts::parse_quarter("2026-Q1"));
  EXPECT_EQ(text(*prompts::parse_quarter("2026-Q1")), "2026-01-01..2026-03-31");
  for (const char* bad : {"2026-Q5", "2026-Q0", "2026Q1", "2026-1", "2026-Q1x"}) EXPECT_FALSE(prompts::parse_quarter(bad)) << bad;
}

TEST(PromptCalendar, LastFullWeekIsMondayToSundayBeforeTodaysWeek) {
  // 2026-12-04 is a Friday: its week began Monday 30 November, so the last full week is
  // Monday 23 to Sunday 29 November.
  EXPECT_EQ(text(prompts::last_full_week(year{2026} / December / 4)), "2026-11-23..2026-11-29");
  // On a Monday (2025-06-30) the week before is complete: 23 to 29 June.
  EXPECT_EQ(text(prompts::last_full_week(year{2025} / June / 30)), "2025-06-23..2025-06-29");
  // On a Sunday (2025-06-29) today's week is not over: still 16 to 22 June.
  EXPECT_EQ(text(prompts::last_full_week(year{2025} / June / 29)), "2025-06-16..2025-06-22");
}

TEST(PromptCalendar, DaysBetweenCountsWholeDays) {
  EXPECT_EQ(prompts::days_between(year{2026} / December / 4, year{2026} / December / 31), 27);  // 31 - 4
  EXPECT_EQ(prompts::days_between(year{2025} / July / 1, year{2025} / September / 30), 91);     // 30 + 31 + 30
  EXPECT_EQ(prompts::days_between(year{2025} / July / 2, year{2025} / July / 1), -1);
}

}  // namespace

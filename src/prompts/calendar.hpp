// The periods prompts speak in (a month, an ISO week, a quarter), worked out from today in the
// MSP's time zone so a prompt hands the model exact dates instead of "last month".
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/revenue_dates.hpp"

namespace prompts {

using domain::Date;

struct Period {
  Date first;
  Date last;  ///< inclusive
};

/// "2026-11" -> November 2026; nothing for anything else.
[[nodiscard]] std::optional<std::chrono::year_month> parse_month(std::string_view text);
/// "2026-Q4" -> October to December 2026; nothing for anything else.
[[nodiscard]] std::optional<Period> parse_quarter(std::string_view text);

[[nodiscard]] Period month_period(std::chrono::year_month month);
[[nodiscard]] Period quarter_of(Date day);
/// Monday to Sunday of the last full ISO week before `today` (today's week is not over).
[[nodiscard]] Period last_full_week(Date today);

[[nodiscard]] std::string format_month(std::chrono::year_month month);    ///< "2026-11"
[[nodiscard]] std::string month_name(std::chrono::year_month month);      ///< "November 2026"
[[nodiscard]] std::string quarter_name(Date day);                         ///< "2026-Q4"
/// Whole days from `from` to `to` (negative when `to` is earlier).
[[nodiscard]] int days_between(Date from, Date to);

}  // namespace prompts

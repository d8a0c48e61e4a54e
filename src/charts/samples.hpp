// Realistic charts, shaped like the ones the tools draw, for the tests and the benchmark (one
// definition, so both measure the same thing).
#pragma once
#include <string>
#include <vector>

#include "charts/chart.hpp"

namespace charts::samples {

/// 30 clients with long names (some past 24 characters), horizontal, four stacked series
/// (receivables by age), two values unknown.
[[nodiscard]] Chart clients_stacked();
/// 12 months, two panels: an MRR line above, new and churned MRR bars (churn negative) below,
/// one month's MRR unknown.
[[nodiscard]] Chart mrr_trend();
/// 31 days of November 2026, tickets opened and closed side by side, one day unknown.
[[nodiscard]] Chart daily_tickets();

/// "2024-01", "2024-02", ... count months from January of first_year.
[[nodiscard]] std::vector<std::string> month_labels(int first_year, int count);
/// "2026-11-01", ... for the `days` days of that month.
[[nodiscard]] std::vector<std::string> day_labels(int year, int month, int days);
/// The 30 client names of clients_stacked().
[[nodiscard]] const std::vector<std::string>& client_names();

}  // namespace charts::samples

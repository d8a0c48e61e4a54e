// The revenue result as the tool prints it: structuredContent JSON (shape in shared
// docs/revenue-rules.md "Output") and a plain-text table for people at a terminal.
// Money is printed as a JSON number of currency units with at most two decimals (1234.5 for
// 123450 cents); a figure whose source was unavailable is null, never 0.
#pragma once
#include <cstddef>
#include <optional>
#include <string>

#include "domain/revenue_types.hpp"
#include "util/json.hpp"

namespace domain {

/// Cents -> 1234.56 (null when absent).
util::Json money_json(std::optional<Cents> cents);

/// Everything except "sources", which the tool adds (it knows the requests made).
util::Json revenue_to_json(const RevenueResult& result);

/// Rows the text summary shows when the caller gave no `top`: every row of a big tenant does not
/// fit a terminal. The JSON is not affected.
inline constexpr std::size_t kTextDefaultRows = 15;

/// A fixed-width table: client, currency, MRR, ARR, non-recurring, recurring share (the first
/// result.top rows, or kTextDefaultRows when no top was given, with a line saying how many of how
/// many are shown); then totals per currency over every row, and the warnings.
std::string revenue_to_text(const RevenueResult& result);

/// 1234567 cents -> "12,345.67"; nullopt -> "n/a".
std::string format_money(std::optional<Cents> cents);

}  // namespace domain

// The revenue result as the tool prints it: structuredContent JSON (shape in shared
// docs/revenue-rules.md "Output") and a plain-text table for people at a terminal.
// Money is printed as a JSON number of currency units with at most two decimals (1234.5 for
// 123450 cents); a figure whose source was unavailable is null, never 0.
#pragma once
#include <optional>
#include <string>

#include "domain/revenue_types.hpp"
#include "util/json.hpp"

namespace domain {

/// Cents -> 1234.56 (null when absent).
util::Json money_json(std::optional<Cents> cents);

/// Everything except "sources", which the tool adds (it knows the requests made).
util::Json revenue_to_json(const RevenueResult& result);

/// A fixed-width table: client, currency, MRR, ARR, non-recurring, recurring share; then totals
/// per currency and a count of warnings.
std::string revenue_to_text(const RevenueResult& result);

/// 1234567 cents -> "12,345.67"; nullopt -> "n/a".
std::string format_money(std::optional<Cents> cents);

}  // namespace domain

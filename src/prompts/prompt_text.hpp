// Wording every prompt shares: how a step names its tool call, and how to read the figures.
#pragma once
#include <string>
#include <string_view>

#include "util/json.hpp"

namespace prompts {

/// "`revenue_breakdown` {"end_date":"2026-11-30"}": the exact call, so the model need not guess.
[[nodiscard]] std::string tool_call(std::string_view tool, const util::Json& arguments);

/// Warnings, currencies, nulls and sources: what to be careful about with any of these figures.
[[nodiscard]] std::string_view reading_rules();

}  // namespace prompts

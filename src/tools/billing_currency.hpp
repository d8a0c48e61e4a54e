// The currency of invoices and recurring invoices, decided the way revenue_breakdown decides it
// (domain/currency.hpp): the record's own code or unambiguous symbol, else its client's
// currencyisocode (which also tells a "$" apart), else the configured default. So list_invoices
// cannot say GBP where revenue_breakdown says USD, and never shows a symbol as a currency.
//
// Cost: Halo's invoice records normally name their currency, so nothing extra is read. Only for
// the records of this page that name none is the client read: one GET Client/{id} per distinct
// client, through the response cache, at most kMaxCurrencyClientLookups per call. Where the
// currency cannot be established (the client could not be read, or more clients than the bound)
// the item says null instead of guessing: a wrong currency beside an amount misleads more than a
// missing one, and the output schema describes the null.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "halo/client.hpp"
#include "mcp/tool.hpp"
#include "tools/tool_def.hpp"
#include "util/json.hpp"

namespace tools {

inline constexpr std::size_t kMaxCurrencyClientLookups = 10;

/// Fills "currency" of each projected item whose currency is null or "$"
/// in `items`, which is an array of items or a single item. `full` records are not touched (the
/// caller skips them: they are Halo's own).
void complete_currencies(halo::Client& client, util::Json& items, const std::string& default_currency,
                         const halo::CallOptions& options);

/// complete_currencies() over a tool's successful result ({items} or {item}); errors and
/// `full: true` results are returned as they are.
[[nodiscard]] mcp::ToolOutcome with_currencies(ToolCall& call, mcp::ToolOutcome outcome);

}  // namespace tools

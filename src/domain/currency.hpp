// Which currency a billing record is in. Halo's invoices and recurring invoices carry `currency`,
// which on some tenants is a symbol (£, $, €) rather than an ISO code, while clients carry
// `currencyisocode`. Amounts are grouped and totalled per currency, so a symbol must never become
// a currency of its own (a client's revenue split into a GBP row and a £ row): every record is
// decided to an ISO code by one rule, used by revenue_breakdown and the billing tools alike:
//   1. the record's own ISO code, or a symbol that names one currency (£ GBP, € EUR, ₹ INR, A$ AUD…);
//   2. "$", shared by several currencies: the client's code when it is a dollar currency, else the
//      configured default when that is one, else USD;
//   3. nothing (or text that is neither): the client's code, else the configured default.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace domain {

/// The ISO code the record's own `currency` decides on its own (rule 1); nullopt when the client is
/// needed (empty, "$", or unreadable text).
[[nodiscard]] std::optional<std::string> own_currency(std::string_view record_currency);

/// The record's currency by the three rules. `client_iso` and `default_iso` may be empty.
[[nodiscard]] std::string decide_currency(std::string_view record_currency, std::string_view client_iso,
                                          std::string_view default_iso);

/// USD, CAD, AUD, NZD, HKD, SGD: the currencies a bare "$" may mean.
[[nodiscard]] bool is_dollar_currency(std::string_view iso);

}  // namespace domain

// Deciding a record's currency (see currency.hpp).
#include "domain/currency.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "domain/money.hpp"

namespace domain {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kSymbols{{
    {"£", "GBP"}, {"€", "EUR"}, {"₹", "INR"}, {"US$", "USD"}, {"A$", "AUD"}, {"AU$", "AUD"},
    {"C$", "CAD"}, {"CA$", "CAD"}, {"NZ$", "NZD"}, {"HK$", "HKD"}, {"S$", "SGD"},
}};

bool is_iso_code(std::string_view code) {
  return code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

bool is_dollar_currency(std::string_view iso) {
  for (std::string_view d : {"USD", "CAD", "AUD", "NZD", "HKD", "SGD"}) {
    if (iso == d) return true;
  }
  return false;
}

std::optional<std::string> own_currency(std::string_view record_currency) {
  const std::string code = normalize_currency(record_currency);
  if (is_iso_code(code)) return code;
  for (const auto& [symbol, iso] : kSymbols) {
    if (code == normalize_currency(symbol)) return std::string(iso);
  }
  return std::nullopt;
}

std::string decide_currency(std::string_view record_currency, std::string_view client_iso,
                            std::string_view default_iso) {
  if (auto own = own_currency(record_currency)) return *own;
  const std::string client = normalize_currency(client_iso);
  const std::string fallback = normalize_currency(default_iso);
  if (normalize_currency(record_currency) == "$") {
    if (is_dollar_currency(client)) return client;
    if (is_dollar_currency(fallback)) return fallback;
    return "USD";
  }
  return client.empty() ? fallback : client;
}

}  // namespace domain

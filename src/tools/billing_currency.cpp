// Rule 11 currencies for invoice and recurring-invoice items (see billing_currency.hpp).
#include "tools/billing_currency.hpp"

#include <map>
#include <optional>
#include <vector>

#include "domain/currency.hpp"
#include "domain/revenue_parse.hpp"
#include "tools/list_flows.hpp"
#include "tools/tool_args.hpp"
#include "tools/tool_deps.hpp"

namespace tools {

namespace {

std::optional<std::int64_t> client_of(const util::Json& item) {
  auto id = item.find("client_id");
  if (id == item.end() || !id->is_number_integer() || id->get<std::int64_t>() <= 0) return std::nullopt;
  return id->get<std::int64_t>();
}

/// An item whose currency its client decides: none named, or a bare "$".
bool needs_currency(const util::Json& item) {
  if (!item.is_object()) return false;
  auto currency = item.find("currency");
  return currency != item.end() && (currency->is_null() || *currency == "$");
}

}  // namespace

void complete_currencies(halo::Client& client, util::Json& items, const std::string& default_currency,
                         const halo::CallOptions& options) {
  std::vector<util::Json*> pending;
  if (items.is_array()) {
    for (auto& item : items) {
      if (needs_currency(item)) pending.push_back(&item);
    }
  } else if (needs_currency(items)) {
    pending.push_back(&items);
  }
  if (pending.empty()) return;

  // Client id -> its currencyisocode ("" when it names none); nullopt: it could not be read.
  std::map<std::int64_t, std::optional<std::string>> by_client;
  halo::FetchStats cost;
  for (util::Json* item : pending) {
    const auto id = client_of(*item);
    if (!id || by_client.count(*id) != 0) continue;
    if (by_client.size() >= kMaxCurrencyClientLookups) continue;  // bounded cost: left undecided
    auto doc = client.get_cacheable("Client/" + std::to_string(*id), {}, options, cost);
    if (!doc) {
      // No such client: nothing names a currency, so the default applies (as in revenue_breakdown).
      by_client[*id] = doc.error().kind == util::ErrorKind::kNotFound ? std::optional<std::string>("")
                                                                      : std::nullopt;
      continue;
    }
    auto named = domain::parse_client_currency(doc->root());
    by_client[*id] = named ? named->second : std::string();
  }
  for (util::Json* item : pending) {
    const std::string raw = (*item)["currency"].is_string() ? (*item)["currency"].get<std::string>() : "";
    std::optional<std::string> client_iso;
    if (auto id = client_of(*item); !id) {
      client_iso = "";
    } else if (auto it = by_client.find(*id); it != by_client.end()) {
      client_iso = it->second;
    }
    if (client_iso) {
      (*item)["currency"] = domain::decide_currency(raw, *client_iso, default_currency);
    } else if (raw == "$") {
      // The client could not be read, but a symbol is never shown as a currency.
      (*item)["currency"] = domain::decide_currency(raw, "", default_currency);
    }
  }
}

mcp::ToolOutcome with_currencies(ToolCall& call, mcp::ToolOutcome outcome) {
  if (outcome.is_error || call.args.flag("full") || !outcome.structured.is_object()) return outcome;
  for (const char* key : {"items", "item"}) {
    if (auto it = outcome.structured.find(key); it != outcome.structured.end()) {
      complete_currencies(call.deps.client, *it, call.deps.default_currency, call_options(call.context));
    }
  }
  return outcome;
}

}  // namespace tools

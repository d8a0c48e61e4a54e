// Rule 11 currencies for invoice and recurring-invoice items (see billing_currency.hpp).
#include "tools/billing_currency.hpp"

#include <map>
#include <optional>
#include <vector>

#include "domain/projection_billing.hpp"
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

bool needs_currency(const util::Json& item) {
  if (!item.is_object()) return false;
  auto currency = item.find("currency");
  return currency != item.end() && currency->is_null() && client_of(item).has_value();
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

  const std::string fallback = domain::normalize_currency(default_currency);
  std::map<std::int64_t, std::optional<std::string>> by_client;  // nullopt: could not be read
  halo::FetchStats cost;
  for (util::Json* item : pending) {
    const std::int64_t id = *client_of(*item);
    if (by_client.count(id) != 0) continue;
    if (by_client.size() >= kMaxCurrencyClientLookups) continue;  // left null: bounded cost
    auto doc = client.get_cacheable("Client/" + std::to_string(id), {}, options, cost);
    if (!doc) {
      // No such client: nothing names a currency, so the default applies (as in revenue_breakdown).
      if (doc.error().kind == util::ErrorKind::kNotFound) {
        by_client[id] = fallback;
      } else {
        by_client[id] = std::nullopt;
      }
      continue;
    }
    auto named = domain::parse_client_currency(doc->root());
    by_client[id] = named ? domain::normalize_currency(named->second) : fallback;
  }
  for (util::Json* item : pending) {
    auto it = by_client.find(*client_of(*item));
    if (it == by_client.end() || !it->second || it->second->empty()) continue;
    (*item)["currency"] = *it->second;
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

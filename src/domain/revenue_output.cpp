// Printing the revenue result (see revenue_output.hpp).
#include "domain/revenue_output.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace domain {

util::Json money_json(std::optional<Cents> cents) {
  if (!cents) return nullptr;
  return to_double(*cents);
}

namespace {

util::Json share_json(std::optional<double> share) {
  if (!share) return nullptr;
  return *share;
}

util::Json item_json(const RecurringItem& item) {
  util::Json j;
  j["kind"] = to_string(item.kind);
  j["id"] = item.id;
  j["ref"] = item.ref;
  j["period"] = item.period ? util::Json(*item.period) : util::Json(nullptr);
  j["amount"] = money_json(item.amount);
  j["monthly_value"] = to_double(item.monthly_value);
  j["status"] = to_string(item.status);
  if (!item.reason.empty()) j["reason"] = item.reason;
  if (item.billed_via > 0) j["billed_via_recurring_invoice_id"] = item.billed_via;
  if (item.contract_id > 0) j["contract_id"] = item.contract_id;
  return j;
}

std::string pad(std::string s, std::size_t width, bool right) {
  if (s.size() >= width) return s;
  std::string fill(width - s.size(), ' ');
  return right ? fill + s : s + fill;
}

std::string share_text(std::optional<double> share) {
  if (!share) return "n/a";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", *share * 100.0);
  return buffer;
}

}  // namespace

std::string format_money(std::optional<Cents> cents) {
  if (!cents) return "n/a";
  Cents value = *cents;
  bool negative = value < 0;
  unsigned long long magnitude = negative ? 0ULL - static_cast<unsigned long long>(value) : static_cast<unsigned long long>(value);
  std::string whole = std::to_string(magnitude / 100);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i != 0 && (whole.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(whole[i]);
  }
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%02llu", magnitude % 100);
  return (negative ? "-" : "") + grouped + fraction;
}

/// The figures a client row and a currency total share, in the order the output shows them.
template <class Figures>
void put_figures(util::Json& out, const Figures& f) {
  out["mrr"] = money_json(f.mrr);
  out["arr"] = money_json(f.arr);
  out["recurring_invoiced"] = money_json(f.recurring_invoiced);
  out["non_recurring_total"] = money_json(f.non_recurring_total);
  out["project_total"] = money_json(f.project_total);
  out["ad_hoc_total"] = money_json(f.ad_hoc_total);
  out["recurring_share"] = share_json(f.recurring_share);
}

util::Json revenue_to_json(const RevenueResult& result) {
  util::Json out;
  out["as_of"] = format_date(result.as_of);
  out["start_date"] = format_date(result.start_date);
  out["end_date"] = format_date(result.end_date);
  util::Json clients = util::Json::array();
  for (const auto& row : result.clients) {
    util::Json r;
    r["client_id"] = row.client_id;
    r["client_name"] = row.client_name;
    r["currency"] = row.currency;
    put_figures(r, row);
    util::Json items = util::Json::array();
    for (const auto& item : row.recurring_items) items.push_back(item_json(item));
    r["recurring_items"] = std::move(items);
    clients.push_back(std::move(r));
  }
  out["clients"] = std::move(clients);
  out["clients_total"] = result.clients_before_top;
  util::Json totals = util::Json::array();
  for (const auto& t : result.totals) {
    util::Json j;
    j["currency"] = t.currency;
    put_figures(j, t);
    j["clients"] = t.clients;
    totals.push_back(std::move(j));
  }
  out["totals"] = std::move(totals);
  util::Json warnings = util::Json::array();
  for (const auto& w : result.warnings) {
    util::Json j;
    j["kind"] = w.kind;
    j["id"] = w.id ? util::Json(*w.id) : util::Json(nullptr);
    j["client_id"] = w.client_id ? util::Json(*w.client_id) : util::Json(nullptr);
    j["detail"] = w.detail;
    if (!w.source.empty()) j["source"] = w.source;
    if (w.status && *w.status != 0) j["status"] = *w.status;
    warnings.push_back(std::move(j));
  }
  out["warnings"] = std::move(warnings);
  return out;
}

std::string revenue_to_text(const RevenueResult& result) {
  std::string out = "Revenue: MRR at " + format_date(result.as_of) + ", invoiced " + format_date(result.start_date) +
                    " to " + format_date(result.end_date) + "\n";
  const std::size_t name_width = 32;
  auto line = [&](const std::string& name, const std::string& currency, const std::string& mrr, const std::string& arr,
                  const std::string& non_recurring, const std::string& share) {
    std::string n = name.size() > name_width ? name.substr(0, name_width - 1) + "~" : name;
    out += pad(n, name_width, false) + "  " + pad(currency, 4, false) + pad(mrr, 14, true) + pad(arr, 16, true) +
           pad(non_recurring, 16, true) + pad(share, 11, true) + "\n";
  };
  line("Client", "Cur", "MRR", "ARR", "Non-recurring", "Recurring");
  // The caller's top was applied by the rules already; without one, a terminal gets the first few.
  const std::size_t shown = result.top ? result.clients.size() : std::min(result.clients.size(), kTextDefaultRows);
  for (std::size_t i = 0; i < shown; ++i) {
    const ClientRow& row = result.clients[i];
    std::string name = row.client_name.empty() ? "client " + std::to_string(row.client_id) : row.client_name;
    line(name, row.currency, format_money(row.mrr), format_money(row.arr), format_money(row.non_recurring_total),
         share_text(row.recurring_share));
  }
  if (result.clients.empty()) out += "(no client has recurring items or invoices in the window)\n";
  const std::size_t rows = std::max(result.clients.size(), static_cast<std::size_t>(std::max(result.clients_before_top, 0)));
  if (shown < rows) {
    out += "(top " + std::to_string(shown) + " of " + std::to_string(rows) + " rows shown; totals cover all)\n";
  }
  for (const auto& t : result.totals) {
    line("TOTAL (" + std::to_string(t.clients) + " clients)", t.currency, format_money(t.mrr), format_money(t.arr),
         format_money(t.non_recurring_total), share_text(t.recurring_share));
  }
  if (!result.warnings.empty()) {
    out += std::to_string(result.warnings.size()) + " warning(s):\n";
    for (const auto& w : result.warnings) out += "  - [" + w.kind + "] " + w.detail + "\n";
  }
  return out;
}

}  // namespace domain

// contract_renewals' rules (see recurring_renewals.hpp).
#include "domain/recurring_renewals.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "domain/recurring_items.hpp"

namespace domain {
namespace {

std::optional<Date> earlier(const std::optional<Date>& a, const std::optional<Date>& b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

std::string month_of(Date d) { return format_date(d).substr(0, 7); }

}  // namespace

std::optional<RevenueWarning> source_warning(const std::optional<SourceFailure>& failure, const char* source,
                                             std::optional<std::int64_t> client_id, const std::string& affects) {
  if (!failure) return std::nullopt;
  RevenueWarning w;
  w.kind = "source_unavailable";
  w.source = source;
  if (failure->http_status != 0) w.status = failure->http_status;
  w.client_id = client_id;
  w.detail = std::string(source) + " could not be read (" + failure->error_kind + "): " + failure->message + " " + affects;
  return w;
}

RenewalsResult compute_renewals(const RevenueInputs& in, const RenewalParams& params, const PeriodTable& periods) {
  RenewalsResult result;
  result.as_of = params.as_of;
  result.days = params.days;
  result.until = Date{std::chrono::sys_days(params.as_of) + std::chrono::days(params.days)};
  const bool values_known = !in.contracts_failure && !in.recurring_failure;
  const std::string affects = "Items from it are missing and mrr_at_risk is null.";
  for (auto w : {source_warning(in.contracts_failure, "contracts", params.client_id, affects),
                 source_warning(in.recurring_failure, "recurring_invoices", params.client_id, affects)}) {
    if (w) result.warnings.push_back(std::move(*w));
  }

  std::vector<ItemAtDate> at = recurring_items_at(in, params.as_of, params.client_id, periods);
  // Rule 4: a template that bills a counting contract is listed as that contract, not twice.
  std::unordered_map<std::int64_t, const ItemAtDate*> template_by_id;
  std::unordered_set<std::int64_t> billing_templates;
  for (const auto& a : at) {
    if (a.item.kind == ItemKind::kRecurringInvoice) template_by_id.emplace(a.item.id, &a);
    if (a.item.status == ItemStatus::kBilledViaRecurringInvoice) billing_templates.insert(a.item.billed_via);
  }

  std::vector<RevenueWarning> item_warnings;
  for (const auto& a : at) {
    const RecurringItem& item = a.item;
    if (item.status == ItemStatus::kInactive) continue;
    if (item.kind == ItemKind::kRecurringInvoice && billing_templates.count(item.id) != 0) continue;
    const ItemAtDate* valued = &a;  // the record whose period and amount give the value
    std::optional<Date> end = a.end_date;
    if (item.status == ItemStatus::kBilledViaRecurringInvoice) {
      auto t = template_by_id.find(item.billed_via);
      if (t == template_by_id.end()) continue;  // a template out of the client filter: cannot happen in one client
      valued = t->second;
      end = earlier(a.end_date, valued->end_date);
    }
    if (!end || *end < params.as_of || *end > result.until) continue;  // no end date: never at risk
    RenewalItem r;
    r.kind = item.kind;
    r.id = item.id;
    r.ref = item.ref;
    r.client_id = a.client_id;
    r.client_name = a.client_name.empty() ? valued->client_name : a.client_name;
    r.currency = valued->currency;
    r.end_date = *end;
    r.days_left = static_cast<int>((std::chrono::sys_days(*end) - std::chrono::sys_days(params.as_of)).count());
    r.billing_period = valued->item.period;
    if (valued->item.status == ItemStatus::kCounted) r.monthly_value = valued->item.monthly_value;
    r.billed_via = item.billed_via;
    if (valued->warning) item_warnings.push_back(*valued->warning);
    result.items.push_back(std::move(r));
  }
  std::sort(result.items.begin(), result.items.end(), [](const RenewalItem& a, const RenewalItem& b) {
    return std::make_tuple(a.end_date, a.id, static_cast<int>(a.kind)) <
           std::make_tuple(b.end_date, b.id, static_cast<int>(b.kind));
  });
  std::sort(item_warnings.begin(), item_warnings.end(), [](const RevenueWarning& a, const RevenueWarning& b) {
    return std::make_tuple(a.kind, a.source, a.client_id.value_or(0), a.id.value_or(0)) <
           std::make_tuple(b.kind, b.source, b.client_id.value_or(0), b.id.value_or(0));
  });
  result.warnings.insert(result.warnings.end(), item_warnings.begin(), item_warnings.end());

  // Totals and months are sums of the listed items' values, so they add up to the cent.
  std::map<std::string, RenewalTotal> totals;
  std::map<std::pair<std::string, std::string>, RenewalMonth> months;
  for (const auto& r : result.items) {
    RenewalTotal& t = totals[r.currency];
    t.currency = r.currency;
    ++t.items;
    if (!r.monthly_value) ++t.items_without_value;
    if (values_known) t.mrr_at_risk = t.mrr_at_risk.value_or(0) + r.monthly_value.value_or(0);
    RenewalMonth& m = months[{month_of(r.end_date), r.currency}];
    m.month = month_of(r.end_date);
    m.currency = r.currency;
    ++m.items;
    if (!r.monthly_value) ++m.items_without_value;
    if (values_known) m.mrr = m.mrr.value_or(0) + r.monthly_value.value_or(0);
  }
  for (auto& [c, t] : totals) result.totals.push_back(std::move(t));
  for (auto& [k, m] : months) result.by_month.push_back(std::move(m));
  return result;
}

}  // namespace domain

// mrr_trend's rules (see recurring_trend.hpp).
#include "domain/recurring_trend.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "domain/recurring_items.hpp"
#include "domain/recurring_renewals.hpp"

namespace domain {
namespace {

using std::chrono::year_month;

std::string month_text(year_month m) { return format_date(Date{m / std::chrono::day{1}}).substr(0, 7); }

// What counts at one day: item (kind, id) -> its currency and rounded monthly value.
using ItemKey = std::pair<int, std::int64_t>;
struct Counted {
  std::string currency;
  Cents value = 0;
};
using Standing = std::map<ItemKey, Counted>;

year_month first_month(const TrendParams& p) { return p.end_month - std::chrono::months(p.months - 1); }

}  // namespace

Date measuring_day(year_month m, Date today) {
  if (m == today.year() / today.month()) return today;
  return Date{m / std::chrono::last};
}

Date trend_first_day(const TrendParams& p) { return Date{first_month(p) / std::chrono::day{1}}; }
Date trend_last_day(const TrendParams& p) { return measuring_day(p.end_month, p.today); }

TrendResult compute_mrr_trend(const RevenueInputs& in, const TrendParams& params, const PeriodTable& periods) {
  TrendResult result;
  const year_month first = first_month(params);
  result.start_month = month_text(first);
  result.end_month = month_text(params.end_month);
  const bool mrr_known = !in.contracts_failure && !in.recurring_failure;
  const bool invoices_known = !in.invoices_failure;
  for (auto w : {source_warning(in.contracts_failure, "contracts", params.client_id, "mrr, new_mrr, churned_mrr and net_change are null."),
                 source_warning(in.recurring_failure, "recurring_invoices", params.client_id, "mrr, new_mrr, churned_mrr and net_change are null."),
                 source_warning(in.invoices_failure, "invoices", params.client_id, "recurring_invoiced and non_recurring_invoiced are null.")}) {
    if (w) result.warnings.push_back(std::move(*w));
  }

  // Item warnings are the same whatever the day (a period or an amount); each is said once.
  std::map<std::tuple<std::string, std::string, std::int64_t>, RevenueWarning> item_warnings;
  std::set<std::string> currencies;
  auto standing_at = [&](Date day) {
    Standing s;
    for (auto& at : recurring_items_at(in, day, params.client_id, periods)) {
      if (at.warning) item_warnings.emplace(std::make_tuple(at.warning->kind, at.warning->source, at.item.id), *at.warning);
      if (at.item.status != ItemStatus::kCounted) continue;  // billed via a template: the template counts
      s[{static_cast<int>(at.item.kind), at.item.id}] = Counted{at.currency, at.item.monthly_value};
      currencies.insert(at.currency);
    }
    return s;
  };

  // The month before the first one gives the first month its new and churned figures.
  std::vector<year_month> months;
  for (int i = 0; i < params.months; ++i) months.push_back(first + std::chrono::months(i));
  std::vector<Standing> standings;
  standings.push_back(standing_at(measuring_day(first - std::chrono::months(1), params.today)));
  for (auto m : months) standings.push_back(standing_at(measuring_day(m, params.today)));

  // Rules 7-9 over each month's invoices (the last month ends at its measuring day).
  struct Invoiced {
    Cents recurring = 0, non_recurring = 0;
  };
  std::map<std::pair<std::string, std::string>, Invoiced> invoiced;  // (month, currency)
  std::vector<RevenueWarning> invoice_warnings;
  for (const auto& i : in.invoices) {
    if (params.client_id && i.client_id != *params.client_id) continue;
    if (!invoice_in_window(i, trend_first_day(params), trend_last_day(params))) continue;
    if (auto w = invoice_warning(i)) invoice_warnings.push_back(std::move(*w));
    const std::string currency = currency_of(i.currency, i.client_id, in);
    currencies.insert(currency);
    Invoiced& bucket = invoiced[{format_date(*i.invoice_date).substr(0, 7), currency}];
    (classify_invoice(i, in) == InvoiceClass::kRecurring ? bucket.recurring : bucket.non_recurring) += invoice_amount(i);
  }

  for (std::size_t k = 0; k < months.size(); ++k) {
    const Standing& before = standings[k];
    const Standing& now = standings[k + 1];
    for (const auto& currency : currencies) {
      TrendRow row;
      row.month = month_text(months[k]);
      row.measured_on = measuring_day(months[k], params.today);
      row.currency = currency;
      Cents mrr = 0, added = 0, churned = 0;
      for (const auto& [key, c] : now) {
        if (c.currency != currency) continue;
        mrr += c.value;
        ++row.items;
        if (before.count(key) == 0) added += c.value;
      }
      for (const auto& [key, c] : before) {
        if (c.currency == currency && now.count(key) == 0) churned += c.value;
      }
      if (mrr_known) {
        row.mrr = mrr;
        row.new_mrr = added;
        row.churned_mrr = churned;
        row.net_change = added - churned;
      }
      if (invoices_known) {
        auto it = invoiced.find({row.month, currency});
        row.recurring_invoiced = it == invoiced.end() ? 0 : it->second.recurring;
        row.non_recurring_invoiced = it == invoiced.end() ? 0 : it->second.non_recurring;
      }
      result.rows.push_back(std::move(row));
    }
  }

  std::vector<RevenueWarning> sorted;
  for (auto& [key, w] : item_warnings) sorted.push_back(std::move(w));
  sorted.insert(sorted.end(), invoice_warnings.begin(), invoice_warnings.end());
  std::sort(sorted.begin(), sorted.end(), [](const RevenueWarning& a, const RevenueWarning& b) {
    return std::make_tuple(a.kind, a.source, a.client_id.value_or(0), a.id.value_or(0)) <
           std::make_tuple(b.kind, b.source, b.client_id.value_or(0), b.id.value_or(0));
  });
  result.warnings.insert(result.warnings.end(), sorted.begin(), sorted.end());
  return result;
}

}  // namespace domain

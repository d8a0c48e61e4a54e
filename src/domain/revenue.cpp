// The revenue rules. Rule numbers in comments refer to docs/revenue-rules.md.
#include "domain/revenue.hpp"

#include "domain/currency.hpp"
#include "domain/recurring_items.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

namespace domain {

const char* to_string(ItemKind kind) {
  return kind == ItemKind::kContract ? "contract" : "recurring_invoice";
}

const char* to_string(ItemStatus status) {
  switch (status) {
    case ItemStatus::kCounted: return "counted";
    case ItemStatus::kBilledViaRecurringInvoice: return "billed_via_recurring_invoice";
    case ItemStatus::kUnknownPeriod: return "unknown_period";
    case ItemStatus::kInactive: return "inactive";
  }
  return "inactive";
}

bool active_on(const std::optional<Date>& start, const std::optional<Date>& end, Date day) {
  return (!start || *start <= day) && (!end || *end >= day);
}

namespace {

std::optional<double> share_of(std::optional<Cents> recurring, std::optional<Cents> non_recurring) {
  if (!recurring || !non_recurring) return std::nullopt;
  Cents denominator = *recurring + *non_recurring;
  if (denominator == 0) return std::nullopt;
  // Exact ratio rounded to 4 decimals (half away from zero), then printed as a double.
  const auto basis_points = Money(*recurring, 1).scaled(10000, denominator).round_cents();
  if (!basis_points) return std::nullopt;
  return static_cast<double>(*basis_points) / 10000.0;
}

std::optional<Cents> add(std::optional<Cents> a, std::optional<Cents> b) {
  if (!a || !b) return std::nullopt;
  return *a + *b;
}

struct RowKey {
  std::int64_t client_id;
  std::string currency;
  bool operator<(const RowKey& o) const { return std::tie(client_id, currency) < std::tie(o.client_id, o.currency); }
};

struct RowAccumulator {
  Money mrr;
  Cents recurring = 0, project = 0, ad_hoc = 0;
  bool has_recurring_item = false;  // counted or billed via a template
  bool has_invoice = false;
  std::vector<RecurringItem> items;
};

int status_rank(ItemStatus s) { return static_cast<int>(s); }

}  // namespace

std::set<std::int64_t> clients_needing_currency(const RevenueInputs& in, const RevenueParams& params) {
  std::set<std::int64_t> out;
  auto consider = [&](std::int64_t client_id, const std::string& currency) {
    if (params.client_id && client_id != *params.client_id) return;
    if (own_currency(currency)) return;
    if (auto it = in.client_currency.find(client_id); it != in.client_currency.end() && !normalize_currency(it->second).empty()) return;
    out.insert(client_id);
  };
  // Inactive items only reach the output when the caller lists everything.
  for (const auto& c : in.contracts) {
    bool active = !c.expired && !c.inactive && active_on(c.start_date, c.end_date, params.as_of);
    if (active || params.include_all_items) consider(c.client_id, c.currency);
  }
  for (const auto& t : in.recurring) {
    bool active = !t.disabled && active_on(t.start_date, t.end_date, params.as_of);
    if (active || params.include_all_items) consider(t.client_id, t.currency);
  }
  for (const auto& i : in.invoices) {
    if (i.voided || !i.invoice_date || *i.invoice_date < params.start_date || *i.invoice_date > params.end_date) continue;
    consider(i.client_id, i.currency);
  }
  return out;
}

PeriodCodeSamples period_code_samples(const RevenueInputs& in, const RevenueParams& params) {
  PeriodCodeSamples out;
  for (const auto& c : in.contracts) {
    if (params.client_id && c.client_id != *params.client_id) continue;
    if (c.billing_period && c.billing_period_label.empty()) out.contracts.emplace(*c.billing_period, c.id);
  }
  for (const auto& t : in.recurring) {
    if (params.client_id && t.client_id != *params.client_id) continue;
    if (t.period && t.period_label.empty()) out.recurring.emplace(*t.period, t.id);
  }
  return out;
}

RevenueResult compute_revenue(const RevenueInputs& in, const RevenueParams& params, const PeriodTable& periods) {
  RevenueResult result;
  result.as_of = params.as_of;
  result.start_date = params.start_date;
  result.end_date = params.end_date;

  auto in_scope = [&](std::int64_t client_id) { return !params.client_id || client_id == *params.client_id; };
  std::map<RowKey, RowAccumulator> rows;
  std::unordered_map<std::int64_t, std::string> names;
  auto note_name = [&](std::int64_t client_id, const std::string& name) {
    if (!name.empty()) names.emplace(client_id, name);  // first name seen wins: deterministic
  };
  std::vector<RevenueWarning> warnings;

  // Source failures first: they explain every null below.
  auto source_warning = [&](const std::optional<SourceFailure>& failure, const char* source, const std::string& affects) {
    if (!failure) return;
    RevenueWarning w;
    w.kind = "source_unavailable";
    w.source = source;
    if (failure->http_status != 0) w.status = failure->http_status;
    w.client_id = params.client_id;
    w.detail = std::string(source) + " could not be read (" + failure->error_kind + "): " + failure->message +
               " " + affects;
    warnings.push_back(std::move(w));
  };
  source_warning(in.contracts_failure, "contracts", "mrr and arr are null.");
  source_warning(in.recurring_failure, "recurring_invoices", "mrr and arr are null.");
  source_warning(in.invoices_failure, "invoices",
                 "recurring_invoiced, non_recurring_total, project_total, ad_hoc_total and recurring_share are null.");
  source_warning(in.projects_failure, "projects", "project_total and ad_hoc_total are null.");
  source_warning(in.clients_failure, "clients",
                 "records without a currency are shown in the default currency " + normalize_currency(in.default_currency) + ".");
  const std::size_t source_warning_count = warnings.size();

  // Rules 2-5 (recurring_items.hpp): which templates and contracts count at as_of. Contracts come
  // first, then templates, so the first client name seen is the same as it always was.
  for (auto& at : recurring_items_at(in, params.as_of, params.client_id, periods)) {
    note_name(at.client_id, at.client_name);
    if (at.warning) warnings.push_back(std::move(*at.warning));
    auto& row = rows[{at.client_id, at.currency}];
    const ItemStatus status = at.item.status;
    // A contract billed through a template keeps the row alive; its value (0) is the template's.
    if (status == ItemStatus::kCounted || status == ItemStatus::kBilledViaRecurringInvoice) {
      row.has_recurring_item = true;
      row.mrr = row.mrr + at.item.monthly_exact;
    }
    row.items.push_back(std::move(at.item));
  }

  // Rules 7-9: invoiced revenue in the window.
  for (const auto& i : in.invoices) {
    if (!in_scope(i.client_id) || !invoice_in_window(i, params.start_date, params.end_date)) continue;
    note_name(i.client_id, i.client_name);
    if (auto warning = invoice_warning(i)) warnings.push_back(std::move(*warning));
    const Cents amount = invoice_amount(i);
    auto& row = rows[{i.client_id, currency_of(i.currency, i.client_id, in)}];
    row.has_invoice = true;
    switch (classify_invoice(i, in)) {
      case InvoiceClass::kRecurring: row.recurring += amount; break;
      case InvoiceClass::kProject: row.project += amount; break;
      case InvoiceClass::kAdHoc: row.ad_hoc += amount; break;
    }
  }

  const bool mrr_known = !in.contracts_failure && !in.recurring_failure;
  const bool invoices_known = !in.invoices_failure;
  const bool split_known = invoices_known && !in.projects_failure;

  std::vector<ClientRow> all_rows;
  for (auto& [key, acc] : rows) {
    if (!acc.has_recurring_item && !acc.has_invoice) continue;  // omission rule
    ClientRow row;
    row.client_id = key.client_id;
    if (auto n = names.find(key.client_id); n != names.end()) row.client_name = n->second;
    row.currency = key.currency;
    row.mrr_exact = acc.mrr;
    if (mrr_known) {
      row.mrr = acc.mrr.round_cents();  // nullopt (n/a) when the sum is too large to be money
      if (row.mrr) row.arr = (Money::cents(*row.mrr) * 12).round_cents();
    }
    if (invoices_known) {
      row.recurring_invoiced = acc.recurring;
      row.non_recurring_total = acc.project + acc.ad_hoc;
      row.recurring_share = share_of(row.recurring_invoiced, row.non_recurring_total);
    }
    if (split_known) {
      row.project_total = acc.project;
      row.ad_hoc_total = acc.ad_hoc;
    }
    for (auto& item : acc.items) {
      bool listed = item.status == ItemStatus::kCounted || item.status == ItemStatus::kBilledViaRecurringInvoice;
      if (listed || params.include_all_items) row.recurring_items.push_back(std::move(item));
    }
    std::sort(row.recurring_items.begin(), row.recurring_items.end(), [](const RecurringItem& a, const RecurringItem& b) {
      return std::make_tuple(status_rank(a.status), -a.monthly_value, static_cast<int>(a.kind), a.id) <
             std::make_tuple(status_rank(b.status), -b.monthly_value, static_cast<int>(b.kind), b.id);
    });
    all_rows.push_back(std::move(row));
  }

  auto rank = [](const ClientRow& r) { return r.mrr.value_or(0) + r.non_recurring_total.value_or(0); };
  std::sort(all_rows.begin(), all_rows.end(), [&](const ClientRow& a, const ClientRow& b) {
    Cents ra = rank(a), rb = rank(b);
    if (ra != rb) return ra > rb;
    if (a.client_id != b.client_id) return a.client_id < b.client_id;
    return a.currency < b.currency;
  });

  // Totals cover every row, before the top-N cut, as sums of the printed row figures (rule 12).
  std::map<std::string, CurrencyTotal> totals;
  for (const auto& r : all_rows) {
    auto [it, inserted] = totals.try_emplace(r.currency);
    CurrencyTotal& t = it->second;
    if (inserted) {
      t.currency = r.currency;
      if (mrr_known) t.mrr = t.arr = 0;
      if (invoices_known) t.recurring_invoiced = t.non_recurring_total = 0;
      if (split_known) t.project_total = t.ad_hoc_total = 0;
    }
    t.mrr = add(t.mrr, r.mrr);
    t.arr = add(t.arr, r.arr);
    t.recurring_invoiced = add(t.recurring_invoiced, r.recurring_invoiced);
    t.non_recurring_total = add(t.non_recurring_total, r.non_recurring_total);
    t.project_total = add(t.project_total, r.project_total);
    t.ad_hoc_total = add(t.ad_hoc_total, r.ad_hoc_total);
    ++t.clients;
  }
  for (auto& [currency, t] : totals) {
    t.recurring_share = share_of(t.recurring_invoiced, t.non_recurring_total);
    result.totals.push_back(std::move(t));
  }

  result.clients_before_top = static_cast<int>(all_rows.size());
  result.top = params.top;
  if (params.top && static_cast<std::size_t>(*params.top) < all_rows.size()) all_rows.resize(static_cast<std::size_t>(*params.top));
  result.clients = std::move(all_rows);

  std::sort(warnings.begin() + static_cast<std::ptrdiff_t>(source_warning_count), warnings.end(),
            [](const RevenueWarning& a, const RevenueWarning& b) {
              return std::make_tuple(a.kind, a.source, a.client_id.value_or(0), a.id.value_or(0)) <
                     std::make_tuple(b.kind, b.source, b.client_id.value_or(0), b.id.value_or(0));
            });
  result.warnings = std::move(warnings);
  return result;
}

}  // namespace domain

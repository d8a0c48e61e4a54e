// client_profitability's rules (see profitability.hpp).
#include "domain/profitability.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "domain/currency.hpp"

namespace domain {
namespace {

std::string money_text(Cents c) {
  const Cents a = c < 0 ? -c : c;
  std::string cents = std::to_string(a % 100);
  return (c < 0 ? "-" : "") + std::to_string(a / 100) + "." + (cents.size() == 1 ? "0" : "") + cents;
}

std::string hours_text(std::int64_t seconds) {
  const double hours = std::round(static_cast<double>(seconds) / 36.0) / 100.0;
  std::string text = std::to_string(hours);
  text.erase(text.find_last_not_of('0') + 1);
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

std::optional<Cents> add(std::optional<Cents> a, std::optional<Cents> b) {
  if (!a || !b) return std::nullopt;
  return *a + *b;
}

std::optional<double> percent(Cents part, Cents whole) {
  if (whole == 0) return std::nullopt;
  return std::round(static_cast<double>(part) / static_cast<double>(whole) * 1000.0) / 10.0;
}

/// revenue / hours, exact, rounded to cents once; nullopt without hours.
std::optional<Cents> per_hour(Cents revenue, std::int64_t seconds) {
  if (seconds <= 0) return std::nullopt;
  return (Money::cents(revenue) * 3600).scaled(1, seconds).round_cents();
}

/// The labour of one client, before it joins a row.
struct Labour {
  std::string client_name;
  std::int64_t seconds = 0;
  std::int64_t billable_seconds = 0;
  Money cost;
  bool cost_known = true;
};

/// margin, margin_pct and effective_hourly_rate of a row or total in the cost currency.
template <class Figures>
void derive(Figures& f) {
  if (f.revenue && f.labour_cost) {
    f.margin = *f.revenue - *f.labour_cost;
    f.margin_pct = percent(*f.margin, *f.revenue);
  }
  if (f.revenue) f.effective_hourly_rate = per_hour(*f.revenue, f.labour_seconds);
}

}  // namespace

std::int64_t hours_to_seconds(double hours) { return std::llround(hours * 3600.0); }

Profitability compute_profitability(const ProfitabilityInput& in) {
  Profitability out;
  const std::string cost_currency = normalize_currency(in.cost_currency);
  const bool revenue_known = !in.invoices_failure;
  auto source_warning = [&](const std::optional<SourceFailure>& failure, const char* source, const std::string& affects) {
    if (!failure) return;
    out.warnings.push_back({"source_unavailable", std::nullopt,
                            std::string(source) + " could not be read (" + failure->error_kind + "): " +
                                failure->message + " " + affects});
  };
  source_warning(in.invoices_failure, "invoices", "revenue, margin, margin_pct and effective_hourly_rate are null.");
  source_warning(in.clients_failure, "clients",
                 "invoices without a currency are counted in the default currency " + cost_currency + ".");
  for (const auto& w : in.revenue.warnings) {
    if (w.kind != "source_unavailable") out.warnings.push_back({w.kind, w.id, w.detail});
  }

  // Revenue rows: one per client and currency, as the revenue rules made them.
  std::map<std::pair<std::int64_t, std::string>, ProfitRow> rows;
  for (const auto& r : in.revenue.clients) {
    if (in.client_id && r.client_id != *in.client_id) continue;
    ProfitRow row;
    row.client_id = r.client_id;
    row.client_name = r.client_name;
    row.currency = r.currency;
    if (revenue_known) row.revenue = add(r.recurring_invoiced, r.non_recurring_total);
    rows[{r.client_id, r.currency}] = std::move(row);
  }

  // Labour per client, costed per entry at its agent's rate.
  std::map<std::int64_t, Labour> labour;
  std::map<std::int64_t, std::int64_t> uncosted_seconds, default_rate_seconds;  // agent -> seconds
  std::int64_t unattributed_seconds = 0;
  for (const auto& e : in.entries) {
    const auto owner = in.ticket_clients.find(e.ticket_id);
    const std::int64_t seconds = hours_to_seconds(e.hours);
    if (owner == in.ticket_clients.end() || owner->second.client_id <= 0) {
      unattributed_seconds += seconds;
      continue;
    }
    if (in.client_id && owner->second.client_id != *in.client_id) continue;
    Labour& l = labour[owner->second.client_id];
    if (l.client_name.empty()) l.client_name = owner->second.client_name;
    l.seconds += seconds;
    l.billable_seconds += e.billable ? hours_to_seconds(e.charge_hours) : 0;
    const auto agent = in.agents.find(e.agent_id);
    std::optional<Cents> rate = agent == in.agents.end() ? std::nullopt : agent->second.cost_price;
    if (!rate) {
      (in.default_cost_rate ? default_rate_seconds : uncosted_seconds)[e.agent_id] += seconds;
      rate = in.default_cost_rate;
    }
    if (rate) {
      l.cost = l.cost + Money(*rate * seconds, 3600);
    } else {
      l.cost_known = false;
    }
  }

  auto agent_name = [&](std::int64_t id) {
    if (id <= 0) return std::string("time logged by no agent (who_agentid 0)");
    const auto a = in.agents.find(id);
    return "agent " + (a == in.agents.end() || a->second.name.empty() ? std::string("?") : a->second.name) + " (" +
           std::to_string(id) + ")";
  };
  for (const auto& [agent, seconds] : uncosted_seconds) {
    out.warnings.push_back({"no_cost_price", agent > 0 ? std::optional<std::int64_t>(agent) : std::nullopt,
                            agent_name(agent) + ": no cost price in Halo and HALO_DEFAULT_COST_RATE is not set, so " +
                                "the labour_cost of every client with their time (" + hours_text(seconds) +
                                " h) is null."});
  }
  for (const auto& [agent, seconds] : default_rate_seconds) {
    out.warnings.push_back({"default_cost_rate", agent > 0 ? std::optional<std::int64_t>(agent) : std::nullopt,
                            agent_name(agent) + ": no cost price in Halo; their " + hours_text(seconds) +
                                " h are costed at HALO_DEFAULT_COST_RATE " + money_text(*in.default_cost_rate) +
                                " " + cost_currency + " an hour."});
  }
  if (unattributed_seconds > 0) {
    out.warnings.push_back({"unattributed_time", std::nullopt,
                            hours_text(unattributed_seconds) +
                                " h were logged on tickets whose client Halo did not give; they are in no row."});
  }

  // The labour joins the client's row in the cost currency, else its first other row, else a new one.
  std::set<std::pair<std::int64_t, std::string>> with_labour;
  for (auto& [client, l] : labour) {
    auto at = rows.find({client, cost_currency});
    if (at == rows.end()) {
      at = rows.lower_bound({client, std::string()});
      if (at == rows.end() || at->first.first != client) {
        ProfitRow row;
        row.client_id = client;
        row.client_name = l.client_name;
        row.currency = cost_currency;
        if (revenue_known) row.revenue = 0;
        at = rows.emplace(std::make_pair(client, cost_currency), std::move(row)).first;
      }
    }
    ProfitRow& row = at->second;
    row.labour_seconds = l.seconds;
    row.billable_seconds = l.billable_seconds;
    if (l.cost_known) row.labour_cost = l.cost.round_cents();  // nullopt if it overflowed: unknown
    with_labour.insert(at->first);
  }

  std::vector<ProfitRow> all;
  for (auto& [key, row] : rows) {
    if (with_labour.count(key) == 0) row.labour_cost = 0;  // no time logged: costs nothing
    if (row.currency == cost_currency) {
      derive(row);
    } else {
      out.warnings.push_back({"currency_mismatch", row.client_id,
                              row.client_name + " (" + std::to_string(row.client_id) + ") is billed in " + row.currency +
                                  " while labour is costed in " + cost_currency +
                                  ": its margin, margin_pct and effective_hourly_rate are null (two currencies are "
                                  "never combined)."});
    }
    all.push_back(std::move(row));
  }

  // Least profitable first; unknown margins last; then by client and currency.
  std::sort(all.begin(), all.end(), [](const ProfitRow& a, const ProfitRow& b) {
    return std::make_tuple(!a.margin.has_value(), a.margin.value_or(0), a.client_id, a.currency) <
           std::make_tuple(!b.margin.has_value(), b.margin.value_or(0), b.client_id, b.currency);
  });

  std::map<std::string, ProfitTotal> totals;
  for (const auto& r : all) {
    auto [it, inserted] = totals.try_emplace(r.currency);
    ProfitTotal& t = it->second;
    if (inserted) {
      t.currency = r.currency;
      if (revenue_known) t.revenue = 0;
      t.labour_cost = 0;
    }
    t.revenue = add(t.revenue, r.revenue);
    t.labour_seconds += r.labour_seconds;
    t.billable_seconds += r.billable_seconds;
    t.labour_cost = add(t.labour_cost, r.labour_cost);
    ++t.clients;
  }
  for (auto& [currency, t] : totals) {
    if (currency == cost_currency) derive(t);  // margin = the sum of the row margins when all are known
    out.totals.push_back(std::move(t));
  }

  out.clients_before_top = static_cast<int>(all.size());
  if (in.top && static_cast<std::size_t>(*in.top) < all.size()) all.resize(static_cast<std::size_t>(*in.top));
  out.clients = std::move(all);
  return out;
}

}  // namespace domain

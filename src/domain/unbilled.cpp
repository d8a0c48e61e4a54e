// Unbilled time (see unbilled.hpp).
#include "domain/unbilled.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "domain/currency.hpp"

namespace domain {
namespace {

constexpr std::int64_t kUnitsPerHour = 10'000;

double hours_of(HourUnits units) {
  // 2 decimals, as every tool shows hours; exact input, so the only rounding is this one.
  return std::round(static_cast<double>(units) / (kUnitsPerHour / 100)) / 100.0;
}

bool by_value(Cents a_value, std::int64_t a_id, Cents b_value, std::int64_t b_id) {
  return a_value != b_value ? a_value > b_value : a_id < b_id;
}

}  // namespace

HourUnits to_hour_units(double hours) { return std::llround(hours * static_cast<double>(kUnitsPerHour)); }

std::optional<Cents> entry_value(const TimeEntryRec& e) {
  if (e.charge_amount && *e.charge_amount > 0) return *e.charge_amount;
  if (!e.charge_rate || !(*e.charge_rate > 0)) return std::nullopt;
  // hours x rate exactly: (hour units / 10000) x rate cents, rounded once, half away from zero.
  const Money value = Money(to_hour_units(e.charge_hours), kUnitsPerHour) * to_cents(*e.charge_rate);
  return value.round_cents();  // nullopt only past int64 cents: then unknown, never wrong
}

std::vector<std::int64_t> unbilled_ticket_ids(const std::vector<DatedEntry>& entries) {
  std::vector<std::int64_t> ids;
  for (const auto& d : entries) {
    if (d.entry.ticket_id > 0 && is_unbilled(d.entry)) ids.push_back(d.entry.ticket_id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

Unbilled compute_unbilled(const UnbilledInput& in) {
  Unbilled out;
  // (client, currency) -> row, and per row ticket id -> ticket row.
  std::map<std::pair<std::int64_t, std::string>, UnbilledRow> rows;
  std::map<std::pair<std::int64_t, std::string>, std::map<std::int64_t, UnbilledTicketRow>> tickets;
  for (const auto& d : in.entries) {
    const TimeEntryRec& e = d.entry;
    if (!is_unbilled(e)) continue;
    auto known = in.tickets.find(e.ticket_id);
    const std::int64_t client = known == in.tickets.end() ? 0 : known->second.client_id;
    if (in.client_id && client != *in.client_id) continue;
    if (client == 0) ++out.unattributed_entries;
    auto iso = in.client_currency.find(client);
    const std::string currency =
        decide_currency("", iso == in.client_currency.end() ? std::string_view() : iso->second, in.default_currency);
    const auto key = std::make_pair(client, currency);
    UnbilledRow& row = rows[key];
    row.client_id = client;
    row.currency = currency;
    if (known != in.tickets.end() && row.client_name.empty()) row.client_name = known->second.client_name;
    UnbilledTicketRow& ticket = tickets[key][e.ticket_id];
    ticket.ticket_id = e.ticket_id;
    if (known != in.tickets.end()) ticket.summary = known->second.summary;

    const HourUnits hours = to_hour_units(e.charge_hours);
    row.hours += hours;
    ticket.hours += hours;
    ++row.entries;
    if (!row.oldest || d.day < *row.oldest) row.oldest = d.day;
    if (auto value = entry_value(e)) {
      row.value += *value;
      ticket.value += *value;
    } else {
      ++row.unvalued_entries;
      row.unvalued_hours += hours;
      ++ticket.unvalued_entries;
      out.unvalued.push_back({e.id, e.ticket_id, hours});
    }
  }
  std::map<std::string, UnbilledRow> totals;
  for (auto& [key, row] : rows) {
    auto& list = tickets[key];
    std::vector<UnbilledTicketRow> sorted;
    for (auto& [id, t] : list) sorted.push_back(std::move(t));
    std::sort(sorted.begin(), sorted.end(), [](const UnbilledTicketRow& a, const UnbilledTicketRow& b) {
      return by_value(a.value, a.ticket_id, b.value, b.ticket_id);
    });
    row.ticket_count = static_cast<std::int64_t>(sorted.size());
    if (sorted.size() > static_cast<std::size_t>(std::max(0, in.top))) sorted.resize(static_cast<std::size_t>(in.top));
    row.tickets = std::move(sorted);

    UnbilledRow& total = totals[row.currency];
    total.currency = row.currency;
    total.hours += row.hours;
    total.value += row.value;
    total.entries += row.entries;
    total.unvalued_entries += row.unvalued_entries;
    total.unvalued_hours += row.unvalued_hours;
    total.ticket_count += row.ticket_count;
    ++total.clients;
    if (!total.oldest || (row.oldest && *row.oldest < *total.oldest)) total.oldest = row.oldest;
    out.rows.push_back(std::move(row));
  }
  std::sort(out.rows.begin(), out.rows.end(), [](const UnbilledRow& a, const UnbilledRow& b) {
    return std::make_tuple(-a.value, a.client_id, a.currency) < std::make_tuple(-b.value, b.client_id, b.currency);
  });
  for (auto& [currency, total] : totals) out.totals.push_back(std::move(total));
  return out;
}

util::Json unbilled_row_json(const UnbilledRow& row, bool with_client) {
  util::Json out = util::Json::object();
  if (with_client) {
    out["client_id"] = row.client_id;
    out["client_name"] = row.client_name;
  }
  out["currency"] = row.currency;
  out["hours"] = hours_of(row.hours);
  out["value"] = to_double(row.value);
  out["value_complete"] = row.unvalued_entries == 0;
  out["unvalued_entries"] = row.unvalued_entries;
  out["unvalued_hours"] = hours_of(row.unvalued_hours);
  out["entries"] = row.entries;
  out["oldest_entry_date"] = row.oldest ? util::Json(format_date(*row.oldest)) : util::Json(nullptr);
  if (with_client) {
    out["ticket_count"] = row.ticket_count;
    util::Json list = util::Json::array();
    for (const auto& t : row.tickets) {
      list.push_back({{"ticket_id", t.ticket_id},
                      {"summary", t.summary},
                      {"hours", hours_of(t.hours)},
                      {"value", to_double(t.value)},
                      {"value_complete", t.unvalued_entries == 0}});
    }
    out["tickets"] = std::move(list);
  } else {
    out["clients"] = row.clients;
  }
  return out;
}

}  // namespace domain

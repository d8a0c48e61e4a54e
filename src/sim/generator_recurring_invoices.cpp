// Generated recurring invoice templates: one per contract billed through a template, plus
// licence and hosting templates of their own (several periods, an unknown code, disabled ones, and
// a customer billed in two currencies).
#include <algorithm>

#include "sim/dates.hpp"
#include "sim/generator_state.hpp"

namespace sim::gen {

using util::Json;
namespace d = dates;

namespace {

/// Adds a template with its lines (one line for a contract's template, up to three otherwise).
void add_template(Generation& g, const ClientInfo& c, Period p, const std::string& what, double amount, int contract_id,
                  long start, long end, bool disabled, const std::string& currency) {
  TemplateInfo ti{static_cast<int>(g.templates.size()) + 1, &c, currency, p, Json::array(), 0, 0, start, end, disabled, contract_id};
  const double tax_rate = currency == "USD" ? 0.0 : 0.2;
  int nlines = contract_id ? 1 : static_cast<int>(g.rng.range(1, 3));
  for (int k = 0; k < nlines; ++k) {
    double qty = contract_id ? 1 : static_cast<double>(g.rng.range(1, 25));
    double unit = contract_id ? amount : round2(amount / qty / nlines + 0.5);
    double net = round2(qty * unit);
    double tax = round2(net * tax_rate);
    ti.revenue = round2(ti.revenue + net);
    ti.tax = round2(ti.tax + tax);
    ti.lines.push_back(Json{{"id", ti.id * 10 + k},
                            {"item_shortdescription", k == 0 ? what : std::string("Microsoft 365 Business Premium")},
                            {"qty_order", qty}, {"unit_price", unit}, {"net_amount", net}, {"tax_amount", tax},
                            {"tax_rate", tax_rate * 100}, {"contract_id", contract_id},
                            {"recurring_invoice_id", ti.id}, {"ticket_id", 0}, {"billingperiod", p.code},
                            {"startdate", d::kNoDate}, {"enddate", d::kNoDate}});
  }
  g.templates.push_back(std::move(ti));
}

/// The stream of the renewal-horizon and short-lived templates (mrr_trend, contract_renewals).
constexpr std::uint64_t kRenewalTemplatesStream = 0x726e7774656d706cull;  // "rnwtempl"

Json template_record(int id, const ClientInfo& c, Period p, const std::string& what, double revenue, long start,
                     long end, int contract_id, long today) {
  const double tax = round2(revenue * (c.currency == "USD" ? 0.0 : 0.2));
  Json line{{"id", id * 10}, {"item_shortdescription", what}, {"qty_order", 1.0}, {"unit_price", revenue},
            {"net_amount", revenue}, {"tax_amount", tax}, {"tax_rate", tax > 0 ? 20.0 : 0.0},
            {"contract_id", contract_id}, {"recurring_invoice_id", id}, {"ticket_id", 0}, {"billingperiod", p.code},
            {"startdate", d::kNoDate}, {"enddate", d::kNoDate}};
  const bool over = end < today;
  return Json{{"id", id},
              {"client_id", c.id},
              {"client_name", c.name},
              {"invoicenumber", ""},
              {"reference", what},
              {"disabled", false},
              {"is_recurring_invoice", true},
              {"period", p.code},
              {"periodname", p.label},
              {"startdate", d::halo_date(start)},
              {"enddate", d::halo_date(end)},
              {"lastcreated", d::halo_date(over ? end : today)},
              {"nextcreationdate", over ? std::string(d::kNoDate) : d::halo_date(next_boundary(today, p))},
              {"contract_id", contract_id},
              {"currency", halo_currency(c.currency, id)},
              {"revenue", revenue},
              {"tax_total", tax},
              {"total", round2(revenue + tax)},
              {"lines", Json::array({line})}};
}

/// Templates for contract_renewals and mrr_trend, after every other (ids above theirs): the one
/// billing the renewal contract (ending a month after it, so the contract's end is the earlier),
/// two ending over the coming year and two that started and ended within the last two years. Side
/// streams and not in g.templates: no invoice and no other record moves.
void add_renewal_templates(Generation& g, int first_id) {
  const RenewalContract& rc = g.renewal_billed_contract;
  int id = first_id;
  if (rc.id != 0) {
    g.sink.add(Kind::kRecurringInvoices, template_record(id++, *rc.client, rc.period, rc.ref + " managed services",
                                                         rc.amount, rc.start, rc.end + 31, rc.id, g.today));
  }
  for (int k = 0; k < 4; ++k, ++id) {
    Rng r = g.side_stream(kRenewalTemplatesStream, id);
    const ClientInfo& c = g.clients[static_cast<std::size_t>(k * 5 + 2) % g.clients.size()];
    long start = 0, end = 0;
    if (k < 2) {  // ends 2-9 months from today
      end = g.today + 60 + 150 * k + r.range(0, 20);
      start = d::add_months(end, -static_cast<int>(r.range(12, 18)));
    } else {  // started 10-21 months ago, ran 2-6 months
      start = g.today - 300 - 170 * (k - 2) - r.range(0, 30);
      end = d::add_months(start, static_cast<int>(r.range(2, 6)));
    }
    g.sink.add(Kind::kRecurringInvoices, template_record(id, c, kMonthly, "Backup licences",
                                                         static_cast<double>(r.range(50, 600)), start, end, 0, g.today));
  }
}

}  // namespace

/// Templates: one per contract billed through a template, then licence/hosting templates up to
/// the scaled count, then their records with the dates of their last and next run.
void add_recurring_invoices(Generation& g) {
  const int tcount = g.scaled(30);
  for (const auto& ci : g.contracts) {
    if (!ci.via_template) continue;
    add_template(g, *ci.client, ci.period, ci.ref + " " + (ci.period.months == 0 ? "support" : "managed services"),
                 ci.amount, ci.id, ci.start, ci.end, false, ci.client->currency);
  }
  int extra = 0;
  while (static_cast<int>(g.templates.size()) < tcount) {
    const ClientInfo& c = g.clients[static_cast<std::size_t>(extra * 7 + 3) % g.clients.size()];
    Period p = extra % 6 == 1 ? kYearly : (extra % 9 == 4 ? kQuarterly : kMonthly);
    if (extra == 2) p = kHalfYearlyUnknownCode;
    if (extra == 5) p = kUnknown;
    if (extra == 8) p = kTwoYearly;
    if (extra == 10) p = kWeekly;
    if (extra == 7) p = kSixMonthlyCode9;
    bool disabled = extra % 5 == 3 || c.inactive;
    long start = d::add_months(g.today, -static_cast<int>(g.rng.range(6, 36)));
    long end = disabled ? g.today - g.rng.range(20, 200) : 0;
    if (disabled && end < start) end = d::add_months(start, 3);
    std::string what = p.months >= 12 ? "Domain, hosting & SSL" : "Microsoft 365 licences";
    std::string currency = c.currency;
    if (c.id == g.clients[5 % g.clients.size()].id && extra % 2 == 1) currency = "USD";  // US subsidiary
    add_template(g, c, p, what, static_cast<double>(g.rng.range(60, 900)) * std::max(1, p.months / 3 + 1), 0, start,
                 end, disabled, currency);
    ++extra;
  }
  // The client billed in two currencies must have one USD template even at small scales.
  {
    const ClientInfo& c = g.clients[5 % g.clients.size()];
    bool has_usd = false;
    for (const auto& t : g.templates) has_usd |= (t.client->id == c.id && t.currency == "USD");
    if (!has_usd) add_template(g, c, kMonthly, "US office: Microsoft 365 licences", 480, 0,
                               d::add_months(g.today, -14), 0, false, "USD");
  }
  for (auto& ti : g.templates) {
    long last = 0;
    long stop = ti.end ? std::min(ti.end, g.today) : g.today;
    for (long day = ti.start; day <= stop; day = next_boundary(day, ti.period)) last = day;
    long next = last ? next_boundary(last, ti.period) : ti.start;
    g.sink.add(Kind::kRecurringInvoices, Json{{"id", ti.id},
                                              {"client_id", ti.client->id},
                                              {"client_name", ti.client->name},
                                              {"invoicenumber", ""},
                                              {"reference", ti.lines[0]["item_shortdescription"]},
                                              {"disabled", ti.disabled},
                                              {"is_recurring_invoice", true},
                                              {"period", ti.period.code},
                                              {"periodname", ti.period.label},
                                              {"startdate", d::halo_date(ti.start)},
                                              {"enddate", ti.end ? d::halo_date(ti.end) : std::string(d::kNoDate)},
                                              {"lastcreated", last ? d::halo_date(last) : std::string(d::kNoDate)},
                                              {"nextcreationdate", ti.disabled ? std::string(d::kNoDate) : d::halo_date(next)},
                                              {"contract_id", ti.contract_id},
                                              {"currency", halo_currency(ti.currency, ti.id)},
                                              {"revenue", ti.revenue},
                                              {"tax_total", ti.tax},
                                              {"total", round2(ti.revenue + ti.tax)},
                                              {"lines", ti.lines}});
  }
  add_renewal_templates(g, static_cast<int>(g.templates.size()) + 1);
}

}  // namespace sim::gen

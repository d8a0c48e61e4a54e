// Generated invoices and credit notes over the two years before today: those the recurring
// templates and contracts raised, project deposits and completions, billed break-fix labour and
// one-off hardware sales; some voided, some unpaid, credit notes linked to what they credit.
// Feeds the "Invoiced Revenue by Month" report.
//
// Receivables (receivables_aging, list_invoices' unpaid_only / overdue_only): payment terms, what
// is still due and what was paid are drawn from a side stream of each invoice's own
// (receivable_state), so no draw of the main stream moved and every invoice keeps its date,
// revenue and total. Terms of 30, 14 or 7 days or none (Halo's 1900 date: due when raised); some
// old invoices never paid or paid in part, so that every aging bucket (current, 1-30, 31-60,
// 61-90, over 90) has debts; some voided invoices still showing their amount due (which owes
// nothing); some recent credit notes not yet applied.
#include <algorithm>
#include <map>

#include "sim/dates.hpp"
#include "sim/generator_state.hpp"
#include "sim/generator_words.hpp"

namespace sim::gen {

using util::Json;
namespace d = dates;

namespace {

/// An invoice line before it is emitted (kept compact: 60k invoices are generated at scale 60).
struct LineSpec {
  std::string what;
  double qty, unit, tax_rate;
  int contract_id, recurring_id, ticket_id, period_code;
  long start, end;  ///< 0 = no date
};
struct PendingInvoice {
  long day;
  const ClientInfo* client;
  std::string currency;
  int recurring_id = 0, contract_id = 0, ticket_id = 0;
  std::string contract_ref;
  std::vector<LineSpec> lines;
};

/// factor scales the amounts: 1 for an invoice, the (signed) share of the original for a credit.
Json line_json(const LineSpec& l, int id, int invoice_id, double factor) {
  const double net = round2(factor * round2(l.qty * l.unit));
  return Json{{"id", id}, {"ihid", invoice_id}, {"item_shortdescription", l.what},
              {"qty_order", factor < 0 ? -l.qty : l.qty}, {"unit_price", l.unit},
              {"net_amount", net}, {"tax_amount", round2(net * l.tax_rate)}, {"tax_rate", l.tax_rate * 100},
              {"contract_id", l.contract_id}, {"recurring_invoice_id", l.recurring_id}, {"ticket_id", l.ticket_id},
              {"billingperiod", l.period_code},
              {"startdate", l.start ? d::halo_date(l.start) : std::string(d::kNoDate)},
              {"enddate", l.end ? d::halo_date(l.end) : std::string(d::kNoDate)}};
}

/// One invoice per period each template ran in the window.
void from_templates(const Generation& g, long window_start, std::vector<PendingInvoice>& pending) {
  std::map<int, std::string> contract_refs;
  for (const auto& ci : g.contracts) contract_refs[ci.id] = ci.ref;
  for (const auto& ti : g.templates) {
    long stop = ti.end ? std::min(ti.end, g.today) : g.today;
    for (long day = ti.start; day <= stop; day = next_boundary(day, ti.period)) {
      if (day < window_start) continue;
      PendingInvoice inv{day, ti.client, ti.currency, ti.id, ti.contract_id, 0,
                         ti.contract_id ? contract_refs[ti.contract_id] : std::string(), {}};
      for (const auto& l : ti.lines) {
        inv.lines.push_back(LineSpec{l["item_shortdescription"].get<std::string>(), l["qty_order"].get<double>(),
                                     l["unit_price"].get<double>(), l["tax_rate"].get<double>() / 100,
                                     ti.contract_id, ti.id, 0, ti.period.code, day,
                                     next_boundary(day, ti.period) - 1});
      }
      pending.push_back(std::move(inv));
    }
  }
}

/// One invoice per period for contracts billed directly (not through a template).
void from_contracts(const Generation& g, long window_start, std::vector<PendingInvoice>& pending) {
  for (const auto& ci : g.contracts) {
    if (ci.via_template || ci.period.code == kUnknownContract.code) continue;
    long stop = ci.end ? std::min(ci.end, g.today) : g.today;
    if (!ci.counts && ci.end == 0) continue;
    const double tax_rate = ci.client->currency == "USD" ? 0.0 : 0.2;
    for (long day = ci.start; day <= stop; day = next_boundary(day, ci.period)) {
      if (day < window_start) continue;
      PendingInvoice inv{day, ci.client, ci.client->currency, 0, ci.id, 0, ci.ref, {}};
      inv.lines.push_back(LineSpec{"Contract " + ci.ref + " (" + (ci.period.label[0] ? ci.period.label : "period") + ")",
                                   1, ci.amount, tax_rate, ci.id, 0, 0, ci.period.code, day,
                                   next_boundary(day, ci.period) - 1});
      pending.push_back(std::move(inv));
    }
  }
}

/// Deposit and completion invoices of projects.
void from_projects(Generation& g, long window_start, std::vector<PendingInvoice>& pending) {
  for (const auto& pi : g.projects) {
    const ClientInfo* c = g.client_by_id(pi.client_id);
    const double tax_rate = c->currency == "USD" ? 0.0 : 0.2;
    for (long day : {pi.start + 3, pi.target + 5}) {
      if (day > g.today || day < window_start) continue;
      // The completion is billed against the project's first task: still project work.
      const int ticket = day == pi.start + 3 ? pi.id : project_task_id(pi.id, 1);
      PendingInvoice inv{day, c, c->currency, 0, 0, ticket, "", {}};
      inv.lines.push_back(LineSpec{day == pi.start + 3 ? "Project deposit" : "Project completion", 1,
                                   static_cast<double>(g.rng.range(15, 90)) * 50, tax_rate, 0, 0, pi.id, 0, 0, 0});
      pending.push_back(std::move(inv));
    }
  }
}

/// Labour on billed break-fix tickets.
void from_adhoc_tickets(Generation& g, std::vector<PendingInvoice>& pending) {
  for (const auto& [ticket_id, client_id] : g.adhoc_tickets) {
    const ClientInfo* c = g.client_by_id(client_id);
    const double tax_rate = c->currency == "USD" ? 0.0 : 0.2;
    PendingInvoice inv{g.today - g.rng.range(0, 700), c, c->currency, 0, 0, ticket_id, "", {}};
    inv.lines.push_back(LineSpec{"Labour: ticket #" + std::to_string(ticket_id),
                                 static_cast<double>(g.rng.range(1, 12)) * 0.5, 95, tax_rate, 0, 0, ticket_id, 0, 0, 0});
    pending.push_back(std::move(inv));
  }
}

/// One-off hardware sales with no ticket.
void one_off_sales(Generation& g, std::vector<PendingInvoice>& pending) {
  const int hardware = g.scaled(80);
  for (int i = 0; i < hardware; ++i) {
    const ClientInfo& c = g.active_client();
    const double tax_rate = c.currency == "USD" ? 0.0 : 0.2;
    PendingInvoice inv{g.today - g.rng.range(0, 720), &c, c.currency, 0, 0, 0, "", {}};
    inv.lines.push_back(LineSpec{g.rng.pick(words::kModels), static_cast<double>(g.rng.range(1, 4)),
                                 static_cast<double>(g.rng.range(120, 1400)), tax_rate, 0, 0, 0, 0, 0, 0});
    pending.push_back(std::move(inv));
  }
}

constexpr std::uint64_t kReceivablesStream = 0x7265636569766162ull;  // "receivab"

/// Due date, amount due and paid of one document, from its own side stream (see the top).
/// `paid` and `datepaid` come from the main stream and are only overridden here.
void receivable_state(const Generation& g, Json& inv, long day, bool is_credit, bool voided, bool paid) {
  Rng r = g.side_stream(kReceivablesStream, inv["id"].get<long>());
  const double terms_draw = r.unit();
  const long terms = terms_draw < 0.65 ? 30 : terms_draw < 0.80 ? 14 : terms_draw < 0.90 ? 7 : -1;
  inv["duedate"] = terms < 0 ? std::string(d::kNoDate) : d::halo_date(day + terms);
  const double total = inv["total"].get<double>();
  const long age = g.today - day;
  const double state = r.unit();
  const double share = 0.25 * static_cast<double>(r.range(1, 3));  // of a part payment
  auto owe = [&](double due) {
    inv["amountdue"] = round2(due);
    inv["amountpaid"] = round2(total - due);
    inv["datepaid"] = d::kNoDate;  // not paid in full
  };
  if (is_credit) {
    // A recent credit note may not be applied yet: it is owed to the client.
    if (age <= 300 && state < 0.4) {
      inv["amountdue"] = total;
      inv["amountpaid"] = 0.0;
      inv["datepaid"] = d::kNoDate;
    }
    return;
  }
  if (voided) {
    if (age <= 400 && state < 0.6) inv["amountdue"] = total;  // Halo still shows it; it owes nothing
    return;
  }
  if (paid && age > 35 && age <= 420) {
    if (state < 0.08) {
      owe(total);  // never paid
    } else if (state < 0.13) {
      owe(total - round2(total * share));  // paid in part
    }
  } else if (!paid && state < 0.25) {
    owe(total - round2(total * share));
  }
}

/// factor: 1 for an invoice; for a credit note, its sign times the share of the original.
void emit_invoice(Generation& g, int id, const std::string& number, const PendingInvoice& p, double factor, bool voided,
                  bool paid, int credit_of, int& line_id) {
  Json lines = Json::array();
  double revenue = 0, tax = 0;
  const bool is_credit = credit_of > 0;
  for (const auto& l : p.lines) {
    Json lj = line_json(l, line_id++, id, is_credit ? factor : 1.0);
    if (is_credit) lj["item_shortdescription"] = "Credit: " + l.what;
    revenue += lj["net_amount"].get<double>();
    tax += lj["tax_amount"].get<double>();
    lines.push_back(std::move(lj));
  }
  revenue = round2(revenue);
  tax = round2(tax);
  const double total = round2(revenue + tax);
  const bool posted = p.day < g.today - 3 || voided;
  if (!voided) g.revenue_by_month[d::iso_day(p.day).substr(0, 7) + " " + p.currency] += revenue;
  Json inv{{"id", id},
           {"invoicenumber", number},
           {"client_id", p.client->id},
           {"client_name", p.client->name},
           {"sitenumber", p.client->site_ids.front()},
           {"site_name", p.client->site_names.front()},
           {"invoice_date", d::halo_date(p.day)},
           {"duedate", d::halo_date(p.day + 30)},
           {"datepaid", paid && !voided ? d::halo_date(p.day + g.rng.range(3, 40)) : std::string(d::kNoDate)},
           {"posted", posted},
           {"voided", voided},
           {"revenue", revenue},
           {"tax_total", tax},
           {"total", total},
           {"currency", halo_currency(p.currency, id)},
           {"amountpaid", paid && !voided ? total : 0.0},
           {"amountdue", paid || voided ? 0.0 : total},
           {"contract_id", p.contract_id},
           {"contract_ref", p.contract_ref},
           {"ticket_id", p.ticket_id},
           {"recurring_invoice_id", p.recurring_id},
           {"creditlinkedtoinvoiceid", credit_of},
           {"reference", p.lines.empty() ? std::string() : p.lines[0].what},
           {"lines", std::move(lines)}};
  receivable_state(g, inv, p.day, is_credit, voided, paid);
  g.sink.add(Kind::kInvoices, std::move(inv));
}

}  // namespace

void add_invoices(Generation& g) {
  const long window_start = d::add_months(g.today, -24);
  std::vector<PendingInvoice> pending;
  from_templates(g, window_start, pending);
  from_contracts(g, window_start, pending);
  from_projects(g, window_start, pending);
  from_adhoc_tickets(g, pending);
  one_off_sales(g, pending);
  std::stable_sort(pending.begin(), pending.end(),
                   [](const PendingInvoice& a, const PendingInvoice& b) { return a.day < b.day; });

  int id = 1, line_id = 1;
  const std::size_t credit_every = 45;
  for (std::size_t i = 0; i < pending.size(); ++i) {
    const auto& p = pending[i];
    const bool voided = (i % 97 == 41);
    const bool paid = p.day < g.today - 35 || g.rng.chance(0.3);
    const int invoice_id = id++;
    emit_invoice(g, invoice_id, "INV-" + std::to_string(10000 + invoice_id), p, 1.0, voided, paid, 0, line_id);
    if (i % credit_every == 17) {  // a credit note against this invoice, a few days later
      PendingInvoice credit = p;
      credit.day = std::min(g.today, p.day + g.rng.range(2, 20));
      credit.recurring_id = 0;
      const double share = g.rng.chance(0.5) ? 1.0 : 0.5;
      // Most credits carry negative amounts; some carry positive ones (both are seen in the wild).
      const double sign = (i / credit_every) % 3 == 2 ? 1.0 : -1.0;
      const int credit_id = id++;
      emit_invoice(g, credit_id, "CN-" + std::to_string(5000 + credit_id), credit, sign * share, false, true,
                   invoice_id, line_id);
    }
  }
}

}  // namespace sim::gen

// Generated client contracts: a mix of billing periods (including codes and labels the client
// cannot resolve), fixed and open terms, expired, future and switched-off contracts, each with the
// detail-only billing fields and periods. Feeds the "Contracts Due for Renewal" report.
#include <algorithm>

#include "sim/dates.hpp"
#include "sim/generator_state.hpp"

namespace sim::gen {

using util::Json;
namespace d = dates;

namespace {

/// The stream of the renewal-horizon and short-lived contracts below (mrr_trend, contract_renewals).
constexpr std::uint64_t kRenewalsStream = 0x72656e6577616c73ull;  // "renewals"

/// Contracts with known periods for contract_renewals and mrr_trend: four ending over the coming
/// year (the first of them billed through a template: add_renewal_templates), and four that started
/// and ended within the last two years (new, then churned MRR). Each draws from a side stream of its
/// own id and none is in g.contracts, so no other record, invoice or report row moves.
void add_renewal_contracts(Generation& g, int first_id) {
  const std::vector<Period> mix = {kMonthly, kQuarterly, kYearly, kMonthly};
  for (int k = 0; k < 8; ++k) {
    const int id = first_id + k;
    Rng r = g.side_stream(kRenewalsStream, id);
    const ClientInfo& c = g.clients[static_cast<std::size_t>(k * 3 + 1) % g.clients.size()];
    const Period p = mix[static_cast<std::size_t>(k) % mix.size()];
    const bool ending_soon = k < 4;
    long start = 0, end = 0;
    if (ending_soon) {  // ends 1-12 months from today, started 1-2 years before its end
      end = g.today + 20 + 85 * k + r.range(0, 25);
      start = d::add_months(end, -static_cast<int>(r.range(12, 24)));
    } else {  // started 4-22 months ago and ran 2-9 months
      start = d::add_months(g.today, -static_cast<int>(r.range(12, 22)) + (k - 4) * 2);
      end = d::add_months(start, static_cast<int>(r.range(2, 9)));
      if (end >= g.today) end = g.today - 15 - k;  // over before today, whatever the draws
    }
    const bool expired = end < g.today;
    const double amount = round2(static_cast<double>(r.range(200, 1500)) * std::max(1, p.months));
    const std::string ref = c.prefix + "-RNW" + std::to_string(id);
    g.sink.add(Kind::kContracts, Json{{"id", id},
                                      {"client_id", c.id},
                                      {"client_name", c.name},
                                      {"site_id", c.site_ids.front()},
                                      {"site_name", c.site_names.front()},
                                      {"ref", ref},
                                      {"start_date", d::halo_date(start)},
                                      {"end_date", d::halo_date(end)},
                                      {"started", start <= g.today},
                                      {"active", !expired},
                                      {"expired", expired},
                                      {"status", expired ? 0 : 1},
                                      {"contract_status", expired ? "Expired" : "Active"},
                                      {"billingperiod", p.code},
                                      {"periodchargeamount", amount},
                                      {"contracttype", 1},
                                      {"contracttype_name", "Managed Services"},
                                      {"next_invoice_date", std::string(d::kNoDate)},
                                      {"periodicinvoicenextdate", std::string(d::kNoDate)},
                                      {"note", ""},
                                      {"customfields", Json::array()},
                                      {"billing_period_string", p.label},
                                      {"costperperiod", round2(amount * 0.35)},
                                      {"prepayrecurringcharge", 0.0},
                                      {"periods", Json::array()}});
    if (k == 0) g.renewal_billed_contract = RenewalContract{id, &c, p, amount, start, end, ref};
  }
}

}  // namespace

void add_contracts(Generation& g) {
  const int ccount = g.scaled(30);
  const std::vector<Period> mix = {kMonthly, kMonthly, kMonthly, kMonthly, kMonthly, kQuarterly,
                                   kQuarterly, kYearly, kYearly, kWeekly};
  Json lapsed;  // a copy of the first contract, emitted as the lapsed one below
  for (int i = 0; i < ccount; ++i) {
    const ClientInfo& c = g.clients[static_cast<std::size_t>(i) % g.clients.size()];
    Period p = g.rng.pick(mix);
    if (i == 7) p = kHalfYearlyUnknownCode;
    if (i == 11) p = kUnknownContract;
    if (i == 9) p = kSixMonthlyCode9;
    double base = p.months == 0 ? g.rng.range(40, 180) : g.rng.range(250, 2500) * std::max(1, p.months) * 0.9;
    ContractInfo ci{i + 1, &c, p, round2(base + g.rng.range(0, 99) / 100.0), 0, 0, true, false, ""};
    ci.start = d::add_months(g.today, -static_cast<int>(g.rng.range(3, 40)));
    int shape = static_cast<int>(g.rng.range(0, 9));
    bool active = true, expired = false;
    if (shape == 0) {  // ended last year
      ci.end = g.today - g.rng.range(30, 300);
      expired = true;
      active = false;
    } else if (shape == 1) {  // starts next month
      ci.start = g.today + g.rng.range(5, 40);
      ci.end = d::add_months(ci.start, 36);
    } else if (shape <= 5) {  // fixed term covering today
      ci.end = d::add_months(ci.start, 36);
      if (ci.end < g.today) ci.end = d::add_months(g.today, 6);
    }
    if (i % 17 == 9) active = false;  // switched off by hand
    if (c.inactive) active = false;
    ci.counts = active && !expired && ci.start <= g.today && (ci.end == 0 || ci.end >= g.today);
    ci.ref = c.prefix + "-" + (p.months == 0 ? "SUP" : "MSP") + std::to_string(ci.id);
    ci.via_template = ci.counts && p.code != kUnknownContract.code && g.rng.chance(0.45);
    const char* type_name = p.months == 0 ? "Onsite Support (Weekly)" : (g.rng.chance(0.3) ? "Backup & DR" : "Managed Services");
    long next_invoice = ci.start > g.today ? ci.start : next_boundary(g.today, p);
    // Periods in the OpenAPI ContractPeriod shape, newest (the current one) first; hours derive
    // from the ids rather than being drawn, so the periods take nothing from the random stream.
    Json periods = Json::array();
    const int months = std::max(1, p.months);
    for (int k = 0; k < 3; ++k) {
      const long ps = d::add_months(g.today, -k * months) - 10;
      const long pe = d::add_months(ps, months) - 1;
      const double in_period = 10.0 * months;
      const double used = static_cast<double>((ci.id * 7 + k * 3) % (10 * months + 1));
      periods.push_back(Json{{"id", ci.id * 100 + k},
                             {"contract_id", ci.id},
                             {"name", "Period " + std::to_string(3 - k)},
                             {"start_date", d::halo_date(ps)},
                             {"end_date", d::halo_date(pe)},
                             {"start_date_display", d::halo_date(ps)},
                             {"end_date_display", d::halo_date(pe)},
                             {"current", k == 0},
                             {"hours_in_period", in_period},
                             {"hours_used", used},
                             {"hours_remaining", in_period - used},
                             {"hours_charged", used}});
    }
    g.renewal_rows.push_back(Json{{"Contract", ci.ref}, {"Client", c.name},
                                  {"End Date", ci.end ? d::iso_day(ci.end) : std::string("1900-01-01")},
                                  {"Status", expired ? "Expired" : (active ? "Active" : "Inactive")}});
    Json contract{{"id", ci.id},
                  {"client_id", c.id},
                  {"client_name", c.name},
                  {"site_id", c.site_ids.front()},
                  {"site_name", c.site_names.front()},
                  {"ref", ci.ref},
                  {"start_date", d::halo_date(ci.start)},
                  {"end_date", ci.end ? d::halo_date(ci.end) : std::string(d::kNoDate)},
                  {"started", ci.start <= g.today},
                  {"active", active},
                  {"expired", expired},
                  {"status", active ? 1 : 0},
                  {"contract_status", expired ? "Expired" : (active ? "Active" : "Inactive")},
                  {"billingperiod", p.code},
                  {"periodchargeamount", ci.amount},
                  {"contracttype", p.months == 0 ? 3 : 1},
                  {"contracttype_name", type_name},
                  {"next_invoice_date", ci.counts ? d::halo_date(next_invoice) : std::string(d::kNoDate)},
                  {"periodicinvoicenextdate", ci.counts ? d::halo_date(next_invoice) : std::string(d::kNoDate)},
                  {"note", ""},
                  {"customfields", Json::array()},
                  // Detail-only fields (the server strips them from lists, as Halo does).
                  {"billing_period_string", p.label},
                  {"costperperiod", round2(ci.amount * 0.35)},
                  {"prepayrecurringcharge", 0.0},
                  {"periods", periods}};
    if (i == 0) lapsed = contract;
    g.sink.add(Kind::kContracts, std::move(contract));
    g.contracts.push_back(ci);
  }
  // One contract past its end date that is still switched on: Halo sets `expired` when the end
  // date passes, but `active` is the user's switch and often stays on, so Halo's list (which
  // filters on active only) still returns it. Built without the rng, so the rest of the data
  // does not move; it raises no invoices (invoicing follows g.contracts, which it is not in).
  if (!lapsed.is_null()) {
    const int id = ccount + 1;
    const long end = g.today - 20;
    lapsed["id"] = id;
    lapsed["ref"] = lapsed["ref"].get<std::string>() + "-OLD";
    lapsed["start_date"] = d::halo_date(d::add_months(end, -12));
    lapsed["end_date"] = d::halo_date(end);
    lapsed["active"] = true;
    lapsed["expired"] = true;
    lapsed["contract_status"] = "Expired";
    lapsed["next_invoice_date"] = d::kNoDate;
    lapsed["periodicinvoicenextdate"] = d::kNoDate;
    lapsed["periods"] = Json::array();
    g.sink.add(Kind::kContracts, std::move(lapsed));
  }
  add_renewal_contracts(g, ccount + 2);
}

}  // namespace sim::gen

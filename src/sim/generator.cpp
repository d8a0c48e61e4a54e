// Generates the simulator's MSP dataset: customers, sites, people, tickets with actions and time,
// projects, assets, contracts, recurring invoice templates and two years of invoices and credits.
// Deterministic for (seed, scale, today); every date is relative to `today` so the demo looks current.
// The data deliberately exercises the revenue rules: several billing periods, unknown period codes,
// templates linked to contracts, disabled templates, voided invoices, credits, two currencies.
// Each record group lives in a generator_*.cpp file of its own; this file runs them in order.
#include "sim/dataset_store.hpp"
#include "sim/dates.hpp"
#include "sim/generator_state.hpp"
#include "sim/simulator.hpp"

namespace sim {

util::Result<void> generate_into(const GenerateOptions& options, DatasetSink& sink) {
  long today = dates::today_utc();
  if (!options.today.empty()) {
    auto parsed = dates::parse_day(options.today);
    if (!parsed) return util::fail(util::ErrorKind::kBadInput, "today must be YYYY-MM-DD, got '" + options.today + "'");
    today = *parsed;
  }
  if (!(options.scale > 0) || options.scale > 1000) {
    return util::fail(util::ErrorKind::kBadInput, "scale must be in (0, 1000]");
  }
  gen::Generation g(options.seed, today, options.scale, sink);
  // One random stream runs through every group: this order is part of what a seed means, and a
  // change to it (or one draw more in a group) changes every record that comes after.
  gen::add_statuses(g);
  gen::add_teams_and_agents(g);
  gen::add_clients_sites_users(g);
  gen::add_tickets(g);
  gen::add_projects(g);
  gen::add_assets(g);
  gen::add_contracts(g);
  gen::add_recurring_invoices(g);
  gen::add_invoices(g);
  gen::add_reports(g);
  return {};
}

util::Result<util::Json> generate_dataset(const GenerateOptions& options) {
  JsonSink sink;
  auto done = generate_into(options, sink);
  if (!done) return tl::unexpected(done.error());
  return sink.take();
}

}  // namespace sim

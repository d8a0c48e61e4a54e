// Hot paths of the server in Google Benchmark: parsing and projecting a 100-record Halo page
// (tickets, invoices; bytes/s of input JSON), folding an invoice page into revenue records, the
// schema validation of tool arguments, and the revenue rules over a pre-parsed dataset.
// Every benchmark warms up first (MinWarmUpTime): on this VM a first touch of a fresh page costs
// ~16 us, so a cold iteration measures the hypervisor, not the code (shared cpp-stack.md 2.3).
#include <benchmark/benchmark.h>

#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench_pages.hpp"
#include "domain/periods.hpp"
#include "domain/projection_billing.hpp"
#include "tools/projection.hpp"
#include "tools/registry.hpp"
#include "domain/revenue.hpp"
#include "domain/revenue_dates.hpp"
#include "domain/revenue_parse.hpp"
#include "halo/client.hpp"
#include "halo/document.hpp"
#include "halo/envelope.hpp"
#include "mcp/schema_validator.hpp"
#include "mcp/tool_registry.hpp"
#include "tools/catalog.hpp"
#include "util/json.hpp"

namespace {

constexpr double kWarmUpSeconds = 0.5;

const bench::SamplePages& pages() {
  static const bench::SamplePages loaded = bench::fetch_sample_pages(10.0);
  return loaded;
}

// The body arrives from libcurl as a std::string that Document::parse takes over; copying it in
// is part of what the server does per page only in the sense of filling that buffer, so the copy
// is kept outside the timed region.
template <class Project>
void parse_and_project(benchmark::State& state, const std::string& body, std::string_view key,
                       Project project, bool serialise) {
  std::size_t records = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string copy = body;
    state.ResumeTiming();
    halo::Document doc;
    if (!doc.parse(std::move(copy))) state.SkipWithError("page is not JSON");
    auto list = halo::find_list(doc.root(), key);
    if (!list) state.SkipWithError("page holds no list");
    util::Json items = util::Json::array();
    for (simdjson::dom::element record : list->items) items.push_back(project(record));
    records += items.size();
    if (serialise) {
      std::string text = items.dump();
      benchmark::DoNotOptimize(text.data());
    }
    benchmark::DoNotOptimize(items);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
  state.counters["records_per_page"] = static_cast<double>(records) / static_cast<double>(state.iterations());
  state.counters["page_bytes"] = static_cast<double>(body.size());
}

void BM_TicketPage_ParseProject(benchmark::State& state) {
  parse_and_project(state, pages().tickets, "tickets", [](auto r) { return tools::project(r, tools::find_tool("list_tickets")->fields, false, {}); }, false);
}
void BM_TicketPage_ParseProjectSerialise(benchmark::State& state) {
  parse_and_project(state, pages().tickets, "tickets", [](auto r) { return tools::project(r, tools::find_tool("list_tickets")->fields, false, {}); }, true);
}
void BM_InvoicePage_ParseProject(benchmark::State& state) {
  parse_and_project(state, pages().invoices, "invoices", [](auto r) { return tools::project(r, tools::find_tool("list_invoices")->fields, false, {}); },
                    false);
}
void BM_InvoicePage_ParseProjectSerialise(benchmark::State& state) {
  parse_and_project(state, pages().invoices, "invoices", [](auto r) { return tools::project(r, tools::find_tool("list_invoices")->fields, false, {}); },
                    true);
}

// What revenue_breakdown does with each invoice page: parse, then fold into compact records.
void BM_InvoicePage_ParseRevenueFold(benchmark::State& state) {
  const std::string& body = pages().invoices;
  std::vector<domain::InvoiceRec> kept;
  for (auto _ : state) {
    state.PauseTiming();
    std::string copy = body;
    kept.clear();
    state.ResumeTiming();
    halo::Document doc;
    if (!doc.parse(std::move(copy))) state.SkipWithError("page is not JSON");
    auto list = halo::find_list(doc.root(), "invoices");
    for (simdjson::dom::element record : list->items) {
      if (auto invoice = domain::parse_invoice(record)) kept.push_back(std::move(*invoice));
    }
    benchmark::DoNotOptimize(kept.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
  state.counters["page_bytes"] = static_cast<double>(body.size());
}

// Argument validation as tools/call runs it, against the real tool schemas.
struct Catalogue {
  halo::Client client{halo::Config{"http://127.0.0.1:9", "id", "secret"}};
  domain::PeriodTable periods = domain::PeriodTable::defaults();
  tools::ToolDeps deps{client, periods, "GBP"};
  mcp::ToolRegistry registry;
  Catalogue() { tools::register_halo_tools(registry, deps); }
};

Catalogue& catalogue() {
  static Catalogue c;
  return c;
}

void validate_arguments(benchmark::State& state, const char* tool_name, const util::Json& args) {
  const mcp::Tool* tool = catalogue().registry.find(tool_name);
  if (!tool) {
    state.SkipWithError("no such tool");
    return;
  }
  for (auto _ : state) {
    auto violation = mcp::validate_against_schema(tool->input_schema.get(), args);
    benchmark::DoNotOptimize(violation);
  }
}

void BM_ValidateArgs_ListTickets(benchmark::State& state) {
  validate_arguments(state, "list_tickets", util::Json{{"client_id", 12}, {"open_only", true}, {"page_size", 25}});
}
void BM_ValidateArgs_RevenueBreakdown(benchmark::State& state) {
  validate_arguments(state, "revenue_breakdown",
                     util::Json{{"as_of", "2025-06-30"}, {"start_date", "2024-07-01"}, {"top", 10}});
}

// The revenue rules over an already parsed dataset (no I/O): scale from the benchmark argument.
domain::RevenueInputs inputs_at(double scale) {
  const util::Json data = bench::generated_dataset(scale);
  domain::RevenueInputs in;
  simdjson::dom::parser parser;
  auto fold = [&](const char* key, auto add) {
    const std::string text = data.at(key).dump();
    simdjson::dom::element root = parser.parse(text);
    for (simdjson::dom::element record : root.get_array()) add(record);
  };
  fold("contracts", [&](auto r) { if (auto c = domain::parse_contract(r)) in.contracts.push_back(*c); });
  fold("recurring_invoices", [&](auto r) { if (auto t = domain::parse_recurring_invoice(r)) in.recurring.push_back(*t); });
  fold("invoices", [&](auto r) { if (auto i = domain::parse_invoice(r)) in.invoices.push_back(*i); });
  fold("projects", [&](auto r) { if (auto id = domain::parse_project_id(r)) in.project_ticket_ids.insert(*id); });
  fold("clients", [&](auto r) { if (auto c = domain::parse_client_currency(r)) in.client_currency.insert(*c); });
  return in;
}

void BM_ComputeRevenue(benchmark::State& state) {
  const double scale = static_cast<double>(state.range(0));
  static std::map<int, domain::RevenueInputs> cache;
  auto& in = cache.try_emplace(static_cast<int>(state.range(0)), inputs_at(scale)).first->second;
  domain::RevenueParams params;
  params.as_of = *domain::parse_iso_date("2025-06-30");
  params.end_date = params.as_of;
  params.start_date = *domain::parse_iso_date("2024-07-01");
  params.top = 10;
  const auto periods = domain::PeriodTable::defaults();
  for (auto _ : state) {
    auto result = domain::compute_revenue(in, params, periods);
    benchmark::DoNotOptimize(result);
  }
  state.counters["invoices"] = static_cast<double>(in.invoices.size());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * in.invoices.size()));
}

}  // namespace

BENCHMARK(BM_TicketPage_ParseProject)->MinWarmUpTime(kWarmUpSeconds);
BENCHMARK(BM_TicketPage_ParseProjectSerialise)->MinWarmUpTime(kWarmUpSeconds);
BENCHMARK(BM_InvoicePage_ParseProject)->MinWarmUpTime(kWarmUpSeconds);
BENCHMARK(BM_InvoicePage_ParseProjectSerialise)->MinWarmUpTime(kWarmUpSeconds);
BENCHMARK(BM_InvoicePage_ParseRevenueFold)->MinWarmUpTime(kWarmUpSeconds);
BENCHMARK(BM_ValidateArgs_ListTickets)->MinWarmUpTime(kWarmUpSeconds);
BENCHMARK(BM_ValidateArgs_RevenueBreakdown)->MinWarmUpTime(kWarmUpSeconds);
BENCHMARK(BM_ComputeRevenue)->Arg(1)->Arg(10)->Arg(60)->MinWarmUpTime(kWarmUpSeconds)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();

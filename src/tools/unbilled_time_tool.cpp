// unbilled_time: billable work not yet invoiced, per client and currency (rules:
// domain/unbilled.hpp). One read after another, each needing the one before:
//   1. the window's time entries: one GET Actions (Halo filters by date; each action's local day
//      is checked again here). Halo's Actions have no client filter (OpenAPI), so `client_id` is
//      applied after step 2;
//   2. the clients and summaries of the tickets of the UNBILLED entries only: GET Tickets?ticketids=
//      100 ids a request, then Projects for the ids Tickets does not know;
//   3. those clients' currencies (actions name none): GET Client/{id} for up to 3 clients, else
//      one paged Client list.
// So a call costs 1 + ceil(tickets / 100) (+ the same for projects) + min(clients, 3 or the pages
// of the client list) requests.
#include <simdjson.h>

#include <set>
#include <variant>

#include "domain/halo_fields.hpp"
#include "domain/revenue_parse.hpp"
#include "domain/text_table.hpp"
#include "domain/unbilled.hpp"
#include "tools/analytics_common.hpp"
#include "tools/concurrent_reads.hpp"
#include "tools/list_flows.hpp"
#include "tools/sources.hpp"
#include "tools/time_entry_source.hpp"
#include "tools/tool_args.hpp"
#include "tools/tool_deps.hpp"

namespace tools {
namespace {

using util::Json;

constexpr const Source* kReads[] = {&kActionsSource, &kTicketsSource, &kProjectsSource, &kClientsSource};

constexpr Arg kArgs[] = {
    {.name = "start_date", .kind = ArgKind::kDate, .help = "First day (MSP time zone). Default: end_date - 364."},
    {.name = "end_date", .kind = ArgKind::kDate, .help = "Last day, inclusive. Default: today."},
    {.name = "client_id", .kind = ArgKind::kId, .help = "Only this client."},
    {.name = "top", .kind = ArgKind::kInteger, .help = "Tickets listed per client.", .min = 1, .max = 50,
     .fallback = "5"},
};

/// Beyond this many clients, one paged Client list is cheaper than a GET each.
constexpr std::size_t kOneByOne = 3;
/// Entries named one by one in warnings; the rest are counted in one more.
constexpr std::size_t kNamedUnvalued = 20;

WindowRule last_365_days() {
  using std::chrono::days;
  using std::chrono::sys_days;
  return WindowRule{[](domain::Date today) { return today; },
                    [](domain::Date end) { return domain::Date{sys_days{end} - days{364}}; }, 366};
}

/// client id -> currencyisocode ("" when it names none), for `ids`.
util::Result<std::map<std::int64_t, std::string>> read_currencies(halo::Client& client,
                                                                   const std::set<std::int64_t>& ids,
                                                                   const halo::CallOptions& options,
                                                                   ReadCounter& counter) {
  std::map<std::int64_t, std::string> out;
  if (ids.empty()) return out;
  if (ids.size() <= kOneByOne) {
    for (std::int64_t id : ids) {
      halo::FetchStats stats;
      auto doc = client.get_cacheable("Client/" + std::to_string(id), {}, options, stats);
      counter.requests += stats.requests;
      counter.cache_hits += stats.cache_hits;
      if (!doc) {
        if (doc.error().kind == util::ErrorKind::kNotFound) continue;  // no such client: the default
        return util::Unexpected(doc.error());
      }
      ++counter.records_read;
      if (auto currency = domain::parse_client_currency(doc->root())) out.insert(*currency);
    }
    return out;
  }
  std::int64_t records = 0;
  auto stats = client.for_each_page(
      kClientsSource.path, {{"includeinactive", "true"}}, kClientsSource.key, options,
      [&](const halo::ListPage& page) {
        for (simdjson::dom::element record : page.items) {
          ++records;
          if (auto currency = domain::parse_client_currency(record); currency && ids.count(currency->first)) {
            out.insert(*currency);
          }
        }
        return halo::Visit::kContinue;
      });
  if (!stats) return util::Unexpected(stats.error());
  counter.requests += stats->requests;
  counter.cache_hits += stats->cache_hits;
  counter.records_read += records;
  return out;
}

std::string text_of(const Json& result) {
  auto num = domain::json_cell;
  domain::TextTable table({"client", "currency", "hours", "value", "entries", "oldest", "top ticket"},
                          {false, false, true, true, true, false, false});
  for (const auto& r : result["clients"]) {
    std::string value = num(r["value"]);
    if (!r["value_complete"].get<bool>()) value += " +?";
    std::string top;
    if (!r["tickets"].empty()) {
      const Json& t = r["tickets"][0];
      top = "#" + t["ticket_id"].dump() + " " + t["summary"].get<std::string>();
      if (top.size() > 40) top = top.substr(0, 37) + "...";
    }
    const std::string name = r["client_id"] == 0 ? "(ticket unknown)" : r["client_name"].get<std::string>();
    table.add({name, r["currency"].get<std::string>(), num(r["hours"]), value,
               r["entries"].dump(), r["oldest_entry_date"].is_null() ? "" : r["oldest_entry_date"].get<std::string>(),
               top});
  }
  for (const auto& t : result["totals"]) {
    std::string value = num(t["value"]);
    if (!t["value_complete"].get<bool>()) value += " +?";
    table.add({"TOTAL", t["currency"].get<std::string>(), num(t["hours"]), value, t["entries"].dump(),
               t["oldest_entry_date"].is_null() ? "" : t["oldest_entry_date"].get<std::string>(), ""});
  }
  std::string out = "Unbilled time " + result["start_date"].get<std::string>() + " to " +
                    result["end_date"].get<std::string>() + " (+? = some entries have no rate: value unknown)\n\n" +
                    table.render();
  for (const auto& w : result["warnings"]) out += "\nwarning: " + w["detail"].get<std::string>();
  return out;
}

Json warnings_of(const domain::Unbilled& result) {
  Json warnings = Json::array();
  for (std::size_t i = 0; i < result.unvalued.size() && i < kNamedUnvalued; ++i) {
    const auto& u = result.unvalued[i];
    warnings.push_back(warning_json(
        "unvalued_entry",
        "Time entry " + std::to_string(u.action_id) + " (ticket " + std::to_string(u.ticket_id) + ", " +
            domain::hours_json(static_cast<double>(u.hours) / 10000.0).dump() +
            " h) has no charge amount and no charge rate: its hours count, its value is unknown and in no sum.",
        u.action_id));
  }
  if (result.unvalued.size() > kNamedUnvalued) {
    warnings.push_back(warning_json("unvalued_entry", std::to_string(result.unvalued.size() - kNamedUnvalued) +
                                                          " more time entries have no charge amount and no rate."));
  }
  if (result.unattributed_entries > 0) {
    warnings.push_back(warning_json("unknown_client", std::to_string(result.unattributed_entries) +
                                                          " unbilled entries belong to tickets Halo did not return: "
                                                          "they are in the client 0 row."));
  }
  return warnings;
}

mcp::ToolOutcome unbilled_time(ToolCall& call) {
  ReadCounter counter;
  auto read_window = read_local_window(call.args, call.deps.zone, call.deps.now(), last_365_days());
  if (auto* bad = std::get_if<mcp::ToolOutcome>(&read_window)) return std::move(*bad);
  const domain::LocalWindow window = std::get<domain::LocalWindow>(read_window);

  domain::UnbilledInput in;
  in.client_id = call.args.integer("client_id");
  in.top = static_cast<int>(call.args.integer("top").value_or(5));
  in.default_currency = call.deps.default_currency.empty() ? "GBP" : call.deps.default_currency;

  ConcurrentReads reads(call.context);  // one read: for its progress, cancellation and deadline
  reads.add([&](const halo::CallOptions& options, const ConcurrentReads::Progress& progress) -> util::Result<void> {
    const DateWindow dates{window.start, window.end, window.zone};
    auto read = fetch_time_entries(call.deps.client, TimeEntryQuery{dates, std::nullopt, /*with_owners=*/false},
                                   options);
    progress(1, 3);
    if (!read) return util::Unexpected(read.error());
    counter.requests += read->requests;
    counter.cache_hits += read->cache_hits;
    counter.records_read += read->actions_read;
    for (auto& e : read->entries) {
      const auto day = dates.local_day(e.datetime);
      if (day) in.entries.push_back({std::move(e), *day});
    }
    const auto ids = domain::unbilled_ticket_ids(in.entries);
    std::set<std::int64_t> clients;
    if (!ids.empty()) {
      int requests = 0, cache_hits = 0;
      auto owners = fetch_ticket_owners(call.deps.client, ids, options, requests, cache_hits);
      counter.requests += requests;
      counter.cache_hits += cache_hits;
      if (!owners) return util::Unexpected(owners.error());
      counter.records_read += static_cast<std::int64_t>(owners->size());
      for (auto& [id, owner] : *owners) {
        if (in.client_id && owner.client_id != *in.client_id) continue;
        if (owner.client_id > 0) clients.insert(owner.client_id);
        in.tickets[id] = domain::TicketInfo{owner.client_id, std::move(owner.client_name), std::move(owner.summary)};
      }
    }
    progress(2, 3);
    auto currencies = read_currencies(call.deps.client, clients, options, counter);
    progress(3, 3);
    if (!currencies) return util::Unexpected(currencies.error());
    in.client_currency = std::move(*currencies);
    return {};
  });
  if (auto done = reads.run(); !done) {
    if (done.error().kind == util::ErrorKind::kCancelled) return mcp::ToolOutcome::error("unbilled_time was cancelled.");
    return error_outcome(done.error(), "time entries, tickets and clients", "Tickets, Customers");
  }

  const domain::Unbilled result = domain::compute_unbilled(in);
  Json rows = Json::array();
  for (const auto& row : result.rows) rows.push_back(domain::unbilled_row_json(row, true));
  Json totals = Json::array();
  for (const auto& total : result.totals) totals.push_back(domain::unbilled_row_json(total, false));
  Json out{{"start_date", domain::format_date(window.start)},
           {"end_date", domain::format_date(window.end)},
           {"time_zone", window.zone.name()},
           {"clients", std::move(rows)},
           {"totals", std::move(totals)},
           {"sources", counter.json()},
           {"warnings", warnings_of(result)}};
  auto outcome = mcp::ToolOutcome::ok(out);
  outcome.human_text = text_of(out);
  return outcome;
}

Json unbilled_schema() {
  const Json hours{{"type", "number"}, {"description", "Charge hours, 2 decimals."}};
  const Json money{{"type", "number"}, {"description", "Exact to the cent; valued entries only."}};
  const Json complete{{"type", "boolean"}, {"description", "false: some entries have no rate, value is too low."}};
  const Json count{{"type", "integer"}};
  const Json oldest = nullable("string", "YYYY-MM-DD, MSP time zone.");
  const Json ticket{{"type", "object"},
                    {"properties",
                     {{"ticket_id", count},
                      {"summary", {{"type", "string"}}},
                      {"hours", hours},
                      {"value", money},
                      {"value_complete", complete}}},
                    {"required", {"ticket_id", "summary", "hours", "value", "value_complete"}}};
  Json total{{"type", "object"},
             {"properties",
              {{"currency", {{"type", "string"}}},
               {"hours", hours},
               {"value", money},
               {"value_complete", complete},
               {"unvalued_entries", count},
               {"unvalued_hours", hours},
               {"entries", count},
               {"oldest_entry_date", oldest}}},
             {"required", {"currency", "hours", "value", "value_complete", "unvalued_entries", "entries",
                           "oldest_entry_date"}}};
  Json client = total;
  client["properties"]["client_id"] = count;
  client["properties"]["client_name"] = Json{{"type", "string"}};
  client["properties"]["ticket_count"] = count;
  client["properties"]["tickets"] = Json{{"type", "array"}, {"items", ticket}};
  client["required"].push_back("client_id");
  client["required"].push_back("tickets");
  total["properties"]["clients"] = count;
  const Json date{{"type", "string"}, {"format", "date"}};
  return Json{{"type", "object"},
              {"properties",
               {{"start_date", date},
                {"end_date", date},
                {"time_zone", {{"type", "string"}}},
                {"clients", {{"type", "array"}, {"items", client}}},
                {"totals", {{"type", "array"}, {"items", total}}},
                {"sources", sources_schema()},
                {"warnings", warnings_schema("unvalued_entry, unknown_client")}}},
              {"required", {"start_date", "end_date", "clients", "totals", "sources", "warnings"}}};
}

}  // namespace

extern const ToolDef kUnbilledTime;

constexpr ToolDef kUnbilledTime{
    .name = "unbilled_time",
    .title = "Unbilled time (billable work not invoiced)",
    .description =
        "Billable time entries (tickets and projects) not yet on an invoice, per client and currency, in a window "
        "(default the 365 days to today): charge hours, value (charge amount, else hours x rate; exact cents), "
        "entries, oldest entry date and the top tickets by value. Entries with no amount and no rate count their "
        "hours but not their value (value_complete false, a warning). Ordered by value.",
    .toolset = Toolset::kAnalytics,
    .form = Form::kCustom,
    .reads = kReads,
    .args = kArgs,
    .output_schema = unbilled_schema,
    .handler = unbilled_time,
    .analytics_view = true,
};

}  // namespace tools

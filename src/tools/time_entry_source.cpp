// Time entries over a window, attributed to agents and clients (see time_entry_source.hpp).
#include "tools/time_entry_source.hpp"

#include <simdjson.h>

#include <set>

#include "domain/halo_fields.hpp"

namespace tools {
namespace {

constexpr std::size_t kIdsPerRequest = 100;

std::string joined(const std::vector<std::int64_t>& ids, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += (out.empty() ? "" : ",") + std::to_string(ids[i]);
  return out;
}

/// Reads the owners of `ids` from one endpoint into `owners`; the ids it does not know stay out.
util::Result<void> read_owners(halo::Client& client, const char* path, bool project, const std::vector<std::int64_t>& ids,
                               const halo::CallOptions& options, std::map<std::int64_t, TicketOwner>& owners,
                               int& requests, int& cache_hits) {
  for (std::size_t from = 0; from < ids.size(); from += kIdsPerRequest) {
    const std::size_t to = std::min(ids.size(), from + kIdsPerRequest);
    auto page = client.list_page(path, {{"ticketids", joined(ids, from, to)}}, "tickets", 1,
                                 static_cast<int>(kIdsPerRequest), options);
    if (!page) return util::Unexpected(page.error());
    (page->from_cache ? cache_hits : requests) += 1;
    const std::set<std::int64_t> asked(ids.begin() + static_cast<long>(from), ids.begin() + static_cast<long>(to));
    for (simdjson::dom::element record : page->items) {
      auto id = domain::fields::as_int(record, "id");
      if (!id || asked.count(*id) == 0) continue;  // a Halo that ignored ticketids sends others
      TicketOwner owner;
      owner.client_id = domain::fields::as_int(record, "client_id").value_or(0);
      owner.client_name = domain::fields::as_string(record, "client_name").value_or("");
      owner.summary = domain::fields::as_string(record, "summary").value_or("");
      owner.project = project;
      owners[*id] = std::move(owner);
    }
  }
  return {};
}

}  // namespace

util::Result<std::map<std::int64_t, TicketOwner>> fetch_ticket_owners(halo::Client& client,
                                                                      const std::vector<std::int64_t>& ticket_ids,
                                                                      const halo::CallOptions& options, int& requests,
                                                                      int& cache_hits) {
  std::map<std::int64_t, TicketOwner> owners;
  if (auto read = read_owners(client, "Tickets", false, ticket_ids, options, owners, requests, cache_hits); !read) {
    return util::Unexpected(read.error());
  }
  std::vector<std::int64_t> rest;
  for (auto id : ticket_ids) {
    if (owners.count(id) == 0) rest.push_back(id);
  }
  if (!rest.empty()) {
    if (auto read = read_owners(client, "Projects", true, rest, options, owners, requests, cache_hits); !read) {
      return util::Unexpected(read.error());
    }
  }
  return owners;
}

util::Result<TimeEntries> fetch_time_entries(halo::Client& client, const TimeEntryQuery& query,
                                             const halo::CallOptions& options) {
  TimeEntries out;
  halo::Params params{{"startdate", query.window.start_utc()}, {"enddate", query.window.end_utc()},
                      {"timeentriesonly", "true"}};
  auto page = client.list_unpaged("Actions", params, "actions", options);
  if (!page) return util::Unexpected(page.error());
  (page->from_cache ? out.cache_hits : out.requests) += 1;
  std::set<std::int64_t> tickets;
  for (simdjson::dom::element action : page->items) {
    ++out.actions_read;
    auto entry = domain::parse_time_entry(action);
    if (!entry || !query.window.contains_instant(entry->datetime)) continue;
    if (query.agent_id && entry->agent_id != *query.agent_id) continue;
    if (entry->ticket_id > 0) tickets.insert(entry->ticket_id);
    out.entries.push_back(std::move(*entry));
    out.records.push_back(action);
  }
  out.actions = std::move(page->doc);
  if (query.with_owners && !tickets.empty()) {
    auto owners = fetch_ticket_owners(client, std::vector<std::int64_t>(tickets.begin(), tickets.end()), options,
                                      out.requests, out.cache_hits);
    if (!owners) return util::Unexpected(owners.error());
    out.owners = std::move(*owners);
  }
  return out;
}

}  // namespace tools

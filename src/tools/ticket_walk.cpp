// The ordered ticket walk (see ticket_walk.hpp).
#include "tools/ticket_walk.hpp"

#include <simdjson.h>

#include "domain/halo_fields.hpp"

namespace tools {

util::Result<halo::FetchStats> walk_tickets(halo::Client& client, const TicketWalk& walk,
                                            const halo::CallOptions& options,
                                            const std::function<void(const domain::Record&)>& each,
                                            const std::function<void(int, int)>& progress) {
  halo::Params params = walk.params;
  params.emplace_back("order", "dateoccurred");
  params.emplace_back("orderdesc", walk.newest_first ? "true" : "false");
  params.emplace_back("order2", "id");  // stable pages when tickets share a time
  params.emplace_back("orderdesc2", walk.newest_first ? "true" : "false");
  if (walk.details) params.emplace_back("includedetails", "true");

  bool ordered = true;
  bool reached = false;
  std::optional<domain::Instant> previous;
  auto visit = [&](const halo::ListPage& page) {
    std::optional<domain::Instant> last;
    for (simdjson::dom::element record : page.items) {
      auto opened = domain::fields::as_instant(record, "dateoccurred");
      if (opened && previous && (walk.newest_first ? *opened > *previous : *opened < *previous)) ordered = false;
      if (opened) previous = opened;
      last = opened;
      each(record);
    }
    if (ordered && walk.boundary && page.items.size() > 0 && last &&
        (walk.newest_first ? *last < *walk.boundary : *last >= *walk.boundary)) {
      reached = true;
      return halo::Visit::kStop;
    }
    return halo::Visit::kContinue;
  };
  // Newest first, Halo's date filter makes every page count: read them at once. Oldest first,
  // the boundary is usually on the first or second page: one at a time.
  auto pages_wanted = [&](const halo::ListPage&, int) -> int {
    if (reached) return 0;
    return walk.newest_first || !walk.boundary || !ordered ? (1 << 20) : 1;
  };
  return client.for_each_page(walk.path, params, "tickets", options, visit, progress, pages_wanted);
}

}  // namespace tools

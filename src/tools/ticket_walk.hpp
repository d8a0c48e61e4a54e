// Reading the tickets of a window from Halo's ticket list, ordered by date opened, with the fewest
// pages: Halo is asked to filter (the caller's params), and the walk also stops by itself once
// the order reaches a boundary, so a Halo that ignores a date filter costs pages, never answers.
//   newest first: stop after a page whose last ticket was opened before `boundary`;
//   oldest first: stop after a page whose last ticket was opened at or after `boundary` (the
//                 caller already has those from another read).
// The stop is trusted only while Halo's order held; otherwise every page is read.
#pragma once
#include <functional>
#include <optional>
#include <string_view>

#include "domain/record.hpp"
#include "domain/time_zone.hpp"
#include "halo/client.hpp"

namespace tools {

struct TicketWalk {
  std::string_view path = "Tickets";
  halo::Params params;  ///< filters; the walk adds the order
  bool newest_first = true;
  std::optional<domain::Instant> boundary;
  bool details = false;  ///< includedetails=true: status_name and agent_name, which a list leaves out
};

/// Calls `each` for every ticket of every page read, on the caller's thread.
[[nodiscard]] util::Result<halo::FetchStats> walk_tickets(halo::Client& client, const TicketWalk& walk,
                                                          const halo::CallOptions& options,
                                                          const std::function<void(const domain::Record&)>& each,
                                                          const std::function<void(int, int)>& progress);

}  // namespace tools

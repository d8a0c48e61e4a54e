// The ids of every project and project task, in one request. Halo lists projects through the
// ticket endpoints, and a project's tasks are child tickets: the service-desk figures leave them
// out ("projects are not tickets"), the revenue rules count an invoice billed to any of them as
// project work. ticketidonly asks for ids only (a project record can exceed 100 KB); Halo does not
// page it ("not compatible with pagination"), so the whole answer comes at once, possibly without
// record_count.
#pragma once
#include <cstdint>
#include <set>

#include "halo/client.hpp"

namespace tools {

struct ProjectIds {
  std::set<std::int64_t> ids;
  bool from_cache = false;
};

/// `extra` narrows the read (client_id); empty reads every project.
[[nodiscard]] util::Result<ProjectIds> fetch_project_ids(halo::Client& client, const halo::Params& extra,
                                                         const halo::CallOptions& options);

}  // namespace tools

// Project and project-task ids in one unpaged request (see project_ids.hpp).
#include "tools/project_ids.hpp"

#include "domain/revenue_parse.hpp"

namespace tools {

util::Result<ProjectIds> fetch_project_ids(halo::Client& client, const halo::Params& extra,
                                           const halo::CallOptions& options) {
  halo::Params params{{"ticketidonly", "true"}};
  params.insert(params.end(), extra.begin(), extra.end());
  auto page = client.list_unpaged("Projects", params, "tickets", options);
  if (!page) return util::Unexpected(page.error());
  ProjectIds out;
  out.from_cache = page->from_cache;
  for (simdjson::dom::element record : page->items) {
    if (auto id = domain::parse_project_id(record)) out.ids.insert(*id);
  }
  return out;
}

}  // namespace tools

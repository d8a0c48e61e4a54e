// Team names to ids (see team_lookup.hpp).
#include "tools/team_lookup.hpp"

#include <simdjson.h>

#include "domain/halo_fields.hpp"
#include "util/ascii.hpp"

namespace tools {

util::Result<Teams> fetch_teams(halo::Client& client, const halo::CallOptions& options) {
  auto page = client.list_unpaged("Team", {}, "teams", options);
  if (!page) return util::Unexpected(page.error());
  Teams teams;
  teams.from_cache = page->from_cache;
  for (simdjson::dom::element record : page->items) {
    auto id = domain::fields::as_int(record, "id");
    auto name = domain::fields::as_string(record, "name");
    if (!id || !name || name->empty()) continue;
    teams.id_by_lower_name[util::lower_ascii(*name)] = *id;
    teams.name_by_lower_name[util::lower_ascii(*name)] = *name;
  }
  return teams;
}

}  // namespace tools

// Compact projections of Halo assets, agents and reports.
#pragma once
#include <simdjson.h>

#include "util/json.hpp"

namespace domain {

/// list_assets item: id, inventory_number, key_field, assettype_name, client, site, inactive.
/// (Halo assets have no name: inventory_number and key_field identify them.)
util::Json project_asset(simdjson::dom::element asset);
/// get_asset item: list fields + key_field2/3, status, user, warranty dates, contract, supplier.
util::Json project_asset_detail(simdjson::dom::element asset);

/// list_agents item: id, name, email, team, jobtitle, isdisabled.
util::Json project_agent(simdjson::dom::element agent);

/// list_reports item: id, name, group_name, description (plain text, 300 chars), type.
util::Json project_report(simdjson::dom::element report);

}  // namespace domain

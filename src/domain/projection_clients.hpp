// Compact projections of Halo clients and sites. A raw client is ~18 KB; these are a few hundred
// bytes.
#pragma once
#include <simdjson.h>

#include <string_view>

#include "util/json.hpp"

namespace domain {

/// list_clients item: id, name, inactive, toplevel_id, toplevel_name.
util::Json project_client(simdjson::dom::element client);
/// get_client item: list fields + main site, account manager, currency (`default_currency` when
/// the client names none), phone, website.
util::Json project_client_detail(simdjson::dom::element client, std::string_view default_currency);

/// list_sites item: id, name, client_id, client_name, inactive.
util::Json project_site(simdjson::dom::element site);
/// get_site item: list fields + address (one line, and the lines), phone, timezone.
util::Json project_site_detail(simdjson::dom::element site);

}  // namespace domain

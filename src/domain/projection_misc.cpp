// Projections of assets, agents and reports (see projection_misc.hpp).
#include "domain/projection_misc.hpp"

#include "domain/halo_fields.hpp"
#include "domain/html_text.hpp"

namespace domain {

using namespace domain::fields;

util::Json project_asset(simdjson::dom::element a) {
  return util::Json{
      {"id", json_int(a, "id")},
      {"inventory_number", json_string(a, "inventory_number")},
      {"key_field", json_string(a, "key_field")},
      {"assettype_name", json_string(a, "assettype_name")},
      {"client_id", json_int(a, "client_id")},
      {"client_name", json_string(a, "client_name")},
      {"site_id", json_int(a, "site_id")},
      {"site_name", json_string(a, "site_name")},
      {"inactive", json_bool(a, "inactive")},
  };
}

util::Json project_asset_detail(simdjson::dom::element a) {
  util::Json item = project_asset(a);
  item["key_field2"] = json_string(a, "key_field2");
  item["key_field3"] = json_string(a, "key_field3");
  item["status_name"] = json_string(a, "status_name");
  item["username"] = json_string(a, "username");
  item["warranty_start"] = json_date(a, "warranty_start");
  item["warranty_end"] = json_date(a, "warranty_end");
  item["contract_id"] = json_int(a, "contract_id");
  item["contract_ref"] = json_string(a, "contract_ref");
  item["supplier_name"] = json_string(a, "supplier_name");
  return item;
}

util::Json project_agent(simdjson::dom::element a) {
  return util::Json{
      {"id", json_int(a, "id")},
      {"name", json_string(a, "name")},
      {"email", json_string(a, "email")},
      {"team", json_string(a, "team")},
      {"jobtitle", json_string(a, "jobtitle")},
      {"isdisabled", json_bool(a, "isdisabled")},
  };
}

util::Json project_report(simdjson::dom::element r) {
  auto description = as_string(r, "description");
  return util::Json{
      {"id", json_int(r, "id")},
      {"name", json_string(r, "name")},
      {"group_name", json_string(r, "group_name")},
      {"description",
       description ? util::Json(plain_text(*description, kListTextLimit)) : util::Json(nullptr)},
      {"type", json_int(r, "type")},
  };
}

}  // namespace domain

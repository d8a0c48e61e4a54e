// Projections of assets, agents and reports (see projection_misc.hpp).
#include "domain/projection_misc.hpp"

#include "domain/halo_fields.hpp"
#include "util/json_object.hpp"
#include "domain/html_text.hpp"

namespace domain {

using namespace domain::fields;

util::Json project_asset(simdjson::dom::element a) {
  return util::JsonObject(9)
      .add("id", json_int(a, "id"))
      .add("inventory_number", json_string(a, "inventory_number"))
      .add("key_field", json_string(a, "key_field"))
      .add("assettype_name", json_string(a, "assettype_name"))
      .add("client_id", json_int(a, "client_id"))
      .add("client_name", json_string(a, "client_name"))
      .add("site_id", json_int(a, "site_id"))
      .add("site_name", json_string(a, "site_name"))
      .add("inactive", json_bool(a, "inactive"))
      .take();
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
  return util::JsonObject(6)
      .add("id", json_int(a, "id"))
      .add("name", json_string(a, "name"))
      .add("email", json_string(a, "email"))
      .add("team", json_string(a, "team"))
      .add("jobtitle", json_string(a, "jobtitle"))
      .add("isdisabled", json_bool(a, "isdisabled"))
      .take();
}

util::Json project_report(simdjson::dom::element r) {
  auto description = as_string(r, "description");
  return util::JsonObject(5)
      .add("id", json_int(r, "id"))
      .add("name", json_string(r, "name"))
      .add("group_name", json_string(r, "group_name"))
      .add("description", description ? util::Json(plain_text(*description, kListTextLimit)) : util::Json(nullptr))
      .add("type", json_int(r, "type"))
      .take();
}

}  // namespace domain

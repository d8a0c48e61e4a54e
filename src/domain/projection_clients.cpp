// Projections of clients and sites (see projection_clients.hpp).
#include "domain/projection_clients.hpp"

#include <string>

#include "domain/halo_fields.hpp"
#include "util/json_object.hpp"

namespace domain {

using namespace domain::fields;

util::Json project_client(simdjson::dom::element c) {
  return util::JsonObject(5)
      .add("id", json_int(c, "id"))
      .add("name", json_string(c, "name"))
      .add("inactive", or_null(as_bool(c, "inactive")))
      .add("toplevel_id", json_int(c, "toplevel_id"))
      .add("toplevel_name", json_string(c, "toplevel_name"))
      .take();
}

util::Json project_client_detail(simdjson::dom::element c, std::string_view default_currency) {
  util::Json item = project_client(c);
  item["main_site_id"] = json_int(c, "main_site_id");
  item["main_site_name"] = json_string(c, "main_site_name");
  item["account_manager"] = json_string(c, "accountmanagertech_name");
  auto currency = as_string(c, "currencyisocode");
  item["currency"] = currency && !currency->empty() ? *currency : std::string(default_currency);
  item["phonenumber"] = json_first_string(c, {"phonenumber", "main_phonenumber"});
  item["website"] = json_string(c, "website");
  return item;
}

util::Json project_site(simdjson::dom::element s) {
  return util::JsonObject(5)
      .add("id", json_int(s, "id"))
      .add("name", json_string(s, "name"))
      .add("client_id", json_int(s, "client_id"))
      .add("client_name", json_string(s, "client_name"))
      .add("inactive", json_bool(s, "inactive"))
      .take();
}

util::Json project_site_detail(simdjson::dom::element s) {
  util::Json item = project_site(s);
  util::Json lines = util::Json::array();
  std::string address;
  for (int i = 1; i <= 5; ++i) {
    auto line = as_string(s, "delivery_address_line" + std::to_string(i));
    if (!line || line->empty()) continue;
    lines.push_back(*line);
    if (!address.empty()) address += ", ";
    address += *line;
  }
  item["address"] = address.empty() ? util::Json(nullptr) : util::Json(address);
  item["address_lines"] = lines;
  item["phonenumber"] = json_string(s, "phonenumber");
  item["timezone"] = json_string(s, "timezone");
  return item;
}

}  // namespace domain

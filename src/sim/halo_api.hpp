// The Halo REST resources served by the simulator (/api/...): routing, filters, ordering, paging,
// envelopes and list/detail differences, over an indexed DatasetStore. No HTTP or auth here:
// server.cpp handles transport, tokens and faults and calls handle_api().
#pragma once
#include <map>
#include <string>

#include "sim/dataset_store.hpp"

namespace sim {

struct ApiRequest {
  std::string path;                           ///< as received, e.g. "/api/Invoice/12"
  std::map<std::string, std::string> params;  ///< query parameters, names lower-cased
  std::string base_url;                       ///< for /api/authinfo
  std::string tenant;
  int extra_items = 0;  ///< fault: add this many items to a list page
  int fewer_items = 0;  ///< fault: drop this many items from a list page
  bool ignore_date_filters = false;  ///< behave like a Halo that ignores the date filters
  std::string auth_path = "/auth";   ///< for /api/authinfo
};

struct ApiResponse {
  int status = 200;
  std::string body;
};

/// The stats key of a path: "/api/Invoice", "/api/Invoice/{id}", "/api/Agent/me"; unknown routes
/// give their lower-cased path.
std::string route_key(const std::string& path);

/// True for routes that need no token (/api/authinfo).
bool is_anonymous_route(const std::string& path);

ApiResponse handle_api(const DatasetStore& store, const ApiRequest& request);

}  // namespace sim

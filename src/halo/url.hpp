// URL pieces for Halo requests: percent-encoding (RFC 3986 unreserved characters pass through),
// query strings in the order given, and the endpoint name used in errors (path only).
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace halo {

std::string percent_encode(std::string_view text);

/// "a=1&b=x%20y" from pairs, in the order given (the cache key depends on that order).
std::string build_query(const std::vector<std::pair<std::string, std::string>>& params);

/// "/api/Tickets/12" from "Tickets/12" or "/Tickets/12"; drops any query the caller left on.
std::string endpoint_path(std::string_view path);

}  // namespace halo

// Matching a URI against an RFC 6570 level-1 template ("test://template/{id}/data"): each
// {name} matches one or more characters other than '/', literals must match exactly.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace mcp {

/// The variables when `uri` matches `uri_template`, nullopt otherwise (or when the template is
/// malformed).
[[nodiscard]] std::optional<std::map<std::string, std::string>> match_uri_template(std::string_view uri_template,
                                                                                   std::string_view uri);

}  // namespace mcp

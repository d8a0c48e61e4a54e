// Query parameters of a Halo request, as name/value pairs in order. Values are percent-encoded by
// the client when the URL is built, never spliced.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace halo {
using Params = std::vector<std::pair<std::string, std::string>>;
}  // namespace halo

// URI template matching (see uri_template.hpp). Backtracking is unnecessary: a variable stops
// at the next literal character or '/', whichever the template puts after it.
#include "mcp/uri_template.hpp"

namespace mcp {

std::optional<std::map<std::string, std::string>> match_uri_template(std::string_view tmpl, std::string_view uri) {
  std::map<std::string, std::string> vars;
  std::size_t t = 0, u = 0;
  while (t < tmpl.size()) {
    if (tmpl[t] != '{') {
      if (u >= uri.size() || uri[u] != tmpl[t]) return std::nullopt;
      ++t;
      ++u;
      continue;
    }
    const std::size_t close = tmpl.find('}', t);
    if (close == std::string_view::npos || close == t + 1) return std::nullopt;
    const std::string name(tmpl.substr(t + 1, close - t - 1));
    t = close + 1;
    const char stop = t < tmpl.size() ? tmpl[t] : '\0';
    const std::size_t start = u;
    while (u < uri.size() && uri[u] != '/' && (stop == '\0' || uri[u] != stop)) ++u;
    if (u == start) return std::nullopt;
    vars[name] = std::string(uri.substr(start, u - start));
  }
  if (u != uri.size()) return std::nullopt;
  return vars;
}

}  // namespace mcp

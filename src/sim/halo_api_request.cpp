// Reading query parameters and date-filter bounds for the simulated /api resources.
#include "sim/halo_api_request.hpp"

#include <charconv>

namespace sim::api {

const std::string* param(const Params& p, const char* name) {
  auto it = p.find(name);
  return it == p.end() ? nullptr : &it->second;
}

bool flag(const Params& p, const char* name) {
  const std::string* v = param(p, name);
  return v && lower(*v) == "true";
}

int number(const Params& p, const char* name) {
  const std::string* v = param(p, name);
  if (!v || v->empty()) return 0;
  double d = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), d);
  if (ec != std::errc() || ptr != v->data() + v->size()) return 0;
  return static_cast<int>(d);
}

std::vector<int> id_list(const Params& p, const char* name) {
  std::vector<int> out;
  const std::string* v = param(p, name);
  if (!v) return out;
  std::size_t start = 0;
  while (start <= v->size()) {
    std::size_t end = v->find(',', start);
    if (end == std::string::npos) end = v->size();
    std::string part = v->substr(start, end - start);
    int value = 0;
    auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec == std::errc() && ptr == part.data() + part.size()) out.push_back(value);
    start = end + 1;
  }
  return out;
}

std::string lowered(const Params& p, const char* name) {
  const std::string* v = param(p, name);
  return v ? lower(*v) : std::string();
}

std::string lower_bound(const Params& p, const char* name) {
  const std::string* v = param(p, name);
  if (!v) return {};
  return v->size() <= 10 ? *v + "T00:00:00" : v->substr(0, 19);
}

std::string upper_bound(const Params& p, const char* name) {
  const std::string* v = param(p, name);
  if (!v) return {};
  return v->size() <= 10 ? *v + "T23:59:59" : v->substr(0, 19);
}

bool in_range(const std::string& date, const std::string& from, const std::string& to) {
  if (date.size() < 10 || date.compare(0, 4, "1901") < 0) return false;  // "no date"
  const std::string d = date.substr(0, 19);
  if (!from.empty() && d < from) return false;
  if (!to.empty() && d > to) return false;
  return true;
}

bool contains_text(const RecordKeys& k, const std::string& needle) {
  return needle.empty() || k.search.find(needle) != std::string::npos;
}

}  // namespace sim::api

// See recurring_common.hpp.
#include "tools/recurring_common.hpp"

namespace tools {

util::Json revenue_warnings_json(const std::vector<domain::RevenueWarning>& warnings) {
  util::Json out = util::Json::array();
  for (const auto& w : warnings) out.push_back(warning_json(w.kind, w.detail, w.id));
  return out;
}

void count_fetched(const RevenueFetched& fetched, ReadCounter& counter) {
  counter.requests += fetched.requests;
  counter.cache_hits += fetched.cache_hits;
  for (auto records : fetched.records) counter.records_read += records;
}

}  // namespace tools

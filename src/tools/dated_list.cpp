// The newest-first dated walk (see dated_list.hpp).
#include "tools/dated_list.hpp"

#include <simdjson.h>

#include <algorithm>

#include "halo/client.hpp"
#include "tools/list_flows.hpp"
#include "tools/projection.hpp"
#include "tools/tool_deps.hpp"

namespace tools {

mcp::ToolOutcome run_dated_list(ToolCall& call, const Source& source, const halo::Params& params, const DayOf& day_of,
                                const DateWindow& window) {
  const Paging paging = call.args.paging();
  const Shape shape = call.args.shape();
  const ProjectionEnv env = projection_env(call);
  util::Json items = util::Json::array();
  std::int64_t matched = 0;
  bool ordered = true;  // Halo honoured the newest-first order so far
  bool past_start = false;
  std::optional<domain::Date> previous;

  auto visit = [&](const halo::ListPage& page) {
    std::optional<domain::Date> last_on_page;
    for (simdjson::dom::element record : page.items) {
      auto day = day_of(record);
      if (day && previous && *day > *previous) ordered = false;
      if (day) previous = day;
      last_on_page = day;
      if (!window.contains(day)) continue;
      if (matched >= paging.offset() && matched < paging.offset() + paging.page_size) {
        items.push_back(shape_item(record, shape, call.tool.fields, false, env));
      }
      ++matched;
    }
    // Newest first: once a page ends before the window's start (or with no date, which sorts
    // last), no later page can hold a record in the window.
    if (ordered && window.start && page.items.size() > 0 && (!last_on_page || *last_on_page < *window.start)) {
      past_start = true;
      return halo::Visit::kStop;
    }
    return halo::Visit::kContinue;
  };

  // How many more pages are worth requesting at once: enough to reach the window's start at the
  // pace of the latest page, so concurrency helps without fetching pages that are never read.
  auto pages_wanted = [&](const halo::ListPage& latest, int /*pages_done*/) -> int {
    if (past_start) return 0;
    if (!window.start || !ordered) return 1 << 20;
    if (latest.items.size() == 0) return 0;
    std::optional<domain::Date> first, last;
    for (simdjson::dom::element record : latest.items) {
      auto day = day_of(record);
      if (!day) continue;
      if (!first) first = day;
      last = day;
    }
    if (!first || !last) return 1;
    auto number = [](domain::Date d) { return std::chrono::sys_days{d}.time_since_epoch().count(); };
    const long span = std::max(1L, static_cast<long>(number(*first) - number(*last)));
    const long to_go = static_cast<long>(number(*last) - number(*window.start));
    if (to_go <= 0) return 1;
    return static_cast<int>(std::clamp<long>((to_go + span - 1) / span, 1, 8));
  };

  auto stats = call.deps.client.for_each_page(source.path, params, source.key, call_options(call.context), visit,
                                              page_progress(call.context), pages_wanted);
  if (!stats) return error_outcome(stats.error(), source.plural, source.area);
  return mcp::ToolOutcome::ok(list_result(std::move(items), paging, matched));
}

}  // namespace tools

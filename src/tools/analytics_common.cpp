// Shared parts of the analytic tools (see analytics_common.hpp).
#include "tools/analytics_common.hpp"

#include "tools/tool_args.hpp"

namespace tools {

using util::Json;
using std::chrono::days;
using std::chrono::sys_days;

WindowRule last_30_days() {
  return WindowRule{[](domain::Date today) { return today; },
                    [](domain::Date end) { return domain::Date{sys_days{end} - days{29}}; }, 366};
}

WindowRule previous_month() {
  return WindowRule{
      [](domain::Date today) { return domain::Date{sys_days{today.year() / today.month() / 1} - days{1}}; },
      [](domain::Date end) { return domain::Date{end.year() / end.month() / 1}; }, 366};
}

std::variant<domain::LocalWindow, mcp::ToolOutcome> read_local_window(const Args& args, const domain::TimeZone& zone,
                                                                      domain::Instant now, const WindowRule& rule) {
  auto date_of = [&](std::string_view name) -> std::optional<domain::Date> {
    auto text = args.text(name);
    return text ? domain::parse_iso_date(*text) : std::nullopt;  // the schema checked the format
  };
  const auto given_end = date_of("end_date");
  const domain::Date end = given_end.value_or(rule.default_end(zone.local_date(now)));
  const domain::Date start = date_of("start_date").value_or(rule.default_start(end));
  if (start > end) {
    return mcp::ToolOutcome::error("Invalid argument 'start_date': " + domain::format_date(start) +
                                   " is after end_date " + domain::format_date(end) +
                                   (given_end ? "" : " (end_date defaults to " + domain::format_date(end) + ")"));
  }
  const auto length = (sys_days{end} - sys_days{start}).count() + 1;
  if (length > rule.max_days) {
    return mcp::ToolOutcome::error("Invalid argument 'start_date': the window " + domain::format_date(start) + ".." +
                                   domain::format_date(end) + " is " + std::to_string(length) +
                                   " days; at most " + std::to_string(rule.max_days) + " days at a time.");
  }
  return domain::make_local_window(start, end, zone);
}

Json ReadCounter::json() const {
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  return Json{{"requests", requests}, {"cache_hits", cache_hits}, {"records_read", records_read},
              {"elapsed_ms", elapsed}};
}

Json warning_json(std::string_view kind, std::string detail, std::optional<std::int64_t> id) {
  Json w{{"kind", kind}, {"detail", std::move(detail)}};
  if (id) w["id"] = *id;
  return w;
}

Json nullable(std::string_view type, std::string_view description) {
  Json out{{"type", {type, "null"}}};
  if (!description.empty()) out["description"] = description;
  return out;
}

Json sources_schema() {
  return Json{{"type", "object"},
              {"properties",
               {{"requests", {{"type", "integer"}, {"description", "HTTP requests sent to Halo for this answer."}}},
                {"cache_hits", {{"type", "integer"}}},
                {"records_read", {{"type", "integer"}}},
                {"elapsed_ms", {{"type", "integer"}}}}},
              {"required", {"requests", "records_read", "elapsed_ms"}}};
}

Json warnings_schema(std::string_view kinds) {
  Json warning{{"type", "object"},
               {"properties",
                {{"kind", {{"type", "string"}, {"description", kinds}}},
                 {"id", {{"type", "integer"}}},
                 {"detail", {{"type", "string"}}}}},
               {"required", {"kind", "detail"}}};
  return Json{{"type", "array"}, {"items", std::move(warning)}};
}

}  // namespace tools

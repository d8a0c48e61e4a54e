// Date windows from tool arguments (see date_window.hpp).
#include "tools/date_window.hpp"

#include "tools/tool_args.hpp"

namespace tools {

bool DateWindow::contains(std::optional<domain::Date> day) const {
  if (empty()) return true;
  if (!day) return false;
  return (!start || *day >= *start) && (!end || *day <= *end);
}

std::optional<domain::Date> DateWindow::local_day(std::optional<std::string_view> halo_datetime) const {
  if (!halo_datetime) return std::nullopt;
  auto instant = domain::parse_halo_instant(*halo_datetime);
  if (!instant) return std::nullopt;
  return zone.local_date(*instant);
}

bool DateWindow::contains_instant(std::optional<std::string_view> halo_datetime) const {
  if (empty()) return true;
  return contains(local_day(halo_datetime));
}

std::string DateWindow::start_utc() const { return domain::format_utc(zone.start_of(*start)); }

std::string DateWindow::end_utc() const {
  const domain::Date next{std::chrono::sys_days{*end} + std::chrono::days{1}};
  return domain::format_utc(zone.start_of(next) - std::chrono::seconds{1});
}

std::optional<mcp::ToolOutcome> read_date_window(const Args& args, const domain::TimeZone& zone, DateWindow& window,
                                                 std::string_view start_name, std::string_view end_name) {
  auto read = [&](std::string_view name) -> std::optional<domain::Date> {
    auto text = args.text(name);
    return text ? domain::parse_iso_date(*text) : std::nullopt;
  };
  window.zone = zone;
  window.start = read(start_name);
  window.end = read(end_name);
  if (window.start && window.end && *window.start > *window.end) {
    return mcp::ToolOutcome::error("Invalid arguments: " + std::string(start_name) + " (" +
                                   domain::format_date(*window.start) + ") is after " + std::string(end_name) +
                                   " (" + domain::format_date(*window.end) + ").");
  }
  return std::nullopt;
}

}  // namespace tools

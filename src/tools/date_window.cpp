// Date windows from tool arguments (see date_window.hpp).
#include "tools/date_window.hpp"

namespace tools {

bool DateWindow::contains(std::optional<std::string_view> date) const {
  if (empty()) return true;
  if (!date || date->size() < 10) return false;
  std::string_view day = date->substr(0, 10);
  return !before(day) && !after(day);
}

bool DateWindow::after(std::string_view date) const {
  return end && date.substr(0, 10) > std::string_view(*end);
}

bool DateWindow::before(std::string_view date) const {
  return start && date.substr(0, 10) < std::string_view(*start);
}

std::optional<mcp::ToolOutcome> read_date_window(const util::Json& args, DateWindow& window,
                                                 std::string_view start_name,
                                                 std::string_view end_name) {
  auto read = [&](std::string_view name) -> std::optional<std::string> {
    auto it = args.find(name);
    if (it == args.end() || !it->is_string() || it->get<std::string>().empty()) return std::nullopt;
    return it->get<std::string>();
  };
  window.start = read(start_name);
  window.end = read(end_name);
  if (window.start && window.end && *window.start > *window.end) {
    return mcp::ToolOutcome::error("Invalid arguments: " + std::string(start_name) + " (" +
                                   *window.start + ") is after " + std::string(end_name) + " (" +
                                   *window.end + ").");
  }
  return std::nullopt;
}

}  // namespace tools

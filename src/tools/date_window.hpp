// A start_date/end_date pair from a tool's arguments (both optional, inclusive, YYYY-MM-DD; the
// protocol layer has already checked the format), and the ways tools hand it to Halo.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "mcp/tool.hpp"
#include "util/json.hpp"

namespace tools {

struct DateWindow {
  std::optional<std::string> start;  ///< YYYY-MM-DD, inclusive
  std::optional<std::string> end;    ///< YYYY-MM-DD, inclusive

  bool empty() const { return !start && !end; }
  /// `date` is YYYY-MM-DD (or an ISO timestamp, whose date part is used); null dates are outside
  /// any bounded window.
  bool contains(std::optional<std::string_view> date) const;
  /// The date is after the end of the window.
  bool after(std::string_view date) const;
  /// The date is before the start of the window.
  bool before(std::string_view date) const;
  /// Bounds as Halo timestamps covering whole days: start T00:00:00, end T23:59:59.
  std::string start_timestamp() const { return *start + "T00:00:00"; }
  std::string end_timestamp() const { return *end + "T23:59:59"; }
};

/// Reads the two arguments; start after end is an isError outcome naming the arguments.
[[nodiscard]] std::optional<mcp::ToolOutcome> read_date_window(const util::Json& args,
                                                               DateWindow& window,
                                                               std::string_view start_name = "start_date",
                                                               std::string_view end_name = "end_date");

}  // namespace tools

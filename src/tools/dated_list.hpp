// A list tool with a date window over a list Halo orders newest first (tickets by date opened,
// invoices by invoice date): Halo is asked to filter on the window too, but every record's date is
// checked here, record_count and has_more count only what is in the window, and the walk stops as
// soon as a page ends before the window's start (while Halo's order held), so a Halo that ignores
// the filter costs more requests but gives the same page.
#pragma once
#include <functional>
#include <optional>

#include "domain/record.hpp"
#include "domain/revenue_dates.hpp"
#include "halo/params.hpp"
#include "mcp/tool.hpp"
#include "tools/date_window.hpp"
#include "tools/tool_def.hpp"

namespace tools {

using DayOf = std::function<std::optional<domain::Date>(const domain::Record&)>;

[[nodiscard]] mcp::ToolOutcome run_dated_list(ToolCall& call, const Source& source, const halo::Params& params,
                                              const DayOf& day_of, const DateWindow& window);

}  // namespace tools

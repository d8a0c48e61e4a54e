// The flows every list and get tool shares, written once: one Halo page with Halo's paging, every
// page filtered here (for filters Halo cannot apply), an unpaged endpoint sliced here, and one
// record by id. Each projects with the tool's own field table, applies `full` / `fields`, and
// turns a failure into the one sentence a model reads (error_outcome).
#pragma once
#include <cstdint>
#include <functional>
#include <string_view>

#include "domain/record.hpp"
#include "halo/call_options.hpp"
#include "halo/params.hpp"
#include "mcp/tool.hpp"
#include "tools/tool_args.hpp"
#include "tools/tool_def.hpp"
#include "util/json.hpp"
#include "util/result.hpp"

namespace tools {

using Keep = std::function<bool(const domain::Record&)>;

/// The call's cancellation and deadline for every Halo request a handler makes; retries are
/// reported to the client as warning log messages.
[[nodiscard]] halo::CallOptions call_options(const mcp::ToolContext& context);

/// Reports Halo pages read as MCP progress.
[[nodiscard]] std::function<void(int pages_done, int pages_expected)> page_progress(mcp::ToolContext& context);

/// What computed fields of this call's items need: the period table and the configured default
/// currency.
[[nodiscard]] ProjectionEnv projection_env(const ToolCall& call);

/// One clear sentence for the model. `what` names the thing asked for ("ticket 123", "contracts");
/// `area` names the Halo permission area for a permission failure ("Tickets").
[[nodiscard]] mcp::ToolOutcome error_outcome(const util::Error& error, std::string_view what,
                                             std::string_view area);

/// The list envelope; has_more = there are records after this page.
[[nodiscard]] util::Json list_result(util::Json items, const Paging& paging, std::int64_t record_count);

/// One Halo page with Halo's own paging: record_count and has_more are Halo's.
[[nodiscard]] mcp::ToolOutcome run_paged_list(ToolCall& call, const Source& source, const halo::Params& params);

/// Every page (Halo's paging), keeping the records `keep` accepts, then the page asked for:
/// record_count counts the kept records.
[[nodiscard]] mcp::ToolOutcome run_filtered_list(ToolCall& call, const Source& source, const halo::Params& params,
                                                 const Keep& keep);

/// An endpoint Halo does not page (Agent, Actions): one request, filtered by `keep` (empty: keep
/// all), sliced by page_no/page_size.
[[nodiscard]] mcp::ToolOutcome run_unpaged_list(ToolCall& call, const Source& source, const halo::Params& params,
                                                const Keep& keep = {});

/// GET {path}/{id} where id is the tool's required id argument `id_arg`: {item}; a missing id is
/// "<noun> <id> not found".
[[nodiscard]] mcp::ToolOutcome run_get(ToolCall& call, const Source& source, std::string_view id_arg,
                                       const halo::Params& params);

}  // namespace tools

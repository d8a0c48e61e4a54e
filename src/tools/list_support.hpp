// The parts every Halo tool repeats, written once: argument readers (with the defaults the input
// schemas declare), schema builders (paging, full, fields, the list envelope), shaping a record
// (projection, `full`, `fields`), the list envelope, and turning a util::Error into the one
// sentence a model reads.
#pragma once
#include <simdjson.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "halo/client.hpp"
#include "mcp/tool.hpp"
#include "util/json.hpp"
#include "util/result.hpp"

namespace tools {

using util::Json;
using Projector = std::function<Json(simdjson::dom::element)>;

inline constexpr int kDefaultPageSize = 25;
inline constexpr int kMaxPageSize = 100;

// ---- arguments -------------------------------------------------------------------------------

struct Paging {
  int page_no = 1;
  int page_size = kDefaultPageSize;
  /// Index of the first item of this page in the whole result (0-based).
  std::int64_t offset() const { return static_cast<std::int64_t>(page_no - 1) * page_size; }
};

/// What the caller asked the items to look like.
struct Shape {
  bool full = false;                ///< Halo's raw records
  std::vector<std::string> fields;  ///< raw Halo fields added to each projected item
};

[[nodiscard]] Paging paging_of(const Json& args);
[[nodiscard]] Shape shape_of(const Json& args);
[[nodiscard]] std::optional<std::int64_t> int_arg(const Json& args, std::string_view name);
/// The text of an isError when a top-level numeric argument cannot be held in int64 (JSON Schema
/// calls 18446744073709551615 and 1e300 integers; converting them would wrap or be undefined, and
/// a wrapped id would silently read the wrong records). Empty when every number fits.
[[nodiscard]] std::string out_of_range_argument(const Json& args);
[[nodiscard]] bool bool_arg(const Json& args, std::string_view name, bool fallback);
/// Non-empty strings only (an empty search filters nothing).
[[nodiscard]] std::optional<std::string> string_arg(const Json& args, std::string_view name);

// ---- input schemas ---------------------------------------------------------------------------

namespace in {
Json id(std::string description);  ///< integer >= 1
Json boolean(std::string description, bool fallback);
Json text(std::string description);
Json date(std::string description);  ///< string, format date (YYYY-MM-DD)
}  // namespace in

/// An object schema with additionalProperties:false, the given properties plus page_size,
/// page_no, full and fields.
[[nodiscard]] Json list_input_schema(Json properties, std::vector<std::string> required = {});
/// An object schema with additionalProperties:false: the id (required) plus full, and extras.
[[nodiscard]] Json get_input_schema(const std::string& id_name, std::string id_description,
                                    Json extra_properties = Json::object());

/// Description text shared by every list tool (paging, full, fields), appended to its own.
[[nodiscard]] std::string list_usage_note();

// ---- output schemas --------------------------------------------------------------------------

namespace out {
/// Each allows null: Halo omits fields freely and projections say null rather than guess.
Json integer(std::string description);
Json number(std::string description);
Json text(std::string description);
Json boolean(std::string description);
Json any(std::string description);  ///< no type constraint (raw Halo values, mixed codes/labels)
Json array_of(Json item_properties, std::string description);
}  // namespace out

/// {items:[item], page_no, page_size, record_count, has_more} plus `extra_properties` at the top.
/// Items allow additional properties (for `fields`) and have no required keys (for `full`).
[[nodiscard]] Json list_output_schema(Json item_properties, Json extra_properties = Json::object());
/// {item: {...}}.
[[nodiscard]] Json get_output_schema(Json item_properties);

// ---- results ---------------------------------------------------------------------------------

/// The raw record (`full`), or the projection plus the requested raw fields (null when absent).
[[nodiscard]] Json shape_item(simdjson::dom::element record, const Shape& shape,
                              const Projector& project);

/// The list envelope; has_more = there are records after this page.
[[nodiscard]] Json list_result(Json items, const Paging& paging, std::int64_t record_count);

/// The call's cancellation and deadline, for every Halo request a handler makes; retries are
/// reported to the client as warning log messages.
[[nodiscard]] halo::CallOptions call_options(const mcp::ToolContext& context);

/// Sends each retry notice of the Halo client to the call's log (notifications/message).
[[nodiscard]] std::function<void(std::string_view)> retry_logger(const mcp::ToolContext& context);

/// Reports pages read as MCP progress, for handlers that walk many Halo pages.
[[nodiscard]] std::function<void(int pages_done, int pages_expected)> page_progress(
    mcp::ToolContext& context);

/// One clear sentence for the model. `what` names the thing asked for ("ticket 123",
/// "contracts"); `area` names the Halo permission area for a permission failure ("Tickets").
[[nodiscard]] mcp::ToolOutcome error_outcome(const util::Error& error, std::string_view what,
                                             std::string_view area);

// ---- the common list and get flows ------------------------------------------------------------

/// Where a resource lives in Halo and what the tools call it.
struct Resource {
  std::string path;  ///< "Tickets", "ClientContract"
  std::string key;   ///< list envelope key: "tickets", "contracts"
  std::string noun;  ///< "ticket": for "ticket 123 not found"
  std::string plural;  ///< "tickets"
  std::string area;  ///< Halo permission area: "Tickets", "Contracts"
};

/// One Halo page with Halo's own paging: record_count and has_more are Halo's.
[[nodiscard]] mcp::ToolOutcome run_paged_list(halo::Client& client, const Resource& resource,
                                              const halo::Params& params, const Json& args,
                                              mcp::ToolContext& context, const Projector& project);

/// Fetches every page (Halo's paging) and keeps the records `keep` accepts, then slices the
/// page asked for: record_count counts the kept records. For filters Halo cannot apply.
[[nodiscard]] mcp::ToolOutcome run_filtered_list(
    halo::Client& client, const Resource& resource, const halo::Params& params, const Json& args,
    mcp::ToolContext& context, const std::function<bool(simdjson::dom::element)>& keep,
    const Projector& project);

/// An endpoint Halo does not page (Agent, Actions): one request, filtered by `keep` (null =
/// keep all), sliced by page_no/page_size.
[[nodiscard]] mcp::ToolOutcome run_unpaged_list(
    halo::Client& client, const Resource& resource, const halo::Params& params, const Json& args,
    mcp::ToolContext& context, const std::function<bool(simdjson::dom::element)>& keep,
    const Projector& project);

/// GET {path}/{id}: {item}; a missing id is "<noun> <id> not found".
[[nodiscard]] mcp::ToolOutcome run_get(halo::Client& client, const Resource& resource,
                                       std::int64_t id, const halo::Params& params,
                                       const Json& args, mcp::ToolContext& context,
                                       const Projector& project);

/// Fetches GET {path}/{id}; errors already phrased for the model.
[[nodiscard]] tl::expected<halo::Document, mcp::ToolOutcome> fetch_record(
    halo::Client& client, const Resource& resource, std::int64_t id, const halo::Params& params,
    mcp::ToolContext& context);

}  // namespace tools

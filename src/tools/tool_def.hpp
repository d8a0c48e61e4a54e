// How a Halo tool is declared: once, as constant data in the file of its area. A ToolDef holds the
// name, title, description, toolset, the Halo sources it reads, its arguments as a table, and (for
// list and get tools) its item fields, each once, with the Halo field it comes from. Everything
// else is derived from it: the inputSchema and outputSchema (tool_schema.hpp), argument defaults
// (tool_args.hpp), the projection of records (projection.hpp), the `tools` command's text and the
// README's tool and permission tables (catalog_docs.hpp), `check`'s probes, and the tool lists the
// tests use (registry.hpp).
//
// The smallest tool, whole:
//
//   constexpr Arg kArgs[] = {{.name = "search", .kind = ArgKind::kText, .help = "Text in the name."}};
//   constexpr Field kFields[] = {{.name = "id", .kind = FieldKind::kInt, .help = "Report id."},
//                                {.name = "name", .kind = FieldKind::kText, .help = "Report name."}};
//   mcp::ToolOutcome list_reports(ToolCall& call) {
//     halo::Params params;
//     if (auto search = call.args.text("search")) params.emplace_back("search", *search);
//     return run_paged_list(call, kReportsSource, params);
//   }
//   constexpr const Source* kReads[] = {&kReportsSource};
//   extern const ToolDef kListReports;
//   constexpr ToolDef kListReports{.name = "list_reports", .title = "List reports", ...,
//       .reads = kReads, .args = kArgs, .fields = kFields, .handler = list_reports};
//
// plus one line in registry.cpp. No simdjson here: a field that needs code to compute receives the
// record through domain/record.hpp's forward declaration.
#pragma once
#include <chrono>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "charts/chart.hpp"
#include "domain/record.hpp"
#include "mcp/tool.hpp"
#include "util/json.hpp"

namespace domain {
class PeriodTable;
class TimeZone;
}  // namespace domain

namespace tools {

struct ToolDeps;
class Args;

// ---- toolsets --------------------------------------------------------------------------------

/// Groups of tools a deployment switches on or off (--toolsets, HALO_MCP_TOOLSETS) and, later,
/// what one person may use. Names: toolset_name().
enum class Toolset { kTickets, kCustomers, kBilling, kProjects, kAssets, kTeam, kReports, kAnalytics };

// ---- Halo sources ----------------------------------------------------------------------------

/// One Halo endpoint a tool reads, with what it takes to read it: the envelope key of its list,
/// whether Halo pages it, how errors name its records, and the API permission it needs.
struct Source {
  std::string_view label;       ///< what a person calls it: "tickets", "ticket actions"
  std::string_view path;        ///< under /api: "Tickets", "ClientContract"
  std::string_view key;         ///< list envelope key ("tickets"); empty for a bare array
  bool paged;                   ///< Halo pages it (pageinate=true)
  std::string_view noun;        ///< "ticket", for "ticket 123 not found"
  std::string_view plural;      ///< "tickets", for "Could not read tickets"
  std::string_view area;        ///< the permission area errors name: "Tickets (actions)"
  std::string_view permission;  ///< what to grant the API application: "read:tickets"
};

// ---- arguments -------------------------------------------------------------------------------

enum class ArgKind {
  kId,        ///< integer >= 1
  kInteger,   ///< integer in [min, max]
  kBoolean,
  kText,      ///< string of at most `max` characters (200 when max is 0)
  kDate,      ///< YYYY-MM-DD, a real calendar date
  kMonth,     ///< YYYY-MM
  kChoice,    ///< one of `choices`
  kTextList,  ///< array of non-empty strings (at most 50 of 100 characters)
};

struct Arg {
  std::string_view name;
  ArgKind kind;
  std::string_view help;  ///< one line for the model
  bool required = false;
  std::int64_t min = 0;   ///< kInteger
  std::int64_t max = 0;   ///< kInteger maximum (0: none); kText maximum length (0: 200)
  /// The default as JSON text ("25", "true", "\"none\""); empty when there is none. Declared once:
  /// it goes into the inputSchema and is what Args returns when the argument is absent.
  std::string_view fallback = {};
  std::span<const std::string_view> choices = {};
};

// ---- output fields ---------------------------------------------------------------------------

enum class FieldKind {
  kInt,
  kNumber,
  kText,
  kBool,
  kDate,      ///< YYYY-MM-DD; Halo's 1900-01-01 "no date" is null
  kDatetime,  ///< ISO 8601 without fractions
  kNote,      ///< HTML reduced to plain text, cut at 300 characters
  kBody,      ///< HTML reduced to plain text, cut at 2000 characters
  kAny,       ///< Halo's value as it is (codes that are sometimes labels)
  kObjects,   ///< an array of objects described by `items`
  kStrings,   ///< an array of strings
};

/// What computed fields may need besides the record.
struct ProjectionEnv {
  const domain::PeriodTable* periods = nullptr;
  /// HALO_DEFAULT_CURRENCY. (Billing items leave an unnamed currency null instead: their client
  /// decides it, tools/billing_currency.hpp.)
  std::string_view default_currency;
  /// The call's "now" (ToolDeps::now()), for fields measured from the present.
  std::chrono::sys_seconds now = {};
  /// HALO_TIMEZONE, which decides the day `now` is (list_invoices' days_overdue); nullptr: UTC.
  const domain::TimeZone* zone = nullptr;
};

using Compute = util::Json (*)(const domain::Record& record, const ProjectionEnv& env);

struct Field {
  std::string_view name;
  FieldKind kind;
  std::string_view help;
  /// The Halo field it is read from when that is not `name`; "a|b" takes the first non-empty.
  std::string_view from = {};
  bool detail_only = false;  ///< only in the get tool's item (a list item stays compact)
  Compute compute = nullptr;  ///< when the value takes code, not a plain read
  /// Described in the output schema but never projected: the handler adds it when asked
  /// (get_ticket's actions).
  bool added_by_handler = false;
  std::span<const Field> items = {};  ///< kObjects: the fields of each element
};

// ---- the tool --------------------------------------------------------------------------------

/// kList: paging, `full` and `fields` arguments and the {items, page_no, page_size, record_count,
/// has_more} envelope are added; kGet: `full` and the {item} envelope; kCustom: the tool gives its
/// own output schema.
enum class Form { kList, kGet, kCustom };

struct ToolCall;
using Handler = mcp::ToolOutcome (*)(ToolCall& call);
using OutputSchema = util::Json (*)();
/// The pictures of a successful result (one per currency where money is drawn), from its
/// structuredContent alone, so a chart can never show a figure the result does not.
using ChartBuilder = std::vector<charts::Chart> (*)(const util::Json& structured);

struct ToolDef {
  std::string_view name;  ///< fixed: deployment guides and saved prompts call tools by name
  std::string_view title;
  std::string_view description;  ///< when to use it and what it returns, in a few lines
  Toolset toolset;
  Form form;
  std::span<const Source* const> reads;  ///< Halo sources it reads (permissions, `check`)
  std::span<const Arg> args;             ///< beyond what the form adds
  std::span<const Field> fields = {};    ///< kList/kGet: the item's fields
  std::span<const Field> totals = {};    ///< kList: envelope fields beyond paging (always present)
  OutputSchema output_schema = nullptr;  ///< kCustom
  Handler handler = nullptr;
  /// kCustom: offers `chart: true`, which adds these charts to the result as PNG images.
  ChartBuilder chart = nullptr;
  /// kCustom: hosts that render MCP Apps views may show its results in the analytics view
  /// (src/apps/), which knows how to draw this tool's structuredContent.
  bool analytics_view = false;
};

/// What a handler runs with: its declaration, its validated arguments, the Halo client and
/// settings, and the MCP call (cancellation, deadline, progress, log).
struct ToolCall {
  const ToolDef& tool;
  const Args& args;
  ToolDeps& deps;
  mcp::ToolContext& context;
};

}  // namespace tools

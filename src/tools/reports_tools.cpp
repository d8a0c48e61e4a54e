// Saved reports (Halo's Report Centre): list_reports, and run_report, which runs one saved report
// (by id, or by its exact name) and returns its rows as Halo gives them.
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "domain/halo_fields.hpp"
#include "halo/client.hpp"
#include "tools/analytics_common.hpp"
#include "tools/date_window.hpp"
#include "tools/list_flows.hpp"
#include "tools/record_fetch.hpp"
#include "tools/result_bounds.hpp"
#include "tools/sources.hpp"
#include "tools/tool_deps.hpp"
#include "util/ascii.hpp"

namespace tools {
namespace {

namespace f = domain::fields;
using util::Json;

constexpr Field kReportFields[] = {
    {.name = "id", .kind = FieldKind::kInt, .help = "Report id."},
    {.name = "name", .kind = FieldKind::kText, .help = "Report name."},
    {.name = "group_name", .kind = FieldKind::kText, .help = "Report group (folder)."},
    {.name = "description", .kind = FieldKind::kNote, .help = "Description as plain text, cut at 300 characters."},
    {.name = "type", .kind = FieldKind::kInt, .help = "Halo's report type code."},
};

constexpr const Source* kReads[] = {&kReportsSource};

constexpr Arg kArgs[] = {
    {.name = "search", .kind = ArgKind::kText, .help = "Text the report name contains."},
};

mcp::ToolOutcome list_reports(ToolCall& call) {
  halo::Params params;
  if (auto search = call.args.text("search")) params.emplace_back("search", *search);
  return run_paged_list(call, kReportsSource, params);
}

// ---- run_report --------------------------------------------------------------------------------

constexpr Arg kRunArgs[] = {
    {.name = "report_id", .kind = ArgKind::kId, .help = "Report id (list_reports). Or name."},
    {.name = "name", .kind = ArgKind::kText, .help = "Exact report name, any case. Or report_id."},
    {.name = "start_date", .kind = ArgKind::kDate, .help = "Reporting period start, if the report has one."},
    {.name = "end_date", .kind = ArgKind::kDate, .help = "Reporting period end, inclusive."},
    {.name = "max_rows", .kind = ArgKind::kInteger, .help = "Rows returned at most.", .min = 1, .max = 1000,
     .fallback = "200"},
};

/// Most close matches an unknown or ambiguous name lists.
constexpr std::size_t kMaxMatchesListed = 10;

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

/// The lower-cased words of a name (letters and digits).
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      word += util::lower_ascii(c);
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

struct NamedReport {
  std::int64_t id = 0;
  std::string name;
  std::string group;
};

/// Every report Halo lists for `params` (all pages), counted into `counter`.
util::Result<std::vector<NamedReport>> read_reports(ToolCall& call, const halo::Params& params, ReadCounter& counter) {
  std::vector<NamedReport> out;
  auto stats = call.deps.client.for_each_page(
      kReportsSource.path, params, kReportsSource.key, call_options(call.context),
      [&](const halo::ListPage& page) {
        for (simdjson::dom::element record : page.items) {
          auto id = f::as_int(record, "id");
          if (!id) continue;
          out.push_back({*id, f::as_string(record, "name").value_or(""), f::as_string(record, "group_name").value_or("")});
        }
        return halo::Visit::kContinue;
      });
  if (!stats) return util::Unexpected(stats.error());
  counter.requests += stats->requests;
  counter.cache_hits += stats->cache_hits;
  counter.records_read += stats->records;
  return out;
}

std::string describe_matches(const std::vector<NamedReport>& reports) {
  std::string out;
  for (std::size_t i = 0; i < reports.size() && i < kMaxMatchesListed; ++i) {
    const auto& r = reports[i];
    out += (i == 0 ? "" : "; ") + std::to_string(r.id) + " '" + r.name + "'" +
           (r.group.empty() ? "" : " (" + r.group + ")");
  }
  if (reports.size() > kMaxMatchesListed) {
    out += "; and " + std::to_string(reports.size() - kMaxMatchesListed) + " more";
  }
  return out;
}

/// The id of the one report named `name` (trimmed, any case), or the isError that lists what
/// came close: the reports sharing the name, or those whose names hold the words asked for.
tl::expected<std::int64_t, mcp::ToolOutcome> resolve_name(ToolCall& call, const std::string& name,
                                                          ReadCounter& counter) {
  const std::string wanted = util::lower_ascii(trimmed(name));
  auto found = read_reports(call, {{"search", trimmed(name)}}, counter);
  if (!found) return tl::unexpected(error_outcome(found.error(), kReportsSource.plural, kReportsSource.area));
  std::vector<NamedReport> exact;
  for (const auto& r : *found) {
    if (util::lower_ascii(trimmed(r.name)) == wanted) exact.push_back(r);
  }
  if (exact.size() == 1) return exact.front().id;
  if (exact.size() > 1) {
    return tl::unexpected(mcp::ToolOutcome::error(
        "Invalid argument 'name': " + std::to_string(exact.size()) + " reports are named '" + trimmed(name) +
        "': " + describe_matches(exact) + ". Give report_id instead."));
  }
  // None by that name: every report, for the names holding all the words asked for (else any).
  auto all = read_reports(call, {}, counter);
  if (!all) return tl::unexpected(error_outcome(all.error(), kReportsSource.plural, kReportsSource.area));
  const std::vector<std::string> words = words_of(name);
  std::vector<NamedReport> every_word, some_word;
  for (const auto& r : *all) {
    const std::string have = util::lower_ascii(r.name);
    std::size_t hits = 0;
    for (const auto& w : words) hits += have.find(w) != std::string::npos ? 1 : 0;
    if (hits > 0 && hits == words.size()) every_word.push_back(r);
    if (hits > 0) some_word.push_back(r);
  }
  const auto& close = every_word.empty() ? some_word : every_word;
  std::string text = "Invalid argument 'name': no report is named '" + trimmed(name) + "'";
  if (close.empty()) {
    text += ", and no report name holds its words; list_reports shows the reports.";
  } else {
    text += ". Close matches (" + std::string(every_word.empty() ? "some" : "all") +
            " of its words): " + describe_matches(close) + ". Give report_id or the exact name.";
  }
  return tl::unexpected(mcp::ToolOutcome::error(std::move(text)));
}

/// Drops trailing rows until the whole result fits kMaxResultBytes; returns how many were dropped.
std::size_t fit_rows(Json& structured) {
  Json& rows = structured["rows"];
  std::size_t size = serialized_size(structured);
  std::size_t dropped = 0;
  while (size > kMaxResultBytes && !rows.empty()) {
    size -= serialized_size(rows.back()) + (rows.size() > 1 ? 1 : 0);  // the row and its comma
    rows.erase(rows.size() - 1);
    ++dropped;
  }
  return dropped;
}

mcp::ToolOutcome run_report(ToolCall& call) {
  ReadCounter counter;
  auto id = call.args.integer("report_id");
  auto name = call.args.text("name");
  if (call.args.given("name") && !name) return mcp::ToolOutcome::error("Invalid argument 'name': it is blank.");
  if (id.has_value() == name.has_value()) {
    return mcp::ToolOutcome::error(std::string("Invalid arguments: give exactly one of 'report_id' and 'name'") +
                                   (id ? " (both were given)." : " (neither was given)."));
  }
  DateWindow period;
  if (auto bad = read_date_window(call.args, call.deps.zone, period)) return *bad;
  const auto max_rows = static_cast<std::size_t>(call.args.integer("max_rows").value_or(200));

  if (name) {
    auto resolved = resolve_name(call, *name, counter);
    if (!resolved) return std::move(resolved.error());
    id = *resolved;
  }

  // The period as Halo's reporting period: calendar days as given, the whole end day included.
  halo::Params params{{"loadreport", "true"}};
  if (period.start) params.emplace_back("reportingperiodstartdate", domain::format_date(*period.start) + "T00:00:00");
  if (period.end) params.emplace_back("reportingperiodenddate", domain::format_date(*period.end) + "T23:59:59");
  ++counter.requests;  // a record by id is never served from the cache
  auto doc = fetch_record(call, kReportsSource, *id, params);
  if (!doc) return std::move(doc.error());
  const simdjson::dom::element root = doc->root();
  const std::string report_name = f::as_string(root, "name").value_or("");
  const std::string what = "report " + std::to_string(*id) + (report_name.empty() ? "" : " '" + report_name + "'");

  auto report = f::get(root, "report");
  if (!report || !report->is_object()) {
    return mcp::ToolOutcome::error("Halo ran " + what + " but sent no results (no 'report' object).");
  }
  const std::string load_error = f::as_string(*report, "load_error").value_or("");
  if (!load_error.empty() || !f::as_bool(*report, "loaded").value_or(true)) {
    return mcp::ToolOutcome::error("Halo could not run " + what + ": " +
                                   (load_error.empty() ? std::string("it says the report did not load.") : load_error));
  }

  Json columns = Json::array();
  Json rows = Json::array();
  std::size_t row_count = 0;
  simdjson::dom::array halo_rows;
  if (auto value = f::get(*report, "rows"); value && value->get_array().get(halo_rows) == simdjson::SUCCESS) {
    for (simdjson::dom::element row : halo_rows) {
      simdjson::dom::object cells;
      if (row.get_object().get(cells) != simdjson::SUCCESS) continue;
      if (row_count == 0) {
        for (auto cell : cells) columns.push_back(std::string(cell.key));
      }
      if (row_count < max_rows) {
        Json out = Json::object();
        for (auto cell : cells) out[std::string(cell.key)] = f::to_json(cell.value);  // strings stay strings
        rows.push_back(std::move(out));
      }
      ++row_count;
    }
  }
  counter.records_read += static_cast<std::int64_t>(row_count);

  Json warnings = Json::array();
  if (row_count > max_rows) {
    warnings.push_back(warning_json("truncated", "Showing the first " + std::to_string(max_rows) + " of " +
                                                std::to_string(row_count) + " rows (max_rows, at most 1000)."));
  }
  if (period.start || period.end) {
    warnings.push_back(warning_json(
        "reporting_period",
        "Sent " + (period.start ? domain::format_date(*period.start) : std::string("(open)")) + " to " +
            (period.end ? domain::format_date(*period.end) : std::string("(open)")) +
            " as the report's reporting period; a report without one returns its rows unfiltered."));
  }
  Json structured{{"report_id", *id},         {"name", report_name},           {"columns", std::move(columns)},
                  {"rows", std::move(rows)},  {"row_count", row_count},        {"truncated", row_count > max_rows},
                  {"warnings", std::move(warnings)}};
  const int clipped = clip_long_strings(structured["rows"], kMaxStringBytes);
  if (clipped > 0) {
    structured["warnings"].push_back(warning_json("cells_clipped", std::to_string(clipped) + " cells longer than " +
                                                                  std::to_string(kMaxStringBytes / 1024) +
                                                                  " KB were cut."));
  }
  structured["sources"] = counter.json();
  if (const std::size_t dropped = fit_rows(structured); dropped > 0) {
    const std::size_t shown = structured["rows"].size();
    structured["truncated"] = true;
    structured["warnings"].push_back(warning_json(
        "result_truncated", "Showing " + std::to_string(shown) + " of " + std::to_string(row_count) +
                                " rows: the rows asked for exceed the " + std::to_string(kMaxResultBytes / 1024) +
                                " KB result limit; ask for fewer (max_rows)."));
  }
  return mcp::ToolOutcome::ok(std::move(structured));
}

Json run_report_schema() {
  Json sources = sources_schema();
  sources["properties"]["records_read"]["description"] = "Reports listed to find the name, plus rows Halo returned.";
  return Json{
      {"type", "object"},
      {"properties",
       {{"report_id", {{"type", "integer"}}},
        {"name", {{"type", "string"}}},
        {"columns", {{"type", "array"}, {"items", {{"type", "string"}}}, {"description", "In Halo's order."}}},
        {"rows",
         {{"type", "array"},
          {"description", "{column: value}; Halo sends values as text, kept as sent."},
          {"items", {{"type", "object"}}}}},
        {"row_count", {{"type", "integer"}, {"description", "Rows Halo returned (all of them)."}}},
        {"truncated", {{"type", "boolean"}, {"description", "Fewer rows shown than row_count."}}},
        {"warnings", warnings_schema("truncated | reporting_period | cells_clipped | result_truncated")},
        {"sources", std::move(sources)}}},
      {"required", {"report_id", "name", "columns", "rows", "row_count", "truncated", "warnings", "sources"}}};
}

}  // namespace

extern const ToolDef kListReports, kRunReport;

constexpr ToolDef kListReports{
    .name = "list_reports",
    .title = "List reports",
    .description = "The saved reports of Halo's Report Centre: id, name, group, description. Useful to find a "
                   "report the MSP maintains for a figure the other tools do not give.",
    .toolset = Toolset::kReports,
    .form = Form::kList,
    .reads = kReads,
    .args = kArgs,
    .fields = kReportFields,
    .handler = list_reports,
};

constexpr ToolDef kRunReport{
    .name = "run_report",
    .title = "Run a saved report",
    .description = "Runs one saved Halo report (report_id, or its exact name; list_reports finds them): its "
                   "columns and rows, cells as Halo's text. start_date/end_date set its reporting period.",
    .toolset = Toolset::kReports,
    .form = Form::kCustom,
    .reads = kReads,
    .args = kRunArgs,
    .output_schema = run_report_schema,
    .handler = run_report,
};

}  // namespace tools

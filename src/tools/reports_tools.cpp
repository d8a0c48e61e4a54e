// Saved reports (Halo's Report Centre): list_reports.
#include "tools/list_flows.hpp"
#include "tools/sources.hpp"

namespace tools {
namespace {

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

}  // namespace

extern const ToolDef kListReports;

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

}  // namespace tools

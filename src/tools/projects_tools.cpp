// Projects (ticket-shaped records under /api/Projects): list_projects, get_project.
#include "tools/list_flows.hpp"
#include "tools/sources.hpp"

namespace tools {
namespace {

constexpr Field kProjectFields[] = {
    {.name = "id", .kind = FieldKind::kInt, .help = "Project id (a ticket number)."},
    {.name = "summary", .kind = FieldKind::kText, .help = "Project name."},
    {.name = "client_id", .kind = FieldKind::kInt, .help = "Client id."},
    {.name = "client_name", .kind = FieldKind::kText, .help = "Client name."},
    {.name = "status_id", .kind = FieldKind::kInt, .help = "Status id."},
    {.name = "status_name", .kind = FieldKind::kText, .help = "Status label."},
    {.name = "agent_name", .kind = FieldKind::kText, .help = "Project owner (assigned agent)."},
    {.name = "startdate", .kind = FieldKind::kDate, .help = "Start date."},
    {.name = "targetdate", .kind = FieldKind::kDate, .help = "Target date."},
    {.name = "deadlinedate", .kind = FieldKind::kDate, .help = "Deadline."},
    {.name = "estimate", .kind = FieldKind::kNumber, .help = "Estimated hours."},
    {.name = "timetaken", .kind = FieldKind::kNumber, .help = "Hours logged so far."},
    {.name = "details", .kind = FieldKind::kBody, .help = "Description as plain text, cut at 2000 characters.",
     .detail_only = true},
    {.name = "budgettype", .kind = FieldKind::kText, .help = "Budget type.", .detail_only = true},
    {.name = "dateoccurred", .kind = FieldKind::kDatetime, .help = "Created.", .detail_only = true},
    {.name = "dateclosed", .kind = FieldKind::kDatetime, .help = "Closed; null while open.", .detail_only = true},
};

constexpr const Source* kReads[] = {&kProjectsSource};

constexpr Arg kListArgs[] = {
    {.name = "client_id", .kind = ArgKind::kId, .help = "Only projects of this client."},
    {.name = "open_only", .kind = ArgKind::kBoolean, .help = "Only open (not closed) projects.", .fallback = "false"},
    {.name = "search", .kind = ArgKind::kText, .help = "Free-text search."},
};
constexpr Arg kGetArgs[] = {
    {.name = "project_id", .kind = ArgKind::kId, .help = "The project id.", .required = true},
};

mcp::ToolOutcome list_projects(ToolCall& call) {
  halo::Params params{{"includedetails", "true"}};
  if (auto id = call.args.integer("client_id")) params.emplace_back("client_id", std::to_string(*id));
  if (call.args.flag("open_only")) params.emplace_back("open_only", "true");
  if (auto search = call.args.text("search")) params.emplace_back("search", *search);
  return run_paged_list(call, kProjectsSource, params);
}

mcp::ToolOutcome get_project(ToolCall& call) {
  return run_get(call, kProjectsSource, "project_id", {{"includedetails", "true"}});
}

}  // namespace

extern const ToolDef kListProjects, kGetProject;

constexpr ToolDef kListProjects{
    .name = "list_projects",
    .title = "List projects",
    .description = "Projects: summary, client, status, owner, start and target dates, estimate and hours logged "
                   "(timetaken / estimate shows progress).",
    .toolset = Toolset::kProjects,
    .form = Form::kList,
    .reads = kReads,
    .args = kListArgs,
    .fields = kProjectFields,
    .handler = list_projects,
};

constexpr ToolDef kGetProject{
    .name = "get_project",
    .title = "Get a project",
    .description = "One project by id: the list_projects fields plus its description, budget type and dates. "
                   "Its time: list_time_entries with ticket_id = the project id.",
    .toolset = Toolset::kProjects,
    .form = Form::kGet,
    .reads = kReads,
    .args = kGetArgs,
    .fields = kProjectFields,
    .handler = get_project,
};

}  // namespace tools

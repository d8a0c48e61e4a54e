// Projects (ticket-shaped records under /api/Projects): list_projects (with over_estimate),
// get_project.
#include <cmath>

#include "domain/halo_fields.hpp"
#include "tools/list_flows.hpp"
#include "tools/sources.hpp"

namespace tools {
namespace {

namespace f = domain::fields;
using util::Json;

/// Hours logged as a share of the estimate, 0-100+ with 1 decimal; null without an estimate.
Json percent_of_estimate(const domain::Record& project, const ProjectionEnv& /*env*/) {
  const double estimate = f::as_double(project, "estimate").value_or(0.0);
  if (!(estimate > 0.0)) return nullptr;
  const double taken = f::as_double(project, "timetaken").value_or(0.0);
  return std::round(taken / estimate * 1000.0) / 10.0;
}

/// over_estimate: an estimate was set and more hours than it were logged.
bool over_estimate(const domain::Record& project) {
  const double estimate = f::as_double(project, "estimate").value_or(0.0);
  return estimate > 0.0 && f::as_double(project, "timetaken").value_or(0.0) > estimate;
}

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
    {.name = "percent_of_estimate", .kind = FieldKind::kNumber,
     .help = "timetaken / estimate x 100, 1 decimal; null without an estimate.", .compute = percent_of_estimate},
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
    {.name = "over_estimate", .kind = ArgKind::kBoolean,
     .help = "Only projects with an estimate and more hours logged than it.", .fallback = "false"},
};
constexpr Arg kGetArgs[] = {
    {.name = "project_id", .kind = ArgKind::kId, .help = "The project id.", .required = true},
};

mcp::ToolOutcome list_projects(ToolCall& call) {
  halo::Params params{{"includedetails", "true"}};
  if (auto id = call.args.integer("client_id")) params.emplace_back("client_id", std::to_string(*id));
  if (call.args.flag("open_only")) params.emplace_back("open_only", "true");
  if (auto search = call.args.text("search")) params.emplace_back("search", *search);
  // Halo cannot filter on hours against estimate: every page is read and filtered here.
  if (call.args.flag("over_estimate")) return run_filtered_list(call, kProjectsSource, params, over_estimate);
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
                   "(percent_of_estimate shows progress; over_estimate keeps those past it).",
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

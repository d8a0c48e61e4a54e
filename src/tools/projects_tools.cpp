// Projects (ticket-shaped records under /api/Projects): list_projects, get_project.
#include <string>

#include "domain/projection_tickets.hpp"
#include "tools/area_tools.hpp"
#include "tools/list_support.hpp"

namespace tools {
namespace {

// /api/Project (singular) is a 404: the route is Projects and the envelope key is "tickets".
const Resource kProjects{"Projects", "tickets", "project", "projects", "Projects"};

Json project_item_properties() {
  return Json{
      {"id", out::integer("Project id (a ticket number).")},
      {"summary", out::text("Project name.")},
      {"client_id", out::integer("Client id.")},
      {"client_name", out::text("Client name.")},
      {"status_id", out::integer("Status id.")},
      {"status_name", out::text("Status label.")},
      {"agent_name", out::text("Project owner (assigned agent).")},
      {"startdate", out::text("Start date, YYYY-MM-DD.")},
      {"targetdate", out::text("Target date, YYYY-MM-DD.")},
      {"deadlinedate", out::text("Deadline, YYYY-MM-DD.")},
      {"estimate", out::number("Estimated hours.")},
      {"timetaken", out::number("Hours logged so far.")},
  };
}

Json project_detail_properties() {
  Json p = project_item_properties();
  p["details"] = out::text("Description as plain text, cut at 2000 characters.");
  p["budgettype"] = out::text("Budget type.");
  p["dateoccurred"] = out::text("Created, ISO 8601.");
  p["dateclosed"] = out::text("Closed, ISO 8601; null while open.");
  return p;
}

mcp::Tool list_projects_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "list_projects";
  tool.title = "List projects";
  tool.description =
      "Lists Halo projects as compact items: summary, client, status, owner, start / target "
      "dates, estimate and timetaken (hours, so timetaken / estimate shows progress). client_id "
      "keeps one client's projects; open_only: true leaves out closed projects; search matches "
      "the project text. Use get_project for the description." +
      list_usage_note();
  tool.input_schema = list_input_schema(Json{
      {"client_id", in::id("Only projects of this client.")},
      {"open_only", in::boolean("Only open (not closed) projects.", false)},
      {"search", in::text("Free-text search.")},
  });
  tool.output_schema = list_output_schema(project_item_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) {
    halo::Params params{{"includedetails", "true"}};
    if (auto id = int_arg(args, "client_id")) params.emplace_back("client_id", std::to_string(*id));
    if (bool_arg(args, "open_only", false)) params.emplace_back("open_only", "true");
    if (auto search = string_arg(args, "search")) params.emplace_back("search", *search);
    return run_paged_list(deps.client, kProjects, params, args, context,
                          [](simdjson::dom::element p) { return domain::project_project(p); });
  };
  return tool;
}

mcp::Tool get_project_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "get_project";
  tool.title = "Get a project";
  tool.description =
      "Returns one project by id: the list_projects fields plus its description (plain text, "
      "2000 characters at most), budget type and dates. Its time entries are available through "
      "list_time_entries with ticket_id = the project id. full: true returns Halo's raw record. "
      "An unknown id is an error 'project N not found'.";
  tool.input_schema = get_input_schema("project_id", "The project id.");
  tool.output_schema = get_output_schema(project_detail_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) {
    return run_get(deps.client, kProjects, int_arg(args, "project_id").value_or(0),
                   {{"includedetails", "true"}}, args, context,
                   [](simdjson::dom::element p) { return domain::project_project_detail(p); });
  };
  return tool;
}

}  // namespace

void register_project_tools(mcp::ToolRegistry& registry, ToolDeps& deps) {
  registry.add(list_projects_tool(deps));
  registry.add(get_project_tool(deps));
}

}  // namespace tools

// Saved reports (Halo's Report Centre): list_reports.
#include <string>

#include "domain/projection_misc.hpp"
#include "tools/area_tools.hpp"
#include "tools/list_support.hpp"

namespace tools {
namespace {

const Resource kReports{"Report", "reports", "report", "reports", "Reporting"};

Json report_item_properties() {
  return Json{
      {"id", out::integer("Report id.")},
      {"name", out::text("Report name.")},
      {"group_name", out::text("Report group (folder).")},
      {"description", out::text("Description as plain text, cut at 300 characters.")},
      {"type", out::integer("Halo's report type code.")},
  };
}

mcp::Tool list_reports_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "list_reports";
  tool.title = "List reports";
  tool.description =
      "Lists the saved reports in Halo's Report Centre as compact items: id, name, group, "
      "description. search matches the report name. Useful to find a report an MSP already "
      "maintains for a figure the other tools do not give." +
      list_usage_note();
  tool.input_schema = list_input_schema(Json{{"search", in::text("Text the report name contains.")}});
  tool.output_schema = list_output_schema(report_item_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) {
    halo::Params params;
    if (auto search = string_arg(args, "search")) params.emplace_back("search", *search);
    return run_paged_list(deps.client, kReports, params, args, context,
                          [](simdjson::dom::element r) { return domain::project_report(r); });
  };
  return tool;
}

}  // namespace

void register_report_tools(mcp::ToolRegistry& registry, ToolDeps& deps) {
  registry.add(list_reports_tool(deps));
}

}  // namespace tools

// Agents (the MSP's technicians): list_agents. Halo does not page /api/Agent, so the page is
// cut here.
#include <string>

#include "domain/projection_misc.hpp"
#include "tools/area_tools.hpp"
#include "tools/list_support.hpp"

namespace tools {
namespace {

const Resource kAgents{"Agent", "agents", "agent", "agents", "Agents"};

Json agent_item_properties() {
  return Json{
      {"id", out::integer("Agent id (use as agent_id in list_tickets, list_time_entries).")},
      {"name", out::text("Agent name.")},
      {"email", out::text("E-mail address.")},
      {"team", out::text("Team.")},
      {"jobtitle", out::text("Job title.")},
      {"isdisabled", out::boolean("The agent is disabled.")},
  };
}

mcp::Tool list_agents_tool(ToolDeps& deps) {
  mcp::Tool tool;
  tool.name = "list_agents";
  tool.title = "List agents";
  tool.description =
      "Lists Halo agents (technicians and other staff users) as compact items: id, name, e-mail, "
      "team, job title. search matches the name; include_disabled: true also returns disabled "
      "agents. Halo returns agents in one unpaged list: page_no/page_size cut it here and "
      "record_count is the number of agents that matched." +
      list_usage_note();
  tool.input_schema = list_input_schema(Json{
      {"search", in::text("Text the agent name contains.")},
      {"include_disabled", in::boolean("Also return disabled agents.", false)},
  });
  tool.output_schema = list_output_schema(agent_item_properties());
  tool.handler = [&deps](const Json& args, mcp::ToolContext& context) {
    halo::Params params;
    if (auto search = string_arg(args, "search")) params.emplace_back("search", *search);
    if (bool_arg(args, "include_disabled", false)) params.emplace_back("includedisabled", "true");
    return run_unpaged_list(deps.client, kAgents, params, args, context, nullptr,
                            [](simdjson::dom::element a) { return domain::project_agent(a); });
  };
  return tool;
}

}  // namespace

void register_agent_tools(mcp::ToolRegistry& registry, ToolDeps& deps) {
  registry.add(list_agents_tool(deps));
}

}  // namespace tools

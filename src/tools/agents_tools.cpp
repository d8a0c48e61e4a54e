// Agents (the MSP's technicians): list_agents. Halo does not page /api/Agent, so the page is cut
// here.
#include "tools/list_flows.hpp"
#include "tools/sources.hpp"

namespace tools {
namespace {

constexpr Field kAgentFields[] = {
    {.name = "id", .kind = FieldKind::kInt, .help = "Agent id (agent_id in other tools)."},
    {.name = "name", .kind = FieldKind::kText, .help = "Agent name."},
    {.name = "email", .kind = FieldKind::kText, .help = "E-mail address."},
    {.name = "team", .kind = FieldKind::kText, .help = "Team."},
    {.name = "jobtitle", .kind = FieldKind::kText, .help = "Job title."},
    {.name = "isdisabled", .kind = FieldKind::kBool, .help = "The agent is disabled."},
};

constexpr const Source* kReads[] = {&kAgentsSource};

constexpr Arg kArgs[] = {
    {.name = "search", .kind = ArgKind::kText, .help = "Text the agent name contains."},
    {.name = "include_disabled", .kind = ArgKind::kBoolean, .help = "Also disabled agents.", .fallback = "false"},
};

mcp::ToolOutcome list_agents(ToolCall& call) {
  halo::Params params;
  if (auto search = call.args.text("search")) params.emplace_back("search", *search);
  if (call.args.flag("include_disabled")) params.emplace_back("includedisabled", "true");
  return run_unpaged_list(call, kAgentsSource, params);
}

}  // namespace

extern const ToolDef kListAgents;

constexpr ToolDef kListAgents{
    .name = "list_agents",
    .title = "List agents",
    .description = "Agents (technicians and other staff): id, name, e-mail, team, job title.",
    .toolset = Toolset::kTeam,
    .form = Form::kList,
    .reads = kReads,
    .args = kArgs,
    .fields = kAgentFields,
    .handler = list_agents,
};

}  // namespace tools

// The prompt catalogue, prompts/get and completion/complete.
#include "prompts/prompt_catalog.hpp"

#include <algorithm>

#include "mcp/jsonrpc.hpp"
#include "prompts/calendar.hpp"
#include "prompts/client_lookup.hpp"
#include "tools/registry.hpp"

namespace prompts {

extern const PromptDef kMonthEndRevenuePack;
extern const PromptDef kClientReview;
extern const PromptDef kWeeklyServiceDeskReview;
extern const PromptDef kRenewalsThisQuarter;

namespace {

using util::Json;

constexpr const PromptDef* kAllPrompts[] = {&kMonthEndRevenuePack, &kClientReview, &kWeeklyServiceDeskReview,
                                            &kRenewalsThisQuarter};

constexpr int kMaxCompletions = 100;  // the most values one completion may carry (MCP)

mcp::Reply failed(const util::Error& error) {
  if (error.kind == util::ErrorKind::kBadInput) {
    return mcp::Reply::fail(mcp::jsonrpc::kInvalidParams, "Invalid params: " + error.message);
  }
  return mcp::Reply::fail(mcp::jsonrpc::kInternalError, util::describe(error));
}

mcp::Reply completion(std::vector<std::string> values, std::int64_t total) {
  const bool more = total > static_cast<std::int64_t>(values.size());
  return mcp::Reply::ok(Json{{"completion", {{"values", std::move(values)}, {"total", total}, {"hasMore", more}}}});
}

/// The candidates of a period argument, most likely first, that start with what was typed.
std::vector<std::string> periods_starting(Completes kind, const domain::Date& today, std::string_view typed) {
  std::vector<std::string> all;
  if (kind == Completes::kRecentMonth) {
    const auto month = today.year() / today.month();
    for (int back = 1; back <= 24; ++back) all.push_back(format_month(month - std::chrono::months{back}));
    all.push_back(format_month(month));  // the month so far, last: it has not closed
  } else {
    for (int ahead = 0; ahead < 4; ++ahead) {
      all.push_back(quarter_name(domain::add_months_clamped(quarter_of(today).first, 3 * ahead)));
    }
  }
  std::erase_if(all, [&](const std::string& v) { return !v.starts_with(typed); });
  return all;
}

mcp::Reply complete_argument(const PromptArg& arg, std::string_view typed, tools::ToolDeps& deps,
                             mcp::ToolContext& context) {
  switch (arg.completes) {
    case Completes::kNothing: return completion({}, 0);
    case Completes::kRecentMonth:
    case Completes::kRecentQuarter: {
      auto values = periods_starting(arg.completes, deps.zone.local_date(deps.now()), typed);
      const auto total = static_cast<std::int64_t>(values.size());
      return completion(std::move(values), total);
    }
    case Completes::kClientName: {
      std::int64_t total = 0;
      auto found = clients_named(deps, context, typed, kMaxCompletions, total);
      if (!found) return failed(found.error());
      std::vector<std::string> names;
      for (auto& client : *found) names.push_back(std::move(client.name));
      return completion(std::move(names), total);
    }
  }
  return completion({}, 0);
}

}  // namespace

std::span<const PromptDef* const> all_prompts() { return kAllPrompts; }

bool offered(const PromptDef& prompt, const tools::ToolSelection& selection) {
  return std::all_of(prompt.tools.begin(), prompt.tools.end(), [&](std::string_view name) {
    const tools::ToolDef* tool = tools::find_tool(name);
    return tool != nullptr && selection.offers(*tool);
  });
}

mcp::Prompt make_prompt(const PromptDef& def, tools::ToolDeps& deps) {
  mcp::Prompt prompt;
  prompt.name = std::string(def.name);
  prompt.title = std::string(def.title);
  prompt.description = std::string(def.description);
  for (const auto& arg : def.args) prompt.arguments.push_back({std::string(arg.name), std::string(arg.help), arg.required});
  for (std::string_view tool : def.tools) prompt.uses_tools.emplace_back(tool);
  prompt.get = [&def, &deps](const std::map<std::string, std::string>& args, mcp::ToolContext& context) {
    PromptEnv env{deps, context};
    auto text = def.render(args, env);
    if (!text) return failed(text.error());
    Json message{{"role", "user"}, {"content", {{"type", "text"}, {"text", std::move(*text)}}}};
    return mcp::Reply::ok(Json{{"description", def.description}, {"messages", Json::array({std::move(message)})}});
  };
  return prompt;
}

void register_halo_prompts(mcp::PromptRegistry& registry, tools::ToolDeps& deps,
                           const tools::ToolSelection& selection) {
  for (const PromptDef* def : kAllPrompts) {
    if (offered(*def, selection)) registry.add(make_prompt(*def, deps));
  }
}

mcp::CompletionHandler make_completion(tools::ToolDeps& deps, const tools::ToolSelection& selection) {
  return [&deps, selection](const Json& ref, const Json& argument, const Json&, mcp::ToolContext& context) {
    const std::string typed = argument.value("value", std::string());
    if (ref.value("type", std::string()) != "ref/prompt") return completion({}, 0);  // record ids: nothing to offer
    const std::string name = ref.value("name", std::string());
    const auto it = std::find_if(std::begin(kAllPrompts), std::end(kAllPrompts),
                                 [&](const PromptDef* def) { return def->name == name && offered(*def, selection); });
    if (it == std::end(kAllPrompts)) {
      return mcp::Reply::fail(mcp::jsonrpc::kInvalidParams, "Invalid params: no prompt named '" + name + "'");
    }
    const std::string arg_name = argument.value("name", std::string());
    for (const auto& arg : (*it)->args) {
      if (arg.name == arg_name) return complete_argument(arg, typed, deps, context);
    }
    return mcp::Reply::fail(mcp::jsonrpc::kInvalidParams,
                            "Invalid params: prompt '" + name + "' has no argument '" + arg_name + "'");
  };
}

}  // namespace prompts

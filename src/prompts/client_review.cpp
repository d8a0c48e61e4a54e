// client_review: everything about one client before a meeting with them.
#include "prompts/calendar.hpp"
#include "prompts/client_lookup.hpp"
#include "prompts/prompt_catalog.hpp"
#include "prompts/prompt_text.hpp"

namespace prompts {
namespace {

using util::Json;

util::Result<std::string> render(const PromptArgs& args, PromptEnv& env) {
  auto client = resolve_client(env.deps, env.context, args.at("client"), "client");
  if (!client) return util::Unexpected(client.error());
  const Json id{{"client_id", client->id}};
  const std::string who = client->name.empty() ? "client " + std::to_string(client->id)
                                               : client->name + " (client " + std::to_string(client->id) + ")";
  const Date today = env.today();
  const std::string last = domain::format_date(today);
  const std::string quarter_ago = domain::format_date(Date{std::chrono::sys_days{today} - std::chrono::days{89}});
  auto with = [&](Json extra) {
    Json args_json = id;
    for (auto& [key, value] : extra.items()) args_json[key] = value;
    return args_json;
  };

  std::string text = "Prepare a client review of " + who + " from our Halo PSA, as of " + last +
                     ".\n\nCall, in this order (each with client_id " + std::to_string(client->id) + "):\n";
  text += "1. " + tool_call("get_client", id) + ": who they are, their account manager and billing currency.\n";
  text += "2. " + tool_call("list_contracts", id) + " and " +
          tool_call("contract_renewals", with(Json{{"days", 180}})) +
          ": what they have signed and what ends in the next six months.\n";
  text += "3. " + tool_call("revenue_breakdown", id) +
          ": their recurring revenue (MRR) and one-off revenue over the last twelve months.\n";
  text += "4. " + tool_call("client_profitability", id) + ": that revenue against the labour spent on them.\n";
  text += "5. " + tool_call("ticket_stats", with(Json{{"start_date", quarter_ago}, {"end_date", last}})) + " and " +
          tool_call("list_tickets", with(Json{{"open_only", true}})) +
          ": their service over the last 90 days and what is open now.\n";
  text += "6. " + tool_call("unbilled_time", id) + " and " + tool_call("receivables_aging", id) +
          ": work not yet invoiced, and what they owe us.\n\n";
  text += "Then write the review: the relationship in three lines (what they pay, what they cost, how the "
          "service has been), then sections for contracts and renewals, revenue and margin, service, and "
          "money owed, and end with the points to raise in the meeting.\n\n";
  text += reading_rules();
  return text;
}

constexpr PromptArg kArgs[] = {
    {.name = "client", .help = "The client's name (or id).", .required = true, .completes = Completes::kClientName},
};
constexpr std::string_view kTools[] = {"get_client",           "list_contracts", "contract_renewals",
                                       "revenue_breakdown",    "client_profitability", "ticket_stats",
                                       "list_tickets",         "unbilled_time",  "receivables_aging"};

}  // namespace

extern const PromptDef kClientReview;
constexpr PromptDef kClientReview{
    .name = "client_review",
    .title = "Client review",
    .description = "Everything about one client: contracts and renewals, revenue and margin, tickets, unbilled "
                   "work and what they owe.",
    .args = kArgs,
    .tools = kTools,
    .render = render,
};

}  // namespace prompts

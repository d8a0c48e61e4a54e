// weekly_service_desk_review: how the desk did over one week, for the Monday meeting.
#include "prompts/calendar.hpp"
#include "prompts/prompt_catalog.hpp"
#include "prompts/prompt_text.hpp"

namespace prompts {
namespace {

using util::Json;

util::Result<std::string> render(const PromptArgs& args, PromptEnv& env) {
  const Date today = env.today();
  Period week = last_full_week(today);
  if (auto it = args.find("week_ending"); it != args.end() && !it->second.empty()) {
    auto end = domain::parse_iso_date(it->second);
    if (!end) return util::fail(util::ErrorKind::kBadInput, "week_ending must be a date, YYYY-MM-DD");
    if (*end > today) {
      return util::fail(util::ErrorKind::kBadInput, "week_ending " + it->second + " is in the future (today is " +
                                                        domain::format_date(today) + ")");
    }
    week = {Date{std::chrono::sys_days{*end} - std::chrono::days{6}}, *end};
  }
  const std::string first = domain::format_date(week.first);
  const std::string last = domain::format_date(week.last);
  const Json window{{"start_date", first}, {"end_date", last}};

  std::string text = "Run the weekly service-desk review for " + first + " to " + last +
                     " from our Halo PSA.\n\nCall, in this order:\n";
  Json by_day = window;
  by_day["interval"] = "day";
  text += "1. " + tool_call("ticket_stats", by_day) +
          ": tickets opened and closed each day, SLA compliance and resolution times for the week.\n";
  Json by_agent = window;
  by_agent["group_by"] = "agent";
  text += "2. " + tool_call("ticket_stats", by_agent) + ": the same per agent.\n";
  text += "3. " + tool_call("agent_utilisation", window) + ": hours logged against hours available, billable share.\n";
  text += "4. " + tool_call("list_tickets", Json{{"sla", "breached"}}) + " and " +
          tool_call("list_tickets", Json{{"sla", "at_risk"}}) +
          ": open tickets past their fix-by time, and those due within a day, as they stand now.\n\n";
  text += "Then write the review: the week in three lines (volume in against out, SLA compliance, backlog), a "
          "table per agent (tickets closed, SLA met, utilisation), the breached and at-risk tickets that need "
          "an owner today, and one thing to change next week.\n\n";
  text += reading_rules();
  return text;
}

constexpr PromptArg kArgs[] = {
    {.name = "week_ending", .help = "Last day of the week (YYYY-MM-DD). Default: last Sunday."},
};
constexpr std::string_view kTools[] = {"ticket_stats", "agent_utilisation", "list_tickets"};

}  // namespace

extern const PromptDef kWeeklyServiceDeskReview;
constexpr PromptDef kWeeklyServiceDeskReview{
    .name = "weekly_service_desk_review",
    .title = "Weekly service-desk review",
    .description = "Tickets in and out, SLA compliance, utilisation per agent and the breached or at-risk "
                   "tickets, for one week.",
    .args = kArgs,
    .tools = kTools,
    .render = render,
};

}  // namespace prompts

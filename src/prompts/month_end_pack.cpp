// month_end_revenue_pack: the figures an owner reviews when a month closes.
#include "prompts/calendar.hpp"
#include "prompts/prompt_catalog.hpp"
#include "prompts/prompt_text.hpp"

namespace prompts {
namespace {

using util::Json;

util::Result<std::string> render(const PromptArgs& args, PromptEnv& env) {
  const Date today = env.today();
  const auto this_month = today.year() / today.month();
  auto month = this_month - std::chrono::months{1};  // the last month that has closed
  if (auto it = args.find("month"); it != args.end() && !it->second.empty()) {
    auto asked = parse_month(it->second);
    if (!asked) return util::fail(util::ErrorKind::kBadInput, "month must be YYYY-MM, e.g. " + format_month(month));
    if (*asked > this_month) {
      return util::fail(util::ErrorKind::kBadInput, "month " + it->second + " has not started (today is " +
                                                        domain::format_date(today) + ")");
    }
    month = *asked;
  }
  const Period period = month_period(month);
  const bool open = month == this_month;
  const std::string first = domain::format_date(period.first);
  const std::string last = domain::format_date(open ? today : period.last);
  const Json window{{"start_date", first}, {"end_date", last}};

  std::string text = "Prepare the month-end revenue pack for " + month_name(month) + " (" + first + " to " + last +
                     (open ? ", the month so far" : "") + ") from our Halo PSA.\n\nCall, in this order:\n";
  text += "1. " + tool_call("revenue_breakdown", Json{{"as_of", last}, {"start_date", first}, {"end_date", last}}) +
          ": recurring revenue (MRR) at the month end against one-off revenue invoiced in the month, per client.\n";
  text += "2. " + tool_call("mrr_trend", Json{{"end_month", format_month(month)}, {"months", 12}}) +
          ": how MRR moved over the year to this month, with new and churned MRR.\n";
  text += "3. " + tool_call("unbilled_time", window) + ": billable work done in the month and not invoiced yet.\n";
  text += "4. " + tool_call("client_profitability", window) +
          ": revenue against labour cost per client in the month; the clients losing money first.\n";
  text += "5. " + tool_call("receivables_aging", Json{{"as_of", last}}) + ": who owes us, by how overdue.\n\n";
  text += "Then write the pack: a headline (MRR and its change from last month, one-off revenue, unbilled "
          "value, overdue receivables), a short table per section, and three things the owner should act "
          "on, each naming the client and the figure behind it.\n\n";
  text += reading_rules();
  return text;
}

constexpr PromptArg kArgs[] = {
    {.name = "month", .help = "The month (YYYY-MM). Default: the last full month.", .completes = Completes::kRecentMonth},
};
constexpr std::string_view kTools[] = {"revenue_breakdown", "mrr_trend", "unbilled_time", "client_profitability",
                                       "receivables_aging"};

}  // namespace

extern const PromptDef kMonthEndRevenuePack;
constexpr PromptDef kMonthEndRevenuePack{
    .name = "month_end_revenue_pack",
    .title = "Month-end revenue pack",
    .description = "Revenue, MRR trend, unbilled time, client margins and receivables for one month, with "
                   "the calls to make and how to read the figures.",
    .args = kArgs,
    .tools = kTools,
    .render = render,
};

}  // namespace prompts

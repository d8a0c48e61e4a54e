// renewals_this_quarter: the contracts ending in a quarter, what they are worth and what to do.
#include "prompts/calendar.hpp"
#include "prompts/prompt_catalog.hpp"
#include "prompts/prompt_text.hpp"

namespace prompts {
namespace {

using util::Json;

util::Result<std::string> render(const PromptArgs& args, PromptEnv& env) {
  const Date today = env.today();
  // Default: the quarter with days still ahead (on a quarter's last day, the next one).
  Period quarter = quarter_of(Date{std::chrono::sys_days{today} + std::chrono::days{1}});
  if (auto it = args.find("quarter"); it != args.end() && !it->second.empty()) {
    auto asked = parse_quarter(it->second);
    if (!asked) return util::fail(util::ErrorKind::kBadInput, "quarter must be YYYY-Qn, e.g. " + quarter_name(today));
    if (asked->last < today) {
      return util::fail(util::ErrorKind::kBadInput, "quarter " + it->second + " is over (today is " +
                                                        domain::format_date(today) + ")");
    }
    quarter = *asked;
  }
  // The part of the quarter still ahead: from today (or the quarter's first day) to its last day.
  const Date from = quarter.first < today ? today : quarter.first;
  const int days = std::max(1, days_between(from, quarter.last));
  const std::string first = domain::format_date(from);
  const std::string last = domain::format_date(quarter.last);

  std::string text = "Which contracts renew in " + quarter_name(quarter.first) + " (" + first + " to " + last +
                     "), and how much MRR rides on them? Use our Halo PSA.\n\nCall, in this order:\n";
  text += "1. " + tool_call("contract_renewals", Json{{"as_of", first}, {"days", days}}) +
          ": contracts and recurring invoices ending in the window, with the MRR at risk. Keep only those "
          "ending on or before " + last + ".\n";
  text += "2. " + tool_call("client_profitability", Json{{"end_date", domain::format_date(today)}}) +
          ": the last twelve months' margin of each client, to see which renewals deserve a price review.\n";
  text += "3. " + tool_call("receivables_aging", Json::object()) +
          ": whether any renewing client owes us money now.\n\n";
  text += "Then list the renewals by end date: client, contract, end date, MRR at risk, the client's margin and "
          "anything overdue; total the MRR at risk per currency; and say which renewals need a conversation "
          "first and why.\n\n";
  text += reading_rules();
  return text;
}

constexpr PromptArg kArgs[] = {
    {.name = "quarter", .help = "The quarter (YYYY-Qn). Default: this quarter, from today (the next on its last day).",
     .completes = Completes::kRecentQuarter},
};
constexpr std::string_view kTools[] = {"contract_renewals", "client_profitability", "receivables_aging"};

}  // namespace

extern const PromptDef kRenewalsThisQuarter;
constexpr PromptDef kRenewalsThisQuarter{
    .name = "renewals_this_quarter",
    .title = "Renewals this quarter",
    .description = "Contracts ending this quarter (or another), the MRR at risk, and each renewing client's "
                   "margin and debts.",
    .args = kArgs,
    .tools = kTools,
    .render = render,
};

}  // namespace prompts

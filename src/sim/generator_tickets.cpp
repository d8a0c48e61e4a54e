// Generated tickets with their history: statuses, then tickets, each with actions (notes, emails,
// system entries, HTML as Halo stores it) and the timesheet events of the time logged on them.
// Projects are ticket-shaped and reuse make_ticket().
#include <algorithm>
#include <cmath>

#include "sim/dates.hpp"
#include "sim/generator_state.hpp"
#include "sim/generator_words.hpp"

namespace sim::gen {

using util::Json;
namespace d = dates;

namespace {

/// What a ticket's actions need to know about the ticket.
struct TicketDraft {
  int id;
  const ClientInfo& client;
  const std::string& summary;
  long opened;
  bool closed;
  long closed_day;
  bool is_project;
  const AgentInfo& agent;  ///< the ticket's agent; some actions are by someone else
  std::size_t user;        ///< index into the client's users
  std::size_t site;        ///< index into the client's sites
  const std::string& opened_at;
};

struct LoggedTime {
  double total = 0;
  double charged = 0;
};

/// How a billable action is charged and whether it is invoiced yet (unbilled_time reads these).
struct ActionBilling {
  double amount = 0;  ///< actionchargeamount
  double rate = 0;    ///< chargerate
  std::string invoice_number;  ///< actioninvoicenumber: "" or "0" until invoiced
  long invoice_id = 0;
};

/// Drawn from the action's own side stream, so no other record moved when these were added. Most
/// billable time carries its amount at 95/h; some only the rate (amount 0: hours x rate values
/// it), a few neither (its value is unknown). Old time is mostly invoiced, recent time mostly not;
/// an invoice is named by "INV-<n>" or a bare number, or (rarely) only by invoice_id.
ActionBilling billing_of(const Generation& g, long action_id, long day, bool billable, double charge_hours) {
  ActionBilling b;
  if (charge_hours <= 0) return b;
  Rng r = g.side_stream(kActionBillingStream, action_id);
  const double value_draw = r.unit(), invoice_draw = r.unit(), form_draw = r.unit();
  const long number = 10000 + static_cast<long>(r.range(0, 89999));
  if (value_draw < 0.96) b.rate = 95.0;
  if (billable && value_draw < 0.80) b.amount = round2(charge_hours * 95.0);
  const long age = g.today - day;
  const double invoiced_share = age > 45 ? 0.85 : (age > 14 ? 0.5 : 0.05);
  if (billable && invoice_draw < invoiced_share) {
    b.invoice_id = number;
    if (form_draw < 0.6) {
      b.invoice_number = "INV-" + std::to_string(number);
    } else if (form_draw < 0.9) {
      b.invoice_number = std::to_string(number);
    }
  } else {
    b.invoice_number = form_draw < 0.5 ? "0" : "";
  }
  return b;
}

/// Emits a ticket's actions (and a timesheet event per timed action): a system "logged" entry,
/// then notes, some with time; the last one closes a closed ticket.
LoggedTime add_actions(Generation& g, const TicketDraft& t) {
  const int id = t.id;
  const ClientInfo& c = t.client;
  const std::string& summary = t.summary;
  const long opened = t.opened;
  const bool closed = t.closed;
  const long closed_day = t.closed_day;
  const bool is_project = t.is_project;
  const AgentInfo& a = t.agent;
  const std::size_t ui = t.user, si = t.site;
  const std::string& opened_at = t.opened_at;
  int nactions = static_cast<int>(g.rng.range(is_project ? 4 : 2, is_project ? 12 : 7));
  LoggedTime logged;
  long span_end = closed ? closed_day : g.today;
  std::vector<long> action_days;  // chronological, as a ticket's history is
  for (int k = 0; k < nactions; ++k) action_days.push_back(opened + (span_end > opened ? g.rng.range(0, span_end - opened) : 0));
  std::sort(action_days.begin(), action_days.end());
  if (closed) action_days.back() = closed_day;
  for (int k = 0; k < nactions; ++k) {
    const bool system = (k == 0) || (closed && k == nactions - 1);
    const bool from_user = !system && k == 1 && g.rng.chance(0.4);
    long day = k == 0 ? opened : action_days[static_cast<std::size_t>(k)];
    double hours = 0;
    if (!system && !from_user) hours = static_cast<double>(g.rng.range(1, is_project ? 16 : 8)) * 0.25;
    const bool billable = hours > 0 && g.rng.chance(0.75);
    // A few non-billable entries keep their charge hours (a billable rate, the entry marked not
    // billable: Halo allows it, and such hours are not billable). Drawn from the action's side
    // stream so the main stream, and every other record, is as it was.
    const bool unbilled_charge =
        hours > 0 && !billable && g.side_stream(kChargeStream, g.next_action_id).chance(0.1);
    const double charge_hours = billable || unbilled_charge ? hours : 0.0;
    const AgentInfo& who = (k % 3 == 2) ? g.random_agent() : a;
    std::string note;
    std::string outcome;
    if (system) {
      outcome = k == 0 ? "Ticket Logged" : "Status Change";
      note = k == 0 ? "<p>Ticket logged by " + c.user_names[ui] + " via email.</p>"
                    : "<p>Status changed to <b>Closed</b>.</p>";
    } else if (from_user) {
      outcome = "Email Received";
      note = "<div><p>Hi,</p><p>Any update on this? It is still happening.</p><p>Thanks,<br>" +
             c.user_names[ui] + "</p></div>";
    } else {
      outcome = g.rng.chance(0.5) ? "Remote Session" : "Note";
      // Sequenced: see Generation::person().
      const bool with_steps = g.rng.chance(0.3);
      note = "<p>" + g.rng.pick(words::kActionNotes) + "</p>" +
             (with_steps ? "<ul><li>Checked event viewer</li><li>Rebooted &amp; tested</li></ul>" : "");
    }
    const bool private_note = !system && !from_user && g.rng.chance(0.2);
    std::string when = k == 0 ? opened_at : g.stamp(day);
    const ActionBilling billing = billing_of(g, g.next_action_id, day, billable, charge_hours);
    Json act{{"id", g.next_action_id},
             {"ticket_id", id},
             {"outcome", outcome},
             {"outcome_id", system ? 0 : (from_user ? 21 : 1)},
             {"who", system ? std::string("System") : (from_user ? c.user_names[ui] : who.name)},
             {"who_type", system ? 0 : (from_user ? 2 : 1)},
             {"who_agentid", (system || from_user) ? 0 : who.id},
             {"actionby_agent_id", (system || from_user) ? 0 : who.id},
             {"action_systemid", system ? (k == 0 ? 1 : 2) : 0},
             {"datetime", when},
             {"note", note},
             {"hiddenfromuser", private_note},
             {"important", false},
             {"timetaken", hours},
             {"nonbilltime", billable ? 0.0 : hours},
             {"actionchargehours", charge_hours},
             {"actionnonchargehours", hours - charge_hours},
             {"actionchargeamount", billing.amount},
             {"actionnonchargeamount", 0.0},
             {"actisbillable", billable},
             {"chargerate", billing.rate},
             {"actioninvoicenumber", billing.invoice_number},
             {"invoice_id", billing.invoice_id}};
    g.sink.add(Kind::kActions, std::move(act));
    if (hours > 0) {
      logged.total += hours;
      if (billable) logged.charged += hours;
      const long start_s = g.rng.range(8 * 3600, 15 * 3600);
      const long end_s = start_s + static_cast<long>(hours * 3600);
      g.hours_by_agent[who.id] += hours;
      g.sink.add(Kind::kTimesheetEvents, Json{{"id", g.next_event_id++},
                                              {"event_type", 0},
                                              {"subject", "#" + std::to_string(id) + " " + summary},
                                              {"start_date", d::halo_timestamp(day, static_cast<int>(start_s), 0)},
                                              {"end_date", d::halo_timestamp(day, static_cast<int>(end_s), 0)},
                                              {"timetaken", hours},
                                              {"agent_id", who.id},
                                              {"ticket_id", id},
                                              {"action_number", k + 1},
                                              {"client_id", c.id},
                                              {"site_id", c.site_ids[si]},
                                              {"customer", c.name},
                                              {"user_name", c.user_names[ui]},
                                              {"charge_rate", charge_hours > 0 ? 1 : 0},
                                              {"note", note}});
    }
    ++g.next_action_id;
  }
  return logged;
}

}  // namespace

void add_statuses(Generation& g) {
  struct S {
    int id;
    const char* name;
    const char* colour;
  };
  const S list[] = {{1, "New", "#2d9cdb"},           {2, "In Progress", "#f2994a"},
                    {3, "Action Required", "#eb5757"}, {4, "Waiting on Customer", "#9b51e0"},
                    {5, "Updated", "#27ae60"},         {8, "Scheduled", "#56ccf2"},
                    {kClosedStatus, "Closed", "#828282"}};
  int seq = 1;
  for (const auto& s : list) {
    g.sink.add(Kind::kStatuses, Json{{"id", s.id}, {"name", s.name}, {"shortname", std::string(s.name).substr(0, 4)},
                                     {"type", s.id == kClosedStatus ? 2 : (s.id == 4 ? 1 : 0)},
                                     {"colour", s.colour}, {"sequence", seq++}});
    g.status_names[s.id] = s.name;
  }
}

Json make_ticket(Generation& g, int id, const ClientInfo& c, const std::string& summary, long opened, bool closed,
                 bool is_project) {
  const AgentInfo& a = g.random_agent();
  std::size_t ui = static_cast<std::size_t>(g.rng.range(0, static_cast<long>(c.user_ids.size()) - 1));
  std::size_t si = static_cast<std::size_t>(c.user_sites[ui]);
  long closed_day = closed ? std::min(g.today, opened + g.rng.range(0, is_project ? 90 : 12)) : 0;
  int status = closed ? kClosedStatus : static_cast<int>(g.rng.pick(std::vector<long>{1, 2, 2, 3, 4, 5, 8}));
  std::string opened_at = g.stamp(opened);

  const LoggedTime logged = add_actions(g, TicketDraft{id, c, summary, opened, closed, closed_day, is_project, a, ui, si, opened_at});

  Json t{{"id", id},
         {"summary", summary},
         {"details", "<p>" + summary + ".</p><p>Reported by <b>" + c.user_names[ui] + "</b> at " +
                         c.site_names[si] + ".</p>" +
                         (g.rng.chance(0.3) ? "<p><img src=\"cid:image001.png\" alt=\"screenshot\"></p>" : "")},
         {"dateoccurred", opened_at},
         {"dateclosed", closed ? g.stamp(closed_day) : std::string(d::kNoDate)},
         {"status_id", status},
         {"status_name", g.status_names[status]},
         {"tickettype_id", is_project ? 6 : (g.rng.chance(0.6) ? 1 : 3)},
         {"priority_id", static_cast<int>(g.rng.range(1, 4))},
         {"client_id", c.id},
         {"client_name", c.name},
         {"site_id", c.site_ids[si]},
         {"site_name", c.site_names[si]},
         {"user_id", c.user_ids[ui]},
         {"user_name", c.user_names[ui]},
         {"agent_id", a.id},
         {"agent_name", a.name},
         {"team", is_project ? std::string("Projects") : a.team},
         {"timetaken", logged.total},
         {"chargehours", logged.charged},
         {"nonchargehours", logged.total - logged.charged},
         {"onhold", status == 4},
         {"deadlinedate", closed ? std::string(d::kNoDate) : d::halo_timestamp(opened + 5, 17 * 3600, 0)},
         {"customfields", Json::array()}};
  add_sla_fields(g, t, closed, is_project);
  return t;
}

void add_tickets(Generation& g) {
  const int count = g.scaled_sqrt(300);
  for (int i = 0; i < count; ++i) {
    const ClientInfo& c = g.active_client();
    // Skewed towards recent days, like a real queue.
    long age = static_cast<long>(std::pow(g.rng.unit(), 1.8) * 540.0);
    long opened = g.today - age;
    bool closed = age > 21 ? g.rng.chance(0.97) : g.rng.chance(0.45);
    int id = g.next_ticket_id++;
    Json t = make_ticket(g, id, c, g.rng.pick(words::kTicketSubjects), opened, closed, false);
    if (closed && g.rng.chance(0.3)) g.adhoc_tickets.push_back({id, c.id});
    if (!closed) ++g.open_by_client[c.id];
    g.sink.add(Kind::kTickets, std::move(t));
  }
}

}  // namespace sim::gen

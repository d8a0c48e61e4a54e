// What one run of the dataset generator shares between its record groups: the random stream, the
// anchor day, the sink records go to, and what earlier groups made that later ones refer to
// (clients for tickets, contracts for invoices, tallies for the saved reports).
// Every group draws from the same random stream, so the groups must run in the order
// generator.cpp gives: a different order (or one draw more or less) changes every later record.
// Fields added to a record after its group existed draw from a side stream of their own (one per
// record, see side_stream) so that adding them moved no draw of the main stream.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sim/dataset_store.hpp"
#include "sim/rng.hpp"
#include "util/json.hpp"

namespace sim::gen {

/// The id of the closed ticket status (Halo's usual "Closed").
inline constexpr int kClosedStatus = 9;

struct ClientInfo {
  int id;
  std::string name;
  std::string currency;
  bool inactive;
  std::vector<int> site_ids;
  std::vector<std::string> site_names;
  std::vector<int> user_ids;
  std::vector<std::string> user_names;
  std::vector<int> user_sites;
  std::string prefix;  ///< short code for inventory numbers
};

struct AgentInfo {
  int id;
  std::string name;
  std::string team;
  bool disabled;
};

/// Billing periods, by Halo's RecurringInvoice.period codes.
struct Period {
  int code;
  const char* label;  ///< "" = a code whose label Halo does not give (unknown to the client)
  int months;         ///< 0 = weekly
};
inline constexpr Period kWeekly{1, "Weekly", 0};
inline constexpr Period kMonthly{2, "Monthly", 1};
inline constexpr Period kYearly{3, "Yearly", 12};
inline constexpr Period kQuarterly{4, "Quarterly", 3};
inline constexpr Period kTwoYearly{8, "Two-Yearly", 24};
inline constexpr Period kHalfYearlyUnknownCode{5, "Half-Yearly", 6};  // code unknown; the label resolves it
inline constexpr Period kUnknown{6, "", 1};                           // neither code nor label resolve
inline constexpr Period kUnknownContract{12, "", 1};
// This tenant's code 9 is half-yearly ("Six Monthly"), where the commonly assumed table says
// four-yearly: only the labels on detail records tell. A client that trusted the assumed table
// would count these at an eighth of their value.
inline constexpr Period kSixMonthlyCode9{9, "Six Monthly", 6};

/// The id of a project's k-th task (k = 1, 2): far above every generated ticket id.
[[nodiscard]] inline int project_task_id(int project_id, int k) { return 900000 + project_id * 10 + k; }

/// What Halo writes in a billing record's `currency`: on some tenants the ISO code, on others a
/// symbol. Both occur here (every third record a symbol), so the one client's revenue must not
/// split into a GBP and a £ row.
[[nodiscard]] std::string halo_currency(const std::string& iso, int record_id);

/// The first day of the period after the one starting on `day`.
[[nodiscard]] long next_boundary(long day, const Period& period);
[[nodiscard]] double round2(double value);

struct ContractInfo {
  int id;
  const ClientInfo* client;
  Period period;
  double amount;
  long start, end;  ///< end 0 = open-ended
  bool counts;      ///< active at today (used for invoice generation)
  bool via_template;
  std::string ref;
};

struct TemplateInfo {
  int id;
  const ClientInfo* client;
  std::string currency;
  Period period;
  util::Json lines;
  double revenue, tax;
  long start, end;  ///< end 0 = open-ended
  bool disabled;
  int contract_id;
};

struct ProjectInfo {
  int id, client_id;
  long start, target;
};

/// How one generated ticket (not a project) did against its SLA: what the SLA reports count.
struct SlaOutcome {
  int priority;            ///< priority_id
  long opened;             ///< day
  bool measured;           ///< under an SLA and not excluded from it
  bool responded_in_time;  ///< responded on or before its respond-by
  bool closed;
  long closed_day;
  bool fixed_in_time;  ///< closed on or before its fix-by
};

/// Side streams: one constant each, so two of them never share a record's draws.
inline constexpr std::uint64_t kSlaStream = 0x534c412d66697862ull;     // "SLA-fixb"
inline constexpr std::uint64_t kChargeStream = 0x6368617267656872ull;  // "chargehr"
inline constexpr std::uint64_t kAgentCostStream = 0x6167656e74636f73ull;  // "agentcos"
inline constexpr std::uint64_t kActionBillingStream = 0x616374696e766f69ull;  // "actinvoi"

/// The contract the renewal additions bill through a template (generator_contracts.cpp makes it,
/// generator_recurring_invoices.cpp bills it).
struct RenewalContract {
  int id = 0;
  const ClientInfo* client = nullptr;
  Period period{2, "Monthly", 1};
  double amount = 0;
  long start = 0, end = 0;
  std::string ref;
};

struct Generation {
  Generation(std::uint64_t seed_value, long today_day, double scale_factor, DatasetSink& out)
      : rng(seed_value), seed(seed_value), today(today_day), scale(scale_factor), sink(out) {}

  /// base * scale, at least 1.
  [[nodiscard]] int scaled(double base) const;
  /// Tickets, projects and assets grow more slowly than billing: a big MSP's invoice history is
  /// what the benchmarks page through, and a linear ticket history would only cost memory.
  [[nodiscard]] int scaled_sqrt(double base) const;
  /// A working-hours timestamp on `day` with Halo's 7 fractional digits (two draws).
  [[nodiscard]] std::string stamp(long day);
  /// "First Surname" (two draws).
  [[nodiscard]] std::string person();
  /// A random client that is not inactive (unless there is only one).
  [[nodiscard]] const ClientInfo& active_client();
  [[nodiscard]] const AgentInfo& random_agent();
  /// The client with this id; the first client when there is none.
  [[nodiscard]] const ClientInfo* client_by_id(int id) const;
  /// A random stream of its own for record `id`'s fields of one kind (`stream`): the same for a
  /// seed whatever the main stream did, and drawing from it leaves the main stream untouched.
  [[nodiscard]] Rng side_stream(std::uint64_t stream, long id) const;

  Rng rng;
  std::uint64_t seed;
  long today;
  double scale;
  DatasetSink& sink;

  // Made by earlier groups, read by later ones.
  std::map<int, std::string> status_names;
  std::vector<AgentInfo> agents;
  std::vector<ClientInfo> clients;
  std::vector<std::pair<int, int>> adhoc_tickets;  ///< (ticket id, client id) of billed break-fix work
  std::vector<ProjectInfo> projects;
  std::vector<ContractInfo> contracts;
  std::vector<TemplateInfo> templates;
  RenewalContract renewal_billed_contract;  ///< id 0 until add_contracts made it
  int next_ticket_id = 1001, next_action_id = 1, next_event_id = 1;

  // Tallies the saved reports are built from.
  std::map<int, int> open_by_client;
  std::map<int, double> hours_by_agent;
  std::map<std::string, double> revenue_by_month;  ///< "YYYY-MM CUR" -> net
  std::vector<util::Json> renewal_rows, warranty_rows;
  std::vector<SlaOutcome> sla_outcomes;  ///< per ticket, in generation order
};

// The record groups, in the order they must run.
void add_statuses(Generation& g);
void add_teams_and_agents(Generation& g);
void add_clients_sites_users(Generation& g);
void add_tickets(Generation& g);
void add_projects(Generation& g);
void add_assets(Generation& g);
void add_contracts(Generation& g);
void add_recurring_invoices(Generation& g);
void add_invoices(Generation& g);
void add_reports(Generation& g);

/// One ticket-shaped record (tickets and projects), after emitting its actions and time entries.
/// Its SLA fields come from add_sla_fields.
[[nodiscard]] util::Json make_ticket(Generation& g, int id, const ClientInfo& client, const std::string& summary,
                                     long opened, bool closed, bool is_project);

/// Adds Halo's SLA fields to a ticket-shaped record (which already has dateoccurred, dateclosed,
/// priority_id, client_id and onhold), from the record's side stream; tallies tickets for the reports.
void add_sla_fields(Generation& g, util::Json& ticket, bool closed, bool is_project);

}  // namespace sim::gen

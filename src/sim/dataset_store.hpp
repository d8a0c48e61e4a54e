// The dataset held in memory, indexed once so that a page of a 60k-record list can be filtered,
// ordered and served in a few milliseconds: per-record filter keys, id maps and pre-sorted orders.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "util/json.hpp"
#include "util/result.hpp"
#include "sim/simulator.hpp"

namespace sim {

enum class Kind {
  kClients, kSites, kUsers, kAgents, kTeams, kTickets, kActions, kProjects, kAssets, kContracts,
  kRecurringInvoices, kInvoices, kReports, kStatuses, kTimesheetEvents, kCount
};
/// The dataset file key of a kind ("clients", "recurring_invoices", ...).
const char* dataset_key(Kind kind);

/// The values filters look at, extracted once from each raw record (lenient about number types).
struct RecordKeys {
  int id = 0;
  int client_id = 0;
  int site_id = 0;
  int agent_id = 0;  ///< actions: who_agentid
  int user_id = 0;
  int status_id = 0;
  int type_id = 0;   ///< tickets: tickettype_id
  int toplevel_id = 0;
  int ticket_id = 0;
  int contract_id = 0;
  int recurring_invoice_id = 0;
  int assettype_id = 0;
  int parent_id = 0;      ///< projects: the project a task belongs to (0: a project itself)
  bool inactive = false;  ///< inactive / isdisabled / disabled / !active, per kind
  bool closed = false;    ///< tickets: status is a closed one
  bool credit = false;    ///< invoices: a credit note
  bool system = false;    ///< actions: a system action
  bool hidden = false;    ///< actions: hiddenfromuser
  bool posted = false;    ///< invoices
  double hours = 0;       ///< actions/time: timetaken
  std::string date;       ///< the record's main date, as stored (sortable ISO text)
  std::string date2;      ///< tickets: dateclosed
  std::string search;     ///< lower-cased text the `search` parameter matches
  std::string team;       ///< agents, tickets, projects: team name
};

/// One record, serialised once. Fields a list leaves out are serialised last, so the list form is
/// `text[0, list_len)` followed by '}'; list_len == text.size() when both forms are the same.
struct Row {
  std::string text;
  std::size_t list_len = 0;
  /// reports: what only a run (loadreport) uses, never served as a field: a JSON object with the
  /// saved `rows` and the dataset's controls `load_error` (the run fails with it) and
  /// `period_column` (the column the reporting period filters on), each when present.
  std::string extra;
  [[nodiscard]] bool has_list_form() const { return list_len != text.size(); }
  void append_list(std::string& out) const {
    out.append(text.data(), list_len);
    if (has_list_form()) out += '}';
  }
};

struct Collection {
  std::vector<Row> rows;
  std::vector<RecordKeys> keys;
  std::unordered_map<int, std::size_t> by_id;
  std::vector<std::uint32_t> by_date_desc;  ///< indexes ordered by (date desc, id desc)
  [[nodiscard]] const Row* find(int id) const {
    auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : &rows[it->second];
  }
};

/// Receives records one at a time (the generator streams into it, so a 60k-invoice dataset never
/// exists as one JSON DOM in memory).
class DatasetSink {
 public:
  virtual ~DatasetSink() = default;
  virtual void add(Kind kind, util::Json record) = 0;
};

/// A sink that builds the dataset JSON object (for --dump-dataset and generate_dataset()).
class JsonSink : public DatasetSink {
 public:
  JsonSink();
  void add(Kind kind, util::Json record) override;
  util::Json take() { return std::move(data_); }

 private:
  util::Json data_;
};

class DatasetStore : public DatasetSink {
 public:
  /// Indexes a dataset object (missing keys = empty). Fails when a key is not an array of objects.
  [[nodiscard]] static util::Result<std::shared_ptr<const DatasetStore>> build(util::Json dataset);
  /// Generates straight into a store.
  [[nodiscard]] static util::Result<std::shared_ptr<const DatasetStore>> generate(const GenerateOptions& options);

  void add(Kind kind, util::Json record) override;
  /// Builds the orders and per-ticket indexes once every record is in.
  void finish();

  [[nodiscard]] const Collection& get(Kind kind) const { return collections_[static_cast<std::size_t>(kind)]; }
  /// Action indexes per ticket id.
  [[nodiscard]] const std::vector<std::uint32_t>* actions_of(int ticket_id) const;
  [[nodiscard]] util::Json to_json() const;

 private:
  std::array<Collection, static_cast<std::size_t>(Kind::kCount)> collections_;
  std::unordered_map<int, std::vector<std::uint32_t>> actions_by_ticket_;
  std::vector<int> closed_statuses_;
};

/// Runs the generator into any sink (generator.cpp).
[[nodiscard]] util::Result<void> generate_into(const GenerateOptions& options, DatasetSink& sink);

/// Lenient readers for raw records: ids may be doubles (12.0) or strings.
int json_int(const util::Json& record, const char* key);
bool json_bool(const util::Json& record, const char* key);
std::string json_string(const util::Json& record, const char* key);
std::string lower(std::string text);

}  // namespace sim

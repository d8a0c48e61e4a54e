// Builds the in-memory indexes over a dataset object: filter keys, id maps, date orders.
#include "sim/dataset_store.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

namespace sim {

namespace {
constexpr const char* kKeys[] = {"clients",  "sites",     "users",     "agents",
                                 "teams",    "tickets",   "actions",   "projects",
                                 "assets",   "contracts", "recurring_invoices", "invoices",
                                 "reports",  "statuses",  "timesheet_events"};

void append_search(std::string& out, const util::Json& record, const char* key) {
  std::string value = json_string(record, key);
  if (value.empty()) return;
  if (!out.empty()) out += '\n';
  out += lower(std::move(value));
}
}  // namespace

const char* dataset_key(Kind kind) { return kKeys[static_cast<std::size_t>(kind)]; }

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

int json_int(const util::Json& record, const char* key) {
  auto it = record.find(key);
  if (it == record.end()) return 0;
  if (it->is_number_integer()) return it->get<int>();
  if (it->is_number_float()) return static_cast<int>(std::lround(it->get<double>()));
  if (it->is_string()) {
    try {
      return std::stoi(it->get<std::string>());
    } catch (...) {
      return 0;
    }
  }
  if (it->is_boolean()) return it->get<bool>() ? 1 : 0;
  return 0;
}

bool json_bool(const util::Json& record, const char* key) {
  auto it = record.find(key);
  if (it == record.end()) return false;
  if (it->is_boolean()) return it->get<bool>();
  if (it->is_number()) return it->get<double>() != 0;
  if (it->is_string()) return lower(it->get<std::string>()) == "true";
  return false;
}

std::string json_string(const util::Json& record, const char* key) {
  auto it = record.find(key);
  if (it == record.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

namespace {
/// Fields a list leaves out, per kind (Halo returns them on the detail GET only).
const std::vector<std::string>& list_only_drops(Kind kind) {
  static const std::vector<std::string> none;
  static const std::vector<std::string> tickets = {"status_name", "agent_name", "details"};
  static const std::vector<std::string> contracts = {"billing_period_string", "costperperiod", "prepayrecurringcharge", "periods"};
  static const std::vector<std::string> invoices = {"lines"};
  // A template's list entry has its period code; the label (periodname) is on the detail only.
  static const std::vector<std::string> recurring = {"lines", "periodname"};
  switch (kind) {
    case Kind::kTickets:
    case Kind::kProjects:
      return tickets;
    case Kind::kContracts:
      return contracts;
    case Kind::kInvoices:
      return invoices;
    case Kind::kRecurringInvoices:
      return recurring;
    default:
      return none;
  }
}

RecordKeys extract_keys(Kind kind, const util::Json& r, const std::vector<int>& closed_statuses) {
  RecordKeys key;
  key.id = json_int(r, "id");
  key.client_id = json_int(r, "client_id");
  key.site_id = json_int(r, "site_id");
  key.agent_id = json_int(r, "agent_id");
  key.user_id = json_int(r, "user_id");
  key.status_id = json_int(r, "status_id");
  key.type_id = json_int(r, "tickettype_id");
  key.toplevel_id = json_int(r, "toplevel_id");
  key.ticket_id = json_int(r, "ticket_id");
  key.contract_id = json_int(r, "contract_id");
  key.recurring_invoice_id = json_int(r, "recurring_invoice_id");
  key.assettype_id = json_int(r, "assettype_id");
  key.parent_id = json_int(r, "parent_id");
  switch (kind) {
    case Kind::kClients:
    case Kind::kSites:
    case Kind::kUsers:
      key.inactive = json_bool(r, "inactive");
      append_search(key.search, r, "name");
      if (kind == Kind::kUsers) append_search(key.search, r, "emailaddress");
      break;
    case Kind::kAgents:
      key.inactive = json_bool(r, "isdisabled");
      key.team = json_string(r, "team");
      append_search(key.search, r, "name");
      append_search(key.search, r, "email");
      break;
    case Kind::kTickets:
    case Kind::kProjects:
      key.closed = std::find(closed_statuses.begin(), closed_statuses.end(), key.status_id) != closed_statuses.end();
      key.date = json_string(r, "dateoccurred");
      key.date2 = json_string(r, "dateclosed");
      key.team = json_string(r, "team");
      append_search(key.search, r, "summary");
      break;
    case Kind::kActions:
      key.agent_id = json_int(r, "who_agentid");
      key.system = json_int(r, "action_systemid") > 0 || lower(json_string(r, "who")) == "system";
      key.hidden = json_bool(r, "hiddenfromuser");
      key.hours = r.value("timetaken", 0.0);
      key.date = json_string(r, "datetime");
      break;
    case Kind::kTimesheetEvents:
      key.hours = r.value("timetaken", 0.0);
      key.date = json_string(r, "start_date");
      break;
    case Kind::kAssets:
      key.inactive = json_bool(r, "inactive");
      for (const char* f : {"inventory_number", "key_field", "key_field2", "key_field3", "assettype_name", "username"}) {
        append_search(key.search, r, f);
      }
      break;
    case Kind::kContracts:
      key.inactive = r.contains("active") && !json_bool(r, "active");
      key.date = json_string(r, "start_date");
      append_search(key.search, r, "ref");
      append_search(key.search, r, "client_name");
      break;
    case Kind::kRecurringInvoices:
      key.inactive = json_bool(r, "disabled");
      key.recurring_invoice_id = key.id;
      append_search(key.search, r, "reference");
      append_search(key.search, r, "client_name");
      break;
    case Kind::kInvoices: {
      key.date = json_string(r, "invoice_date");
      key.posted = json_bool(r, "posted");
      auto total = r.find("total");
      const double t = total != r.end() && total->is_number() ? total->get<double>() : 0.0;
      key.credit = json_int(r, "creditlinkedtoinvoiceid") > 0 || t < 0;
      append_search(key.search, r, "invoicenumber");
      append_search(key.search, r, "client_name");
      break;
    }
    default:
      append_search(key.search, r, "name");
      break;
  }
  return key;
}
}  // namespace

JsonSink::JsonSink() : data_(util::Json::object()) {
  for (const char* k : kKeys) data_[k] = util::Json::array();
}

void JsonSink::add(Kind kind, util::Json record) { data_[dataset_key(kind)].push_back(std::move(record)); }

void DatasetStore::add(Kind kind, util::Json record) {
  if (kind == Kind::kStatuses) {
    std::string name = lower(json_string(record, "name"));
    if (name == "closed" || name == "resolved" || name == "cancelled" || json_int(record, "type") == 2) {
      closed_statuses_.push_back(json_int(record, "id"));
    }
  }
  Collection& col = collections_[static_cast<std::size_t>(kind)];
  const std::vector<int> default_closed = {9};
  col.keys.push_back(extract_keys(kind, record, closed_statuses_.empty() ? default_closed : closed_statuses_));
  col.by_id.emplace(col.keys.back().id, col.rows.size());
  Row row;
  if (kind == Kind::kReports) {
    util::Json run = util::Json::object();
    for (const char* field : {"rows", "load_error", "period_column"}) {
      if (auto it = record.find(field); it != record.end()) {
        run[field] = std::move(*it);
        record.erase(field);
      }
    }
    if (!run.empty()) row.extra = run.dump();
  }
  // Serialise the list form, then append the detail-only fields after it.
  std::vector<std::pair<std::string, util::Json>> detail_only;
  for (const auto& field : list_only_drops(kind)) {
    auto it = record.find(field);
    if (it == record.end()) continue;
    detail_only.emplace_back(field, std::move(*it));
    record.erase(field);
  }
  row.text = record.dump();
  row.list_len = row.text.size();
  if (!detail_only.empty()) {
    row.list_len = row.text.size() - 1;  // without the closing brace
    row.text.pop_back();
    bool first = row.list_len == 1;  // "{" alone: no comma before the first field
    for (const auto& [name, value] : detail_only) {
      if (!first) row.text += ',';
      first = false;
      row.text += util::Json(name).dump();
      row.text += ':';
      row.text += value.dump();
    }
    row.text += '}';
  }
  col.rows.push_back(std::move(row));
}

void DatasetStore::finish() {
  for (std::size_t k = 0; k < static_cast<std::size_t>(Kind::kCount); ++k) {
    Collection& col = collections_[k];
    col.by_date_desc.resize(col.rows.size());
    for (std::size_t i = 0; i < col.rows.size(); ++i) col.by_date_desc[i] = static_cast<std::uint32_t>(i);
    std::stable_sort(col.by_date_desc.begin(), col.by_date_desc.end(), [&](std::uint32_t a, std::uint32_t b) {
      // Compare "YYYY-MM-DDTHH:MM:SS" only, then id: zone and fraction spellings differ.
      int c = col.keys[a].date.compare(0, 19, col.keys[b].date, 0, 19);
      if (c != 0) return c > 0;
      return col.keys[a].id > col.keys[b].id;
    });
  }
  const Collection& actions = collections_[static_cast<std::size_t>(Kind::kActions)];
  actions_by_ticket_.clear();
  for (std::size_t i = 0; i < actions.rows.size(); ++i) {
    actions_by_ticket_[actions.keys[i].ticket_id].push_back(static_cast<std::uint32_t>(i));
  }
}

util::Result<std::shared_ptr<const DatasetStore>> DatasetStore::build(util::Json dataset) {
  if (!dataset.is_object()) return util::fail(util::ErrorKind::kBadInput, "dataset must be a JSON object");
  auto store = std::make_shared<DatasetStore>();
  // Statuses first: whether a ticket is closed depends on them.
  std::vector<std::size_t> order = {static_cast<std::size_t>(Kind::kStatuses)};
  for (std::size_t k = 0; k < static_cast<std::size_t>(Kind::kCount); ++k) {
    if (k != static_cast<std::size_t>(Kind::kStatuses)) order.push_back(k);
  }
  for (std::size_t k : order) {
    auto it = dataset.find(kKeys[k]);
    if (it == dataset.end() || it->is_null()) continue;
    if (!it->is_array()) {
      return util::fail(util::ErrorKind::kBadInput, std::string("dataset key '") + kKeys[k] + "' must be an array");
    }
    for (auto& record : *it) {
      if (!record.is_object()) {
        return util::fail(util::ErrorKind::kBadInput, std::string("dataset '") + kKeys[k] + "' holds a non-object");
      }
      store->add(static_cast<Kind>(k), std::move(record));
    }
  }
  store->finish();
  return std::shared_ptr<const DatasetStore>(std::move(store));
}

util::Result<std::shared_ptr<const DatasetStore>> DatasetStore::generate(const GenerateOptions& options) {
  auto store = std::make_shared<DatasetStore>();
  auto done = generate_into(options, *store);
  if (!done) return tl::unexpected(done.error());
  store->finish();
  return std::shared_ptr<const DatasetStore>(std::move(store));
}

const std::vector<std::uint32_t>* DatasetStore::actions_of(int ticket_id) const {
  auto it = actions_by_ticket_.find(ticket_id);
  return it == actions_by_ticket_.end() ? nullptr : &it->second;
}

util::Json DatasetStore::to_json() const {
  util::Json out = util::Json::object();
  for (std::size_t k = 0; k < static_cast<std::size_t>(Kind::kCount); ++k) {
    util::Json rows = util::Json::array();
    for (const auto& row : collections_[k].rows) {
      util::Json record = util::Json::parse(row.text);
      if (!row.extra.empty()) record.update(util::Json::parse(row.extra));
      rows.push_back(std::move(record));
    }
    out[kKeys[k]] = std::move(rows);
  }
  return out;
}

}  // namespace sim

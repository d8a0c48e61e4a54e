// Learning the tenant's billing-period labels (see tenant_periods.hpp).
#include "tools/tenant_periods.hpp"

#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <future>

#include "domain/projection_billing.hpp"
#include "domain/revenue_parse.hpp"

namespace tools {
namespace {

std::size_t index_of(PeriodKind kind) { return kind == PeriodKind::kContract ? 0 : 1; }

bool leaves_code_unlearned(const util::Error& e) {
  return e.kind == util::ErrorKind::kPermission || e.kind == util::ErrorKind::kNotFound;
}

/// The label of a detail record, read with the names revenue_breakdown's parser reads.
std::string label_of(PeriodKind kind, simdjson::dom::element record) {
  if (kind == PeriodKind::kContract) {
    auto parsed = domain::parse_contract(record);
    return parsed ? parsed->billing_period_label : std::string();
  }
  auto parsed = domain::parse_recurring_invoice(record);
  return parsed ? parsed->period_label : std::string();
}

struct ItemFields {
  const char* code;
  const char* period;
  const char* amount;
};
constexpr ItemFields kContractItem{"billing_period_code", "billing_period", "period_amount"};
constexpr ItemFields kRecurringItem{"period_code", "period", "revenue"};

}  // namespace

std::optional<std::string> TenantPeriods::label(PeriodKind kind, std::int64_t code) const {
  std::lock_guard lock(mutex_);
  const auto& table = learned_[index_of(kind)];
  auto it = table.find(code);
  if (it == table.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

bool TenantPeriods::tried(PeriodKind kind, std::int64_t code) const {
  std::lock_guard lock(mutex_);
  return learned_[index_of(kind)].count(code) != 0;
}

void TenantPeriods::record(PeriodKind kind, std::int64_t code, std::string label) {
  std::lock_guard lock(mutex_);
  learned_[index_of(kind)][code] = std::move(label);
}

std::map<std::int64_t, std::string> TenantPeriods::table(PeriodKind kind) const {
  std::lock_guard lock(mutex_);
  return learned_[index_of(kind)];
}

PeriodLearning learn_period_codes(halo::Client& client, PeriodKind kind,
                                  const std::map<std::int64_t, std::int64_t>& samples,
                                  const halo::CallOptions& options, TenantPeriods& learned,
                                  const std::function<void()>& on_error) {
  PeriodLearning out;
  std::vector<std::pair<std::int64_t, std::int64_t>> todo;  // (code, record id)
  for (const auto& [code, id] : samples) {
    if (!learned.tried(kind, code) && todo.size() < kMaxPeriodCodeLookups) todo.emplace_back(code, id);
  }
  if (todo.empty()) return out;
  const std::string path = kind == PeriodKind::kContract ? "ClientContract/" : "RecurringInvoice/";
  std::mutex mutex;  // guards out.error
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  const int threads = std::clamp(client.config().max_concurrency, 1, 4);
  std::vector<halo::FetchStats> costs(std::min<std::size_t>(static_cast<std::size_t>(threads), todo.size()));
  auto worker = [&](halo::FetchStats& cost) {
    for (std::size_t i = next++; i < todo.size() && !stop; i = next++) {
      const auto [code, id] = todo[i];
      auto doc = client.get_cacheable(path + std::to_string(id), {}, options, cost);
      if (!doc) {
        if (leaves_code_unlearned(doc.error())) continue;
        bool first = false;
        {
          std::lock_guard lock(mutex);
          if (!out.error) {
            out.error = doc.error();
            first = true;
          }
        }
        stop = true;
        if (first && on_error) on_error();
        continue;
      }
      learned.record(kind, code, label_of(kind, doc->root()));
    }
  };
  std::vector<std::future<void>> running;
  for (auto& cost : costs) running.push_back(std::async(std::launch::async, worker, std::ref(cost)));
  for (auto& f : running) f.wait();
  for (const auto& cost : costs) {
    out.cost.requests += cost.requests;
    out.cost.cache_hits += cost.cache_hits;
  }
  return out;
}

std::vector<PeriodDisagreement> period_disagreements(const TenantPeriods& learned, PeriodKind kind,
                                                     const domain::PeriodTable& periods) {
  std::vector<PeriodDisagreement> out;
  for (const auto& [code, label] : learned.table(kind)) {
    if (label.empty()) continue;
    auto by_label = periods.resolve(std::string_view(label), std::nullopt);
    if (!by_label) continue;  // a label nobody can read falls back to the code: no disagreement to report
    auto by_code = periods.resolve(std::nullopt, code);
    if (!by_code || by_code->name == by_label->name) continue;
    out.push_back({code, label, by_label->name, by_code->name});
  }
  return out;
}

std::string describe(const PeriodDisagreement& d, PeriodKind kind) {
  return std::string("this Halo labels ") + (kind == PeriodKind::kContract ? "contract" : "recurring-invoice") +
         " billing period code " + std::to_string(d.code) + " '" + d.label + "' (" + d.tenant_period +
         "); the code table says " + d.table_period + ": Halo's label was used";
}

void apply_tenant_periods(halo::Client& client, PeriodKind kind, util::Json& items, const domain::PeriodTable& periods,
                          const halo::CallOptions& options, TenantPeriods& learned) {
  if (!items.is_array()) return;
  const ItemFields& fields = kind == PeriodKind::kContract ? kContractItem : kRecurringItem;
  std::map<std::int64_t, std::int64_t> samples;
  for (const auto& item : items) {
    auto code = item.find(fields.code);
    auto id = item.find("id");
    if (code == item.end() || !code->is_number_integer() || id == item.end() || !id->is_number_integer()) continue;
    samples.emplace(code->get<std::int64_t>(), id->get<std::int64_t>());
  }
  (void)learn_period_codes(client, kind, samples, options, learned);
  for (auto& item : items) {
    auto code = item.find(fields.code);
    if (code == item.end() || !code->is_number_integer()) continue;
    auto label = learned.label(kind, code->get<std::int64_t>());
    if (!label) continue;
    auto period = domain::resolve_billing_period(periods, *label, code->get<std::int64_t>());
    if (!period) continue;
    std::optional<double> amount;
    if (auto it = item.find(fields.amount); it != item.end() && it->is_number()) amount = it->get<double>();
    item[fields.period] = period->name;
    item["monthly_value"] = domain::monthly_value_json(period, amount);
  }
}

util::Result<std::vector<PeriodTableLine>> tenant_period_table(halo::Client& client, const domain::PeriodTable& periods,
                                                               TenantPeriods& learned,
                                                               const halo::CallOptions& options) {
  std::vector<PeriodTableLine> out;
  for (auto kind : {PeriodKind::kContract, PeriodKind::kRecurringInvoice}) {
    const bool contracts = kind == PeriodKind::kContract;
    auto page = contracts ? client.list_page("ClientContract", {{"includeinactive", "true"}}, "contracts", 1, 100, options)
                          : client.list_page("RecurringInvoice", {{"rinvoice_type", "both"}}, "invoices", 1, 100, options);
    if (!page) return util::Unexpected(page.error());
    std::map<std::int64_t, std::int64_t> samples;
    for (simdjson::dom::element record : page->items) {
      std::optional<std::int64_t> code;
      std::int64_t id = 0;
      if (contracts) {
        if (auto c = domain::parse_contract(record)) code = c->billing_period, id = c->id;
      } else if (auto t = domain::parse_recurring_invoice(record)) {
        code = t->period, id = t->id;
      }
      if (code && id > 0) samples.emplace(*code, id);
    }
    auto learning = learn_period_codes(client, kind, samples, options, learned);
    if (learning.error) return util::Unexpected(*learning.error);
    for (const auto& [code, id] : samples) {
      PeriodTableLine line{kind, code, learned.label(kind, code).value_or(""), std::nullopt, false};
      auto resolved = domain::resolve_billing_period(periods, line.label, code);
      if (resolved) line.period = resolved->name;
      auto by_code = periods.resolve(std::nullopt, code);
      line.differs = resolved && !line.label.empty() && (!by_code || by_code->name != resolved->name);
      out.push_back(std::move(line));
    }
  }
  return out;
}

}  // namespace tools

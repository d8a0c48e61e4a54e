// Contract billing-period labels from detail records (see contract_periods.hpp).
#include "tools/contract_periods.hpp"

#include <algorithm>
#include <atomic>
#include <future>
#include <mutex>

#include "domain/projection_billing.hpp"
#include "domain/revenue_parse.hpp"

namespace tools {

namespace {

bool leaves_period_unknown(const util::Error& e) {
  return e.kind == util::ErrorKind::kPermission || e.kind == util::ErrorKind::kNotFound;
}

}  // namespace

ContractLabels fetch_contract_labels(halo::Client& client, std::vector<std::int64_t> ids,
                                     const halo::CallOptions& options, std::size_t max_lookups,
                                     const std::function<void()>& on_error) {
  ContractLabels out;
  if (ids.size() > max_lookups) ids.resize(max_lookups);
  if (ids.empty()) return out;
  std::mutex mutex;  // guards out.labels, out.error
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  const int threads = std::clamp(client.config().max_concurrency, 1, 4);
  std::vector<halo::FetchStats> costs(static_cast<std::size_t>(std::min<std::size_t>(threads, ids.size())));
  auto worker = [&](halo::FetchStats& cost) {
    for (std::size_t i = next++; i < ids.size() && !stop; i = next++) {
      auto doc = client.get_cacheable("ClientContract/" + std::to_string(ids[i]), {}, options, cost);
      if (!doc) {
        if (leaves_period_unknown(doc.error())) continue;
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
      // The detail's label, read with the names revenue_breakdown's parser reads.
      auto parsed = domain::parse_contract(doc->root());
      if (!parsed || parsed->billing_period_label.empty()) continue;
      std::lock_guard lock(mutex);
      out.labels[ids[i]] = parsed->billing_period_label;
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

void complete_contract_periods(halo::Client& client, util::Json& items, const domain::PeriodTable& periods,
                               const halo::CallOptions& options) {
  if (!items.is_array()) return;
  std::vector<std::int64_t> ids;
  for (const auto& item : items) {
    auto id = item.find("id");
    auto period = item.find("billing_period");
    if (id == item.end() || !id->is_number_integer() || period == item.end() || !period->is_null()) continue;
    ids.push_back(id->get<std::int64_t>());
  }
  if (ids.empty()) return;
  ContractLabels found = fetch_contract_labels(client, std::move(ids), options);
  for (auto& item : items) {
    auto id = item.find("id");
    if (id == item.end() || !id->is_number_integer()) continue;
    auto it = found.labels.find(id->get<std::int64_t>());
    if (it != found.labels.end()) (void)domain::apply_contract_label(item, it->second, periods);
  }
}

}  // namespace tools

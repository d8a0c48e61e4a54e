#include "charts/samples.hpp"

#include <cstdio>

namespace charts::samples {
namespace {

// Deterministic, irregular values (no random generator: the same chart every run).
double wobble(std::size_t i, std::size_t k) {
  return static_cast<double>((i * 7919 + k * 104729) % 1000) / 1000.0;
}

std::vector<std::optional<double>> values(std::size_t count, double base, double spread, std::size_t k) {
  std::vector<std::optional<double>> out;
  for (std::size_t i = 0; i < count; ++i) out.emplace_back(base + spread * wobble(i, k));
  return out;
}

}  // namespace

const std::vector<std::string>& client_names() {
  static const std::vector<std::string> names{
      "Crown & Anchor Pub Group", "Meridian Insurance Brokers", "Copperfield Estate Agents",
      "Northgate Veterinary Partnership", "Halcyon Dental Practice", "Bramley & Sons Solicitors",
      "Riverside Community Trust", "Apex Logistics (UK) Ltd", "St. Aldhelm's Primary School",
      "Thornbury Accountancy Services", "Bluebell Care Homes", "Kestrel Engineering",
      "Oakwood Family Practice", "Harbour View Hotel & Spa", "Greenfield Agricultural Supplies",
      "Linden Architects", "Marlowe Financial Planning", "Pemberton Property Management",
      "Quayside Marine Services", "Redwood Recruitment", "Sable Creative Studio",
      "Tamarind Restaurants Group", "Upton Parish Council", "Vantage Opticians",
      "Wexford Building Contractors", "Yew Tree Nurseries", "Zephyr Travel Management",
      "Ashcombe Golf Club", "Beacon Housing Association", "Cartwright & Finch Chartered Surveyors"};
  return names;
}

std::vector<std::string> month_labels(int first_year, int count) {
  std::vector<std::string> labels;
  for (int i = 0; i < count; ++i) {
    char label[48];  // room for any int, so the compiler sees no truncation
    std::snprintf(label, sizeof label, "%04d-%02d", first_year + i / 12, i % 12 + 1);
    labels.emplace_back(label);
  }
  return labels;
}

std::vector<std::string> day_labels(int year, int month, int days) {
  std::vector<std::string> labels;
  for (int day = 1; day <= days; ++day) {
    char label[48];  // room for any int, so the compiler sees no truncation
    std::snprintf(label, sizeof label, "%04d-%02d-%02d", year, month, day);
    labels.emplace_back(label);
  }
  return labels;
}

Chart clients_stacked() {
  Chart chart{.title = "Receivables by client (GBP)",
              .subtitle = "as of 2026-12-04, 30 clients with open invoices",
              .category_label = "Client",
              .categories = client_names(),
              .horizontal = true,
              .note = "2 amounts unknown (invoice currency not GBP): shown as ?"};
  Panel panel{.value_label = "GBP outstanding", .stacked = true};
  const char* buckets[] = {"0-30 days", "31-60 days", "61-90 days", "Over 90 days"};
  for (std::size_t k = 0; k < 4; ++k) {
    panel.series.push_back({.name = buckets[k], .values = values(30, 200, 4800.0 / static_cast<double>(k + 1), k)});
  }
  panel.series[2].values[4] = std::nullopt;
  panel.series[3].values[17] = std::nullopt;
  chart.panels.push_back(std::move(panel));
  return chart;
}

Chart mrr_trend() {
  Chart chart{.title = "MRR trend (GBP)", .subtitle = "January to December 2026",
              .category_label = "Month", .categories = month_labels(2026, 12),
              .note = "March MRR unknown: a contract had no price"};
  Panel mrr{.value_label = "GBP per month", .weight = 2};
  std::vector<std::optional<double>> level;
  for (std::size_t i = 0; i < 12; ++i) level.emplace_back(84000 + 1500.0 * static_cast<double>(i) + 2000 * wobble(i, 1));
  level[2] = std::nullopt;
  mrr.series.push_back({.name = "MRR", .mark = Mark::kLine, .values = level});
  Panel movement{.value_label = "GBP change"};
  movement.series.push_back({.name = "New", .values = values(12, 500, 3500, 2)});
  std::vector<std::optional<double>> churn = values(12, 200, 2500, 3);
  for (std::optional<double>& value : churn) *value = -*value;
  movement.series.push_back({.name = "Churned", .values = churn});
  chart.panels = {std::move(mrr), std::move(movement)};
  return chart;
}

Chart daily_tickets() {
  Chart chart{.title = "Tickets per day", .subtitle = "November 2026, all teams",
              .category_label = "Day", .categories = day_labels(2026, 11, 30)};
  chart.categories.push_back("2026-12-01");  // 31 days: November and the first of December
  Panel panel{.value_label = "Tickets"};
  panel.series.push_back({.name = "Opened", .values = values(31, 20, 60, 4)});
  panel.series.push_back({.name = "Closed", .values = values(31, 15, 65, 5)});
  panel.series[1].values[30] = std::nullopt;
  chart.panels.push_back(std::move(panel));
  return chart;
}

}  // namespace charts::samples

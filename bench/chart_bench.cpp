// chart_bench: how long render_png() takes and how large its PNGs are, for the three chart
// shapes the tools draw most (charts/samples.hpp). Each is rendered 50 times after one warm-up
// render (the first in a process pays fontconfig's start-up); one line per chart:
//   chart <name>: median <ms> ms, p95 <ms> ms, <bytes> bytes
// Exits 1 when a median exceeds 50 ms or a PNG 100 KB (the budgets a tool call can afford), so
// a script can use it as a gate; 2 when a render fails.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "charts/chart.hpp"
#include "charts/samples.hpp"

namespace {

constexpr int kRuns = 50;
constexpr double kMedianBudgetMs = 50;
constexpr std::size_t kSizeBudgetBytes = 100 * 1024;

struct Outcome {
  double median_ms = 0, p95_ms = 0;
  std::size_t bytes = 0;
  bool failed = false;
};

Outcome measure(const charts::Chart& chart) {
  Outcome outcome;
  if (auto warm_up = charts::render_png(chart); !warm_up) {
    std::fprintf(stderr, "render failed: %s\n", warm_up.error().message.c_str());
    outcome.failed = true;
    return outcome;
  }
  std::vector<double> times;
  for (int run = 0; run < kRuns; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const auto png = charts::render_png(chart);
    const auto stop = std::chrono::steady_clock::now();
    times.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
    outcome.bytes = png ? png->size() : 0;
  }
  std::sort(times.begin(), times.end());
  outcome.median_ms = times[times.size() / 2];
  outcome.p95_ms = times[times.size() * 95 / 100];
  return outcome;
}

}  // namespace

int main() {
  const std::pair<const char*, charts::Chart> charts_to_measure[] = {
      {"clients_stacked", charts::samples::clients_stacked()},
      {"mrr_trend", charts::samples::mrr_trend()},
      {"daily_tickets", charts::samples::daily_tickets()},
  };
  int status = 0;
  for (const auto& [name, chart] : charts_to_measure) {
    const Outcome outcome = measure(chart);
    if (outcome.failed) return 2;
    std::printf("chart %s: median %.2f ms, p95 %.2f ms, %zu bytes\n", name, outcome.median_ms,
                outcome.p95_ms, outcome.bytes);
    if (outcome.median_ms > kMedianBudgetMs || outcome.bytes > kSizeBudgetBytes) status = 1;
  }
  return status;
}

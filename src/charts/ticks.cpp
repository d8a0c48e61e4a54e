// value_ticks(): the gridlines of a value axis. Steps are 1, 2, 2.5 or 5 times a power of ten
// because those are the steps people read without arithmetic; zero is always a gridline because
// a bar's length only means something when measured from zero.
#include <algorithm>
#include <cmath>

#include "charts/chart.hpp"

namespace charts {
namespace {

// Forgives the last bits of floating-point division (0.3 / 0.1 is 2.9999999999999996), so a
// bound that sits on a step does not gain an extra, empty interval.
constexpr double kSlack = 1e-9;

// m x 10^e, divided rather than multiplied for negative e so that 0.1 and 0.25 come out as the
// nearest doubles to what is written (10^-1 is not exact, 10 is).
double scaled(double m, int e) {
  return e >= 0 ? m * std::pow(10.0, e) : m / std::pow(10.0, -e);
}

}  // namespace

std::vector<double> value_ticks(double lo, double hi, int max_ticks) {
  lo = std::min(lo, 0.0);
  hi = std::max(hi, 0.0);
  const double span = hi - lo;
  if (!std::isfinite(span) || span <= 0) return {0.0, 1.0};  // nothing to scale: one unit

  const int max_intervals = std::max(max_ticks, 2) - 1;
  // Start one decade below the step that would exactly fill max_intervals, then take the first
  // (smallest) nice step whose gridlines cover [lo, hi] in few enough intervals.
  const int first_exponent = static_cast<int>(std::floor(std::log10(span / max_intervals))) - 1;
  for (int e = first_exponent;; ++e) {
    for (const double m : {1.0, 2.0, 2.5, 5.0}) {
      const double step = scaled(m, e);
      const auto first = static_cast<long long>(std::floor(lo / step + kSlack));
      const auto last = static_cast<long long>(std::ceil(hi / step - kSlack));
      if (last - first > max_intervals) continue;
      std::vector<double> ticks;
      for (long long i = first; i <= last; ++i) ticks.push_back(scaled(static_cast<double>(i) * m, e));
      return ticks;
    }
  }
}

}  // namespace charts

#include "charts/number_format.hpp"

#include <cmath>
#include <cstdio>

namespace charts {
namespace {

constexpr int kMaxDecimals = 6;

// The fewest decimals that write `step` exactly: 2500 -> 0, 0.25 -> 2.
int decimals_for(double step) {
  double scaled = std::fabs(step);
  for (int decimals = 0; decimals < kMaxDecimals; ++decimals, scaled *= 10) {
    if (std::fabs(scaled - std::round(scaled)) < 1e-6) return decimals;
  }
  return kMaxDecimals;
}

}  // namespace

std::string format_tick(double value, double step) {
  const int decimals = decimals_for(step);
  char digits[64];
  std::snprintf(digits, sizeof digits, "%.*f", decimals, std::fabs(value));
  const std::string text = digits;
  const std::size_t point = text.find('.');
  const std::size_t whole_digits = point == std::string::npos ? text.size() : point;

  std::string out;
  for (std::size_t i = 0; i < whole_digits; ++i) {
    if (i > 0 && (whole_digits - i) % 3 == 0) out += ',';
    out += text[i];
  }
  if (point != std::string::npos) out += text.substr(point);

  // A value that rounds to zero at this precision is "0", never "−0".
  const bool negative = value < 0 && out.find_first_not_of("0.,") != std::string::npos;
  return negative ? "\u2212" + out : out;
}

}  // namespace charts

// Numbers as the axes print them.
#pragma once
#include <string>

namespace charts {

/// `value` with a comma every three digits and as many decimals as `step` (the distance between
/// gridlines) needs, so every label on one axis has the same precision: format_tick(12500, 2500)
/// is "12,500", format_tick(0.75, 0.25) is "0.75", format_tick(-2000, 1000) is "−2,000" (a true
/// minus sign, as wide as a digit).
[[nodiscard]] std::string format_tick(double value, double step);

}  // namespace charts

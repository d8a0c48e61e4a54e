#include "charts/validate.hpp"

#include <cmath>
#include <string>

namespace charts {

util::Result<void> validate(const Chart& chart, int width, int height) {
  using util::ErrorKind;
  const auto side_ok = [](int side) { return side >= kSmallestSide && side <= kLargestSide; };
  if (!side_ok(width) || !side_ok(height)) {
    return util::fail(ErrorKind::kBadInput,
                      "a chart is " + std::to_string(kSmallestSide) + " to " +
                          std::to_string(kLargestSide) + " pixels a side, not " +
                          std::to_string(width) + "x" + std::to_string(height));
  }
  if (chart.panels.empty()) return util::fail(ErrorKind::kBadInput, "the chart has no panel");
  if (chart.horizontal && chart.panels.size() > 1) {
    return util::fail(ErrorKind::kBadInput, "a horizontal chart has one panel, this one has " +
                                                std::to_string(chart.panels.size()));
  }
  for (const Panel& panel : chart.panels) {
    if (!std::isfinite(panel.weight) || panel.weight <= 0) {
      return util::fail(ErrorKind::kBadInput, "the panel \"" + panel.value_label +
                                                  "\" has a weight that is not a positive number");
    }
    for (const Series& series : panel.series) {
      if (series.values.size() != chart.categories.size()) {
        return util::fail(ErrorKind::kBadInput,
                          "the series \"" + series.name + "\" has " +
                              std::to_string(series.values.size()) + " values for " +
                              std::to_string(chart.categories.size()) + " categories");
      }
      for (std::size_t i = 0; i < series.values.size(); ++i) {
        if (series.values[i] && !std::isfinite(*series.values[i])) {
          return util::fail(ErrorKind::kBadInput, "the series \"" + series.name +
                                                      "\" has a value that is not a finite number "
                                                      "(category \"" + chart.categories[i] + "\")");
        }
      }
    }
  }
  return {};
}

}  // namespace charts

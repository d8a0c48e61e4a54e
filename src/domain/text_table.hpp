// A plain-text table for people at a terminal (`halo-psa-mcp call` on a tty): a header row, then
// rows, columns padded to their widest cell; numbers right-aligned. No colour codes.
#pragma once
#include <string>
#include <vector>

#include "util/json.hpp"

namespace domain {

class TextTable {
 public:
  /// `right[i]`: column i holds numbers (right-aligned).
  TextTable(std::vector<std::string> header, std::vector<bool> right);
  void add(std::vector<std::string> row);
  [[nodiscard]] std::string render() const;

 private:
  std::vector<std::string> header_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

/// "12.50" (2 decimals), "n/a" for none.
[[nodiscard]] std::string fixed2(const double* value);
/// "93.4%", "n/a" for none.
[[nodiscard]] std::string percent1(const double* value);

/// A cell from a JSON figure of a tool's result: null -> "n/a", a fractional number -> 2 decimals
/// (hours, money), a whole number as it is, a string as it is.
[[nodiscard]] std::string json_cell(const util::Json& value);
/// A JSON percentage (0-100) -> "93.4%"; null -> "n/a".
[[nodiscard]] std::string json_percent(const util::Json& value);

}  // namespace domain

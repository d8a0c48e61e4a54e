// Aligned plain-text tables (see text_table.hpp).
#include "domain/text_table.hpp"

#include <algorithm>
#include <cstdio>

namespace domain {

TextTable::TextTable(std::vector<std::string> header, std::vector<bool> right)
    : header_(std::move(header)), right_(std::move(right)) {
  right_.resize(header_.size(), false);
}

void TextTable::add(std::vector<std::string> row) {
  row.resize(header_.size());
  rows_.push_back(std::move(row));
}

std::string TextTable::render() const {
  std::vector<std::size_t> width(header_.size());
  for (std::size_t c = 0; c < header_.size(); ++c) {
    width[c] = header_[c].size();
    for (const auto& row : rows_) width[c] = std::max(width[c], row[c].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string fill(width[c] - cells[c].size(), ' ');
      out += c ? "  " : "";
      out += right_[c] ? fill + cells[c] : cells[c] + (c + 1 < cells.size() ? fill : "");
    }
    return out + "\n";
  };
  std::string out = line(header_);
  for (const auto& row : rows_) out += line(row);
  return out;
}

std::string fixed2(const double* value) {
  if (!value) return "n/a";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", *value);
  return buffer;
}

std::string percent1(const double* value) {
  if (!value) return "n/a";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", *value);
  return buffer;
}

std::string json_cell(const util::Json& value) {
  if (value.is_null()) return "n/a";
  if (value.is_number_float()) {
    const double d = value.get<double>();
    return fixed2(&d);
  }
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string json_percent(const util::Json& value) {
  if (!value.is_number()) return "n/a";
  const double d = value.get<double>();
  return percent1(&d);
}

}  // namespace domain

#include "app/human_output.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

namespace app {
namespace {

constexpr std::size_t kMaxCell = 40;

std::string cell(const util::Json& value) {
  std::string text;
  if (value.is_null()) text = "-";
  else if (value.is_string()) text = value.get<std::string>();
  else text = value.dump();
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (text.size() > kMaxCell) text = text.substr(0, kMaxCell - 1) + "~";
  return text;
}

std::string table(const util::Json& items) {
  std::vector<std::string> columns;
  for (const auto& [key, value] : items.front().items()) {
    if (!value.is_object() && !value.is_array()) columns.push_back(key);
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> width(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) width[c] = columns[c].size();
  for (const auto& item : items) {
    std::vector<std::string> row;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      row.push_back(item.contains(columns[c]) ? cell(item[columns[c]]) : "");
      width[c] = std::max(width[c], row.back().size());
    }
    rows.push_back(std::move(row));
  }
  std::ostringstream out;
  auto line = [&](const std::vector<std::string>& values) {
    for (std::size_t c = 0; c < values.size(); ++c) {
      out << values[c];
      if (c + 1 < values.size()) out << std::string(width[c] - values[c].size() + 2, ' ');
    }
    out << '\n';
  };
  line(columns);
  for (const auto& row : rows) line(row);
  return out.str();
}

}  // namespace

std::string render_for_people(const util::Json& structured) {
  std::ostringstream out;
  if (structured.contains("items") && structured["items"].is_array()) {
    const auto& items = structured["items"];
    if (items.empty()) out << "(no records)\n";
    else out << table(items);
    for (const auto& [key, value] : structured.items()) {
      if (key != "items" && !value.is_object() && !value.is_array()) out << key << ": " << cell(value) << "  ";
    }
    out << '\n';
    return out.str();
  }
  const util::Json& record = structured.contains("item") ? structured["item"] : structured;
  for (const auto& [key, value] : record.items()) {
    if (value.is_array() && !value.empty() && value.front().is_object()) {
      out << key << ":\n" << table(value);
    } else {
      out << key << ": " << (value.is_object() || value.is_array() ? value.dump() : cell(value)) << '\n';
    }
  }
  return out.str();
}

}  // namespace app

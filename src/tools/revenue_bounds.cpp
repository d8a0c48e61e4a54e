// Cutting an oversized revenue_breakdown result (see revenue_bounds.hpp).
#include "tools/revenue_bounds.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tools {
namespace {

using util::Json;

/// Room kept for what the cut itself adds (the `truncated` object and the warning, each with the
/// note, which is a few hundred bytes of fixed text and numbers).
constexpr std::size_t kReserveBytes = 4096;
/// What `"recurring_items_omitted":<count>,` can add to a row.
constexpr std::size_t kRowCounterBytes = 48;

/// A row's share when it is kept without its recurring_items.
std::size_t figures_size(const Json& row) {
  Json bare = row;
  bare["recurring_items"] = Json::array();
  return serialized_size(bare) + 1 + kRowCounterBytes;
}

bool must_keep(const Json& warning) { return warning.value("kind", std::string()) == "source_unavailable"; }

/// Status values that only include_all_items: true brings in.
bool lists_extra_items(const Json& rows) {
  for (const auto& row : rows) {
    for (const auto& item : row.value("recurring_items", Json::array())) {
      const std::string status = item.value("status", std::string());
      if (status == "inactive" || status == "unknown_period") return true;
    }
  }
  return false;
}

/// What was cut, counted for the note and the `truncated` object.
struct Cut {
  std::size_t rows_before = 0;
  std::size_t rows_omitted = 0;
  std::size_t items_omitted = 0;      ///< on rows that are shown
  std::size_t rows_missing_items = 0;  ///< shown rows with recurring_items_omitted
  std::optional<std::int64_t> first_row_missing_items;  ///< its client_id
  std::size_t warnings_omitted = 0;
  int strings_clipped = 0;
  bool extra_items_listed = false;
};

std::string note_of(const Cut& cut, const Json& structured, std::size_t max_bytes) {
  const std::size_t shown = cut.rows_before - cut.rows_omitted;
  std::string note = "This result was cut to stay under " + std::to_string(max_bytes / 1024) +
                     " KB. `totals` are complete and exact: they cover every client (" +
                     std::to_string(structured.value("clients_total", 0)) + " rows), not only the rows shown.";
  if (cut.rows_omitted > 0) {
    note += " Only the first " + std::to_string(shown) + " of " + std::to_string(cut.rows_before) +
            " rows are listed (largest first, by mrr + non_recurring_total); " + std::to_string(cut.rows_omitted) +
            " smaller rows were left out.";
  }
  if (cut.items_omitted > 0) {
    note += " " + std::to_string(cut.items_omitted) + " recurring_items were left out on " +
            std::to_string(cut.rows_missing_items) + " listed rows (each says recurring_items_omitted).";
  }
  if (cut.warnings_omitted > 0) {
    note += " " + std::to_string(cut.warnings_omitted) +
            " warnings (unknown_period or missing_amount) were left out; every source_unavailable warning is kept.";
  }
  if (cut.strings_clipped > 0) {
    note += " " + std::to_string(cut.strings_clipped) + " long text value(s) were clipped (marked '[clipped: ...]').";
  }
  note += " To see what was left out, narrow the call: client_id=<id> for one client";
  if (cut.first_row_missing_items) note += " (e.g. client_id=" + std::to_string(*cut.first_row_missing_items) + ")";
  note += ", or top=N for fewer rows with their items";
  if (cut.extra_items_listed) note += ", or include_all_items: false to list only the counted items";
  note += ".";
  return note;
}

/// Keeps warnings in order: every source_unavailable one, the others while they fit `budget`.
std::size_t keep_warnings(Json& warnings, std::size_t budget, std::size_t& used) {
  Json kept = Json::array();
  std::size_t omitted = 0;
  used = 0;
  for (auto& warning : warnings) {
    const std::size_t size = serialized_size(warning) + 1;
    if (must_keep(warning) || used + size <= budget) {
      used += size;
      kept.push_back(std::move(warning));
    } else {
      ++omitted;
    }
  }
  warnings = std::move(kept);
  return omitted;
}

std::size_t array_size(const Json& array) {
  std::size_t total = 0;
  for (const auto& entry : array) total += serialized_size(entry) + 1;
  return total;
}

/// Keeps the rows whose figures fit `budget`, then their recurring_items in reading order until
/// the first one that does not fit: the largest clients keep their detail longest.
void keep_rows(Json& rows, std::size_t budget, Cut& cut) {
  std::vector<std::size_t> figures;
  figures.reserve(rows.size());
  std::size_t used = 0;
  std::size_t kept_rows = 0;
  for (const auto& row : rows) {
    const std::size_t size = figures_size(row);
    if (used + size > budget) break;
    used += size;
    ++kept_rows;
  }
  cut.rows_omitted = rows.size() - kept_rows;
  if (kept_rows < rows.size()) rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(kept_rows), rows.end());

  std::size_t room = budget - used;
  bool full = false;
  for (auto& row : rows) {
    auto found = row.find("recurring_items");
    if (found == row.end() || !found->is_array()) continue;
    Json& items = *found;
    std::size_t keep = 0;
    while (!full && keep < items.size()) {
      const std::size_t size = serialized_size(items[keep]) + 1;
      if (size > room) {
        full = true;
        break;
      }
      room -= size;
      ++keep;
    }
    if (keep < items.size()) {
      const std::size_t omitted = items.size() - keep;
      items.erase(items.begin() + static_cast<std::ptrdiff_t>(keep), items.end());
      row["recurring_items_omitted"] = omitted;
      cut.items_omitted += omitted;
      ++cut.rows_missing_items;
      if (!cut.first_row_missing_items && row.contains("client_id") && row["client_id"].is_number_integer()) {
        cut.first_row_missing_items = row["client_id"].get<std::int64_t>();
      }
    }
  }
}

void mark(Json& structured, const Cut& cut, std::size_t max_bytes) {
  std::string note = note_of(cut, structured, max_bytes);
  structured["truncated"] = Json{{"rows_omitted", cut.rows_omitted},
                                 {"recurring_items_omitted", cut.items_omitted},
                                 {"warnings_omitted", cut.warnings_omitted},
                                 {"strings_clipped", cut.strings_clipped},
                                 {"limit_bytes", max_bytes},
                                 {"note", note}};
  Json& warnings = structured["warnings"];
  if (!warnings.is_array()) warnings = Json::array();
  // First, so that a model reading warnings before quoting numbers meets it.
  Json warning{{"kind", "result_truncated"}, {"id", nullptr}, {"client_id", nullptr}, {"detail", std::move(note)}};
  if (!warnings.empty() && warnings[0].value("kind", std::string()) == "result_truncated") {
    warnings[0] = std::move(warning);
  } else {
    warnings.insert(warnings.begin(), std::move(warning));
  }
}

}  // namespace

bool bound_revenue_result(Json& structured, const ResultLimits& limits) {
  if (!structured.is_object()) return false;
  auto clients_it = structured.find("clients");
  if (clients_it == structured.end() || !clients_it->is_array()) return false;
  if (!structured.contains("warnings") || !structured["warnings"].is_array()) structured["warnings"] = Json::array();
  Json& rows = structured["clients"];
  Json& warnings = structured["warnings"];

  Cut cut;
  cut.rows_before = rows.size();
  cut.extra_items_listed = lists_extra_items(rows);
  cut.strings_clipped = clip_long_strings(rows, limits.max_string_bytes) +
                        clip_long_strings(warnings, limits.max_string_bytes);
  const std::size_t total = serialized_size(structured);
  if (total <= limits.max_bytes && cut.strings_clipped == 0) return false;

  if (total > limits.max_bytes) {
    Json detached_rows = std::move(rows);
    Json detached_warnings = std::move(warnings);
    structured["clients"] = Json::array();
    structured["warnings"] = Json::array();
    const std::size_t envelope = serialized_size(structured) + kReserveBytes;
    const std::size_t available = limits.max_bytes > envelope ? limits.max_bytes - envelope : 0;

    // Warnings get a quarter of the space, or more when the rows need less than the rest.
    const std::size_t rows_full = array_size(detached_rows);
    const std::size_t warnings_budget = std::max(available / 4, available > rows_full ? available - rows_full : 0);
    std::size_t warnings_used = 0;
    cut.warnings_omitted = keep_warnings(detached_warnings, warnings_budget, warnings_used);
    const std::size_t rows_budget = available > warnings_used ? available - warnings_used : 0;
    keep_rows(detached_rows, rows_budget, cut);

    structured["clients"] = std::move(detached_rows);
    structured["warnings"] = std::move(detached_warnings);
  }
  mark(structured, cut, limits.max_bytes);

  // The sizes above are estimates (a row's counter, the note's length); never trust them.
  while (serialized_size(structured) > limits.max_bytes && !structured["clients"].empty()) {
    Json& shown = structured["clients"];
    const Json& last = shown.back();
    if (last.contains("recurring_items_omitted")) {
      cut.items_omitted -= std::min(cut.items_omitted, last["recurring_items_omitted"].get<std::size_t>());
      --cut.rows_missing_items;
    }
    shown.erase(shown.size() - 1);
    ++cut.rows_omitted;
    mark(structured, cut, limits.max_bytes);
  }
  return true;
}

Json revenue_truncated_schema() {
  auto count = [](const char* description) { return Json{{"type", "integer"}, {"description", description}}; };
  return Json{
      {"type", "object"},
      {"description",
       "Present only when the result was cut to stay under limit_bytes. totals are still complete and exact; "
       "the note says what was left out and which arguments (client_id, top, include_all_items) narrow the call."},
      {"properties",
       {{"rows_omitted", count("Rows (the smallest, at the end) not listed in clients.")},
        {"recurring_items_omitted", count("recurring_items left out of the rows that are listed.")},
        {"warnings_omitted", count("unknown_period / missing_amount warnings left out.")},
        {"strings_clipped", count("Text values clipped to 32 KB.")},
        {"limit_bytes", count("The size bound of structuredContent.")},
        {"note", {{"type", "string"}}}}},
      {"required", {"rows_omitted", "recurring_items_omitted", "warnings_omitted", "strings_clipped", "limit_bytes",
                    "note"}}};
}

Json revenue_row_items_omitted_schema() {
  return Json{{"type", "integer"},
              {"minimum", 1},
              {"description",
               "Present when this row's recurring_items were cut to bound the result: how many are not listed "
               "(ask with this client_id to see them)."}};
}

}  // namespace tools

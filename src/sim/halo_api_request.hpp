// Reading what an /api request asks for, the way Halo binds its query parameters: names are
// lower-cased, what does not parse is ignored (0, empty), booleans are "true", id lists are
// comma-separated, and a bare day in a date filter means the whole day.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "sim/dataset_store.hpp"

namespace sim::api {

using Params = std::map<std::string, std::string>;

/// The value of a parameter; nullptr when absent.
[[nodiscard]] const std::string* param(const Params& p, const char* name);
/// True only for "true" (any case).
[[nodiscard]] bool flag(const Params& p, const char* name);
/// Integer parameter; absent or not a number = 0 (Halo ignores what it cannot bind).
[[nodiscard]] int number(const Params& p, const char* name);
/// Comma-separated ids; parts that are not integers are skipped.
[[nodiscard]] std::vector<int> id_list(const Params& p, const char* name);
/// A parameter lower-cased; "" when absent (`search`, `team`, `datesearch`).
[[nodiscard]] std::string lowered(const Params& p, const char* name);

/// Bounds for a date filter: a bare day is the whole day (inclusive); "" when absent.
[[nodiscard]] std::string lower_bound(const Params& p, const char* name);
[[nodiscard]] std::string upper_bound(const Params& p, const char* name);
/// Whether a stored date lies within [from, to] (either may be ""). A "no date" never does.
[[nodiscard]] bool in_range(const std::string& date, const std::string& from, const std::string& to);

/// The `search` match: an empty needle matches everything.
[[nodiscard]] bool contains_text(const RecordKeys& k, const std::string& needle);

}  // namespace sim::api

// Lenient readers of Halo record fields over simdjson's DOM. Halo is loose with types: ids arrive
// as 12, 12.0 or "12"; booleans sometimes as 0/1; "no date" is 1900-01-01T00:00:00; timestamps
// carry 7 fractional digits. Every projection reads fields through these functions so that one
// odd tenant does not break a tool, and so that the output is uniform (dates "YYYY-MM-DD" or ISO
// without fractions, null for missing values).
#pragma once
#include <simdjson.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "util/json.hpp"

namespace domain::fields {

using Element = simdjson::dom::element;

/// The field's value, nullopt when the record is not an object, the key is absent or null.
std::optional<Element> get(Element record, std::string_view key);

/// 12, 12.0 and "12" -> 12; a fractional number or a non-numeric string -> nullopt.
std::optional<std::int64_t> as_int(Element record, std::string_view key);
/// Numbers and numeric strings.
std::optional<double> as_double(Element record, std::string_view key);
/// true/false, 0/1 and "true"/"false".
std::optional<bool> as_bool(Element record, std::string_view key);
/// Strings as they are; numbers are written out (a `ref` that is numeric on some tenants).
std::optional<std::string> as_string(Element record, std::string_view key);

/// "2023-06-29T10:16:08.8378294Z" -> "2023-06-29"; years before 1901 (Halo's "no date") and
/// unparsable values -> nullopt.
std::optional<std::string> normalize_date(std::string_view text);
/// -> "2023-06-29T10:16:08Z" (fraction dropped, zone kept when present); a bare date stays a date.
std::optional<std::string> normalize_datetime(std::string_view text);
std::optional<std::string> as_date(Element record, std::string_view key);
std::optional<std::string> as_datetime(Element record, std::string_view key);
/// A Halo datetime field as an instant (time_zone.hpp parse_halo_instant: no zone = UTC); nullopt
/// when absent, unparsable or Halo's 1900 "no date".
std::optional<std::chrono::sys_seconds> as_instant(Element record, std::string_view key);
/// A ticket (or project) is open while it has no close date: `dateclosed` absent, null or 1900.
bool is_open(Element ticket);

/// The same readers, returning JSON null for nullopt: what projections put in their output.
util::Json json_int(Element record, std::string_view key);
util::Json json_double(Element record, std::string_view key);
util::Json json_bool(Element record, std::string_view key);
util::Json json_string(Element record, std::string_view key);
util::Json json_date(Element record, std::string_view key);
util::Json json_datetime(Element record, std::string_view key);

/// First present, non-empty string among the keys (Halo renames fields between endpoints).
util::Json json_first_string(Element record, std::initializer_list<std::string_view> keys);

/// The element as JSON, unchanged (for `full: true` and `fields: [..]`).
util::Json to_json(Element element);

template <class T>
util::Json or_null(const std::optional<T>& value) {
  return value ? util::Json(*value) : util::Json(nullptr);
}
/// Moves the value in (a string is then not copied a second time).
template <class T>
util::Json or_null(std::optional<T>&& value) {
  return value ? util::Json(std::move(*value)) : util::Json(nullptr);
}

}  // namespace domain::fields

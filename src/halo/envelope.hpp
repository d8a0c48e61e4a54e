// Finds the records in a Halo list response. Envelopes differ by endpoint and even by tenant
// (docs/halo-api.md), so the rule is deliberately forgiving: a bare array, or
// the expected key, or the first array-valued property that is not "columns".
#pragma once
#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace halo {

struct Envelope {
  simdjson::dom::array items;
  std::optional<std::int64_t> record_count;  ///< absent when Halo did not report one
};

/// nullopt when the body holds no array at all.
std::optional<Envelope> find_list(simdjson::dom::element root, std::string_view key);

}  // namespace halo

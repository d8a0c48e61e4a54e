// The one JSON type used for protocol messages, tool schemas and tool output.
// ordered_json keeps insertion order, so projections read "id, name, ..." the way they were built,
// which matters when the reader is a person or a model. Upstream Halo bodies are parsed with
// simdjson instead (see halo/document.hpp): they are large and read once.
#pragma once
#include <nlohmann/json.hpp>

namespace util {
using Json = nlohmann::ordered_json;
}  // namespace util

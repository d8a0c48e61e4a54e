// The envelope rule for Halo list responses.
#include "halo/envelope.hpp"

#include "util/ascii.hpp"

namespace halo {
namespace {

std::optional<std::int64_t> read_count(simdjson::dom::object object) {
  for (auto field : object) {
    if (!util::iequals_ascii(field.key, "record_count")) continue;
    std::int64_t whole = 0;
    if (field.value.get_int64().get(whole) == simdjson::SUCCESS) return whole;
    double fractional = 0;
    if (field.value.get_double().get(fractional) == simdjson::SUCCESS) {
      return static_cast<std::int64_t>(fractional);
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<Envelope> find_list(simdjson::dom::element root, std::string_view key) {
  simdjson::dom::array array;
  if (root.get_array().get(array) == simdjson::SUCCESS) return Envelope{array, std::nullopt};

  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) return std::nullopt;
  std::optional<Envelope> found;
  if (!key.empty()) {
    for (auto field : object) {
      if (util::iequals_ascii(field.key, key) &&
          field.value.get_array().get(array) == simdjson::SUCCESS) {
        found = Envelope{array, std::nullopt};
        break;
      }
    }
  }
  if (!found) {
    for (auto field : object) {
      if (field.key == "columns") continue;
      if (field.value.get_array().get(array) == simdjson::SUCCESS) {
        found = Envelope{array, std::nullopt};
        break;
      }
    }
  }
  if (found) found->record_count = read_count(object);
  return found;
}

}  // namespace halo

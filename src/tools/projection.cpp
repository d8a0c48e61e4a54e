// Table-driven projection (see projection.hpp).
#include "tools/projection.hpp"

#include <simdjson.h>

#include "domain/halo_fields.hpp"
#include "domain/html_text.hpp"
#include "util/json_object.hpp"

namespace tools {
namespace {

namespace f = domain::fields;
using util::Json;

Json text_of(const domain::Record& record, std::string_view key, std::size_t limit) {
  auto text = f::as_string(record, key);
  if (!text) return nullptr;
  return domain::plain_text(*text, limit);
}

/// "a|b": the first alternative present and non-empty (Halo renames fields between endpoints).
Json first_text(const domain::Record& record, std::string_view from) {
  while (!from.empty()) {
    const auto bar = from.find('|');
    auto value = f::as_string(record, from.substr(0, bar));
    if (value && !value->empty()) return std::move(*value);
    if (bar == std::string_view::npos) break;
    from.remove_prefix(bar + 1);
  }
  return nullptr;
}

Json read(const Field& field, const domain::Record& record, const ProjectionEnv& env) {
  if (field.compute != nullptr) return field.compute(record, env);
  const std::string_view key = field.from.empty() ? field.name : field.from;
  switch (field.kind) {
    case FieldKind::kInt: return f::json_int(record, key);
    case FieldKind::kNumber: return f::json_double(record, key);
    case FieldKind::kBool: return f::json_bool(record, key);
    case FieldKind::kDate: return f::json_date(record, key);
    case FieldKind::kDatetime: return f::json_datetime(record, key);
    case FieldKind::kNote: return text_of(record, key, domain::kListTextLimit);
    case FieldKind::kBody: return text_of(record, key, domain::kDetailTextLimit);
    case FieldKind::kText:
      return key.find('|') == std::string_view::npos ? f::json_string(record, key) : first_text(record, key);
    case FieldKind::kAny: {
      auto value = f::get(record, key);
      return value ? f::to_json(*value) : Json(nullptr);
    }
    case FieldKind::kStrings: {
      Json out = Json::array();
      auto value = f::get(record, key);
      simdjson::dom::array array;
      if (!value || value->get_array().get(array) != simdjson::SUCCESS) return nullptr;
      for (simdjson::dom::element element : array) {
        std::string_view text;
        if (element.get_string().get(text) == simdjson::SUCCESS) out.push_back(text);
      }
      return out;
    }
    case FieldKind::kObjects: {
      // The first alternative holding a non-empty array; none: an empty list (Halo leaves the
      // key out when a record has no lines).
      Json out = Json::array();
      for (std::string_view rest = key; !rest.empty() && out.empty();) {
        const auto bar = rest.find('|');
        auto value = f::get(record, rest.substr(0, bar));
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
        simdjson::dom::array array;
        if (!value || value->get_array().get(array) != simdjson::SUCCESS) continue;
        for (simdjson::dom::element element : array) out.push_back(project(element, field.items, true, env));
      }
      return out;
    }
  }
  return nullptr;
}

}  // namespace

Json project(const domain::Record& record, std::span<const Field> fields, bool detail, const ProjectionEnv& env) {
  util::JsonObject item(fields.size());
  for (const Field& field : fields) {
    if ((field.detail_only && !detail) || field.added_by_handler) continue;
    item.add(std::string(field.name), read(field, record, env));
  }
  return item.take();
}

Json shape_item(const domain::Record& record, const Shape& shape, std::span<const Field> fields, bool detail,
                const ProjectionEnv& env) {
  if (shape.full) return f::to_json(record);
  Json item = project(record, fields, detail, env);
  for (const auto& name : shape.fields) {
    auto value = f::get(record, name);
    item[name] = value ? f::to_json(*value) : Json(nullptr);
  }
  return item;
}

}  // namespace tools

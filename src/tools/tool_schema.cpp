// Schemas from declarations (see tool_schema.hpp).
#include "tools/tool_schema.hpp"

#include "tools/tool_args.hpp"

namespace tools {
namespace {

using util::Json;

Json arg_schema(const Arg& arg) {
  Json s = Json::object();
  switch (arg.kind) {
    case ArgKind::kId:
      s["type"] = "integer";
      s["minimum"] = 1;
      break;
    case ArgKind::kInteger:
      s["type"] = "integer";
      s["minimum"] = arg.min;
      if (arg.max != 0) s["maximum"] = arg.max;
      break;
    case ArgKind::kBoolean: s["type"] = "boolean"; break;
    case ArgKind::kText:
      s["type"] = "string";
      s["maxLength"] = arg.max != 0 ? arg.max : 200;
      break;
    case ArgKind::kDate:
      s["type"] = "string";
      s["format"] = "date";
      break;
    case ArgKind::kMonth:
      s["type"] = "string";
      s["pattern"] = "^[0-9]{4}-(0[1-9]|1[0-2])$";
      break;
    case ArgKind::kChoice: {
      s["type"] = "string";
      Json choices = Json::array();
      for (auto choice : arg.choices) choices.push_back(choice);
      s["enum"] = std::move(choices);
      break;
    }
    case ArgKind::kTextList:
      s["type"] = "array";
      s["items"] = Json{{"type", "string"}, {"minLength", 1}, {"maxLength", 100}};
      s["maxItems"] = 50;
      break;
  }
  if (!arg.fallback.empty()) s["default"] = Json::parse(arg.fallback);
  s["description"] = arg.help;
  return s;
}

const char* json_type(FieldKind kind) {
  switch (kind) {
    case FieldKind::kInt: return "integer";
    case FieldKind::kNumber: return "number";
    case FieldKind::kBool: return "boolean";
    case FieldKind::kObjects:
    case FieldKind::kStrings: return "array";
    case FieldKind::kAny: return nullptr;
    default: return "string";
  }
}

}  // namespace

Json field_schema(const Field& field) {
  Json s = Json::object();
  if (const char* type = json_type(field.kind)) s["type"] = Json::array({type, "null"});
  s["description"] = field.help;
  if (field.kind == FieldKind::kObjects) {
    s["items"] = fields_schema(field.items, /*detail=*/true);
  } else if (field.kind == FieldKind::kStrings) {
    s["items"] = Json{{"type", "string"}};
  }
  return s;
}

Json fields_schema(std::span<const Field> fields, bool detail) {
  Json properties = Json::object();
  for (const Field& field : fields) {
    if (field.detail_only && !detail) continue;
    properties[std::string(field.name)] = field_schema(field);
  }
  return Json{{"type", "object"}, {"properties", std::move(properties)}};
}

Json input_schema(const ToolDef& tool) {
  Json properties = Json::object();
  Json required = Json::array();
  for (const Arg& arg : tool.args) {
    properties[std::string(arg.name)] = arg_schema(arg);
    if (arg.required) required.push_back(arg.name);
  }
  for (const Arg& arg : added_args(tool)) properties[std::string(arg.name)] = arg_schema(arg);
  Json schema{{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) schema["required"] = std::move(required);
  schema["additionalProperties"] = false;
  return schema;
}

Json output_schema(const ToolDef& tool) {
  switch (tool.form) {
    case Form::kCustom: return tool.output_schema != nullptr ? tool.output_schema() : Json{{"type", "object"}};
    case Form::kGet: {
      Json item = fields_schema(tool.fields, /*detail=*/true);
      item["additionalProperties"] = true;  // `full: true` returns Halo's record
      return Json{{"type", "object"}, {"properties", {{"item", std::move(item)}}}, {"required", {"item"}}};
    }
    case Form::kList: break;
  }
  Json item = fields_schema(tool.fields, /*detail=*/false);
  item["additionalProperties"] = true;  // `fields` adds raw Halo fields; `full` returns records
  Json properties{
      {"items", {{"type", "array"}, {"description", "This page's items."}, {"items", std::move(item)}}},
      {"page_no", {{"type", "integer"}, {"minimum", 1}}},
      {"page_size", {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxPageSize}}},
      {"record_count", {{"type", "integer"}, {"minimum", 0}, {"description", "Total matching records."}}},
      {"has_more", {{"type", "boolean"}, {"description", "A later page exists."}}},
  };
  Json required = Json::array({"items", "page_no", "page_size", "record_count", "has_more"});
  for (const Field& total : tool.totals) {
    properties[std::string(total.name)] = field_schema(total);
    required.push_back(total.name);
  }
  return Json{{"type", "object"}, {"properties", std::move(properties)}, {"required", std::move(required)}};
}

}  // namespace tools

// Shared pieces of the Halo tools (see list_support.hpp).
#include "tools/list_support.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "domain/halo_fields.hpp"

namespace tools {

// ---- arguments -------------------------------------------------------------------------------

Paging paging_of(const Json& args) {
  Paging paging;
  if (auto no = int_arg(args, "page_no"); no && *no >= 1) {
    paging.page_no = static_cast<int>(std::min<std::int64_t>(*no, 1'000'000));
  }
  if (auto size = int_arg(args, "page_size")) {
    paging.page_size = static_cast<int>(std::clamp<std::int64_t>(*size, 1, kMaxPageSize));
  }
  return paging;
}

Shape shape_of(const Json& args) {
  Shape shape;
  shape.full = bool_arg(args, "full", false);
  if (auto it = args.find("fields"); it != args.end() && it->is_array()) {
    for (const auto& field : *it) {
      if (field.is_string() && !field.get<std::string>().empty()) {
        shape.fields.push_back(field.get<std::string>());
      }
    }
  }
  return shape;
}

std::optional<std::int64_t> int_arg(const Json& args, std::string_view name) {
  auto it = args.find(name);
  if (it == args.end()) return std::nullopt;
  if (it->is_number_unsigned()) {
    const auto value = it->get<std::uint64_t>();
    if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
    return static_cast<std::int64_t>(value);
  }
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (it->is_number_float()) {
    const double value = it->get<double>();
    // Outside this range the conversion is undefined behaviour (and NaN is never an id).
    if (!(value >= -9.2e18 && value <= 9.2e18)) return std::nullopt;
    return static_cast<std::int64_t>(value);
  }
  return std::nullopt;
}

std::string out_of_range_argument(const Json& args) {
  if (!args.is_object()) return {};
  for (const auto& [name, value] : args.items()) {
    bool bad = false;
    if (value.is_number_unsigned()) {
      bad = value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    } else if (value.is_number_float()) {
      const double d = value.get<double>();
      bad = !(d >= -9.2e18 && d <= 9.2e18);
    }
    if (bad) return "Invalid argument '" + name + "': must be an integer no larger than 9223372036854775807";
  }
  return {};
}

bool bool_arg(const Json& args, std::string_view name, bool fallback) {
  auto it = args.find(name);
  if (it == args.end() || !it->is_boolean()) return fallback;
  return it->get<bool>();
}

std::optional<std::string> string_arg(const Json& args, std::string_view name) {
  auto it = args.find(name);
  if (it == args.end() || !it->is_string()) return std::nullopt;
  std::string value = it->get<std::string>();
  if (value.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  return value;
}

// ---- input schemas ---------------------------------------------------------------------------

namespace in {
Json id(std::string description) {
  return Json{{"type", "integer"}, {"minimum", 1}, {"description", std::move(description)}};
}
Json boolean(std::string description, bool fallback) {
  return Json{{"type", "boolean"}, {"default", fallback}, {"description", std::move(description)}};
}
Json text(std::string description) {
  return Json{{"type", "string"}, {"maxLength", 200}, {"description", std::move(description)}};
}
Json date(std::string description) {
  return Json{{"type", "string"}, {"format", "date"}, {"description", std::move(description)}};
}
}  // namespace in

namespace {

void add_shape_properties(Json& properties) {
  properties["full"] = in::boolean(
      "Return Halo's raw records instead of the compact projection. Raw records are large "
      "(a client ~18 KB, a ticket up to 100 KB+): use only when a field you need is missing and "
      "`fields` cannot name it.",
      false);
  properties["fields"] = Json{
      {"type", "array"},
      {"items", {{"type", "string"}, {"minLength", 1}, {"maxLength", 100}}},
      {"maxItems", 50},
      {"description",
       "Raw Halo field names to add to each projected item, e.g. [\"customfields\"]; a field "
       "the record does not have comes back as null."}};
}

}  // namespace

Json list_input_schema(Json properties, std::vector<std::string> required) {
  if (!properties.is_object()) properties = Json::object();
  properties["page_size"] = Json{{"type", "integer"},
                                 {"minimum", 1},
                                 {"maximum", kMaxPageSize},
                                 {"default", kDefaultPageSize},
                                 {"description", "Items per page, 1-100 (default 25)."}};
  properties["page_no"] = Json{{"type", "integer"},
                               {"minimum", 1},
                               {"default", 1},
                               {"description", "Page number, 1-based (default 1)."}};
  add_shape_properties(properties);
  Json schema{{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) schema["required"] = required;
  schema["additionalProperties"] = false;
  return schema;
}

Json get_input_schema(const std::string& id_name, std::string id_description,
                      Json extra_properties) {
  Json properties = Json::object();
  properties[id_name] = in::id(std::move(id_description));
  if (extra_properties.is_object()) {
    for (auto& [key, value] : extra_properties.items()) properties[key] = value;
  }
  properties["full"] = in::boolean(
      "Return Halo's raw record instead of the projection (large; use only when a field you need "
      "is missing).",
      false);
  return Json{{"type", "object"},
              {"properties", std::move(properties)},
              {"required", Json::array({id_name})},
              {"additionalProperties", false}};
}

std::string list_usage_note() {
  return " Paging: page_size 1-100 (default 25), page_no from 1; the result carries record_count "
         "(total matching records) and has_more (true when a later page exists: ask for "
         "page_no+1). `fields: [..]` adds raw Halo fields to each item; `full: true` returns "
         "Halo's raw records (large).";
}

// ---- output schemas --------------------------------------------------------------------------

namespace out {
namespace {
Json typed(const char* type, std::string description) {
  return Json{{"type", Json::array({type, "null"})}, {"description", std::move(description)}};
}
}  // namespace
Json integer(std::string description) { return typed("integer", std::move(description)); }
Json number(std::string description) { return typed("number", std::move(description)); }
Json text(std::string description) { return typed("string", std::move(description)); }
Json boolean(std::string description) { return typed("boolean", std::move(description)); }
Json any(std::string description) { return Json{{"description", std::move(description)}}; }
Json array_of(Json item_properties, std::string description) {
  return Json{{"type", Json::array({"array", "null"})},
              {"description", std::move(description)},
              {"items", {{"type", "object"}, {"properties", std::move(item_properties)}}}};
}
}  // namespace out

Json list_output_schema(Json item_properties, Json extra_properties) {
  Json properties{
      {"items",
       {{"type", "array"},
        {"description", "This page's records (projections unless full: true)."},
        {"items",
         {{"type", "object"},
          {"properties", std::move(item_properties)},
          {"additionalProperties", true}}}}},
      {"page_no", {{"type", "integer"}, {"minimum", 1}}},
      {"page_size", {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxPageSize}}},
      {"record_count",
       {{"type", "integer"}, {"minimum", 0}, {"description", "Total matching records."}}},
      {"has_more", {{"type", "boolean"}, {"description", "A later page exists."}}},
  };
  Json required = Json::array({"items", "page_no", "page_size", "record_count", "has_more"});
  if (extra_properties.is_object()) {
    for (auto& [key, value] : extra_properties.items()) {
      properties[key] = value;
      required.push_back(key);
    }
  }
  return Json{{"type", "object"}, {"properties", std::move(properties)}, {"required", required}};
}

Json get_output_schema(Json item_properties) {
  return Json{{"type", "object"},
              {"properties",
               {{"item",
                 {{"type", "object"},
                  {"properties", std::move(item_properties)},
                  {"additionalProperties", true}}}}},
              {"required", Json::array({"item"})}};
}

// ---- results ---------------------------------------------------------------------------------

Json shape_item(simdjson::dom::element record, const Shape& shape, const Projector& project) {
  if (shape.full) return domain::fields::to_json(record);
  Json item = project(record);
  for (const auto& name : shape.fields) {
    auto value = domain::fields::get(record, name);
    item[name] = value ? domain::fields::to_json(*value) : Json(nullptr);
  }
  return item;
}

Json list_result(Json items, const Paging& paging, std::int64_t record_count) {
  if (record_count < 0) record_count = 0;
  // A later page exists exactly when the total runs past the end of this page.
  const bool has_more = record_count > paging.offset() + paging.page_size;
  return Json{{"items", std::move(items)},
              {"page_no", paging.page_no},
              {"page_size", paging.page_size},
              {"record_count", record_count},
              {"has_more", has_more}};
}

std::function<void(int, int)> page_progress(mcp::ToolContext& context) {
  return [&context](int pages_done, int pages_expected) {
    context.progress(pages_done, pages_expected > 0 ? std::optional<double>(pages_expected) : std::nullopt,
                     "Halo pages read");
  };
}

std::function<void(std::string_view)> retry_logger(const mcp::ToolContext& context) {
  // A retry can hold a call for 30 s (Halo's rate limit): the client hears why as a warning.
  return [&context](std::string_view text) { context.log(mcp::LogLevel::kWarning, text); };
}

halo::CallOptions call_options(const mcp::ToolContext& context) {
  halo::CallOptions options;
  options.cancel = context.cancel;
  options.deadline = context.deadline;
  options.on_retry = retry_logger(context);
  return options;
}

mcp::ToolOutcome error_outcome(const util::Error& error, std::string_view what,
                               std::string_view area) {
  using util::ErrorKind;
  std::string detail = util::describe(error);
  std::string text;
  switch (error.kind) {
    case ErrorKind::kNotFound:
      text = std::string(what) + " not found";
      if (error.http_status != 0 && error.endpoint.find_first_of("0123456789") == std::string::npos) {
        // A 404 on a list route is not "no such record": say what Halo said.
        text = "Halo could not find the endpoint for " + std::string(what) + ": " + detail;
      }
      break;
    case ErrorKind::kPermission:
      text = "No permission to read " + std::string(what) + ": " + detail;
      if (error.hint.empty()) {
        text += " The Halo API application (or the agent it runs as) needs read permission for " +
                std::string(area) + ", and the token scope must include it (HALO_SCOPE, default all).";
      }
      break;
    case ErrorKind::kCancelled:
      text = "The request for " + std::string(what) + " was cancelled.";
      break;
    case ErrorKind::kTimeout:
      text = "Halo did not answer in time for " + std::string(what) + ": " + detail;
      break;
    default:
      text = "Could not read " + std::string(what) + " from Halo: " + detail;
      break;
  }
  return mcp::ToolOutcome::error(std::move(text));
}

// ---- the common list and get flows ------------------------------------------------------------

mcp::ToolOutcome run_paged_list(halo::Client& client, const Resource& resource,
                                const halo::Params& params, const Json& args,
                                mcp::ToolContext& context, const Projector& project) {
  const Paging paging = paging_of(args);
  const Shape shape = shape_of(args);
  auto page = client.list_page(resource.path, params, resource.key, paging.page_no,
                               paging.page_size, call_options(context));
  if (!page) return error_outcome(page.error(), resource.plural, resource.area);
  Json items = Json::array();
  for (simdjson::dom::element record : page->items) {
    // A page longer than asked for (a proxy or Halo bug) must not inflate the list.
    if (static_cast<int>(items.size()) >= paging.page_size) break;
    items.push_back(shape_item(record, shape, project));
  }
  return mcp::ToolOutcome::ok(list_result(std::move(items), paging, page->record_count));
}

/// Counts the records `keep` accepts and projects those that fall on the requested page: the
/// filtered flows compute record_count and the page themselves because Halo cannot filter.
static void keep_page(simdjson::dom::array records, const std::function<bool(simdjson::dom::element)>& keep,
               const Paging& paging, const Shape& shape, const Projector& project, Json& items,
               std::int64_t& kept) {
  for (simdjson::dom::element record : records) {
    if (keep && !keep(record)) continue;
    if (kept >= paging.offset() && kept < paging.offset() + paging.page_size) {
      items.push_back(shape_item(record, shape, project));
    }
    ++kept;
  }
}

mcp::ToolOutcome run_filtered_list(halo::Client& client, const Resource& resource,
                                   const halo::Params& params, const Json& args,
                                   mcp::ToolContext& context,
                                   const std::function<bool(simdjson::dom::element)>& keep,
                                   const Projector& project) {
  const Paging paging = paging_of(args);
  const Shape shape = shape_of(args);
  Json items = Json::array();
  std::int64_t kept = 0;
  auto stats = client.for_each_page(
      resource.path, params, resource.key, call_options(context),
      [&](const halo::ListPage& page) {
        keep_page(page.items, keep, paging, shape, project, items, kept);
        return halo::Visit::kContinue;
      },
      page_progress(context));
  if (!stats) return error_outcome(stats.error(), resource.plural, resource.area);
  return mcp::ToolOutcome::ok(list_result(std::move(items), paging, kept));
}

mcp::ToolOutcome run_unpaged_list(halo::Client& client, const Resource& resource,
                                  const halo::Params& params, const Json& args,
                                  mcp::ToolContext& context,
                                  const std::function<bool(simdjson::dom::element)>& keep,
                                  const Projector& project) {
  const Paging paging = paging_of(args);
  const Shape shape = shape_of(args);
  auto page = client.list_unpaged(resource.path, params, resource.key, call_options(context));
  if (!page) return error_outcome(page.error(), resource.plural, resource.area);
  Json items = Json::array();
  std::int64_t kept = 0;
  keep_page(page->items, keep, paging, shape, project, items, kept);
  return mcp::ToolOutcome::ok(list_result(std::move(items), paging, kept));
}

tl::expected<halo::Document, mcp::ToolOutcome> fetch_record(halo::Client& client,
                                                            const Resource& resource,
                                                            std::int64_t id,
                                                            const halo::Params& params,
                                                            mcp::ToolContext& context) {
  const std::string what = resource.noun + " " + std::to_string(id);
  auto doc = client.get(resource.path + "/" + std::to_string(id), params, call_options(context));
  if (!doc) {
    if (doc.error().kind == util::ErrorKind::kNotFound) {
      return tl::unexpected(mcp::ToolOutcome::error(what + " not found"));
    }
    return tl::unexpected(error_outcome(doc.error(), what, resource.area));
  }
  simdjson::dom::element root = doc->root();
  // Some tenants answer an unknown id with 200 and an empty or id-0 object instead of 404.
  auto found_id = domain::fields::as_int(root, "id");
  if (!root.is_object() || !found_id || *found_id <= 0) {
    return tl::unexpected(mcp::ToolOutcome::error(what + " not found"));
  }
  return std::move(*doc);
}

mcp::ToolOutcome run_get(halo::Client& client, const Resource& resource, std::int64_t id,
                         const halo::Params& params, const Json& args, mcp::ToolContext& context,
                         const Projector& project) {
  auto doc = fetch_record(client, resource, id, params, context);
  if (!doc) return std::move(doc.error());
  Shape shape;
  shape.full = bool_arg(args, "full", false);
  return mcp::ToolOutcome::ok(Json{{"item", shape_item(doc->root(), shape, project)}});
}

}  // namespace tools

// libFuzzer target: the argument schema validator. The input is "<schema>\n<instance>"; when the
// first line is not a JSON object, one of the real tool input schemas is used instead, so most
// executions probe the validator with the shapes it guards in production. The list of every
// violation must agree with the first-violation entry point.
#include <cstdint>
#include <limits>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>
#include <string>
#include <string_view>

#include "mcp/schema_validator.hpp"

namespace {

using util::Json;

const Json& fixed_schema(std::uint8_t which) {
  static const Json schemas[] = {
      Json::parse(R"({"type":"object","additionalProperties":false,"properties":{
        "page_size":{"type":"integer","minimum":1,"maximum":100,"default":25},
        "page_no":{"type":"integer","minimum":1,"default":1},
        "search":{"type":"string","maxLength":200},"client_id":{"type":"integer","minimum":1},
        "full":{"type":"boolean","default":false},
        "fields":{"type":"array","items":{"type":"string","minLength":1,"maxLength":100},"maxItems":50},
        "start_date":{"type":"string","format":"date"}}})"),
      Json::parse(R"({"type":"object","additionalProperties":false,"required":["ticket_id"],"properties":{
        "ticket_id":{"type":"integer","minimum":1},"full":{"type":"boolean"}}})"),
      Json::parse(R"({"type":"object","properties":{"kind":{"enum":["a","b",1,null]},"c":{"const":{"x":[1]}},
        "n":{"type":["number","null"],"exclusiveMinimum":0,"exclusiveMaximum":1e300},
        "o":{"type":"object","additionalProperties":{"type":"integer"}},
        "a":{"type":"array","minItems":1,"items":{"type":"object","required":["id"]}}}})"),
  };
  return schemas[which % 3];
}

/// Patterns come from our own schemas, never from a client; a fuzzed regex would only find
/// std::regex's own (known) stack use, so they are removed from fuzzed schemas.
void strip_patterns(Json& schema, int depth = 0) {
  if (depth > 64) return;
  if (schema.is_object()) {
    schema.erase("pattern");
    for (auto& [k, v] : schema.items()) strip_patterns(v, depth + 1);
  } else if (schema.is_array()) {
    for (auto& v : schema) strip_patterns(v, depth + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto newline = text.find('\n');
  Json schema = Json::parse(text.substr(0, newline == std::string_view::npos ? 0 : newline), nullptr, false);
  Json instance = Json::parse(newline == std::string_view::npos ? text : text.substr(newline + 1), nullptr, false);
  if (instance.is_discarded()) {
    (void)mcp::is_calendar_date(text);
    return 0;
  }
  const bool schema_is_fuzzed = schema.is_object();
  if (schema_is_fuzzed) {
    strip_patterns(schema);
  } else {
    schema = fixed_schema(data[0]);
  }
  // Every violation at once (what a tool call answers) agrees with the first-only entry point,
  // stays within its limit, and describes itself.
  const auto all = mcp::schema_violations(schema, instance);
  const auto first = mcp::validate_against_schema(schema, instance);
  if (all.empty() != !first.has_value() || all.size() > mcp::kMaxListedViolations + 1) __builtin_trap();
  if (first && (all.front().path != first->path || all.front().message != first->message)) __builtin_trap();
  if (!all.empty() && mcp::describe_argument_violations(all).empty()) __builtin_trap();
  if (first) {
    std::string message = mcp::describe_argument_violation(*first);
    if (message.empty()) __builtin_trap();
  } else if (!schema_is_fuzzed && instance.is_object()) {
    // Accepted against a real schema: every integer-only argument converts to int64 exactly as a
    // handler would read it (no wrap, no undefined float-to-int conversion).
    for (const auto& [name, property] : schema["properties"].items()) {
      if (property.value("type", Json()) != "integer") continue;
      auto it = instance.find(name);
      if (it == instance.end() || !it->is_number()) continue;
      if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) __builtin_trap();
      if (it->is_number_float() && !(it->get<double>() >= -9223372036854775808.0 && it->get<double>() < 9223372036854775808.0)) {
        __builtin_trap();
      }
    }
  }
  return 0;
}

// Unit tests of the JSON Schema subset validator: each keyword accepts what it should, refuses
// what it should, and names the offending argument.
#include "mcp/schema_validator.hpp"

#include <gtest/gtest.h>

#include <cstdint>

namespace mcp {
namespace {

using util::Json;

std::string violation(const Json& schema, const Json& value) {
  auto v = validate_against_schema(schema, value);
  return v ? describe_argument_violation(*v) : std::string("ok");
}

Json object_with(const Json& property) {
  return Json{{"type", "object"}, {"properties", {{"x", property}}}, {"additionalProperties", false}};
}

TEST(SchemaValidator, IntegerIsNotNumber) {
  const Json s = object_with({{"type", "integer"}});
  EXPECT_EQ(violation(s, {{"x", 3}}), "ok");
  EXPECT_EQ(violation(s, {{"x", -3}}), "ok");
  EXPECT_EQ(violation(s, {{"x", 3.0}}), "ok");  // 2020-12: a float with no fraction is an integer
  EXPECT_EQ(violation(s, {{"x", 3.5}}), "Invalid argument 'x': must be an integer");
  EXPECT_EQ(violation(s, {{"x", "3"}}), "Invalid argument 'x': must be an integer");
  EXPECT_EQ(violation(s, {{"x", true}}), "Invalid argument 'x': must be an integer");
  const Json n = object_with({{"type", "number"}});
  EXPECT_EQ(violation(n, {{"x", 3.5}}), "ok");
  EXPECT_EQ(violation(n, {{"x", 3}}), "ok");
  EXPECT_EQ(violation(n, {{"x", "3.5"}}), "Invalid argument 'x': must be a number");
}

TEST(SchemaValidator, IntegersMustFitInt64) {
  const Json s = object_with({{"type", "integer"}});
  const std::string range = "must be an integer from -9223372036854775808 to 9223372036854775807";
  EXPECT_EQ(violation(s, {{"x", INT64_MAX}}), "ok");
  EXPECT_EQ(violation(s, {{"x", INT64_MIN}}), "ok");
  EXPECT_EQ(violation(s, {{"x", -9223372036854775808.0}}), "ok");  // -2^63 is exact as a double
  EXPECT_EQ(violation(s, {{"x", 9007199254740992.0}}), "ok");      // 2^53
  EXPECT_EQ(violation(s, {{"x", std::uint64_t{9223372036854775808ULL}}}),
            "Invalid argument 'x': " + range + " (got 9223372036854775808)");
  EXPECT_EQ(violation(s, {{"x", UINT64_MAX}}), "Invalid argument 'x': " + range + " (got 18446744073709551615)");
  EXPECT_EQ(violation(s, {{"x", 9223372036854775808.0}}).rfind("Invalid argument 'x': " + range, 0), 0u);  // 2^63
  EXPECT_EQ(violation(s, {{"x", 1e300}}), "Invalid argument 'x': " + range + " (got 1e+300)");
  EXPECT_EQ(violation(s, {{"x", -1e300}}), "Invalid argument 'x': " + range + " (got -1e+300)");
  EXPECT_EQ(violation(s, {{"x", 1.5e300}}).find(range) != std::string::npos, true);
  // As the wire parses them: the same refusals from JSON text, nested paths named.
  const Json nested = object_with({{"type", "array"}, {"items", {{"type", {"integer", "null"}}}}});
  EXPECT_EQ(violation(nested, Json::parse(R"({"x":[1,null,18446744073709551615]})")),
            "Invalid argument 'x[2]': " + range + " (got 18446744073709551615)");
  EXPECT_EQ(violation(nested, Json::parse(R"({"x":[1e300]})")), "Invalid argument 'x[0]': " + range + " (got 1e+300)");
  EXPECT_EQ(violation(s, Json::parse(R"({"x":99999999999999999999999})")).find(range) != std::string::npos, true);
  // The range check comes before minimum: a huge value is not reported as merely "too big".
  const Json bounded = object_with({{"type", "integer"}, {"minimum", 1}});
  EXPECT_EQ(violation(bounded, {{"x", UINT64_MAX}}).find(range) != std::string::npos, true);
  // Where a number is allowed too, any finite number is fine.
  const Json either = object_with({{"type", {"integer", "number"}}});
  EXPECT_EQ(violation(either, {{"x", 1e300}}), "ok");
  EXPECT_EQ(violation(object_with({{"type", "number"}}), {{"x", UINT64_MAX}}), "ok");
  // A fraction is still reported as a type error, not a range error.
  EXPECT_EQ(violation(s, {{"x", 0.5}}), "Invalid argument 'x': must be an integer");
}

TEST(SchemaValidator, TypeLists) {
  const Json s = object_with({{"type", {"string", "null"}}});
  EXPECT_EQ(violation(s, {{"x", nullptr}}), "ok");
  EXPECT_EQ(violation(s, {{"x", "a"}}), "ok");
  EXPECT_EQ(violation(s, {{"x", 1}}), "Invalid argument 'x': must be a string or null");
}

TEST(SchemaValidator, RootMustBeAnObject) {
  const Json s{{"type", "object"}};
  EXPECT_EQ(violation(s, Json::array()), "Invalid arguments: must be an object");
  EXPECT_EQ(violation(s, Json::object()), "ok");
}

TEST(SchemaValidator, RequiredAndAdditionalProperties) {
  const Json s{{"type", "object"},
               {"properties", {{"a", {{"type", "string"}}}, {"b", {{"type", "string"}}}}},
               {"required", {"a"}},
               {"additionalProperties", false}};
  EXPECT_EQ(violation(s, {{"a", "x"}}), "ok");
  EXPECT_EQ(violation(s, {{"b", "x"}}), "Invalid argument 'a': is required");
  EXPECT_EQ(violation(s, {{"a", "x"}, {"c", 1}}), "Invalid argument 'c': is not a known argument");
  Json open = s;
  open.erase("additionalProperties");
  EXPECT_EQ(violation(open, {{"a", "x"}, {"c", 1}}), "ok");
  Json typed_extra = s;
  typed_extra["additionalProperties"] = Json{{"type", "integer"}};
  EXPECT_EQ(violation(typed_extra, {{"a", "x"}, {"c", 1}}), "ok");
  EXPECT_EQ(violation(typed_extra, {{"a", "x"}, {"c", "no"}}), "Invalid argument 'c': must be an integer");
}

TEST(SchemaValidator, EnumAndConst) {
  const Json s = object_with({{"enum", {"open", "closed"}}});
  EXPECT_EQ(violation(s, {{"x", "open"}}), "ok");
  EXPECT_EQ(violation(s, {{"x", "pending"}}), "Invalid argument 'x': must be one of \"open\", \"closed\"");
  const Json c = object_with({{"const", 7}});
  EXPECT_EQ(violation(c, {{"x", 7}}), "ok");
  EXPECT_EQ(violation(c, {{"x", 8}}), "Invalid argument 'x': must be 7");
}

TEST(SchemaValidator, MinimumMaximum) {
  const Json s = object_with({{"type", "integer"}, {"minimum", 1}, {"maximum", 100}});
  EXPECT_EQ(violation(s, {{"x", 1}}), "ok");
  EXPECT_EQ(violation(s, {{"x", 100}}), "ok");
  EXPECT_EQ(violation(s, {{"x", 0}}), "Invalid argument 'x': must be >= 1");
  EXPECT_EQ(violation(s, {{"x", 101}}), "Invalid argument 'x': must be <= 100");
  const Json e = object_with({{"type", "number"}, {"exclusiveMinimum", 0}, {"exclusiveMaximum", 1.5}});
  EXPECT_EQ(violation(e, {{"x", 0.5}}), "ok");
  EXPECT_EQ(violation(e, {{"x", 0}}), "Invalid argument 'x': must be > 0");
  EXPECT_EQ(violation(e, {{"x", 1.5}}), "Invalid argument 'x': must be < 1.5");
}

TEST(SchemaValidator, StringLengthsCountCodePoints) {
  const Json s = object_with({{"type", "string"}, {"minLength", 2}, {"maxLength", 3}});
  EXPECT_EQ(violation(s, {{"x", "ab"}}), "ok");
  EXPECT_EQ(violation(s, {{"x", "\xC3\xA9\xC3\xA9\xC3\xA9"}}), "ok");  // three 2-byte characters
  EXPECT_EQ(violation(s, {{"x", "a"}}), "Invalid argument 'x': must be at least 2 characters");
  EXPECT_EQ(violation(s, {{"x", "abcd"}}), "Invalid argument 'x': must be at most 3 characters");
  const Json non_empty = object_with({{"type", "string"}, {"minLength", 1}});
  EXPECT_EQ(violation(non_empty, {{"x", ""}}), "Invalid argument 'x': must not be empty");
}

TEST(SchemaValidator, PatternIsUnanchoredEcmaScript) {
  const Json s = object_with({{"type", "string"}, {"pattern", "[0-9]{3}"}});
  EXPECT_EQ(violation(s, {{"x", "ab123cd"}}), "ok");
  EXPECT_EQ(violation(s, {{"x", "ab12cd"}}), "Invalid argument 'x': must match the pattern [0-9]{3}");
  const Json anchored = object_with({{"type", "string"}, {"pattern", "^[A-Z]+$"}});
  EXPECT_EQ(violation(anchored, {{"x", "ABC"}}), "ok");
  EXPECT_NE(violation(anchored, {{"x", "ABc"}}), "ok");
}

TEST(SchemaValidator, DateFormatIsARealCalendarDate) {
  EXPECT_TRUE(is_calendar_date("2024-02-29"));
  EXPECT_TRUE(is_calendar_date("2000-02-29"));
  EXPECT_TRUE(is_calendar_date("2023-12-31"));
  EXPECT_FALSE(is_calendar_date("2023-02-29"));
  EXPECT_FALSE(is_calendar_date("1900-02-29"));
  EXPECT_FALSE(is_calendar_date("2023-04-31"));
  EXPECT_FALSE(is_calendar_date("2023-13-01"));
  EXPECT_FALSE(is_calendar_date("2023-00-10"));
  EXPECT_FALSE(is_calendar_date("2023-01-00"));
  EXPECT_FALSE(is_calendar_date("2023-1-01"));
  EXPECT_FALSE(is_calendar_date("2023-01-01T00:00:00"));
  EXPECT_FALSE(is_calendar_date("20230101"));
  EXPECT_FALSE(is_calendar_date("２023-01-01"));
  const Json s = object_with({{"type", "string"}, {"format", "date"}});
  EXPECT_EQ(violation(s, {{"x", "2024-02-29"}}), "ok");
  EXPECT_EQ(violation(s, {{"x", "2023-02-29"}}), "Invalid argument 'x': must be a date written YYYY-MM-DD");
  const Json other = object_with({{"type", "string"}, {"format", "email"}});
  EXPECT_EQ(violation(other, {{"x", "not an email"}}), "ok");  // other formats are annotations
}

TEST(SchemaValidator, ArraysAndNestedPaths) {
  const Json s = object_with({{"type", "array"},
                              {"minItems", 1},
                              {"maxItems", 2},
                              {"items", {{"type", "object"},
                                         {"properties", {{"id", {{"type", "integer"}}}}},
                                         {"required", {"id"}}}}});
  EXPECT_EQ(violation(s, {{"x", {{{"id", 1}}}}}), "ok");
  EXPECT_EQ(violation(s, {{"x", Json::array()}}), "Invalid argument 'x': must have at least 1 items");
  EXPECT_EQ(violation(s, {{"x", {{{"id", 1}}, {{"id", 2}}, {{"id", 3}}}}}),
            "Invalid argument 'x': must have at most 2 items");
  EXPECT_EQ(violation(s, {{"x", {{{"id", 1}}, {{"id", "2"}}}}}), "Invalid argument 'x[1].id': must be an integer");
  EXPECT_EQ(violation(s, {{"x", {Json::object()}}}), "Invalid argument 'x[0].id': is required");
}

TEST(SchemaValidator, BooleanSchemasAndUnknownKeywords) {
  EXPECT_FALSE(validate_against_schema(Json(true), 5));
  EXPECT_TRUE(validate_against_schema(Json(false), 5));
  const Json s = object_with({{"type", "string"}, {"description", "d"}, {"x-custom", 1}, {"default", "a"}});
  EXPECT_EQ(violation(s, {{"x", "b"}}), "ok");
}

}  // namespace
}  // namespace mcp

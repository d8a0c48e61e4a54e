// Unit tests of the JSON Schema subset validator: each keyword accepts what it should, refuses
// what it should, and names the offending argument; several problems are named at once, in the
// schema's order.
#include "mcp/schema_validator.hpp"

#include <gtest/gtest.h>

#include <cstdint>

namespace mcp {
namespace {

using util::Json;

/// The isError text of a tool call with these arguments, or "ok".
std::string violation(const Json& schema, const Json& value) {
  const auto all = schema_violations(schema, value);
  return all.empty() ? std::string("ok") : describe_argument_violations(all);
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

// ---- every problem at once ------------------------------------------------------------------

/// get_ticket's shape: one required id, then optional flags.
Json ticket_schema() {
  return Json{{"type", "object"},
              {"properties",
               {{"ticket_id", {{"type", "integer"}, {"minimum", 1}}},
                {"include_actions", {{"type", "boolean"}}},
                {"full", {{"type", "boolean"}}}}},
              {"required", {"ticket_id"}},
              {"additionalProperties", false}};
}

TEST(SchemaViolations, NamesEveryProblemWithWhatWasExpected) {
  EXPECT_EQ(violation(ticket_schema(), {{"include_actions", "yes"}}),
            "Invalid arguments: 'ticket_id' is required; 'include_actions' must be a boolean (got \"yes\")");
}

TEST(SchemaViolations, OrderIsDeclaredPropertiesThenUndeclaredRequiredThenUnknown) {
  Json s = ticket_schema();
  s["required"] = Json{"ticket_id", "tenant"};  // "tenant" is required but not declared
  // The arguments arrive in another order; the text follows the schema.
  const Json args = Json::parse(R"({"bogus": 1, "full": "no", "include_actions": 2, "ticket_id": 0})");
  const auto all = schema_violations(s, args);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].path, "ticket_id");
  EXPECT_EQ(all[1].path, "include_actions");
  EXPECT_EQ(all[2].path, "full");
  EXPECT_EQ(all[3].path, "tenant");
  EXPECT_EQ(all[4].path, "bogus");
  EXPECT_EQ(violation(s, args),
            "Invalid arguments: 'ticket_id' must be >= 1 (got 0); 'include_actions' must be a boolean (got 2); "
            "'full' must be a boolean (got \"no\"); 'tenant' is required; 'bogus' is not a known argument");
  // The single-violation entry point answers the first of that list.
  auto first = validate_against_schema(s, args);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->path, "ticket_id");
  EXPECT_EQ(first->message, "must be >= 1");
}

TEST(SchemaViolations, OneProblemKeepsTheSingleWording) {
  EXPECT_EQ(violation(ticket_schema(), {{"ticket_id", 4}, {"full", "yes"}}), "Invalid argument 'full': must be a boolean");
  EXPECT_EQ(violation(ticket_schema(), Json::object()), "Invalid argument 'ticket_id': is required");
}

TEST(SchemaViolations, EachLocationReportsItsFirstFailingKeywordOnly) {
  // Wrong type and too long would both hold for a long number-as-string; only the type is named.
  const Json s = object_with({{"type", "integer"}, {"maximum", 3}});
  const auto all = schema_violations(s, {{"x", "12345"}});
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].message, "must be an integer");
  EXPECT_EQ(all[0].got, "\"12345\"");
}

TEST(SchemaViolations, NestedItemsAreEachNamed) {
  const Json s = object_with({{"type", "array"},
                              {"items", {{"type", "object"},
                                         {"properties", {{"id", {{"type", "integer"}}}}},
                                         {"required", {"id"}}}}});
  EXPECT_EQ(violation(s, {{"x", {{{"id", "1"}}, {{"id", 2}}, Json::object()}}}),
            "Invalid arguments: 'x[0].id' must be an integer (got \"1\"); 'x[2].id' is required");
}

TEST(SchemaViolations, OutOfRangeIntegerNamesTheArgumentAndTheRangeOnce) {
  Json s = ticket_schema();
  const auto text = violation(s, Json::parse(R"({"ticket_id": 1e300, "full": 1})"));
  EXPECT_EQ(text,
            "Invalid arguments: 'ticket_id' must be an integer from -9223372036854775808 to 9223372036854775807 "
            "(got 1e+300); 'full' must be a boolean (got 1)");
}

TEST(SchemaViolations, ListIsBoundedAndSaysSo) {
  const Json s = object_with({{"type", "array"}, {"items", {{"type", "integer"}}}});
  Json many = Json::array();
  for (int i = 0; i < 30; ++i) many.push_back("n");
  const auto all = schema_violations(s, {{"x", many}});
  EXPECT_EQ(all.size(), kMaxListedViolations + 1);  // the walk stops one past what is listed
  const std::string text = describe_argument_violations(all);
  EXPECT_NE(text.find("'x[19]' must be an integer"), std::string::npos) << text;
  EXPECT_EQ(text.find("'x[20]'"), std::string::npos) << text;
  EXPECT_EQ(text.substr(text.size() - 10), "; and more");
  EXPECT_EQ(schema_violations(s, {{"x", many}}, 3).size(), 3u);
  EXPECT_EQ(describe_argument_violations({}), "");
}

TEST(SchemaViolations, LongValuesAreCutAndContainersAreNotShown) {
  const Json s = object_with({{"type", "boolean"}});
  const auto long_string = schema_violations(s, {{"x", std::string(100, 'a')}});
  ASSERT_EQ(long_string.size(), 1u);
  EXPECT_EQ(long_string[0].got, std::string("\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\""));  // 40 a
  // Cut on a character boundary: 50 two-byte characters give 40 whole ones.
  std::string accents;
  for (int i = 0; i < 50; ++i) accents += "\xC3\xA9";
  const auto cut = schema_violations(s, {{"x", accents}});
  ASSERT_EQ(cut.size(), 1u);
  std::string expected = "\"";
  for (int i = 0; i < 40; ++i) expected += "\xC3\xA9";
  expected += "...\"";
  EXPECT_EQ(cut[0].got, expected);
  const auto object = schema_violations(s, {{"x", {{"a", 1}}}});
  ASSERT_EQ(object.size(), 1u);
  EXPECT_EQ(object[0].got, "");
}

}  // namespace
}  // namespace mcp

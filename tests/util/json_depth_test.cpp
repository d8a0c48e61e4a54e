// The nesting measure that guards every parse of client input.
#include "util/json_depth.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using util::json_nesting_exceeds;

TEST(JsonDepth, CountsArraysAndObjectsTogether) {
  EXPECT_FALSE(json_nesting_exceeds("1", 0));
  EXPECT_TRUE(json_nesting_exceeds("[]", 0));
  EXPECT_FALSE(json_nesting_exceeds("[]", 1));
  // {"a":[{"b":[]}]} opens four levels.
  EXPECT_FALSE(json_nesting_exceeds(R"({"a":[{"b":[]}]})", 4));
  EXPECT_TRUE(json_nesting_exceeds(R"({"a":[{"b":[]}]})", 3));
  // Siblings do not add up: [[],[],[]] is two deep.
  EXPECT_FALSE(json_nesting_exceeds("[[],[],[]]", 2));
}

TEST(JsonDepth, BracketsInStringsAndEscapesDoNotCount) {
  EXPECT_FALSE(json_nesting_exceeds(R"(["[[[[{{{{"])", 1));
  // An escaped quote does not end the string: the brackets after it are still text.
  EXPECT_FALSE(json_nesting_exceeds(R"(["\"[[[[", "x"])", 1));
  // An escaped backslash does end it: \\" closes, so the following [ counts.
  EXPECT_TRUE(json_nesting_exceeds(R"(["\\", [[]]])", 2));
}

TEST(JsonDepth, AHundredThousandLevelsAreSeenAtTheLimit) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_TRUE(json_nesting_exceeds(deep, 64));
  EXPECT_FALSE(json_nesting_exceeds(std::string(64, '[') + std::string(64, ']'), 64));
  EXPECT_TRUE(json_nesting_exceeds(std::string(65, '[') + std::string(65, ']'), 64));
  // Unbalanced closers never make the depth negative (malformed text is the parser's to refuse).
  EXPECT_TRUE(json_nesting_exceeds("]]]]" + std::string(3, '['), 2));
}

}  // namespace

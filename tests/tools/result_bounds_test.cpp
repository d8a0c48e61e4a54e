// Size bounds of tool results: a cut is explicit (truncated note, has_more), keeps the result
// valid against the list output schema, and never splits a UTF-8 character.
#include <gtest/gtest.h>

#include "mcp/schema_validator.hpp"
#include "tools/list_flows.hpp"
#include "tools/registry.hpp"
#include "tools/result_bounds.hpp"
#include "tools/tool_schema.hpp"

namespace tools {
namespace {

using util::Json;

Json page_of(int count, std::size_t item_bytes) {
  Json items = Json::array();
  for (int i = 0; i < count; ++i) items.push_back(Json{{"id", i + 1}, {"summary", std::string(item_bytes, 'x')}});
  Paging paging;
  paging.page_size = count;
  return list_result(std::move(items), paging, 1000);
}

TEST(ResultBounds, SmallResultsAreUntouched) {
  Json result = page_of(5, 100);
  const Json before = result;
  EXPECT_FALSE(bound_result(result));
  EXPECT_EQ(result, before);
}

TEST(ResultBounds, LargePagesLoseTrailingItemsWithANote) {
  Json result = page_of(100, 10 * 1024);  // ~1 MB
  ASSERT_TRUE(bound_result(result));
  EXPECT_LE(result.dump().size(), kMaxResultBytes);
  const auto kept = result["items"].size();
  EXPECT_GT(kept, 10u);
  EXPECT_LT(kept, 100u);
  EXPECT_EQ(result["items"].back()["id"], static_cast<int>(kept)) << "items must be cut from the end, in order";
  EXPECT_EQ(result["truncated"]["items_omitted"], 100 - kept);
  EXPECT_TRUE(result["has_more"].get<bool>());
  EXPECT_NE(result["truncated"]["note"].get<std::string>().find("page_size=" + std::to_string(kept)), std::string::npos);
  const Json schema = output_schema(*find_tool("list_tickets"));
  EXPECT_FALSE(mcp::validate_against_schema(schema, result).has_value());
}

TEST(ResultBounds, LongStringsAreClippedAtACharacterBoundary) {
  std::string text;
  while (text.size() < 100 * 1024) text += "é漢🙂";
  Json result{{"item", {{"id", 1}, {"details", text}, {"nested", {{"deep", text}}}}}};
  ASSERT_TRUE(bound_result(result));
  const std::string details = result["item"]["details"];
  EXPECT_LT(details.size(), kMaxStringBytes + 100);
  EXPECT_NE(details.find("[clipped: "), std::string::npos);
  EXPECT_EQ(result["truncated"]["strings_clipped"], 2);
  EXPECT_NO_THROW((void)result.dump());  // strict UTF-8: a split character would throw
}

TEST(ResultBounds, ErrorsAndOtherShapesPassThrough) {
  Json other{{"clients", Json::array({std::string(1 << 20, 'x')})}};
  EXPECT_FALSE(bound_result(other));
  auto handler = bounded_handler([](const Json&, mcp::ToolContext&) { return mcp::ToolOutcome::error("nope"); });
  mcp::ToolContext context;
  auto outcome = handler(Json::object(), context);
  EXPECT_TRUE(outcome.is_error);
  EXPECT_EQ(outcome.error_text, "nope");
}

}  // namespace
}  // namespace tools

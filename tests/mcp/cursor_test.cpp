// Unit tests of the opaque list cursors.
#include "mcp/cursor.hpp"

#include <gtest/gtest.h>

namespace mcp {
namespace {

TEST(Cursor, RoundTripsEveryValidOffset) {
  for (std::size_t offset = 1; offset < 200; ++offset) {
    const auto cursor = encode_cursor("tools", offset);
    EXPECT_EQ(decode_cursor("tools", cursor, 200), offset);
  }
}

TEST(Cursor, RefusesForeignTamperedAndOutOfRangeCursors) {
  const auto cursor = encode_cursor("tools", 50);
  EXPECT_FALSE(decode_cursor("prompts", cursor, 100));  // made for another list
  EXPECT_FALSE(decode_cursor("tools", cursor, 50));     // list shrank: offset past the end
  EXPECT_FALSE(decode_cursor("tools", encode_cursor("tools", 0), 100));
  EXPECT_FALSE(decode_cursor("tools", "", 100));
  EXPECT_FALSE(decode_cursor("tools", "not a cursor", 100));
  EXPECT_FALSE(decode_cursor("tools", "50", 100));
  for (std::size_t i = 0; i < cursor.size(); ++i) {
    std::string tampered = cursor;
    tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(decode_cursor("tools", tampered, 100)) << tampered;
  }
}

TEST(Cursor, IsOpaque) {
  const auto cursor = encode_cursor("tools", 50);
  EXPECT_EQ(cursor.find("50"), std::string::npos);
}

}  // namespace
}  // namespace mcp

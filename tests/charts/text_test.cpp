// Cutting text to fit, and keeping cairo away from invalid UTF-8.
#include <gtest/gtest.h>

#include "charts/style.hpp"
#include "charts/text.hpp"

namespace charts {
namespace {

TEST(TruncateChars, KeepsShortTextAndCutsLongTextWithAnEllipsis) {
  EXPECT_EQ(truncate_chars("Linden Architects", 24), "Linden Architects");
  // 24 characters at most: 23 of the name ("Northgate Veterinary Pa") and the ellipsis.
  EXPECT_EQ(truncate_chars("Northgate Veterinary Partnership", 24), "Northgate Veterinary Pa\u2026");
  // Exactly 24 stays whole.
  EXPECT_EQ(truncate_chars("Crown & Anchor Pub Group", 24), "Crown & Anchor Pub Group");
}

TEST(TruncateChars, CountsCodePointsNotBytesAndDropsTrailingSpaces) {
  // "Café Noir" is 9 code points (10 bytes); 6 keeps "Café " (5) -> "Café" + "…".
  EXPECT_EQ(truncate_chars("Caf\u00e9 Noir", 6), "Caf\u00e9\u2026");
}

TEST(SanitizeUtf8, ReplacesInvalidBytesOnly) {
  EXPECT_EQ(sanitize_utf8("Caf\u00e9 \u2014 \U0001F600"), "Caf\u00e9 \u2014 \U0001F600");
  EXPECT_EQ(sanitize_utf8("a\xff" "b"), "a\uFFFD" "b");
  // A sequence cut short: both of its bytes are replaced.
  EXPECT_EQ(sanitize_utf8("\xe2\x82"), "\uFFFD\uFFFD");
  // An overlong "/" (C0 AF) and a UTF-16 surrogate (ED A0 80) are not UTF-8.
  EXPECT_EQ(sanitize_utf8("\xc0\xaf"), "\uFFFD\uFFFD");
  EXPECT_EQ(sanitize_utf8("\xed\xa0\x80"), "\uFFFD\uFFFD\uFFFD");
}

TEST(FitWidth, CutsToTheWidthAtACharacterBoundary) {
  const TextMeasure measure;
  const std::string name = "Cartwright & Finch Chartered Surveyors";
  const double full = measure.width(name, kCategoryFont);
  EXPECT_EQ(fit_width(name, full, kCategoryFont, measure), name);

  const std::string cut = fit_width(name, full / 2, kCategoryFont, measure);
  EXPECT_LE(measure.width(cut, kCategoryFont), full / 2);
  ASSERT_GE(cut.size(), 4u);
  EXPECT_EQ(cut.substr(cut.size() - 3), "\u2026");
  const std::string kept = cut.substr(0, cut.size() - 3);
  EXPECT_EQ(name.compare(0, kept.size(), kept), 0) << cut;
  // One more character would not have fitted.
  EXPECT_GT(measure.width(name.substr(0, kept.size() + 1) + "\u2026", kCategoryFont), full / 2);

  EXPECT_EQ(fit_width(name, 1, kCategoryFont, measure), "");
}

}  // namespace
}  // namespace charts

// HTML-to-text and truncation of Halo notes.
#include "domain/html_text.hpp"

#include <gtest/gtest.h>

namespace {

using domain::html_to_text;
using domain::truncate_text;

TEST(HtmlText, StripsTagsAndKeepsParagraphBreaks) {
  EXPECT_EQ(html_to_text("<p>Hello <b>world</b></p><p>Second</p>"), "Hello world\n\nSecond");
}

TEST(HtmlText, BrAndDivBecomeLineBreaks) {
  EXPECT_EQ(html_to_text("<div>Thanks,<br>Jane</div>"), "Thanks,\nJane");
  EXPECT_EQ(html_to_text("a<br/>b<BR />c"), "a\nb\nc");
}

TEST(HtmlText, ListItemsGetDashes) {
  EXPECT_EQ(html_to_text("<ul><li>One</li><li>Two</li></ul>"), "- One\n- Two");
}

TEST(HtmlText, DecodesEntities) {
  EXPECT_EQ(html_to_text("Rebooted &amp; tested &lt;ok&gt; &quot;x&quot; &#39;y&#39;"),
            "Rebooted & tested <ok> \"x\" 'y'");
  EXPECT_EQ(html_to_text("&#x20AC;5 &pound;3 &euro;1"), "\xE2\x82\xAC" "5 \xC2\xA3" "3 \xE2\x82\xAC" "1");
  EXPECT_EQ(html_to_text("a&nbsp;&nbsp;b"), "a b");
  EXPECT_EQ(html_to_text("AT&T and &unknown; stay"), "AT&T and &unknown; stay");
}

TEST(HtmlText, CollapsesWhitespaceAndTrims) {
  EXPECT_EQ(html_to_text("  lots   of\t\tspace \r\n here  "), "lots of space\nhere");
  EXPECT_EQ(html_to_text("<p>a</p><p></p><p></p><p>b</p>"), "a\n\nb");
}

TEST(HtmlText, DropsScriptStyleAndComments) {
  EXPECT_EQ(html_to_text("<style>p{color:red}</style>Hi<!-- hidden --><script>alert(1)</script> there"),
            "Hi there");
}

TEST(HtmlText, LoneAngleBracketsAreText) {
  EXPECT_EQ(html_to_text("a < b and c <= d"), "a < b and c <= d");
  EXPECT_EQ(html_to_text("unterminated <b"), "unterminated <b");
}

TEST(HtmlText, PlainTextPassesThrough) { EXPECT_EQ(html_to_text("just text"), "just text"); }

TEST(HtmlText, ImagesVanish) {
  EXPECT_EQ(html_to_text("<p>See <img src=\"cid:image001.png\" alt=\"x\"> here</p>"), "See here");
}

TEST(Truncate, ShortTextUnchanged) { EXPECT_EQ(truncate_text("hello", 5), "hello"); }

TEST(Truncate, LongTextCutWithMarker) {
  EXPECT_EQ(truncate_text("hello world", 5), std::string("hello") + std::string(domain::kTruncatedMarker));
  // Trailing space before the cut is dropped.
  EXPECT_EQ(truncate_text("hello world", 6), std::string("hello") + std::string(domain::kTruncatedMarker));
}

TEST(Truncate, CountsCodePointsNotBytes) {
  const std::string text = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";  // four e-acute
  EXPECT_EQ(truncate_text(text, 4), text);
  EXPECT_EQ(truncate_text(text, 2), "\xC3\xA9\xC3\xA9" + std::string(domain::kTruncatedMarker));
}

TEST(Truncate, PlainTextLimitsLength) {
  std::string html = "<p>" + std::string(5000, 'x') + "</p>";
  std::string out = domain::plain_text(html, domain::kListTextLimit);
  EXPECT_EQ(out.size(), domain::kListTextLimit + domain::kTruncatedMarker.size());
  EXPECT_NE(out.find("[truncated]"), std::string::npos);
}

}  // namespace

// Halo notes and ticket details are HTML (often pasted e-mails). A model reads them best as
// short plain text: tags stripped, entities decoded, whitespace collapsed, line breaks kept where
// the HTML had them, and long texts cut with a visible marker so the model knows there is more.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace domain {

/// Text limits, in characters (UTF-8 code points), for list items and single records.
inline constexpr std::size_t kListTextLimit = 300;
inline constexpr std::size_t kDetailTextLimit = 2000;
/// Appended to a cut text.
inline constexpr std::string_view kTruncatedMarker = "\xE2\x80\xA6 [truncated]";

/// HTML -> plain text: <br>, <p>, <div>, <li>, <tr>, headings -> line breaks; <script>/<style>
/// and comments dropped; entities (named common ones, &#NN;, &#xHH;) decoded; runs of spaces
/// collapsed; at most one blank line in a row; trimmed. Plain text passes through (collapsed).
std::string html_to_text(std::string_view html);

/// At most `max_chars` code points, cut on a code-point boundary, then kTruncatedMarker.
std::string truncate_text(std::string_view text, std::size_t max_chars);

/// html_to_text then truncate_text.
std::string plain_text(std::string_view html, std::size_t max_chars);

}  // namespace domain

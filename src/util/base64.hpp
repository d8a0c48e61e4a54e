// Base64 (RFC 4648): the standard alphabet with padding for binary content in JSON (a chart's
// PNG in an MCP image block), the URL-safe one without padding for opaque tokens (list cursors).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace util {

[[nodiscard]] std::string base64_encode(std::string_view bytes);
/// Nothing when `text` is not padded standard base64.
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text);

[[nodiscard]] std::string base64url_encode(std::string_view bytes);
/// Nothing when `text` holds a character outside the URL-safe alphabet.
[[nodiscard]] std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace util

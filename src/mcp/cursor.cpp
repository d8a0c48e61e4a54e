// Cursor encoding: base64url("<list>:<offset>:<check>"), the check a small hash so that editing
// the offset by hand yields an invalid cursor rather than a silently different page.
#include "mcp/cursor.hpp"

#include <charconv>
#include <cstdint>

#include "util/base64.hpp"

namespace mcp {
namespace {

std::uint32_t check_of(std::string_view list_name, std::size_t offset) {
  std::uint32_t h = 2166136261u;  // FNV-1a
  auto mix = [&](unsigned char c) { h = (h ^ c) * 16777619u; };
  for (unsigned char c : list_name) mix(c);
  for (unsigned char c : std::to_string(offset)) mix(c);
  return h % 1000000u;
}

}  // namespace

std::string encode_cursor(std::string_view list_name, std::size_t offset) {
  std::string plain = std::string(list_name) + ":" + std::to_string(offset) + ":" +
                      std::to_string(check_of(list_name, offset));
  return util::base64url_encode(plain);
}

std::optional<std::size_t> decode_cursor(std::string_view list_name, std::string_view cursor,
                                         std::size_t size) {
  if (cursor.empty() || cursor.size() > 256) return std::nullopt;
  auto plain = util::base64url_decode(cursor);
  if (!plain) return std::nullopt;
  std::string_view text(*plain);
  if (text.substr(0, list_name.size()) != list_name || text.size() <= list_name.size() ||
      text[list_name.size()] != ':') {
    return std::nullopt;
  }
  text.remove_prefix(list_name.size() + 1);
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::size_t offset = 0;
  std::uint32_t check = 0;
  auto [p1, e1] = std::from_chars(text.data(), text.data() + colon, offset);
  if (e1 != std::errc() || p1 != text.data() + colon) return std::nullopt;
  auto [p2, e2] = std::from_chars(text.data() + colon + 1, text.data() + text.size(), check);
  if (e2 != std::errc() || p2 != text.data() + text.size()) return std::nullopt;
  if (check != check_of(list_name, offset)) return std::nullopt;
  if (offset == 0 || offset >= size) return std::nullopt;
  if (encode_cursor(list_name, offset) != cursor) return std::nullopt;  // non-canonical spelling
  return offset;
}

}  // namespace mcp

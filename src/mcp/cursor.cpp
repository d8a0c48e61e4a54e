// Cursor encoding: base64url("<list>:<offset>:<check>"), the check a small hash so that editing
// the offset by hand yields an invalid cursor rather than a silently different page.
#include "mcp/cursor.hpp"

#include <charconv>
#include <cstdint>

namespace mcp {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(std::string_view in) {
  std::string out;
  std::uint32_t buf = 0;
  int bits = 0;
  for (unsigned char c : in) {
    buf = (buf << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buf >> bits) & 0x3F];
    }
  }
  if (bits > 0) out += kAlphabet[(buf << (6 - bits)) & 0x3F];
  return out;
}

std::optional<std::string> unbase64url(std::string_view in) {
  std::string out;
  std::uint32_t buf = 0;
  int bits = 0;
  for (char c : in) {
    const auto pos = kAlphabet.find(c);
    if (pos == std::string_view::npos) return std::nullopt;
    buf = (buf << 6) | static_cast<std::uint32_t>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xFF);
    }
  }
  return out;
}

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
  return base64url(plain);
}

std::optional<std::size_t> decode_cursor(std::string_view list_name, std::string_view cursor,
                                         std::size_t size) {
  if (cursor.empty() || cursor.size() > 256) return std::nullopt;
  auto plain = unbase64url(cursor);
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

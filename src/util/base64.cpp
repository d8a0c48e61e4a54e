// Base64 encoding and decoding over one bit-packing loop per direction, the alphabet a parameter.
#include "util/base64.hpp"

#include <cstdint>

namespace util {
namespace {

constexpr std::string_view kStandard = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string encode(std::string_view bytes, std::string_view alphabet, bool pad) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::uint32_t buf = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buf = (buf << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += alphabet[(buf >> bits) & 0x3F];
    }
  }
  if (bits > 0) out += alphabet[(buf << (6 - bits)) & 0x3F];
  while (pad && out.size() % 4 != 0) out += '=';
  return out;
}

std::optional<std::string> decode(std::string_view text, std::string_view alphabet) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t buf = 0;
  int bits = 0;
  for (char c : text) {
    const auto pos = alphabet.find(c);
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

}  // namespace

std::string base64_encode(std::string_view bytes) { return encode(bytes, kStandard, /*pad=*/true); }

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::size_t padding = 0;
  while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') ++padding;
  return decode(text.substr(0, text.size() - padding), kStandard);
}

std::string base64url_encode(std::string_view bytes) { return encode(bytes, kUrlSafe, /*pad=*/false); }

std::optional<std::string> base64url_decode(std::string_view text) { return decode(text, kUrlSafe); }

}  // namespace util

// Percent-encoding and query building for Halo URLs and the OAuth form body.
#include "halo/url.hpp"

namespace halo {

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    }
  }
  return out;
}

std::string build_query(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    out += percent_encode(name);
    out += '=';
    out += percent_encode(value);
  }
  return out;
}

std::string endpoint_path(std::string_view path) {
  path = path.substr(0, path.find_first_of("?#"));
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (path.substr(0, 4) == "api/") path.remove_prefix(4);
  return "/api/" + std::string(path);
}

}  // namespace halo

// ASCII case folding, the one way this code compares names without regard to case. Halo's names,
// HTTP header names, URL schemes and hosts are compared in ASCII; the C locale's std::tolower would
// do the same but reads the global locale on every character.
#pragma once
#include <string>
#include <string_view>

namespace util {

[[nodiscard]] constexpr char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// `text` with A-Z turned into a-z; every other byte (UTF-8 included) as it is.
[[nodiscard]] inline std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower_ascii(c);
  return out;
}

/// Equal when A-Z and a-z are taken as the same.
[[nodiscard]] constexpr bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
  }
  return true;
}

}  // namespace util

// Comparing secrets (bearer tokens, their hashes) without an early exit: every byte of `expected`
// is looked at whatever `given` holds, and a length difference is folded into the same
// accumulator, so the time taken tells an attacker nothing about how close a guess was.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace util {

[[nodiscard]] inline bool equal_in_constant_time(std::string_view given, std::string_view expected) {
  std::uint32_t diff = static_cast<std::uint32_t>(given.size() ^ expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const unsigned char g = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
    diff |= static_cast<unsigned char>(expected[i]) ^ g;
  }
  return diff == 0;
}

}  // namespace util

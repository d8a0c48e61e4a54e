// Nesting depth of untrusted JSON text, measured before it is parsed. nlohmann::json parses
// iteratively, but copying or comparing a value recurses once per level, so a 200 KB message
// nested 100,000 deep overflows the stack wherever it is first copied. Every path that parses
// client input asks this first and refuses anything deeper than its limit.
#pragma once
#include <cstddef>
#include <string_view>

namespace util {

/// True when `text` opens more than `limit` arrays/objects inside one another. Brackets inside
/// strings (escapes included) do not count. Linear, no allocation; malformed text is scanned the
/// same way (the parser reports what is wrong with it).
[[nodiscard]] bool json_nesting_exceeds(std::string_view text, std::size_t limit);

}  // namespace util

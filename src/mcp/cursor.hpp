// Opaque pagination cursors for list methods: an offset wrapped so clients cannot mistake it for
// something to compute with, and checked on the way back in so a forged one is refused.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mcp {

[[nodiscard]] std::string encode_cursor(std::string_view list_name, std::size_t offset);
/// The offset, or nullopt when `cursor` was not made by encode_cursor for this list or lies
/// outside [1, size).
[[nodiscard]] std::optional<std::size_t> decode_cursor(std::string_view list_name, std::string_view cursor,
                                                       std::size_t size);

}  // namespace mcp

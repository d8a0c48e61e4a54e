// Reads the KEY=VALUE lines of a .env file (the convention most deployment tools share), so the
// server can be configured without exporting variables into the launching shell.
#pragma once
#include <map>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace halo {

/// Parses .env text: blank lines and `#` comments are skipped, an `export ` prefix is allowed,
/// values may be single- or double-quoted (double quotes understand \n, \" and \\), and an
/// unquoted value ends at ` #`. Lines without `=` are ignored.
std::map<std::string, std::string> parse_dotenv(std::string_view text);

/// Reads and parses a .env file; kConfig when it cannot be read.
[[nodiscard]] util::Result<std::map<std::string, std::string>> read_dotenv_file(
    const std::string& path);

}  // namespace halo

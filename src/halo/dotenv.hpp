// Reads the KEY=VALUE lines of a .env file (the convention most deployment tools share), so the
// server can be configured without exporting variables into the launching shell.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace halo {

/// A line the parser could not use. `what` describes the problem and never quotes the line: it
/// may hold a secret (a `HALO_CLIENT_SECRET "x"` with the `=` forgotten).
struct DotenvProblem {
  int line = 0;  ///< 1-based
  std::string what;
};

struct DotenvContents {
  std::map<std::string, std::string> values;
  std::vector<DotenvProblem> problems;
};

/// Parses .env text: blank lines and `#` comments are skipped, an `export ` prefix is allowed,
/// values may be single- or double-quoted (double quotes understand \n, \" and \\), and an
/// unquoted value ends at ` #`. Lines without `=`, with a name that is not an identifier, or with
/// an unclosed quote are reported in `problems` (the last kept as written).
DotenvContents parse_dotenv_checked(std::string_view text);

/// parse_dotenv_checked's values only.
std::map<std::string, std::string> parse_dotenv(std::string_view text);

/// Reads and parses a .env file; kConfig when it cannot be read.
[[nodiscard]] util::Result<DotenvContents> read_dotenv_file(const std::string& path);

}  // namespace halo

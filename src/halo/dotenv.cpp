// .env parsing for halo::load_config.
#include "halo/dotenv.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace halo {
namespace {

std::string_view trim(std::string_view s) {
  const auto* ws = " \t\r\n";
  const auto begin = s.find_first_not_of(ws);
  if (begin == std::string_view::npos) return {};
  const auto end = s.find_last_not_of(ws);
  return s.substr(begin, end - begin + 1);
}

std::string unquote_double(std::string_view inner) {
  std::string out;
  out.reserve(inner.size());
  for (std::size_t i = 0; i < inner.size(); ++i) {
    if (inner[i] == '\\' && i + 1 < inner.size()) {
      const char next = inner[++i];
      out += next == 'n' ? '\n' : next == 't' ? '\t' : next;
    } else {
      out += inner[i];
    }
  }
  return out;
}

/// The value of a line; `unclosed` is set when a quote is opened and never closed.
std::string parse_value(std::string_view raw, bool& unclosed) {
  std::string_view value = trim(raw);
  if (value.empty()) return {};
  const char quote = value.front();
  if (quote == '"' || quote == '\'') {
    const auto close = value.find(quote, 1);
    // An escaped double quote does not close the value.
    auto end = close;
    if (quote == '"') {
      end = std::string_view::npos;
      for (std::size_t i = 1; i < value.size(); ++i) {
        if (value[i] == '\\') {
          ++i;
        } else if (value[i] == '"') {
          end = i;
          break;
        }
      }
    }
    if (end != std::string_view::npos) {
      const auto inner = value.substr(1, end - 1);
      return quote == '"' ? unquote_double(inner) : std::string(inner);
    }
    // Unbalanced quote: keep the text as written rather than guess.
    unclosed = true;
    return std::string(value);
  }
  const auto comment = value.find(" #");
  if (comment != std::string_view::npos) value = trim(value.substr(0, comment));
  return std::string(value);
}

bool is_identifier(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
  });
}

}  // namespace

DotenvContents parse_dotenv_checked(std::string_view text) {
  DotenvContents out;
  std::size_t pos = 0;
  for (int number = 1; pos <= text.size(); ++number) {
    auto newline = text.find('\n', pos);
    if (newline == std::string_view::npos) newline = text.size();
    std::string_view line = trim(text.substr(pos, newline - pos));
    pos = newline + 1;
    if (line.empty() || line.front() == '#') continue;
    if (line.substr(0, 7) == "export ") line = trim(line.substr(7));
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) {
      out.problems.push_back({number, "no '=' (expected NAME=value); line ignored"});
      continue;
    }
    const auto key = trim(line.substr(0, eq));
    if (!is_identifier(key)) {
      out.problems.push_back({number, "the name before '=' is not a variable name; line ignored"});
      continue;
    }
    bool unclosed = false;
    out.values[std::string(key)] = parse_value(line.substr(eq + 1), unclosed);
    if (unclosed) {
      out.problems.push_back({number, "the value of " + std::string(key) +
                                          " opens a quote that is not closed on the same line; "
                                          "kept as written"});
    }
  }
  return out;
}

std::map<std::string, std::string> parse_dotenv(std::string_view text) {
  return parse_dotenv_checked(text).values;
}

util::Result<DotenvContents> read_dotenv_file(const std::string& path) {
  std::error_code ec;
  // A directory opens as a stream that reads nothing: say so rather than parse it as empty.
  if (std::filesystem::is_directory(path, ec)) {
    return util::fail(util::ErrorKind::kConfig, "cannot read the env file " + path + " (a directory)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return util::fail(util::ErrorKind::kConfig, "cannot read the env file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return parse_dotenv_checked(text.str());
}

}  // namespace halo

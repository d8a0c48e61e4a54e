// HTML to plain text for Halo notes: a small single-pass scanner, not a full HTML parser; Halo's
// notes are simple markup and the output is read by a model, so robustness beats fidelity.
#include "domain/html_text.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <utility>

#include "util/ascii.hpp"

namespace domain {
namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

constexpr std::array<std::pair<std::string_view, std::uint32_t>, 24> kEntities{{
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
    {"apos", '\''},    {"nbsp", ' '},     {"ndash", 0x2013}, {"mdash", 0x2014},
    {"hellip", 0x2026}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"pound", 0xA3},   {"euro", 0x20AC},  {"copy", 0xA9},
    {"reg", 0xAE},     {"trade", 0x2122}, {"bull", 0x2022},  {"middot", 0xB7},
    {"deg", 0xB0},     {"times", 0xD7},   {"laquo", 0xAB},   {"raquo", 0xBB},
}};

/// Decodes the entity starting at html[pos] == '&'; returns the characters consumed (0 = not an
/// entity, keep the '&').
std::size_t decode_entity(std::string_view html, std::size_t pos, std::string& out) {
  std::size_t semi = html.find(';', pos + 1);
  if (semi == std::string_view::npos || semi - pos > 12) return 0;
  std::string_view name = html.substr(pos + 1, semi - pos - 1);
  if (name.empty()) return 0;
  if (name[0] == '#') {
    std::uint32_t cp = 0;
    bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    for (char c : digits) {
      int v;
      if (c >= '0' && c <= '9') v = c - '0';
      else if (hex && c >= 'a' && c <= 'f') v = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F') v = c - 'A' + 10;
      else return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
      if (cp > 0x10FFFF) return 0;
    }
    if (cp == 0xA0) cp = ' ';
    append_utf8(out, cp);
    return semi - pos + 1;
  }
  for (const auto& [entity, cp] : kEntities) {
    if (entity == name) {
      append_utf8(out, cp);
      return semi - pos + 1;
    }
  }
  return 0;
}

bool is_block_tag(const std::string& name) {
  static constexpr std::array<std::string_view, 16> kBlocks{
      "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
      "ul", "ol", "table", "blockquote", "hr"};
  for (std::string_view b : kBlocks) {
    if (name == b) return true;
  }
  return false;
}

/// Collapses spaces, trims lines, keeps at most one blank line.
std::string collapse(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  int pending_newlines = 0;
  bool pending_space = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    // U+00A0 (C2 A0) counts as a space.
    if (c == '\xC2' && i + 1 < raw.size() && raw[i + 1] == '\xA0') {
      pending_space = true;
      ++i;
      continue;
    }
    if (c == '\n') {
      ++pending_newlines;
      pending_space = false;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = true;
      continue;
    }
    if (!out.empty()) {
      if (pending_newlines > 0) {
        out.append(pending_newlines >= 2 ? 2 : 1, '\n');
      } else if (pending_space) {
        out += ' ';
      }
    }
    pending_newlines = 0;
    pending_space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::string html_to_text(std::string_view html) {
  std::string raw;
  raw.reserve(html.size());
  std::size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      if (html.substr(i, 4) == "<!--") {
        std::size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      std::size_t end = html.find('>', i + 1);
      if (end == std::string_view::npos) {
        raw += c;  // a lone '<' in text, e.g. "a < b"
        ++i;
        continue;
      }
      std::string_view tag = html.substr(i + 1, end - i - 1);
      bool closing = !tag.empty() && tag.front() == '/';
      if (closing) tag.remove_prefix(1);
      std::size_t name_end = 0;
      while (name_end < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[name_end])))) {
        ++name_end;
      }
      if (name_end == 0) {
        // Not a tag ("a <= b", "<3"): keep the text.
        raw += c;
        ++i;
        continue;
      }
      std::string name = util::lower_ascii(tag.substr(0, name_end));
      if (!closing && (name == "script" || name == "style" || name == "head" || name == "title")) {
        std::string close = "</" + name;
        std::size_t pos = end + 1;
        std::size_t found = std::string_view::npos;
        while (pos < html.size()) {
          std::size_t lt = html.find("</", pos);
          if (lt == std::string_view::npos) break;
          if (util::lower_ascii(html.substr(lt, close.size())) == close) {
            found = lt;
            break;
          }
          pos = lt + 2;
        }
        if (found == std::string_view::npos) {
          i = html.size();
        } else {
          std::size_t close_end = html.find('>', found);
          i = close_end == std::string_view::npos ? html.size() : close_end + 1;
        }
        continue;
      }
      if (name == "li" && closing) {
        // The next <li> (or the list's end) starts the new line.
      } else if (is_block_tag(name)) {
        raw += '\n';
        if (name == "p" && closing) raw += '\n';
        if (name == "li" && !closing) raw += "- ";
      } else if (name == "td" || name == "th") {
        raw += ' ';
      }
      i = end + 1;
      continue;
    }
    if (c == '&') {
      std::size_t used = decode_entity(html, i, raw);
      if (used > 0) {
        i += used;
        continue;
      }
    }
    raw += c;
    ++i;
  }
  return collapse(raw);
}

std::string truncate_text(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (chars == max_chars) {
      std::string out(text.substr(0, i));
      while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
      out += kTruncatedMarker;
      return out;
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    i += len;
    ++chars;
  }
  return std::string(text);
}

std::string plain_text(std::string_view html, std::size_t max_chars) {
  return truncate_text(html_to_text(html), max_chars);
}

}  // namespace domain

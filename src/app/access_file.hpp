// The access file (HALO_MCP_ACCESS_FILE): who may use the server over HTTP and which toolsets
// each of them may use. It holds the SHA-256 of each bearer token, never a token, so a copy of
// the file lets nobody in. Format (JSON; docs/http.md "Per-person access"):
//
//   {"people": [
//     {"name": "service-desk", "token_sha256": "<64 hex digits>", "toolsets": ["tickets", "customers"]},
//     {"name": "owner",        "token_sha256": "<64 hex digits>", "toolsets": ["all"]}
//   ]}
//
// Parsing is strict: an unknown key (a typo such as "toolset") or toolset, a duplicate name or
// hash, a hash that is not 64 hex digits, is an error naming the entry and the field.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tools/tool_def.hpp"
#include "util/result.hpp"

namespace app {

struct AccessEntry {
  std::string name;          ///< [A-Za-z0-9._@-], 1-64 characters; the audit log's "who"
  std::string token_sha256;  ///< 64 lowercase hex digits
  bool all_toolsets = false;
  std::set<tools::Toolset> toolsets;  ///< when not all_toolsets
};

struct AccessList {
  std::vector<AccessEntry> people;
};

/// Reads the file's text. Errors are kConfig, e.g. "people[1] (\"desk\"): toolsets: unknown
/// toolset 'tikets' (allowed: all, tickets, ...)".
[[nodiscard]] util::Result<AccessList> parse_access_list(std::string_view text);

/// The list in the file at `path`, or nullopt when there is no such file (the server refuses to
/// start without it; `access add` starts a new one). A file that cannot be read or does not parse
/// is a kConfig error whose message does not repeat the path: "cannot be read", or the parser's.
[[nodiscard]] util::Result<std::optional<AccessList>> read_access_file(const std::string& path);

/// The file's text for `list` (pretty JSON, entries in order, toolsets by name).
[[nodiscard]] std::string render_access_list(const AccessList& list);

/// Whether `name` may name a person: 1-64 of [A-Za-z0-9._@-].
[[nodiscard]] bool valid_person_name(std::string_view name);

/// Parses a toolset list as the access file and `access add --toolsets` spell it ("all", or names).
/// `where` prefixes the error ("--toolsets", "people[0] (\"desk\"): toolsets").
[[nodiscard]] util::Result<void> read_toolsets(const std::vector<std::string>& names, std::string_view where,
                                               AccessEntry& into);

}  // namespace app

#include "app/access_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "tools/toolsets.hpp"
#include "util/json.hpp"

namespace app {
namespace {

using util::Json;

std::string allowed_toolsets() { return "all, " + tools::toolset_names(); }

bool lower_hex_64(std::string_view text) {
  return text.size() == 64 &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

util::Result<AccessEntry> read_entry(const Json& item, std::size_t index) {
  std::string where = "people[" + std::to_string(index) + "]";
  auto bad = [&](const std::string& why) { return util::fail(util::ErrorKind::kConfig, where + ": " + why); };
  if (!item.is_object()) return bad("must be an object {name, token_sha256, toolsets}");
  for (const auto& [key, value] : item.items()) {
    if (key != "name" && key != "token_sha256" && key != "toolsets") {
      return bad("unknown key '" + key + "' (allowed: name, token_sha256, toolsets)");
    }
  }
  AccessEntry entry;
  auto name = item.find("name");
  if (name == item.end() || !name->is_string() || !valid_person_name(name->get<std::string>())) {
    return bad("name must be 1-64 characters of A-Z a-z 0-9 . _ @ -");
  }
  entry.name = name->get<std::string>();
  where += " (\"" + entry.name + "\")";
  auto hash = item.find("token_sha256");
  if (hash == item.end() || !hash->is_string() || !lower_hex_64(hash->get<std::string>())) {
    return bad("token_sha256 must be the token's SHA-256 as 64 lowercase hex digits "
               "(`halo-psa-mcp access add` writes it)");
  }
  entry.token_sha256 = hash->get<std::string>();
  auto toolsets = item.find("toolsets");
  if (toolsets == item.end() || !toolsets->is_array() || toolsets->empty() ||
      !std::all_of(toolsets->begin(), toolsets->end(), [](const Json& v) { return v.is_string(); })) {
    return bad("toolsets must be a non-empty array of names (" + allowed_toolsets() + ")");
  }
  if (auto read = read_toolsets(toolsets->get<std::vector<std::string>>(), where + ": toolsets", entry); !read) {
    return util::Unexpected(read.error());
  }
  return entry;
}

}  // namespace

bool valid_person_name(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '@' || c == '-';
  });
}

util::Result<void> read_toolsets(const std::vector<std::string>& names, std::string_view where, AccessEntry& into) {
  if (names.empty()) return util::fail(util::ErrorKind::kConfig, std::string(where) + ": name at least one toolset");
  for (const auto& name : names) {
    if (name == "all") {
      into.all_toolsets = true;
      continue;
    }
    auto toolset = tools::toolset_named(name);
    if (!toolset) {
      return util::fail(util::ErrorKind::kConfig, std::string(where) + ": unknown toolset '" + name +
                                                      "' (allowed: " + allowed_toolsets() + ")");
    }
    into.toolsets.insert(*toolset);
  }
  if (into.all_toolsets) into.toolsets.clear();
  return {};
}

util::Result<std::optional<AccessList>> read_access_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return std::optional<AccessList>();
    return util::fail(util::ErrorKind::kConfig, std::string("cannot be read (") + std::strerror(errno) + ")");
  }
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) return util::fail(util::ErrorKind::kConfig, "cannot be read");
  auto list = parse_access_list(text.str());
  if (!list) return util::Unexpected(list.error());
  return std::optional<AccessList>(std::move(*list));
}

util::Result<AccessList> parse_access_list(std::string_view text) {
  Json doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return util::fail(util::ErrorKind::kConfig, "not valid JSON");
  if (!doc.is_object()) return util::fail(util::ErrorKind::kConfig, "must be a JSON object {\"people\": [...]}");
  for (const auto& [key, value] : doc.items()) {
    if (key != "people") return util::fail(util::ErrorKind::kConfig, "unknown key '" + key + "' (allowed: people)");
  }
  auto people = doc.find("people");
  if (people == doc.end() || !people->is_array()) {
    return util::fail(util::ErrorKind::kConfig, "\"people\" must be an array of {name, token_sha256, toolsets}");
  }
  AccessList list;
  for (std::size_t i = 0; i < people->size(); ++i) {
    auto entry = read_entry((*people)[i], i);
    if (!entry) return util::Unexpected(entry.error());
    for (const auto& earlier : list.people) {
      if (earlier.name == entry->name) {
        return util::fail(util::ErrorKind::kConfig, "people[" + std::to_string(i) + "]: the name '" + entry->name +
                                                        "' is already used by an earlier entry");
      }
      if (earlier.token_sha256 == entry->token_sha256) {
        return util::fail(util::ErrorKind::kConfig, "people[" + std::to_string(i) + "] (\"" + entry->name +
                                                        "\"): same token_sha256 as \"" + earlier.name + "\"");
      }
    }
    list.people.push_back(std::move(*entry));
  }
  return list;
}

std::string render_access_list(const AccessList& list) {
  Json people = Json::array();
  for (const auto& entry : list.people) {
    Json toolsets = Json::array();
    if (entry.all_toolsets) {
      toolsets.push_back("all");
    } else {
      for (tools::Toolset t : entry.toolsets) toolsets.push_back(std::string(tools::toolset_name(t)));
    }
    Json item = Json::object();
    item["name"] = entry.name;
    item["token_sha256"] = entry.token_sha256;
    item["toolsets"] = std::move(toolsets);
    people.push_back(std::move(item));
  }
  Json doc = Json::object();
  doc["people"] = std::move(people);
  return doc.dump(2) + "\n";
}

}  // namespace app

// Cutting oversized tool results (see result_bounds.hpp).
#include "tools/result_bounds.hpp"

#include <string>
#include <utility>

namespace tools {
namespace {

using util::Json;

/// Longest prefix of `s` no longer than `max` that does not split a UTF-8 sequence (a split one
/// would make the whole message unserialisable).
std::size_t utf8_cut(const std::string& s, std::size_t max) {
  std::size_t cut = std::min(max, s.size());
  while (cut > 0 && cut < s.size() && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

}  // namespace

int clip_long_strings(Json& value, std::size_t max_string_bytes) {
  int clipped = 0;
  if (value.is_string()) {
    auto& s = value.get_ref<std::string&>();
    if (s.size() > max_string_bytes) {
      const std::size_t cut = utf8_cut(s, max_string_bytes);
      const std::size_t dropped = s.size() - cut;
      s.resize(cut);
      s += " … [clipped: " + std::to_string(dropped) + " more bytes not shown]";
      ++clipped;
    }
  } else if (value.is_structured()) {
    for (auto& child : value) clipped += clip_long_strings(child, max_string_bytes);
  }
  return clipped;
}

std::size_t serialized_size(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace).size();
}

bool bound_result(Json& structured, const ResultLimits& limits) {
  if (!structured.is_object()) return false;
  auto items = structured.find("items");
  auto item = structured.find("item");
  const bool is_list = items != structured.end() && items->is_array();
  const bool is_get = !is_list && item != structured.end() && item->is_object();
  if (!is_list && !is_get) return false;

  int clipped = clip_long_strings(is_list ? *items : *item, limits.max_string_bytes);
  std::size_t omitted = 0;
  if (is_list) {
    std::size_t total = serialized_size(structured);
    if (total > limits.max_bytes) {
      // Each item's share, measured once; the envelope's size barely moves as items go.
      std::vector<std::size_t> sizes;
      sizes.reserve(items->size());
      for (const auto& entry : *items) sizes.push_back(serialized_size(entry) + 1);
      const std::size_t budget = limits.max_bytes - std::min<std::size_t>(limits.max_bytes, 1024);  // room for the note
      while (!items->empty() && total > budget) {
        total -= std::min(total, sizes[items->size() - 1]);
        items->erase(items->size() - 1);
        ++omitted;
      }
    }
  }
  if (clipped == 0 && omitted == 0) return false;

  std::string note;
  if (omitted > 0) {
    const std::size_t kept = items->size();
    note = std::to_string(omitted) + " item(s) at the end of this page were left out to keep the result under " +
           std::to_string(limits.max_bytes / 1024) + " KB (" + std::to_string(kept) +
           " kept). Narrow the filter or page: ask for page_size=" + std::to_string(kept > 0 ? kept : 1) +
           " and the following page_no, fewer `fields`, or full:false.";
    structured["has_more"] = true;
  }
  if (clipped > 0) {
    if (!note.empty()) note += " ";
    note += std::to_string(clipped) + " long text value(s) were clipped to " + std::to_string(limits.max_string_bytes / 1024) +
            " KB (marked '[clipped: ...]'); the rest is in Halo.";
  }
  structured["truncated"] = Json{{"items_omitted", omitted},
                                 {"strings_clipped", clipped},
                                 {"limit_bytes", limits.max_bytes},
                                 {"note", std::move(note)}};
  return true;
}

mcp::ToolHandler bounded_handler(mcp::ToolHandler handler, ResultLimits limits) {
  return [handler = std::move(handler), limits](const Json& arguments, mcp::ToolContext& context) {
    mcp::ToolOutcome outcome = handler(arguments, context);
    if (!outcome.is_error && !outcome.rpc_error && !outcome.content) bound_result(outcome.structured, limits);
    return outcome;
  };
}

}  // namespace tools

// Record resource templates: a read runs the get tool's own handler (catalog.hpp's make_tool), so
// the resource and the tool can never disagree about a record.
#include "tools/record_resources.hpp"

#include <charconv>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <string_view>

#include "mcp/jsonrpc.hpp"
#include "tools/catalog.hpp"
#include "tools/registry.hpp"

namespace tools {
namespace {

struct RecordTemplate {
  std::string_view uri_template;
  std::string_view name;
  std::string_view title;
  std::string_view tool;    ///< the get tool whose answer the resource is
  std::string_view id_arg;  ///< that tool's id argument
};

constexpr RecordTemplate kRecordTemplates[] = {
    {"halo://tickets/{id}", "ticket", "Halo ticket", "get_ticket", "ticket_id"},
    {"halo://clients/{id}", "client", "Halo client", "get_client", "client_id"},
};

/// A positive id that fits the tools' integer range, or nothing.
std::optional<std::int64_t> record_id(const std::string& text) {
  std::int64_t id = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, id);
  if (ec != std::errc() || ptr != end || id < 1) return std::nullopt;
  return id;
}

mcp::ResourceTemplate make_template(const RecordTemplate& record, const ToolDef& def, ToolDeps& deps) {
  mcp::ResourceTemplate t;
  t.uri_template = std::string(record.uri_template);
  t.name = std::string(record.name);
  t.title = std::string(record.title);
  t.description = "One " + std::string(record.name) + " by id, as " + std::string(record.tool) +
                  " answers it (JSON).";
  t.mime_type = "application/json";
  t.uses_tools = {std::string(record.tool)};
  auto tool = std::make_shared<mcp::Tool>(make_tool(def, deps));
  t.read = [tool, record](const std::string& uri, const std::map<std::string, std::string>& variables,
                          mcp::ToolContext& context) {
    const auto id = record_id(variables.at("id"));
    if (!id) {
      return mcp::Reply::fail(mcp::jsonrpc::kInvalidParams, "Invalid params: the " + std::string(record.name) +
                                                           " id in " + uri + " must be a positive integer");
    }
    mcp::ToolOutcome outcome = tool->handler(util::Json{{std::string(record.id_arg), *id}}, context);
    if (outcome.is_error) {
      // The get tool's own wording: "ticket 7 not found" is the resource's not-found, as an
      // unknown URI is; anything else (permission, Halo down) is an internal error with its text.
      const bool not_found = outcome.error_text.ends_with(" not found");
      return not_found ? mcp::Reply::fail(mcp::jsonrpc::kInvalidParams, "Resource not found", util::Json{{"uri", uri}})
                       : mcp::Reply::fail(mcp::jsonrpc::kInternalError, outcome.error_text);
    }
    const util::Json& item = outcome.structured.contains("item") ? outcome.structured["item"] : outcome.structured;
    util::Json content{{"uri", uri}, {"mimeType", "application/json"}, {"text", item.dump()}};
    return mcp::Reply::contents(util::Json::array({std::move(content)}));
  };
  return t;
}

}  // namespace

void register_record_resources(mcp::ResourceRegistry& resources, ToolDeps& deps, const ToolSelection& selection) {
  for (const auto& record : kRecordTemplates) {
    const ToolDef* def = find_tool(record.tool);
    if (def == nullptr || !selection.offers(*def)) continue;
    resources.add_template(make_template(record, *def, deps));
  }
}

}  // namespace tools

// The list methods (tools, prompts, resources, resource templates): one page per request behind
// an opaque cursor, and the 2026-07-28 cache hints.
#include <algorithm>

#include "mcp/apps_extension.hpp"
#include "mcp/cursor.hpp"
#include "mcp/jsonrpc.hpp"
#include "mcp/server_impl.hpp"
#include "mcp/tool_call.hpp"

namespace mcp {

using util::Json;
using detail::Era;
using detail::Request;
using detail::Sink;
namespace jr = jsonrpc;

namespace {

/// The [begin, end) window of a list page and the next cursor.
struct Page {
  std::size_t begin = 0, end = 0;
  std::optional<std::string> next;
};

/// The page a request asks for, or nullopt (answered "Invalid cursor") for a cursor that was
/// not issued for this list or lies outside it.
std::optional<Page> page_of(const Request& req, const ServerOptions& options, std::string_view list_name,
                            std::size_t size) {
  Page page;
  if (auto cursor = req.params.find("cursor"); cursor != req.params.end() && !cursor->is_null()) {
    std::optional<std::size_t> decoded;
    if (cursor->is_string()) decoded = decode_cursor(list_name, cursor->get<std::string>(), size);
    if (!decoded) return std::nullopt;
    page.begin = *decoded;
  }
  const std::size_t per_page = std::max<std::size_t>(1, options.page_size);
  page.end = std::min(size, page.begin + per_page);
  if (page.end < size) page.next = encode_cursor(list_name, page.end);
  return page;
}

void describe_common(Json& entry, const std::string& name, const std::string& title, const std::string& description,
                     const std::string& mime_type) {
  entry["name"] = name;
  if (!title.empty()) entry["title"] = title;
  if (!description.empty()) entry["description"] = description;
  if (!mime_type.empty()) entry["mimeType"] = mime_type;
}

Json describe_prompt(const Prompt& p) {
  Json entry = Json::object();
  entry["name"] = p.name;
  if (!p.title.empty()) entry["title"] = p.title;
  if (!p.description.empty()) entry["description"] = p.description;
  Json args = Json::array();
  for (const auto& a : p.arguments) {
    Json arg = Json::object();
    arg["name"] = a.name;
    if (!a.description.empty()) arg["description"] = a.description;
    arg["required"] = a.required;
    args.push_back(std::move(arg));
  }
  entry["arguments"] = std::move(args);
  return entry;
}

/// Answers a list method: one page of `all`, each entry made by `describe`.
template <typename Item, typename Describe>
void respond_list(const Server::Impl& impl, const Request& req, const Sink& sink, const char* key,
                  const std::vector<Item>& all, Describe describe) {
  const ServerOptions& options = impl.server.options();
  auto page = page_of(req, options, key, all.size());
  if (!page) return detail::reply_error(sink, req.id, jr::kInvalidParams, "Invalid cursor");
  Json items = Json::array();
  for (std::size_t i = page->begin; i < page->end; ++i) items.push_back(describe(all[i]));
  Json result = Json::object();
  result[key] = std::move(items);
  if (page->next) result["nextCursor"] = *page->next;
  if (req.era == Era::kModern) {
    result["ttlMs"] = options.list_ttl_ms;
    // What a restricted caller sees is theirs alone: no cache may serve it to another token.
    result["cacheScope"] = req.caller.restricted() ? std::string("private") : options.cache_scope;
  }
  sink.respond(jr::make_result(req.id, impl.finish(std::move(result), req.era)));
}

}  // namespace

void Server::Impl::list_tools(Request& req, Session&, const Sink& sink) {
  const bool views = apps::client_renders_views(req.client_capabilities);
  std::vector<const Tool*> visible;
  for (const Tool& t : server.tools_.all()) {
    if (req.caller.may_use(t.name)) visible.push_back(&t);
  }
  respond_list(*this, req, sink, "tools", visible, [views](const Tool* t) { return detail::describe_tool(*t, views); });
}

void Server::Impl::list_prompts(Request& req, Session&, const Sink& sink) {
  std::vector<const Prompt*> visible;
  for (const Prompt& p : server.prompts_.all()) {
    if (req.caller.may_use_all(p.uses_tools)) visible.push_back(&p);
  }
  respond_list(*this, req, sink, "prompts", visible, [](const Prompt* p) { return describe_prompt(*p); });
}

void Server::Impl::list_resources(Request& req, Session&, const Sink& sink) {
  // MCP Apps views only for clients that render them (the cursor indexes this filtered list,
  // which is the same on every page of one client's listing).
  const bool views = apps::client_renders_views(req.client_capabilities);
  std::vector<const Resource*> visible;
  for (const Resource& r : server.resources_.resources()) {
    if ((!r.app_view || views) && req.caller.may_use_all(r.uses_tools)) visible.push_back(&r);
  }
  respond_list(*this, req, sink, "resources", visible, [](const Resource* r) {
    Json entry = Json::object();
    entry["uri"] = r->uri;
    describe_common(entry, r->name, r->title, r->description, r->mime_type);
    return entry;
  });
}

void Server::Impl::list_templates(Request& req, Session&, const Sink& sink) {
  std::vector<const ResourceTemplate*> visible;
  for (const ResourceTemplate& t : server.resources_.templates()) {
    if (req.caller.may_use_all(t.uses_tools)) visible.push_back(&t);
  }
  respond_list(*this, req, sink, "resourceTemplates", visible, [](const ResourceTemplate* t) {
    Json entry = Json::object();
    entry["uriTemplate"] = t->uri_template;
    describe_common(entry, t->name, t->title, t->description, t->mime_type);
    return entry;
  });
}

}  // namespace mcp

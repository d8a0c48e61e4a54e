// Resources a server offers (resources/list, resources/templates/list, resources/read,
// resources/subscribe), in registration order. Declared in capabilities only when not empty.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "mcp/reply.hpp"

namespace mcp {

/// A read handler answers {contents:[{uri, mimeType?, text | blob}, ...]}; an unknown URI is
/// the registry's business (-32602 "Resource not found"), not the handler's.
struct Resource {
  std::string uri;
  std::string name;
  std::string title;
  std::string description;
  std::string mime_type;
  std::function<Reply(const std::string& uri, ToolContext& context)> read;
  /// The tools whose data it serves: hidden from (and not found for) a caller who may not use them all.
  std::vector<std::string> uses_tools;
  /// An MCP Apps view (a `ui://` resource): listed only to clients that render views, since it
  /// means nothing to the others (still readable by anyone who has its URI).
  bool app_view = false;
};

struct ResourceTemplate {
  std::string uri_template;  ///< RFC 6570 level 1, e.g. "test://template/{id}/data"
  std::string name;
  std::string title;
  std::string description;
  std::string mime_type;
  std::function<Reply(const std::string& uri, const std::map<std::string, std::string>& variables,
                      ToolContext& context)>
      read;
  /// As Resource::uses_tools.
  std::vector<std::string> uses_tools;
};

class ResourceRegistry {
 public:
  /// Duplicate URIs or names are programming errors (std::logic_error at start-up).
  void add(Resource resource);
  void add_template(ResourceTemplate resource_template);
  /// Accept resources/subscribe (legacy era). Update notifications are the owner's business.
  void set_subscribable(bool value) { subscribable_ = value; }

  [[nodiscard]] bool empty() const { return resources_.empty() && templates_.empty(); }
  [[nodiscard]] bool subscribable() const { return subscribable_; }
  const std::vector<Resource>& resources() const { return resources_; }
  const std::vector<ResourceTemplate>& templates() const { return templates_; }
  const Resource* find(std::string_view uri) const;
  /// The first template matching `uri`, with its variables filled in.
  const ResourceTemplate* match(std::string_view uri, std::map<std::string, std::string>& variables) const;

 private:
  std::vector<Resource> resources_;
  std::vector<ResourceTemplate> templates_;
  bool subscribable_ = false;
};

}  // namespace mcp

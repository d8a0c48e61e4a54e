// The resource registry (see resource_registry.hpp).
#include "mcp/resource_registry.hpp"

#include <stdexcept>

#include "mcp/uri_template.hpp"

namespace mcp {

void ResourceRegistry::add(Resource resource) {
  if (resource.uri.empty() || resource.name.empty() || !resource.read) {
    throw std::logic_error("resource needs a uri, a name and a read handler");
  }
  if (find(resource.uri) != nullptr) throw std::logic_error("duplicate resource uri: " + resource.uri);
  resources_.push_back(std::move(resource));
}

void ResourceRegistry::add_template(ResourceTemplate resource_template) {
  if (resource_template.uri_template.empty() || resource_template.name.empty() || !resource_template.read) {
    throw std::logic_error("resource template needs a uriTemplate, a name and a read handler");
  }
  for (const auto& t : templates_) {
    if (t.uri_template == resource_template.uri_template) {
      throw std::logic_error("duplicate resource template: " + t.uri_template);
    }
  }
  templates_.push_back(std::move(resource_template));
}

const Resource* ResourceRegistry::find(std::string_view uri) const {
  for (const auto& r : resources_) {
    if (r.uri == uri) return &r;
  }
  return nullptr;
}

const ResourceTemplate* ResourceRegistry::match(std::string_view uri,
                                                std::map<std::string, std::string>& variables) const {
  for (const auto& t : templates_) {
    if (auto vars = match_uri_template(t.uri_template, uri)) {
      variables = std::move(*vars);
      return &t;
    }
  }
  return nullptr;
}

}  // namespace mcp

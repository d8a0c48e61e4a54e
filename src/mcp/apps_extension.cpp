#include "mcp/apps_extension.hpp"

namespace mcp::apps {

bool client_renders_views(const util::Json& client_capabilities) {
  if (!client_capabilities.is_object()) return false;
  auto extensions = client_capabilities.find("extensions");
  if (extensions == client_capabilities.end() || !extensions->is_object()) return false;
  auto ui = extensions->find(kExtensionId);
  if (ui == extensions->end() || !ui->is_object()) return false;
  auto mime_types = ui->find("mimeTypes");
  if (mime_types == ui->end() || !mime_types->is_array()) return false;
  for (const util::Json& type : *mime_types) {
    if (type.is_string() && type.get_ref<const std::string&>() == kHtmlMimeType) return true;
  }
  return false;
}

util::Json server_capability() {
  util::Json settings = util::Json::object();
  settings["mimeTypes"] = util::Json::array({std::string(kHtmlMimeType)});
  return settings;
}

}  // namespace mcp::apps

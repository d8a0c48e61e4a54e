// MCP Apps (SEP-1865, extension "io.modelcontextprotocol/ui"): a tool may name a `ui://` HTML
// resource that a host renders its results with. The protocol layer announces the link
// (`_meta.ui.resourceUri` in tools/list) and lists such views only to clients that declared the
// extension with the HTML profile: a client that cannot show a view gains nothing from either,
// and pays for them in context.
#pragma once
#include <string_view>

#include "util/json.hpp"

namespace mcp::apps {

inline constexpr const char* kExtensionId = "io.modelcontextprotocol/ui";
/// The only view format of the extension's first version.
inline constexpr std::string_view kHtmlMimeType = "text/html;profile=mcp-app";

/// True when `client_capabilities` (initialize's, or a 2026-07-28 request's) declares
/// extensions["io.modelcontextprotocol/ui"].mimeTypes containing the HTML profile.
[[nodiscard]] bool client_renders_views(const util::Json& client_capabilities);

/// What the server declares under capabilities.extensions (SEP-1724).
[[nodiscard]] util::Json server_capability();

}  // namespace mcp::apps

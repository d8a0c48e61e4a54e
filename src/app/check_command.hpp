// `halo-psa-mcp check`: proves a deployment works before an assistant depends on it. Validates the
// configuration (already done when we get here), gets a token (the "login" row), then probes
// every data source the tools read with one tiny request, each within its own time budget, and
// prints a table: source -> OK / missing permission (with the permission and the tools that need
// it) / error, with the fix. A failure every later probe would repeat (login refused, Halo
// unreachable or not answering) stops the table there. Exit status 0 only when every source is
// readable.
#pragma once
#include "halo/client.hpp"
#include "tools/tool_deps.hpp"
#include "tools/toolsets.hpp"

namespace app {

int run_check(tools::ToolDeps& deps, const tools::ToolSelection& selection, bool json);

}  // namespace app

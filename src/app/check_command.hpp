// `halo-psa-mcp check`: proves a deployment works before an assistant depends on it. Validates the
// configuration (already done when we get here), gets a token, then probes every data source the
// tools read with one tiny request, and prints a table: source -> OK / missing permission / error,
// with the fix. Exit status 0 only when every source is readable.
#pragma once
#include "halo/client.hpp"

namespace app {

int run_check(halo::Client& client, bool json);

}  // namespace app

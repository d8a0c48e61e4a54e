// `halo-psa-mcp access add|remove|list`: keeps the access file (access_file.hpp) without anyone
// handling a hash by hand. `add` makes a fresh random token, prints it once on stdout (the only
// time it exists anywhere) and stores only its SHA-256. The file is rewritten atomically (a
// temporary file renamed over it, mode 0600), so a server reading it never sees half a file.
#pragma once
#include <string>

namespace app {

struct AccessCommand {
  std::string action;    ///< add, remove, list
  std::string file;      ///< the access file (--file or HALO_MCP_ACCESS_FILE)
  std::string name;      ///< add, remove
  std::string toolsets;  ///< add: comma-separated ("tickets,customers" or "all")
};

/// Exit status: 0 done, 1 the file cannot be read or written, 2 bad arguments (named).
int run_access_command(const AccessCommand& command);

}  // namespace app

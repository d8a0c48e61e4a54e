// A team named by a person ("Service Desk") as Halo's team id, which Halo's ticket filter takes
// (a ticket names its team but does not carry the id). One read of /api/Team per call that needs it.
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "halo/client.hpp"

namespace tools {

struct Teams {
  std::map<std::string, std::int64_t> id_by_lower_name;
  std::map<std::string, std::string> name_by_lower_name;  ///< Halo's spelling
  bool from_cache = false;
};

[[nodiscard]] util::Result<Teams> fetch_teams(halo::Client& client, const halo::CallOptions& options);

}  // namespace tools

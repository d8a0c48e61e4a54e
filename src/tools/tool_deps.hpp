// What the Halo tools need from the outside world, handed to each area's register function.
#pragma once
#include <string>

#include "domain/periods.hpp"
#include "halo/client.hpp"

namespace tools {

struct ToolDeps {
  halo::Client& client;
  const domain::PeriodTable& periods;
  std::string default_currency;  ///< when neither the record nor the client names one
};

}  // namespace tools

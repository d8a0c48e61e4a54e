// What the Halo tools need from the outside world: the Halo client and the settings that shape
// answers (period table, currency, time zone), plus what the process
// learns from the tenant and keeps (its billing-period labels).
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "domain/periods.hpp"
#include "domain/time_zone.hpp"
#include "halo/client.hpp"
#include "tools/tenant_periods.hpp"

namespace tools {

struct ToolDeps {
  halo::Client& client;
  const domain::PeriodTable& periods;
  std::string default_currency;  ///< when neither the record nor the client names one
  domain::TimeZone zone = {};    ///< HALO_TIMEZONE: which day a Halo datetime is on
  double workday_hours = 7.5;    ///< HALO_WORKDAY_HOURS: an agent's available hours per weekday
  /// HALO_DEFAULT_COST_RATE: cents per hour (in default_currency) of an agent with no cost
  /// price; nullopt: not set (client_profitability then shows that labour's cost as unknown).
  std::optional<std::int64_t> default_cost_rate = std::nullopt;
  /// The tenant's own billing-period code -> label tables, learned once per process.
  std::shared_ptr<TenantPeriods> tenant_periods = std::make_shared<TenantPeriods>();
  /// A fixed "now" for figures measured from the present (an SLA's hours left); nullopt: the
  /// system clock. Tests fix it (HALO_MCP_NOW for the executable) so expected values can be
  /// worked out by hand.
  std::optional<domain::Instant> fixed_now = std::nullopt;

  [[nodiscard]] domain::Instant now() const {
    return fixed_now.value_or(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  }
};

}  // namespace tools

// Generated assets (devices) spread over every customer, most with a warranty window; the
// warranties feed the saved "Asset Warranty Expiry" report.
#include "sim/dates.hpp"
#include "sim/generator_state.hpp"
#include "sim/generator_words.hpp"

namespace sim::gen {

using util::Json;
namespace d = dates;

void add_assets(Generation& g) {
  const int count = g.scaled_sqrt(150);
  for (int i = 0; i < count; ++i) {
    const ClientInfo& c = g.clients[static_cast<std::size_t>(i) % g.clients.size()];
    const auto& type = words::kAssetTypes[static_cast<std::size_t>(g.rng.range(0, static_cast<long>(words::kAssetTypes.size()) - 1))];
    std::size_t si = static_cast<std::size_t>(g.rng.range(0, static_cast<long>(c.site_ids.size()) - 1));
    std::size_t ui = static_cast<std::size_t>(g.rng.range(0, static_cast<long>(c.user_ids.size()) - 1));
    bool has_warranty = g.rng.chance(0.8);
    const long warranty_end = g.today + g.rng.range(-400, 900);
    const std::string inventory = c.prefix + "-" + type.code + "-" + std::to_string(100 + i);
    if (has_warranty) {
      g.warranty_rows.push_back(Json{{"Asset", inventory}, {"Client", c.name}, {"Warranty End", d::iso_day(warranty_end)}});
    }
    g.sink.add(Kind::kAssets, Json{{"id", i + 1},
                                   {"inventory_number", inventory},
                                   {"key_field", g.rng.pick(words::kModels)},
                                   {"key_field2", "SN" + std::to_string(g.rng.range(100000, 999999))},
                                   {"key_field3", ""},
                                   {"client_id", c.id},
                                   {"client_name", c.name},
                                   {"site_id", c.site_ids[si]},
                                   {"site_name", c.site_names[si]},
                                   {"assettype_id", type.id},
                                   {"assettype_name", type.name},
                                   {"inactive", c.inactive || g.rng.chance(0.07)},
                                   {"warranty_start", has_warranty ? d::halo_date(g.today - g.rng.range(100, 1400)) : std::string(d::kNoDate)},
                                   {"warranty_end", has_warranty ? d::halo_date(warranty_end) : std::string(d::kNoDate)},
                                   {"contract_id", 0},
                                   {"contract_ref", ""},
                                   {"username", type.id <= 2 || type.id == 8 ? c.user_names[ui] : std::string()},
                                   {"status_id", 1}});
  }
}

}  // namespace sim::gen

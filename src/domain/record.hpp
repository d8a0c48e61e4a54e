// A Halo record as the projections read it, without pulling simdjson into every header that only
// passes records along: simdjson::dom::element, forward-declared. Code that reads fields includes
// domain/halo_fields.hpp (which includes simdjson).
#pragma once

namespace simdjson::dom {
class element;
}  // namespace simdjson::dom

namespace domain {
using Record = simdjson::dom::element;
}  // namespace domain

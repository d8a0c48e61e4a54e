// Realistic inputs for the hot-path benchmarks: list pages exactly as the simulator serves them
// (same generator, same list shaping), fetched once over loopback before any timing starts.
#pragma once
#include <string>

#include "util/json.hpp"

namespace bench {

struct SamplePages {
  std::string tickets;    ///< GET /api/Tickets page 1 of 100
  std::string invoices;   ///< GET /api/Invoice?includecredits=true page 1 of 100
  std::string contracts;  ///< GET /api/ClientContract page 1 of 100
};

/// Starts an in-process simulator at `scale`, reads the pages, stops it. Aborts on failure: a
/// benchmark without its input has nothing to say.
SamplePages fetch_sample_pages(double scale);

/// The generated dataset (the same one the simulator serves at `scale`).
util::Json generated_dataset(double scale);

}  // namespace bench

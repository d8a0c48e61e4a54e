// Opens libcairo with dlopen and resolves CairoApi (see cairo_library.hpp for why it is not
// linked). A missing library is an error the caller reports, never a crash.
#include "charts/cairo_library.hpp"

#include <cstdio>
#include <cstdlib>

#include "util/runtime_library.hpp"

namespace charts {
namespace {

util::Result<const CairoApi*> load() {
  auto library = util::RuntimeLibrary::open(kCairoSoname, "libcairo2");
  if (!library) return util::Unexpected(library.error());
  static CairoApi api;
#define HALO_CAIRO_RESOLVE(name) library->resolve("cairo_" #name, api.name);
  HALO_CAIRO_FUNCTIONS(HALO_CAIRO_RESOLVE)
#undef HALO_CAIRO_RESOLVE
  if (auto resolved = library->done(); !resolved) return util::Unexpected(resolved.error());
  return &api;
}

}  // namespace

const util::Result<const CairoApi*>& cairo_api() {
  static const util::Result<const CairoApi*> loaded = load();  // thread-safe, once
  return loaded;
}

const CairoApi& cairo() {
  const auto& loaded = cairo_api();
  if (!loaded) {
    // Every public entry point goes through lay_out(), which returns this error first; reaching
    // here means a new entry point skipped that check.
    std::fprintf(stderr, "halo-psa-mcp: %s\n", loaded.error().message.c_str());
    std::abort();
  }
  return **loaded;
}

}  // namespace charts

// Opens libcairo with dlopen and resolves CairoApi (see cairo_library.hpp for why it is not
// linked). A missing library is an error the caller reports, never a crash.
#include "charts/cairo_library.hpp"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace charts {
namespace {

util::Result<const CairoApi*> load() {
  // RTLD_LOCAL: cairo's symbols (and its dependencies') stay out of the global namespace.
  void* library = dlopen(kCairoSoname, RTLD_NOW | RTLD_LOCAL);
  auto failed = [](const std::string& why) {
    util::Error error{util::ErrorKind::kConfig, std::string(kCairoSoname) + " could not be loaded: " + why, 0, {}, {},
                      "Install the libcairo2 and fonts-dejavu-core packages to draw charts."};
    return util::Unexpected(std::move(error));
  };
  if (library == nullptr) {
    const char* why = dlerror();
    return failed(why != nullptr ? why : "unknown dynamic loader error");
  }
  static CairoApi api;
  std::string missing;  // the first function not found
  // POSIX guarantees a function's address survives the trip through void*.
#define HALO_CAIRO_RESOLVE(name)                                              \
  if (missing.empty()) {                                                      \
    void* address = dlsym(library, "cairo_" #name);                           \
    if (address == nullptr) missing = "cairo_" #name;                         \
    api.name = reinterpret_cast<decltype(api.name)>(address);                 \
  }
  HALO_CAIRO_FUNCTIONS(HALO_CAIRO_RESOLVE)
#undef HALO_CAIRO_RESOLVE
  if (!missing.empty()) {
    dlclose(library);  // (dlerror()'s text would not survive this: the name is kept instead)
    return failed("it has no " + missing);
  }
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

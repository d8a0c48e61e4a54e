#include "util/runtime_library.hpp"

#include <dlfcn.h>

namespace util {

Error library_error(const char* soname, const char* package, const std::string& why,
                    const std::string& what_to_do) {
  return Error{ErrorKind::kConfig,
               std::string(soname) + " could not be loaded: " + why + "; " +
                   (what_to_do.empty() ? "install " + std::string(package) : what_to_do),
               0,
               {},
               {},
               "Install the " + std::string(package) + " package (Debian/Ubuntu: apt-get install " + package +
                   "), then restart halo-psa-mcp."};
}

Result<RuntimeLibrary> RuntimeLibrary::open(const char* soname, const char* package) {
  // RTLD_LOCAL: the library's symbols (and its dependencies') stay out of the global namespace,
  // so nothing loaded later binds to them by accident.
  void* handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    return Unexpected(library_error(soname, package, why != nullptr ? why : "unknown dynamic loader error"));
  }
  return RuntimeLibrary(handle, soname, package);
}

void* RuntimeLibrary::look_up(const char* name) {
  void* address = dlsym(handle_, name);
  if (address == nullptr) missing_ = name;
  return address;
}

Result<void> RuntimeLibrary::done() {
  if (missing_.empty()) return {};
  close();
  return Unexpected(error("it has no " + missing_));
}

void RuntimeLibrary::close() {
  if (handle_ != nullptr) dlclose(handle_);
  handle_ = nullptr;
}

}  // namespace util

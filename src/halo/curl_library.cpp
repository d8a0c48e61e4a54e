// Opens libcurl with dlopen and resolves the functions of CurlApi; see curl_library.hpp for why
// the product does not link it. A missing or unusable library is a configuration error the user
// can act on, never a crash.
#include "halo/curl_library.hpp"

#include <dlfcn.h>

#include <string>

namespace halo {
namespace {

constexpr const char* kInstallHint =
    "Install the libcurl4 package (Debian/Ubuntu: apt-get install libcurl4), then restart halo-psa-mcp.";

util::Error load_error(const char* soname, const std::string& why, const char* what_to_do) {
  util::Error error{util::ErrorKind::kConfig,
                    std::string(soname) + " could not be loaded: " + why + "; " + what_to_do,
                    0, {}, {}, kInstallHint};
  return error;
}

std::string last_dl_error() {
  const char* text = dlerror();
  return text != nullptr ? text : "unknown dynamic loader error";
}

/// dlsym into a typed function pointer. POSIX guarantees a function's address survives the trip
/// through void*.
template <class Function>
bool resolve(void* library, const char* name, Function& slot) {
  dlerror();  // clears a stale message so a null symbol is told apart from a failure
  void* address = dlsym(library, name);
  if (address == nullptr) return false;
  slot = reinterpret_cast<Function>(address);
  return true;
}

std::string version_text(unsigned version) {
  return std::to_string((version >> 16) & 0xff) + "." + std::to_string((version >> 8) & 0xff) + "." +
         std::to_string(version & 0xff);
}

}  // namespace

util::Result<CurlApi> load_curl_api(const char* soname) {
  // RTLD_LOCAL: libcurl's symbols (and its TLS library's) stay out of the global namespace, so
  // nothing loaded later binds to them by accident.
  void* library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) return util::Unexpected(load_error(soname, last_dl_error(), "install libcurl4"));

  CurlApi api;
  const bool resolved =
      resolve(library, "curl_global_init", api.global_init) &&
      resolve(library, "curl_version_info", api.version_info) &&
      resolve(library, "curl_easy_init", api.easy_init) &&
      resolve(library, "curl_easy_setopt", api.easy_setopt) &&
      resolve(library, "curl_easy_getinfo", api.easy_getinfo) &&
      resolve(library, "curl_easy_strerror", api.easy_strerror) &&
      resolve(library, "curl_easy_cleanup", api.easy_cleanup) &&
      resolve(library, "curl_multi_init", api.multi_init) &&
      resolve(library, "curl_multi_setopt", api.multi_setopt) &&
      resolve(library, "curl_multi_add_handle", api.multi_add_handle) &&
      resolve(library, "curl_multi_remove_handle", api.multi_remove_handle) &&
      resolve(library, "curl_multi_perform", api.multi_perform) &&
      resolve(library, "curl_multi_poll", api.multi_poll) &&
      resolve(library, "curl_multi_wakeup", api.multi_wakeup) &&
      resolve(library, "curl_multi_info_read", api.multi_info_read) &&
      resolve(library, "curl_multi_cleanup", api.multi_cleanup) &&
      resolve(library, "curl_slist_append", api.slist_append) &&
      resolve(library, "curl_slist_free_all", api.slist_free_all);
  if (!resolved) {
    auto error = load_error(soname, last_dl_error(), "install libcurl4");
    dlclose(library);
    return util::Unexpected(std::move(error));
  }

  const curl_version_info_data* info = api.version_info(CURLVERSION_NOW);
  const unsigned version = info != nullptr ? info->version_num : 0;
  if (version < kCurlMinimumVersion) {
    dlclose(library);
    return util::Unexpected(load_error(soname, "its version " + version_text(version) + " is older than " +
                                                   version_text(kCurlMinimumVersion),
                                       "install libcurl4 7.88 or newer"));
  }
  return api;  // the library stays open for the life of the process
}

const util::Result<const CurlApi*>& curl_api() {
  // Function-local statics: C++ runs the initialiser once even when threads race here. The
  // table is plain function pointers, so nothing is torn down at exit under a running transfer.
  static CurlApi table;
  static const util::Result<const CurlApi*> loaded = []() -> util::Result<const CurlApi*> {
    auto api = load_curl_api(kCurlSoname);
    if (!api) return util::Unexpected(api.error());
    const CURLcode init = api->global_init(CURL_GLOBAL_DEFAULT);
    if (init != CURLE_OK) {
      return util::Unexpected(load_error(kCurlSoname, std::string("curl_global_init failed (") +
                                                          api->easy_strerror(init) + ")",
                                         "reinstall libcurl4"));
    }
    table = *api;
    return &table;
  }();
  return loaded;
}

}  // namespace halo

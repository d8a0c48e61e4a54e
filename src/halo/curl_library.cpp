// Opens libcurl with dlopen and resolves the functions of CurlApi; see curl_library.hpp for why
// the product does not link it. A missing or unusable library is a configuration error the user
// can act on, never a crash.
#include "halo/curl_library.hpp"

#include <string>

#include "util/runtime_library.hpp"

namespace halo {
namespace {

std::string version_text(unsigned version) {
  return std::to_string((version >> 16) & 0xff) + "." + std::to_string((version >> 8) & 0xff) + "." +
         std::to_string(version & 0xff);
}

}  // namespace

util::Result<CurlApi> load_curl_api(const char* soname) {
  auto library = util::RuntimeLibrary::open(soname, "libcurl4");
  if (!library) return util::Unexpected(library.error());
  CurlApi api;
  library->resolve("curl_global_init", api.global_init)
      .resolve("curl_version_info", api.version_info)
      .resolve("curl_easy_init", api.easy_init)
      .resolve("curl_easy_setopt", api.easy_setopt)
      .resolve("curl_easy_getinfo", api.easy_getinfo)
      .resolve("curl_easy_strerror", api.easy_strerror)
      .resolve("curl_easy_cleanup", api.easy_cleanup)
      .resolve("curl_multi_init", api.multi_init)
      .resolve("curl_multi_setopt", api.multi_setopt)
      .resolve("curl_multi_add_handle", api.multi_add_handle)
      .resolve("curl_multi_remove_handle", api.multi_remove_handle)
      .resolve("curl_multi_perform", api.multi_perform)
      .resolve("curl_multi_poll", api.multi_poll)
      .resolve("curl_multi_wakeup", api.multi_wakeup)
      .resolve("curl_multi_info_read", api.multi_info_read)
      .resolve("curl_multi_cleanup", api.multi_cleanup)
      .resolve("curl_slist_append", api.slist_append)
      .resolve("curl_slist_free_all", api.slist_free_all);
  if (auto resolved = library->done(); !resolved) return util::Unexpected(resolved.error());

  const curl_version_info_data* info = api.version_info(CURLVERSION_NOW);
  const unsigned version = info != nullptr ? info->version_num : 0;
  if (version < kCurlMinimumVersion) {
    auto error = library->error("its version " + version_text(version) + " is older than " +
                                    version_text(kCurlMinimumVersion),
                                "install libcurl4 7.88 or newer");
    library->close();
    return util::Unexpected(std::move(error));
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
      return util::Unexpected(util::library_error(
          kCurlSoname, "libcurl4", std::string("curl_global_init failed (") + api->easy_strerror(init) + ")",
          "reinstall libcurl4"));
    }
    table = *api;
    return &table;
  }();
  return loaded;
}

}  // namespace halo

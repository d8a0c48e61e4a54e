// libcurl opened at run time (dlopen) instead of linked: its dependency tree (TLS, Kerberos, LDAP,
// SSH, RTMP, IDN, ... some thirty shared libraries) cost the server's cold start more than all its
// own code, and a server answers initialize and tools/list without ever contacting Halo. The HTTP
// engine asks for the table below on its first transfer; <curl/curl.h> still gives types and
// constants.
#pragma once
#include <curl/curl.h>

#include "util/result.hpp"

namespace halo {

/// The soname the product loads: the ABI of libcurl 7.16 and later (Debian's package libcurl4).
inline constexpr const char* kCurlSoname = "libcurl.so.4";
/// The oldest libcurl the engine accepts (CURLOPT_PROTOCOLS_STR needs 7.85; Debian 12 has 7.88).
inline constexpr unsigned kCurlMinimumVersion = 0x075800;  // 7.88.0

/// The libcurl functions the engine calls. Member names drop the curl_ prefix on purpose: curl.h
/// defines curl_easy_setopt and curl_easy_getinfo as type-checking macros under GCC, which would
/// expand on `api.curl_easy_setopt(...)`.
struct CurlApi {
  CURLcode (*global_init)(long flags) = nullptr;
  curl_version_info_data* (*version_info)(CURLversion stamp) = nullptr;
  CURL* (*easy_init)() = nullptr;
  CURLcode (*easy_setopt)(CURL* easy, CURLoption option, ...) = nullptr;
  CURLcode (*easy_getinfo)(CURL* easy, CURLINFO info, ...) = nullptr;
  const char* (*easy_strerror)(CURLcode code) = nullptr;
  void (*easy_cleanup)(CURL* easy) = nullptr;
  CURLM* (*multi_init)() = nullptr;
  CURLMcode (*multi_setopt)(CURLM* multi, CURLMoption option, ...) = nullptr;
  CURLMcode (*multi_add_handle)(CURLM* multi, CURL* easy) = nullptr;
  CURLMcode (*multi_remove_handle)(CURLM* multi, CURL* easy) = nullptr;
  CURLMcode (*multi_perform)(CURLM* multi, int* running) = nullptr;
  CURLMcode (*multi_poll)(CURLM* multi, curl_waitfd extra_fds[], unsigned extra_nfds, int timeout_ms,
                          int* ret) = nullptr;
  CURLMcode (*multi_wakeup)(CURLM* multi) = nullptr;
  CURLMsg* (*multi_info_read)(CURLM* multi, int* remaining) = nullptr;
  CURLMcode (*multi_cleanup)(CURLM* multi) = nullptr;
  curl_slist* (*slist_append)(curl_slist* list, const char* text) = nullptr;
  void (*slist_free_all)(curl_slist* list) = nullptr;
};

/// libcurl.so.4, loaded, checked (kCurlMinimumVersion) and globally initialised once per process,
/// thread-safely; every later call returns the same table, or the same kConfig error when the
/// library is missing or unusable. The library is never unloaded.
[[nodiscard]] const util::Result<const CurlApi*>& curl_api();

/// Opens `soname` and resolves the table and checks its version, without caching and without
/// curl_global_init: the work curl_api() does once, callable with another name (tests name one
/// that does not exist). Errors are kConfig and name the library.
[[nodiscard]] util::Result<CurlApi> load_curl_api(const char* soname);

}  // namespace halo

// RAII ownership of libcurl handles, and the one-time global initialisation libcurl requires
// before any thread uses it.
#pragma once
#include <curl/curl.h>

#include <memory>

namespace halo {

struct CurlEasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct CurlMultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
struct CurlSlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlMulti = std::unique_ptr<CURLM, CurlMultiDeleter>;
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistDeleter>;

/// curl_global_init(CURL_GLOBAL_DEFAULT) exactly once per process, thread-safely.
void ensure_curl_global_init();

}  // namespace halo

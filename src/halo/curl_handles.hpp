// RAII ownership of libcurl handles. libcurl is loaded at run time (curl_library.hpp), so each
// deleter carries the cleanup function of the table that made its handle.
#pragma once
#include <curl/curl.h>

#include <memory>
#include <string>
#include <vector>

#include "halo/curl_library.hpp"

namespace halo {

struct CurlEasyDeleter {
  void (*cleanup)(CURL*) = nullptr;
  void operator()(CURL* easy) const { cleanup(easy); }
};
struct CurlMultiDeleter {
  CURLMcode (*cleanup)(CURLM*) = nullptr;
  void operator()(CURLM* multi) const { cleanup(multi); }
};
struct CurlSlistDeleter {
  void (*free_all)(curl_slist*) = nullptr;
  void operator()(curl_slist* list) const { free_all(list); }
};

using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlMulti = std::unique_ptr<CURLM, CurlMultiDeleter>;
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistDeleter>;

[[nodiscard]] CurlEasy make_easy(const CurlApi& curl);
[[nodiscard]] CurlMulti make_multi(const CurlApi& curl);
/// An owned header list holding `headers` ("Name: value" each), null when `headers` is empty.
[[nodiscard]] CurlSlist make_header_list(const CurlApi& curl, const std::vector<std::string>& headers);

}  // namespace halo

// Makers of owned libcurl handles: each handle comes with the deleter of the table that made it.
#include "halo/curl_handles.hpp"

namespace halo {

CurlEasy make_easy(const CurlApi& curl) { return CurlEasy(curl.easy_init(), {curl.easy_cleanup}); }

CurlMulti make_multi(const CurlApi& curl) { return CurlMulti(curl.multi_init(), {curl.multi_cleanup}); }

CurlSlist make_header_list(const CurlApi& curl, const std::vector<std::string>& headers) {
  CurlSlist list(nullptr, {curl.slist_free_all});
  for (const auto& header : headers) {
    // curl_slist_append returns null (and leaves the list as it was) when out of memory.
    curl_slist* longer = curl.slist_append(list.get(), header.c_str());
    if (longer == nullptr) break;
    list.release();
    list.reset(longer);
  }
  return list;
}

}  // namespace halo

// One-time libcurl initialisation (it is not thread-safe to call concurrently).
#include "halo/curl_handles.hpp"

#include <mutex>

namespace halo {

void ensure_curl_global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace halo

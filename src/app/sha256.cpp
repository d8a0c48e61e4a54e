#include "app/sha256.hpp"

#include <cstddef>

#include "util/runtime_library.hpp"

namespace app {
namespace {

// The two libcrypto functions used, with OpenSSL 3's signatures (EVP_MD and ENGINE stay opaque).
struct CryptoApi {
  const void* (*evp_sha256)() = nullptr;
  int (*evp_digest)(const void* data, std::size_t count, unsigned char* md, unsigned int* size, const void* type,
                    void* engine) = nullptr;
};

util::Result<CryptoApi> load() {
  auto library = util::RuntimeLibrary::open(kCryptoSoname, "libssl3");
  if (!library) return util::Unexpected(library.error());
  CryptoApi api;
  library->resolve("EVP_sha256", api.evp_sha256).resolve("EVP_Digest", api.evp_digest);
  if (auto resolved = library->done(); !resolved) return util::Unexpected(resolved.error());
  return api;
}

}  // namespace

util::Result<std::string> sha256_hex(std::string_view data) {
  static const util::Result<CryptoApi> api = load();  // thread-safe, once; never unloaded
  if (!api) return util::Unexpected(api.error());
  unsigned char digest[32];
  unsigned int size = 0;
  if (api->evp_digest(data.data(), data.size(), digest, &size, api->evp_sha256(), nullptr) != 1 || size != 32) {
    return util::fail(util::ErrorKind::kInternal, "SHA-256 failed in libcrypto");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(64, '0');
  for (std::size_t i = 0; i < 32; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 0x0f];
  }
  return hex;
}

}  // namespace app

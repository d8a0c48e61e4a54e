// SHA-256, from OpenSSL's libcrypto opened at run time (dlopen), as libcurl and cairo are: the
// access file stores the hashes of bearer tokens, and a server without one (stdio, one shared
// token) should not pay libcrypto's load at start-up for it.
#pragma once
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace app {

/// The soname loaded: OpenSSL 3 (Debian 12's libssl3, which libcurl already depends on).
inline constexpr const char* kCryptoSoname = "libcrypto.so.3";

/// The SHA-256 of `data` as 64 lowercase hex digits. kConfig when libcrypto cannot be loaded.
[[nodiscard]] util::Result<std::string> sha256_hex(std::string_view data);

}  // namespace app

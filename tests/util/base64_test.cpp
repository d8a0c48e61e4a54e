// Base64 against RFC 4648's own test vectors (section 10), both alphabets.
#include "util/base64.hpp"

#include <gtest/gtest.h>

namespace {

TEST(Base64, Rfc4648VectorsRoundTrip) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},         {"f", "Zg=="},        {"fo", "Zm8="},        {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(util::base64_encode(plain), encoded) << plain;
    EXPECT_EQ(util::base64_decode(encoded), std::optional<std::string>(plain)) << encoded;
  }
}

TEST(Base64, BinaryBytesUseBothAlphabetsDifferently) {
  // 0xFB 0xFF: 111110 111111 1111(00) -> indices 62, 63, 60: "+/8=" standard, "-_8" URL-safe.
  const std::string bytes("\xFB\xFF", 2);
  EXPECT_EQ(util::base64_encode(bytes), "+/8=");
  EXPECT_EQ(util::base64url_encode(bytes), "-_8");
  EXPECT_EQ(util::base64_decode("+/8="), bytes);
  EXPECT_EQ(util::base64url_decode("-_8"), bytes);
}

TEST(Base64, MalformedTextIsRefused) {
  EXPECT_FALSE(util::base64_decode("Zm9"));     // not a multiple of 4
  EXPECT_FALSE(util::base64_decode("Zm9v!A=="));
  EXPECT_FALSE(util::base64url_decode("+/8"));  // standard characters in URL-safe text
}

}  // namespace

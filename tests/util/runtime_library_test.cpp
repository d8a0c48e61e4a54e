// util::RuntimeLibrary: a library that is not there, or lacks a function, is an error naming the
// library, the reason and the package to install; one that has every function resolves them.
#include <gtest/gtest.h>

#include "util/runtime_library.hpp"

namespace {

TEST(RuntimeLibrary, AMissingLibraryNamesItselfTheLoadersReasonAndThePackage) {
  auto library = util::RuntimeLibrary::open("libhalo-test-absent.so.1", "libhalo-absent1");
  ASSERT_FALSE(library);
  EXPECT_EQ(library.error().kind, util::ErrorKind::kConfig);
  EXPECT_EQ(library.error().message.rfind("libhalo-test-absent.so.1 could not be loaded: ", 0), 0u)
      << library.error().message;
  EXPECT_NE(library.error().message.find("cannot open shared object file"), std::string::npos);
  EXPECT_NE(library.error().message.find("; install libhalo-absent1"), std::string::npos) << library.error().message;
  EXPECT_NE(library.error().hint.find("apt-get install libhalo-absent1"), std::string::npos) << library.error().hint;
}

TEST(RuntimeLibrary, FunctionsResolveAndTheFirstMissingOneIsNamed) {
  // libm is on every machine: cos and sqrt are there, curl_easy_init is not.
  auto libm = util::RuntimeLibrary::open("libm.so.6", "libc6");
  ASSERT_TRUE(libm) << libm.error().message;
  double (*cosine)(double) = nullptr;
  double (*root)(double) = nullptr;
  ASSERT_TRUE(libm->resolve("cos", cosine).resolve("sqrt", root).done());
  ASSERT_NE(cosine, nullptr);
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(cosine(0.0), 1.0);
  EXPECT_EQ(root(49.0), 7.0);

  auto again = util::RuntimeLibrary::open("libm.so.6", "libc6");
  ASSERT_TRUE(again);
  void* (*absent)() = nullptr;
  void* (*also_absent)() = nullptr;
  double (*after)(double) = nullptr;
  const auto resolved =
      again->resolve("curl_easy_init", absent).resolve("curl_easy_cleanup", also_absent).resolve("cos", after).done();
  ASSERT_FALSE(resolved);
  EXPECT_EQ(resolved.error().message, "libm.so.6 could not be loaded: it has no curl_easy_init; install libc6");
  EXPECT_EQ(after, nullptr) << "names after the first missing one are skipped";
}

}  // namespace

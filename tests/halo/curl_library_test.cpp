// libcurl loaded at run time: a missing or foreign library is a configuration error naming it and
// saying what to install (never a crash), and the real one loads once for the whole process.
#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "halo/curl_library.hpp"

namespace {

TEST(CurlLibrary, AMissingLibraryIsAConfigErrorThatSaysWhatToInstall) {
  auto api = halo::load_curl_api("libhalo-test-no-such-curl.so.4");
  ASSERT_FALSE(api);
  EXPECT_EQ(api.error().kind, util::ErrorKind::kConfig);
  EXPECT_EQ(api.error().message.rfind("libhalo-test-no-such-curl.so.4 could not be loaded: ", 0), 0u)
      << api.error().message;
  // The loader's own words follow (glibc: "cannot open shared object file").
  EXPECT_NE(api.error().message.find("cannot open shared object file"), std::string::npos) << api.error().message;
  EXPECT_NE(api.error().message.find("; install libcurl4"), std::string::npos) << api.error().message;
  EXPECT_NE(api.error().hint.find("libcurl4"), std::string::npos) << api.error().hint;
}

TEST(CurlLibrary, ALibraryWithoutCurlsFunctionsIsRefusedNamingTheFirstMissingOne) {
  // libm is present everywhere and exports no curl_* function.
  auto api = halo::load_curl_api("libm.so.6");
  ASSERT_FALSE(api);
  EXPECT_EQ(api.error().kind, util::ErrorKind::kConfig);
  EXPECT_NE(api.error().message.find("libm.so.6 could not be loaded"), std::string::npos) << api.error().message;
  EXPECT_NE(api.error().message.find("curl_global_init"), std::string::npos) << api.error().message;
}

TEST(CurlLibrary, TheInstalledLibcurlLoadsWithEveryFunctionAndIsRecentEnough) {
  auto api = halo::load_curl_api(halo::kCurlSoname);
  ASSERT_TRUE(api) << api.error().message;
  for (const void* function :
       {reinterpret_cast<const void*>(api->easy_init), reinterpret_cast<const void*>(api->multi_poll),
        reinterpret_cast<const void*>(api->slist_free_all)}) {
    EXPECT_NE(function, nullptr);
  }
  EXPECT_GE(api->version_info(CURLVERSION_NOW)->version_num, 0x075800u);  // 7.88.0
}

TEST(CurlLibrary, ThreadsRacingForTheLibraryAllGetTheOneTable) {
  std::vector<const halo::CurlApi*> seen(8, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&seen, i] {
      const auto& api = halo::curl_api();
      if (api) seen[i] = *api;
    });
  }
  for (auto& thread : threads) thread.join();
  const std::set<const halo::CurlApi*> distinct(seen.begin(), seen.end());
  ASSERT_EQ(distinct.size(), 1u);
  ASSERT_NE(*distinct.begin(), nullptr) << halo::curl_api().error().message;
  // Initialised: a handle can be made and freed through the table.
  const halo::CurlApi& curl = **distinct.begin();
  CURL* easy = curl.easy_init();
  ASSERT_NE(easy, nullptr);
  curl.easy_cleanup(easy);
}

}  // namespace
